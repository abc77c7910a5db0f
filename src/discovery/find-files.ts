import { statSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { UsageError } from "../core/errors.js";
import { ALWAYS_SKIPPED_DIRS, ancestorGitignores, gitignoreLayer, isIgnored, readEntries, type IgnoreLayer } from "./ignore-rules.js";

export interface FindFilesOptions {
  cwd: string;
  /** Files, folders and globs from the command line. */
  patterns: readonly string[];
  /** File extensions some frontend can lint, with the dot. */
  extensions: readonly string[];
  /** Layers from --ignore-pattern and the config's `ignores`. */
  ignoreLayers: readonly IgnoreLayer[];
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
  const lintable = (file: string): boolean => extensions.has(path.extname(file)) && !DECLARATION_FILE.test(file);
  for (const pattern of options.patterns) {
    const absolute = path.resolve(options.cwd, pattern);
    const stats = statOrUndefined(absolute);
    if (stats?.isFile()) {
      found.add(absolute);
    } else if (stats?.isDirectory()) {
      walk(absolute, [...options.ignoreLayers, ...ancestorGitignores(absolute, options.cwd)], lintable, () => true, found);
    } else if (picomatch.scan(pattern).isGlob) {
      const { base, glob } = picomatch.scan(pattern);
      const baseDir = path.resolve(options.cwd, base || ".");
      const matches = picomatch(glob, { dot: false });
      const before = found.size;
      if (statOrUndefined(baseDir)?.isDirectory()) {
        const accept = (file: string): boolean => matches(path.relative(baseDir, file).split(path.sep).join("/"));
        walk(baseDir, [...options.ignoreLayers, ...ancestorGitignores(baseDir, options.cwd)], lintable, accept, found);
      }
      if (found.size === before) throw new UsageError(`no files match the pattern "${pattern}"`);
    } else {
      throw new UsageError(`no such file or folder: ${pattern}`);
    }
  }
  return [...found].sort();
}

function walk(
  dir: string,
  inheritedLayers: readonly IgnoreLayer[],
  lintable: (file: string) => boolean,
  accept: (file: string) => boolean,
  found: Set<string>,
): void {
  const own = gitignoreLayer(dir);
  const layers = own ? [...inheritedLayers, own] : inheritedLayers;
  for (const entry of readEntries(dir)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED_DIRS.has(entry.name) || isIgnored(layers, full, true)) continue;
      walk(full, layers, lintable, accept, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && lintable(full) && accept(full) && !isIgnored(layers, full, false)) {
      if (entry.isSymbolicLink() && !statOrUndefined(full)?.isFile()) continue;
      found.add(full);
    }
  }
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
