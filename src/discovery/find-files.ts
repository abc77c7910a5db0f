import { statSync, type Dirent } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { UsageError } from "../core/errors.js";
import { ALWAYS_SKIPPED_DIRS, BENCHMARK_FILE, EXAMPLE_DIRS, isExampleFile, isExamplePackageName, isGeneratedFileName, isTestDir, isTestFile, ancestorGitignores, gitignoreLayer, isIgnored, readEntries, type IgnoreLayer } from "./ignore-rules.js";

export interface FindFilesOptions {
  cwd: string;
  /** Files, folders and globs from the command line. */
  patterns: readonly string[];
  /** File extensions some frontend can lint, with the dot. */
  extensions: readonly string[];
  /** Layers from --ignore-pattern and the config's `ignores`. */
  ignoreLayers: readonly IgnoreLayer[];
  /** Leave out test files and folders found by walking (config `lintTests: false`). */
  skipTests: boolean;
  /** Leave out, when walking, a package's folders of examples, samples, demos and benchmarks (config `lintExamples: false`). */
  skipExamples: boolean;
}

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * The files to lint, sorted. A file named on the command line is always linted; files found by
 * walking a folder or matching a glob skip dependencies and build output, .gitignore'd paths,
 * and ignore patterns.
 */
export function findFiles(options: FindFilesOptions): string[] {
  const found = new Set<string>();
  const extensions = new Set(options.extensions);
  const lintable = (file: string): boolean =>
    extensions.has(path.extname(file)) && !DECLARATION_FILE.test(file) && !isGeneratedFileName(path.basename(file)) && !(options.skipTests && isTestFile(path.basename(file))) && !(options.skipExamples && isExampleFile(path.basename(file)));
  const walkable = (dir: string): boolean => !ALWAYS_SKIPPED_DIRS.has(dir) && !(options.skipTests && isTestDir(dir));
  for (const pattern of options.patterns) {
    const absolute = path.resolve(options.cwd, pattern);
    const stats = statOrUndefined(absolute);
    if (stats?.isFile()) {
      found.add(absolute);
    } else if (stats?.isDirectory()) {
      walk(absolute, [...options.ignoreLayers, ...ancestorGitignores(absolute, options.cwd)], { lintable, walkable, accept: () => true, skipExamples: options.skipExamples }, found);
    } else if (picomatch.scan(pattern).isGlob) {
      const { base, glob } = picomatch.scan(pattern);
      const baseDir = path.resolve(options.cwd, base || ".");
      const matches = picomatch(glob, { dot: false });
      const before = found.size;
      if (statOrUndefined(baseDir)?.isDirectory()) {
        const accept = (file: string): boolean => matches(path.relative(baseDir, file).split(path.sep).join("/"));
        walk(baseDir, [...options.ignoreLayers, ...ancestorGitignores(baseDir, options.cwd)], { lintable, walkable, accept, skipExamples: options.skipExamples }, found);
      }
      if (found.size === before) throw new UsageError(`no files match the pattern "${pattern}"`);
    } else {
      throw new UsageError(`no such file or folder: ${pattern}`);
    }
  }
  return [...found].sort();
}

interface WalkFilters {
  /** By file path: an extension some frontend lints, not a declaration or (maybe) test file. */
  lintable: (file: string) => boolean;
  /** By folder name: not dependencies, build output or (maybe) tests. */
  walkable: (name: string) => boolean;
  /** By file path: matches the glob being expanded. */
  accept: (file: string) => boolean;
  /** Leave out a package's folders of examples, benchmarks and the like, and its benchmark files (see notRunFolders). */
  skipExamples: boolean;
}

function walk(dir: string, inheritedLayers: readonly IgnoreLayer[], filters: WalkFilters, found: Set<string>): void {
  const { lintable, walkable, accept } = filters;
  const entries = readEntries(dir);
  const notRun = filters.skipExamples ? notRunFolders(entries) : undefined;
  const compiled = compiledTwins(entries);
  // Most folders have no .gitignore: looking at the listing first spares a failing read in each.
  const own = entries.some((entry) => entry.name === ".gitignore") ? gitignoreLayer(dir) : undefined;
  const layers = own ? [...inheritedLayers, own] : inheritedLayers;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!walkable(entry.name) || notRun?.has(entry.name) || (filters.skipExamples && isExamplePackage(full, entry.name)) || isIgnored(layers, full, true)) continue;
      walk(full, layers, filters, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && !notRun?.has(entry.name) && !compiled.has(entry.name) && lintable(full) && accept(full) && !isIgnored(layers, full, false)) {
      if (entry.isSymbolicLink() && !statOrUndefined(full)?.isFile()) continue;
      found.add(full);
    }
  }
}

/**
 * The folders of a package (a folder with a package.json) that hold code it shows, measures or
 * tries out rather than runs (see EXAMPLE_DIRS), at its top level (deeper,
 * `src/services/benchmark` is a feature), and its benchmark files there (`bench.ts`).
 */
function notRunFolders(entries: readonly Dirent[]): ReadonlySet<string> | undefined {
  if (!entries.some((entry) => entry.name === "package.json" && entry.isFile())) return undefined;
  const notRun = (entry: Dirent): boolean => (entry.isDirectory() ? EXAMPLE_DIRS.has(entry.name.toLowerCase()) : BENCHMARK_FILE.test(entry.name));
  return new Set(entries.filter(notRun).map((entry) => entry.name));
}

/** A folder with its own package.json named as examples are (see isExamplePackageName), wherever it is. */
function isExamplePackage(dir: string, name: string): boolean {
  return isExamplePackageName(name) && statOrUndefined(path.join(dir, "package.json"))?.isFile() === true;
}

/** The TypeScript sources the compiler makes each JavaScript extension from. */
const COMPILED_FROM: Readonly<Record<string, readonly string[]>> = { ".js": [".ts", ".tsx"], ".jsx": [".tsx"], ".mjs": [".mts"], ".cjs": [".cts"] };

/**
 * JavaScript files with the TypeScript file they are compiled from beside them (`lib/plugin.js`
 * and `lib/plugin.ts`, `worker.mjs` and `worker.mts`): the compiler's output, committed with its
 * source. The source is linted; the output would repeat its findings.
 */
function compiledTwins(entries: readonly Dirent[]): ReadonlySet<string> {
  const names = new Set(entries.map((entry) => entry.name));
  const isCompiled = (name: string): boolean => {
    const extension = path.extname(name);
    const stem = name.slice(0, name.length - extension.length);
    return (COMPILED_FROM[extension] ?? []).some((source) => names.has(`${stem}${source}`));
  };
  return new Set(entries.map((entry) => entry.name).filter(isCompiled));
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
