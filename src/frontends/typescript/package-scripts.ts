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
export function isCommand(nearest: NearestManifest, filePath: string): boolean {
  const bin = nearest.manifest.bin;
  const targets = typeof bin === "string" ? [bin] : bin !== null && typeof bin === "object" ? Object.values(bin) : [];
  const relative = relativePath(nearest, filePath);
  return targets.some((target) => typeof target === "string" && target.replace(/^\.\//, "") === relative);
}

function relativePath(nearest: NearestManifest, filePath: string): string {
  return path.relative(nearest.dir, filePath).split(path.sep).join("/");
}
