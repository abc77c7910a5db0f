import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.js";

/**
 * Replaces a file's text without ever leaving it half-written: the text goes to a temporary
 * file next to the real file (a symlink is followed, not replaced), given the original's mode
 * (set after writing: the umask would change it), and renamed over the original. A file that
 * cannot be written is a one-line error naming it.
 */
export function writeAtomically(filePath: string, text: string): void {
  let temporary: string | undefined;
  try {
    const target = realpathSync(filePath);
    const { mode } = statSync(target);
    temporary = path.join(path.dirname(target), `.${path.basename(target)}.bgtask-lint-${process.pid}.tmp`);
    writeFileSync(temporary, text, { encoding: "utf8", mode: 0o600 });
    chmodSync(temporary, mode & 0o7777);
    renameSync(temporary, target);
  } catch (error) {
    if (temporary) rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${filePath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
