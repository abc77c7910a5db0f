import path from "node:path";
import type { PackageManifests } from "./package-manifests.js";
import { scriptsNaming } from "./package-scripts.js";

/** Script names that run a package for local development: `dev`, `dev:postgres`, `start:dev`. */
const DEVELOPMENT_SCRIPT = /^(dev|develop)(:|$)|:dev$/;

/**
 * A local development tool: a file that a `dev` script of its package runs (`"dev": "tsx
 * dev-server.ts"`), that no other script runs, and that lies outside the package's build (its
 * tsconfig's `rootDir`), so it is never shipped or run in production. Its tasks are a
 * developer's, like a test file's. A dev script that runs the app's own entry (`tsx watch
 * src/index.ts`) does not make it one: that file is inside the build.
 */
export function isDevelopmentTool(filePath: string, manifests: PackageManifests, rootDir: string | undefined): boolean {
  if (rootDir === undefined || !path.relative(rootDir, filePath).startsWith("..")) return false;
  const nearest = manifests.nearest(path.dirname(filePath));
  const scripts = nearest ? scriptsNaming(nearest, filePath) : [];
  return scripts.length > 0 && scripts.every((name) => DEVELOPMENT_SCRIPT.test(name));
}
