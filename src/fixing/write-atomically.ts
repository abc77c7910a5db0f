import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Replaces a file's text without ever leaving it half-written: the text goes to a temporary
 * file in the same folder, with the original's mode, which is then renamed over the original.
 */
export function writeAtomically(filePath: string, text: string): void {
  const { mode } = statSync(filePath);
  const temporary = path.join(path.dirname(filePath), `.${path.basename(filePath)}.bgtask-lint-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { encoding: "utf8", mode });
    renameSync(temporary, filePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
