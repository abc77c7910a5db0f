import path from "node:path";
import type { NearestManifest } from "./package-manifests.js";

/** The names of the package's scripts whose command names the file (`tsx dev-server.ts`, `node ./scripts/seed.js`). */
export function scriptsNaming(nearest: NearestManifest, filePath: string): string[] {
  const relative = path.relative(nearest.dir, filePath).split(path.sep).join("/");
  return Object.entries(nearest.manifest.scripts ?? {}).flatMap(([name, command]) =>
    typeof command === "string" && command.split(/[\s;&|]+/).some((word) => word.replace(/^\.\//, "") === relative) ? [name] : [],
  );
}
