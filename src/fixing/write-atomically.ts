import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.js";

/**
 * Replaces a file's text without ever leaving it half-written: the text goes to a temporary
 * file in the same folder, with the original's mode, which is then renamed over the original.
 * A file that cannot be written is a one-line error naming it.
 */
export function writeAtomically(filePath: string, text: string): void {
  const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.bgtask-lint-${process.pid}.tmp`);
  try {
    const { mode } = statSync(filePath);
    writeFileSync(temporary, text, { encoding: "utf8", mode });
    renameSync(temporary, filePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
