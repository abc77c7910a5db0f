import path from "node:path";
import type { PackageManifests } from "./package-manifests.js";
import { scriptsNaming } from "./package-scripts.js";

/** Script names that run a package for local development: `dev`, `dev:postgres`, `start:dev`. */
const DEVELOPMENT_SCRIPT = /^(dev|develop)(:|$)|:dev$/;
/** Script names that build a package: `build`, `prebuild`, `postbuild`, `build:ui`, `ui:build`. */
const BUILD_SCRIPT = /^(pre|post)?build(:|$)|:build$/;

export type DevelopmentTool = "dev script" | "build step";

/**
 * What kind of local development tool a file is, if it is one: a file that only `dev` scripts of
 * its package run (`"dev": "tsx dev-server.ts"`) and that lies outside the package's build (its
 * tsconfig's `rootDir`), so it is never shipped or run in production; or a file that only build
 * scripts run (`"build": "node -r ts-node/register build.ts"`), where an uncaught error fails the
 * build, as a failing build step should. Its tasks are a developer's, like a test file's. A dev
 * script that runs the app's own entry (`tsx watch src/index.ts`) does not make it one: that
 * file is inside the build.
 */
export function developmentToolKind(filePath: string, manifests: PackageManifests, rootDir: string | undefined): DevelopmentTool | undefined {
  const nearest = manifests.nearest(path.dirname(filePath));
  const scripts = nearest ? scriptsNaming(nearest, filePath) : [];
  if (scripts.length === 0) return undefined;
  if (scripts.every((name) => BUILD_SCRIPT.test(name))) return "build step";
  const outsideBuild = rootDir !== undefined && path.relative(rootDir, filePath).startsWith("..");
  return outsideBuild && scripts.every((name) => DEVELOPMENT_SCRIPT.test(name)) ? "dev script" : undefined;
}
