import path from "node:path";
import { createTwoFilesPatch } from "diff";

/** A unified diff of one file's fix, with paths relative to `cwd` (as `git diff` prints them). */
export function unifiedDiff(filePath: string, before: string, after: string, cwd: string): string {
  const name = path.relative(cwd, filePath).split(path.sep).join("/");
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, "");
}
