import path from "node:path";
import type { NearestManifest } from "./package-manifests.js";

/** The names of the package's scripts whose command names the file (`tsx dev-server.ts`, `node ./scripts/seed.js`). */
export function scriptsNaming(nearest: NearestManifest, filePath: string): string[] {
  const relative = relativePath(nearest, filePath);
  return Object.entries(nearest.manifest.scripts ?? {}).flatMap(([name, command]) =>
    typeof command === "string" && command.split(/[\s;&|]+/).some((word) => word.replace(/^\.\//, "") === relative) ? [name] : [],
  );
}

/** Words that run the next word's command: `cross-env NODE_ENV=x electron main.js`, `npx electron .`, `pnpm exec tsup`. */
const PASS_THROUGH = new Set(["cross-env", "npx", "pnpx", "bunx", "pnpm", "yarn", "exec", "env", "dotenv", "--"]);

/** Programs that turn the files they are given into others (bundlers, compilers) instead of running them. */
const BUILDERS = new Set(["esbuild", "tsup", "tsdown", "rollup", "webpack", "tsc", "swc", "babel", "ncc", "parcel", "microbundle", "unbuild"]);

/**
 * The program, and the word after it, of the step of a script that names a file (`electron` of
 * `tsc && electron main.js`), past variable settings and launchers (`cross-env NODE_ENV=x`).
 */
function stepProgram(command: string, relative: string): { program: string; next: string | undefined; words: string[] } | undefined {
  const step = command.split(/&&|\|\||[;&|]/).find((part) => part.split(/\s+/).some((word) => word.replace(/^\.\//, "") === relative));
  const words = step?.trim().split(/\s+/) ?? [];
  const at = words.findIndex((word) => !PASS_THROUGH.has(word) && !/^\w+=/.test(word));
  return at < 0 ? undefined : { program: words[at]!, next: words[at + 1], words };
}

/** The program a package script runs a file with (`electron` of `"start": "electron main.js"`). */
export function launcherOf(nearest: NearestManifest, script: string, filePath: string): string | undefined {
  return stepOf(nearest, script, filePath)?.program;
}

/** The names of the package's scripts that run the file (`tsx dev-server.ts`), not those that only build it (`bun build ./src/extension.ts`). */
export function scriptsRunning(nearest: NearestManifest, filePath: string): string[] {
  return scriptsNaming(nearest, filePath).filter((name) => !builderStep(nearest, name, filePath));
}

/**
 * A script builds the file into a bundle of its own, not into the package's `main`, which runs
 * where the package runs: the main is the step's output file (`--outfile=out/main.js`), or,
 * without one, has the file's path below their top folders (`bun build ./src/extension.ts` for
 * `"main": "./dist/extension.js"`, not `src/server/index.ts` for `dist/index.js`).
 */
function bundlesApart(nearest: NearestManifest, filePath: string): boolean {
  return scriptsNaming(nearest, filePath).some((name) => {
    const step = builderStep(nearest, name, filePath);
    return step !== undefined && !buildsMain(nearest, step.words, filePath);
  });
}

function stepOf(nearest: NearestManifest, script: string, filePath: string): ReturnType<typeof stepProgram> {
  return stepProgram(String(nearest.manifest.scripts?.[script]), relativePath(nearest, filePath));
}

/** The step of a script that gives the file to a bundler or compiler, if it does. */
function builderStep(nearest: NearestManifest, script: string, filePath: string): ReturnType<typeof stepProgram> {
  const step = stepOf(nearest, script, filePath);
  return step && (BUILDERS.has(step.program) || (step.program === "bun" && step.next === "build")) ? step : undefined;
}

function buildsMain(nearest: NearestManifest, words: readonly string[], filePath: string): boolean {
  const main = nearest.manifest.main;
  if (typeof main !== "string") return false;
  // `-o dist` of ncc names a folder: only an output with a script's extension is a file.
  const outfile = words
    .map((word, at) => (word.startsWith("--outfile=") ? word.slice("--outfile=".length) : word === "--outfile" || word === "-o" ? words[at + 1] : undefined))
    .find((output) => output !== undefined && SCRIPT_EXTENSION.test(output));
  if (outfile !== undefined) return withoutExtension(outfile) === withoutExtension(main);
  return belowTopFolder(main) === belowTopFolder(relativePath(nearest, filePath));
}

/** `./dist/server/index.js` as `server/index`: the path inside the source or output folder, without extension. */
function belowTopFolder(file: string): string {
  const parts = withoutExtension(file).split("/");
  return parts.length > 1 ? parts.slice(1).join("/") : parts[0]!;
}

const SCRIPT_EXTENSION = /\.[cm]?[jt]sx?$/;

function withoutExtension(file: string): string {
  return file.replace(/^\.\//, "").replace(SCRIPT_EXTENSION, "");
}

/** The package's `bin` names the file: a command of its own, run in a process of its own. */
export function isCommand(nearest: NearestManifest, filePath: string): boolean {
  const bin = nearest.manifest.bin;
  const targets = typeof bin === "string" ? [bin] : bin !== null && typeof bin === "object" ? Object.values(bin) : [];
  const relative = relativePath(nearest, filePath);
  return targets.some((target) => typeof target === "string" && target.replace(/^\.\//, "") === relative);
}

/** How Node finds the file of a package's `main` (`src/` is `src/index.js`). */
const MAIN_FORMS = ["", ".js", ".cjs", ".mjs", "/index.js", "/index.cjs", "/index.mjs"];

/**
 * The file the package runs as its process: the one its `start` script names (`node
 * src/server.js`), or its `main` (`node .` runs it; `"main": "src/"` is `src/index.js`).
 */
export function isMainEntry(nearest: NearestManifest, filePath: string): boolean {
  if (scriptsNaming(nearest, filePath).includes("start")) return true;
  const main = (typeof nearest.manifest.main === "string" ? nearest.manifest.main : "index.js").replace(/^\.\//, "").replace(/\/+$/, "");
  const relative = relativePath(nearest, filePath);
  return MAIN_FORMS.some((form) => `${main}${form}`.replace(/^\//, "") === relative);
}

/** A file the package runs in a process of its own: a script or a command names it. */
export function runsOnItsOwn(nearest: NearestManifest, filePath: string): boolean {
  return scriptsRunning(nearest, filePath).length > 0 || bundlesApart(nearest, filePath) || isCommand(nearest, filePath);
}

function relativePath(nearest: NearestManifest, filePath: string): string {
  return path.relative(nearest.dir, filePath).split(path.sep).join("/");
}
