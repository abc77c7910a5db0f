import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeTempDir } from "./temp-dir.js";

export const BIN = path.resolve(import.meta.dirname, "../../bin/bgtask-lint.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher, as a user would, in `cwd`. */
export function runCli(args: readonly string[], cwd: string): CliRun {
  const env = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined };
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Writes a throwaway project: path -> contents. */
export function makeProject(files: Record<string, string>): string {
  const root = makeTempDir("test");
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  return root;
}

/** A task that JSON.parse can make throw: one finding at 1:12. */
export const UNGUARDED = 'setTimeout(() => JSON.parse("{"), 10);\n';
export const GUARDED = 'setTimeout(() => { try { JSON.parse("{"); } catch (error) { console.error(error); } }, 10);\n';
