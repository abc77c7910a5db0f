import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { FileFacts } from "../core/frontend.js";
import type { Finding } from "../core/finding.js";
import { UsageError } from "../core/errors.js";

/** Bumped whenever the shape below or the meaning of its fields changes. */
const FORMAT = 3;
export const DEFAULT_CACHE_FILE = ".bgtasklintcache";

/** One file as the cache remembers it: linted files have a view, findings and reads, files they import only facts. */
export interface CachedFile {
  hash: string;
  /** Size and modification time when hashed: the same again, and the file is not read to hash it. */
  stamp?: string;
  facts: FileFacts;
  view?: string;
  findings?: Finding[];
  /** The other files the findings were worked out from; absent when the frontend did not tell. */
  reads?: string[];
  /** Groups the findings were worked out from as a whole. */
  readGroups?: string[];
}

export interface CacheContents {
  /** Tool version, settings and the list of linted files: a different key empties the cache. */
  key: string;
  /** What every file depends on (package manifests, compiler settings, folder listings), entry -> hash. */
  environment: Record<string, string>;
  files: Record<string, CachedFile>;
}

/** `--cache-location`: a folder (an existing one, or a path ending in a separator) means the default file name inside it. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const absolute = path.resolve(cwd, location);
  const isFolder = /[\\/]$/.test(location) || isDirectory(absolute);
  return isFolder ? path.join(absolute, DEFAULT_CACHE_FILE) : absolute;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The cache for `key`; empty when the file is missing, unreadable, not ours, of another format or key. */
export function readCache(file: string, key: string): CacheContents {
  const empty: CacheContents = { key, environment: {}, files: {} };
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { format?: unknown } & Partial<CacheContents>;
    const shaped = stored.format === FORMAT && stored.key === key && isRecord(stored.environment) && isRecord(stored.files) && Object.values(stored.files!).every(isCachedFile);
    return shaped ? { key, environment: stored.environment!, files: stored.files! } : empty;
  } catch {
    return empty;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCachedFile(value: unknown): boolean {
  if (!isRecord(value) || typeof value.hash !== "string" || (value.stamp !== undefined && typeof value.stamp !== "string") || !isRecord(value.facts)) return false;
  const { imports, group, affectsGroup, watches } = value.facts;
  const factsShaped = isStrings(imports) && typeof group === "string" && typeof affectsGroup === "boolean" && (watches === undefined || isStrings(watches));
  return factsShaped && (value.reads === undefined || isStrings(value.reads)) && (value.readGroups === undefined || isStrings(value.readGroups)) && (value.findings === undefined || (Array.isArray(value.findings) && value.findings.every(isFinding)));
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Enough of a Finding for the reporters: a message, a severity and a range of numbers. */
function isFinding(value: unknown): boolean {
  if (!isRecord(value) || typeof value.message !== "string" || (value.severity !== "error" && value.severity !== "warn") || !isRecord(value.range) || !Array.isArray(value.trace)) return false;
  const { line, column, endLine, endColumn } = value.range;
  return [line, column, endLine, endColumn].every((number) => typeof number === "number");
}

/** Writes the cache atomically (a temporary file renamed over it), making its folder when needed. */
export function writeCache(file: string, contents: CacheContents): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, ...contents }));
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The temporary file's folder is not there or not a folder: there is nothing to remove.
    }
    throw new UsageError(`cannot write the cache ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
