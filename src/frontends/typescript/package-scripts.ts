import path from "node:path";
import type { NearestManifest } from "./package-manifests.js";

/** The names of the package's scripts whose command names the file (`tsx dev-server.ts`, `node ./scripts/seed.js`). */
export function scriptsNaming(nearest: NearestManifest, filePath: string): string[] {
  const relative = relativePath(nearest, filePath);
  return Object.entries(nearest.manifest.scripts ?? {}).flatMap(([name, command]) =>
    typeof command === "string" && command.split(/[\s;&|]+/).some((word) => word.replace(/^\.\//, "") === relative) ? [name] : [],
  );
}

/** The package's `bin` names the file: a command of its own, run in a process of its own. */
function isCommand(nearest: NearestManifest, filePath: string): boolean {
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
  return scriptsNaming(nearest, filePath).length > 0 || isCommand(nearest, filePath);
}

function relativePath(nearest: NearestManifest, filePath: string): string {
  return path.relative(nearest.dir, filePath).split(path.sep).join("/");
}
