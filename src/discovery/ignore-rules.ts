import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

/** Folders that never hold source worth linting: dependencies, VCS data and build output. */
export const ALWAYS_SKIPPED_DIRS = new Set([
  "node_modules",
  // Yarn's own releases, plugins, SDKs and package cache, often committed.
  ".yarn",
  ".git",
  ".hg",
  ".svn",
  "dist",
  "build",
  "out",
  "coverage",
  ".next",
  ".nuxt",
  ".output",
  ".svelte-kit",
  ".turbo",
  ".vercel",
  ".cache",
]);

/**
 * Folders of tests. Test runners report an unhandled rejection or uncaught exception as a failed
 * test, so a background task there cannot fail silently or take a service down.
 */
const TEST_DIRS = new Set(["test", "tests", "testing", "spec", "__tests__", "__mocks__", "__fixtures__", "e2e", "test-helpers", "testHelpers", "test-utils", "testUtils"]);

/**
 * A test folder of more words: `test-e2e`, `tests_integration`, `e2e-tests`, `integration-test`,
 * `stress-test`, `interface-compliance-tests`, and an internal package of test support (`util-internal-testing`).
 */
const COMPOUND_TEST_DIR = /^tests?[-_][a-z0-9]+$|^(?:e2e|integration|unit|functional|acceptance|regression|smoke|stress|load|perf|performance|simulation)[-_]tests?$|^[a-z0-9]+(?:[-_][a-z0-9]+)*[-_]tests$|^(?:[a-z0-9]+[-_])*internal[-_]testing$/i;

export function isTestDir(name: string): boolean {
  return TEST_DIRS.has(name) || COMPOUND_TEST_DIR.test(name);
}

/**
 * A package's folders of examples, samples, demos, benchmarks, documentation and its development
 * playground (named in any case: `Example/`): code it shows, measures or tries out, not code it
 * runs.
 */
export const EXAMPLE_DIRS = new Set(["examples", "example", "samples", "sample", "code-samples", "demo", "demos", "benchmark", "benchmarks", "bench", "dev", "playground", "docs", "documentation", "versioned_docs"]);

/** A package of a monorepo that is itself examples, by its folder's name: `packages/playground`, `packages/node-opcua-samples`. */
const EXAMPLE_PACKAGE = /(^|[-_.])(examples?|samples?|demos?|playground)$/i;

export function isExamplePackageName(name: string): boolean {
  return EXAMPLE_PACKAGE.test(name);
}

/** A file of usage snippets beside the code it shows: `streamableHttp.examples.ts`. */
const EXAMPLE_FILE = /\.examples?\.[cm]?[jt]sx?$/;

export function isExampleFile(name: string): boolean {
  return EXAMPLE_FILE.test(name);
}

/** A package's benchmark file beside its package.json: `bench.ts`, `benchmark.js`. */
export const BENCHMARK_FILE = /^bench(mark)?s?\.[cm]?[jt]sx?$/i;

/**
 * Test files, `.test-d.ts` being a type test that tsd checks and never runs, and test-support
 * modules named like the test-support folders (`test-util.ts`, `testHelpers.js`).
 */
const TEST_FILE = /\.(test|spec|e2e-spec|e2e|bench|test-d)\.[cm]?[jt]sx?$|^test[-_]?(utils?|helpers?)\.[cm]?[jt]sx?$/i;

/** Files a tool writes into the project root: Yarn Plug'n'Play's resolver (megabytes of it). */
const GENERATED_FILES = new Set([".pnp.cjs", ".pnp.js", ".pnp.loader.mjs"]);

/** A minifier's output, by the name it is given (`knockout.min.js`): what it does is fixed in its source. */
const MINIFIED_FILE = /\.min\.[cm]?js$/;

/** A file a tool wrote, by its name. */
export function isGeneratedFileName(name: string): boolean {
  return GENERATED_FILES.has(name) || MINIFIED_FILE.test(name);
}

export function isTestFile(name: string): boolean {
  return TEST_FILE.test(name);
}

/** A folder's entries, or none when it cannot be read. */
export function readEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** gitignore-style patterns that apply below one folder. */
export interface IgnoreLayer {
  dir: string;
  rules: Ignore;
}

export function patternLayer(dir: string, patterns: readonly string[]): IgnoreLayer {
  return { dir, rules: ignore().add([...patterns]) };
}

/** The layer of a folder's .gitignore, if it has one. */
export function gitignoreLayer(dir: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, ".gitignore"), "utf8");
  } catch {
    return undefined;
  }
  return { dir, rules: ignore().add(text) };
}

/** True when any layer ignores the path (`isDir` adds the trailing slash that folder patterns need). */
export function isIgnored(layers: readonly IgnoreLayer[], absolutePath: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const relative = relativeBelow(layer.dir, absolutePath);
    if (!relative) continue;
    const candidate = (path.sep === "/" ? relative : relative.split(path.sep).join("/")) + (isDir ? "/" : "");
    if (layer.rules.ignores(candidate)) return true;
  }
  return false;
}

/** `absolutePath` relative to `dir` when it lies below it, else undefined; paths come normalised from the walk. */
function relativeBelow(dir: string, absolutePath: string): string | undefined {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  if (absolutePath.startsWith(prefix)) return absolutePath.slice(prefix.length) || undefined;
  const relative = path.relative(dir, absolutePath);
  return !relative || relative.startsWith("..") || path.isAbsolute(relative) ? undefined : relative;
}

/**
 * The .gitignore files of the folders above `dir`, up to the root of its git checkout; outside a
 * checkout, up to `cwd` when `dir` is below it.
 */
export function ancestorGitignores(dir: string, cwd: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const layer = gitignoreLayer(current);
    if (layer) layers.unshift(layer);
    if (isGitRoot(current)) return layers;
    if (path.dirname(current) === current) break;
  }
  return layers.filter((layer) => isWithin(cwd, layer.dir));
}

function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return !relative.startsWith("..") && !path.isAbsolute(relative);
}

function isGitRoot(dir: string): boolean {
  try {
    readFileSync(path.join(dir, ".git", "HEAD"));
    return true;
  } catch {
    try {
      return readFileSync(path.join(dir, ".git"), "utf8").startsWith("gitdir:");
    } catch {
      return false;
    }
  }
}
