import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const made: string[] = [];

/** A fresh folder under the system temp folder, removed after the test file by `removeTempDirs`. */
export function makeTempDir(purpose: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `bgtask-lint-${purpose}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
