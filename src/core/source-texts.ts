import { readFileSync } from "node:fs";
import { UsageError } from "./errors.js";

/** A file's text, or undefined when it cannot be read. */
export function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The source files of one run, each read from disk once: for hashing (--cache), for linting,
 * and for the frontends' project-wide looks (which packages the files name), which would
 * otherwise read every file again.
 */
export class SourceTexts {
  private readonly texts = new Map<string, string | null>();

  /** The file's text; a one-line UsageError when it cannot be read. */
  read(file: string): string {
    const text = this.peek(file);
    if (text !== undefined) return text;
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }

  /** The file's text, or undefined when it cannot be read. */
  peek(file: string): string | undefined {
    let text = this.texts.get(file);
    if (text === undefined) {
      text = readTextOrUndefined(file) ?? null;
      this.texts.set(file, text);
    }
    return text ?? undefined;
  }
}
