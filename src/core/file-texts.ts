import { readFileSync } from "node:fs";

/**
 * Files' texts, each read from the disk once per session: the frontend reads every linted file
 * for its project-wide indexes before linting reaches it, and linting then read each again.
 * Holding them costs little: a parsed file keeps the same string as its text.
 */
export class FileTexts {
  private readonly texts = new Map<string, string>();

  /** The file's text; throws the file system's error when it cannot be read. */
  read(filePath: string): string {
    let text = this.texts.get(filePath);
    if (text === undefined) {
      text = readFileSync(filePath, "utf8");
      this.texts.set(filePath, text);
    }
    return text;
  }

  /** The file's text, or undefined when it cannot be read. */
  readIfPossible(filePath: string): string | undefined {
    try {
      return this.read(filePath);
    } catch {
      return undefined;
    }
  }
}
