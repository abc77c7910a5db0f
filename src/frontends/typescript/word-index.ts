import { readTextOrUndefined } from "../../core/source-texts.js";

const WORD = /[\w$-]+/g;

/** A name the index can count: one word (`publish_npm`, `sync-worker`, not `build.config`). */
export function isIndexedWord(name: string): boolean {
  return /^[\w$-]+$/.test(name);
}

/** Whether a text has the word as a whole word. */
export function hasWord(text: string, word: string): boolean {
  return (text.match(WORD) ?? ([] as string[])).includes(word);
}

/**
 * How many source files of a workspace mention each word (`sync-worker`, `publish_npm`), read
 * once per workspace without keeping the texts: for telling which scripts no other file names.
 */
export class WordIndex {
  private readonly byWorkspace = new Map<string, Map<string, number>>();

  filesMentioning(root: string, files: readonly string[], word: string): number {
    let counts = this.byWorkspace.get(root);
    if (!counts) {
      counts = new Map();
      for (const file of files) {
        for (const found of new Set(readTextOrUndefined(file)?.match(WORD) ?? [])) counts.set(found, (counts.get(found) ?? 0) + 1);
      }
      this.byWorkspace.set(root, counts);
    }
    return counts.get(word) ?? 0;
  }
}
