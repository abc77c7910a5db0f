import path from "node:path";
import type { NearestManifest, PackageManifests } from "./package-manifests.js";
import { isCommand, isMainEntry, scriptsNaming, scriptsRunning } from "./package-scripts.js";
import { hasWord, isIndexedWord } from "./word-index.js";

/** Script names that run a package for local development: `dev`, `dev:postgres`, `start:dev`. */
const DEVELOPMENT_SCRIPT = /^(dev|develop)(:|$)|:dev$/;
/** Script names that build a package: `build`, `prebuild`, `postbuild`, `build:ui`, `ui:build`. */
const BUILD_SCRIPT = /^(pre|post)?build(:|$)|:build$/;

/**
 * Script names of commands that end when done: releases, generators, docs, migrations, seeds,
 * checks, tests, lifecycle hooks (`gendocs`, `docs:generate`, `db:migrate`, `prepublishOnly`).
 * A name not like these (`poll`, `cron`, `bot`) may start something that keeps running.
 */
const ONE_SHOT_SCRIPT = /^(?:(?:pre|post)(?:build|install|publish|version|pack|test|release|deploy)|prepare|prepublishOnly)$|^(?:[\w-]+:)*(?:release|publish|deploy|gen|gendocs|generate|docs?|migrate|migrations?|seed|populate|version|changelog|bump|clean|copy|setup|check|verify|validate|update|upgrade|download|fetch|import|export|backup|reset|init|bootstrap|scan|report|stats|test|config)(?::[\w-]+)*$/i;
/** Words of a script name that start something that keeps running: `start:exporter`, `dev`, `watch`. */
const SERVICE_WORD = /(^|[:_-])(start|serve|server|dev|watch|worker|daemon|poll|listen|cron|bot|consume|queue)([:_-]|$)/i;

export type DevelopmentTool = "dev script" | "build step" | "one-shot script" | "hand-run script";

/** What tells a script run by hand from the package's code. */
export interface ProjectLayout {
  manifests: PackageManifests;
  /** The file's tsconfig.json's `rootDir`. */
  rootDir: string | undefined;
  /** Whether the file's tsconfig.json, if in `packageDir` or below, compiles it (see SourceHost.isCompiled). */
  isCompiled(filePath: string, packageDir: string): boolean | undefined;
  /** How many source files of the file's workspace, itself included, mention a word. */
  filesMentioning(filePath: string, word: string): number;
  text(filePath: string): string | undefined;
}

/** Code that keeps a process running: a server, a repeating timer, a schedule, a file watcher, a worker. */
const LONG_RUNNING = /\b(listen|setInterval|createServer|schedule|scheduleJob|watch)\s*\(|\bnew\s+(Worker|CronJob|Cron)\s*\(/;
/** Where loose scripts live, relative to their package's folder: the folder itself, or `scripts/`, `tools/` and the like. */
const SCRIPT_FOLDER = /^(?:scripts?|tools?|tasks|release)?$/;

/**
 * What kind of local development tool a file is, if it is one: a file that only `dev` scripts of
 * its package run (`"dev": "tsx dev-server.ts"`) and that lies outside the package's build (its
 * tsconfig's `rootDir`), so it is never shipped or run in production; a file that only build
 * scripts run (`"build": "node -r ts-node/register build.ts"`), where an uncaught error fails the
 * build, as a failing build step should; a command a package script runs that ends when done
 * (see isOneShotScript); or a script a maintainer runs by hand (see isHandRunScript). Its tasks
 * are a developer's, like a test file's. A dev script that runs the
 * app's own entry (`tsx watch src/index.ts`) does not make it one: that file is inside the build.
 */
export function developmentToolKind(filePath: string, layout: ProjectLayout): DevelopmentTool | undefined {
  const nearest = layout.manifests.nearest(path.dirname(filePath));
  if (!nearest) return undefined;
  const scripts = scriptsRunning(nearest, filePath);
  if (scripts.length === 0) return isHandRunScript(filePath, nearest, layout) ? "hand-run script" : undefined;
  if (scripts.every((name) => BUILD_SCRIPT.test(name))) return "build step";
  if (isOneShotScript(filePath, nearest, layout, scripts)) return "one-shot script";
  const outsideBuild = layout.rootDir !== undefined && path.relative(layout.rootDir, filePath).startsWith("..");
  return outsideBuild && scripts.every((name) => DEVELOPMENT_SCRIPT.test(name)) ? "dev script" : undefined;
}

/**
 * A command a package script runs and that ends when its work is done (`"gendocs": "typedoc &&
 * node scripts/post-gendocs.js"`), in its package's `scripts/`, `script/`, `tools/`, `tool/`,
 * `tasks/` or `release/` folder: every script that runs it is named like a one-shot command
 * (see ONE_SHOT_SCRIPT), it is not the package's `bin` or `main`, it stands alone (see
 * standsAlone) and starts nothing that keeps running. Its first uncaught error ends it with a
 * failing exit code, which is how such a command fails.
 */
function isOneShotScript(filePath: string, nearest: NearestManifest, layout: ProjectLayout, scripts: readonly string[]): boolean {
  const folder = path.relative(nearest.dir, path.dirname(filePath));
  if (folder === "" || !SCRIPT_FOLDER.test(folder) || !scripts.every((name) => ONE_SHOT_SCRIPT.test(name) && !SERVICE_WORD.test(name))) return false;
  return !isCommand(nearest, filePath) && !isMainEntry(nearest, filePath) && standsAlone(filePath, layout);
}

/**
 * The file starts nothing that keeps running (a server, an interval, a schedule, a file
 * watcher, a worker) and no other source file of the workspace mentions its name (an import, a
 * `fork("./worker.js")`): what it does ends with its own process.
 */
function standsAlone(filePath: string, layout: ProjectLayout): boolean {
  const text = layout.text(filePath);
  if (text === undefined || LONG_RUNNING.test(text)) return false;
  const name = path.basename(filePath).replace(/\.[^.]+$/, "");
  return isIndexedWord(name) && layout.filesMentioning(filePath, name) === (hasWord(text, name) ? 1 : 0);
}

/**
 * A one-shot script a maintainer runs by hand (`node publish_npm.js`), in its package's folder or
 * its `scripts/`, `script/`, `tools/`, `tool/`, `tasks/` or `release/` folder: its package's
 * tsconfig.json does not compile it (`"include": ["src"]`), so it is not part of what ships; no
 * script (a bundler's included), `bin` or `main` of the package names it; and it stands alone
 * (see standsAlone). Such a script ends on its first error by design (`if (code !== 0) throw new
 * Error(...)` in a child's "close" handler), also when a Dockerfile runs it.
 */
function isHandRunScript(filePath: string, nearest: NearestManifest, layout: ProjectLayout): boolean {
  if (!SCRIPT_FOLDER.test(path.relative(nearest.dir, path.dirname(filePath)))) return false;
  if (layout.isCompiled(filePath, nearest.dir) !== false || scriptsNaming(nearest, filePath).length > 0 || isCommand(nearest, filePath) || isMainEntry(nearest, filePath)) return false;
  return standsAlone(filePath, layout);
}
