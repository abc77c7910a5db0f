import type { CacheSupport, FileFacts } from "../core/frontend.js";
import type { FileResult } from "../core/finding.js";
import type { Rule } from "../core/rule.js";
import type { Timing } from "../core/timing.js";
import { UsageError } from "../core/errors.js";
import { readCache, writeCache, type CachedFile, type CacheContents } from "./cache-file.js";
import { FileHashes } from "./file-hashes.js";
import { staleFiles } from "./stale-files.js";

export interface CachedLintInput {
  /** The files to lint, in the order of the results. */
  files: readonly string[];
  /** Where the cache is kept, and the key of this run's settings. */
  cacheFile: string;
  key: string;
  support: CacheSupport;
  rules: readonly Rule[];
  /** The run's file texts: a linted file's (a UsageError when it cannot be read), or any file's, undefined when unreadable. */
  texts: { read(file: string): string; peek(file: string): string | undefined };
  /** Lints some of the files, with every file of `files` known to the analysis. */
  lint: (files: string[]) => Promise<FileResult[]>;
  /** Where a cache that cannot be written is told of; the findings are reported all the same. */
  warn: (message: string) => void;
  timing?: Timing;
}

/**
 * Lints the files whose stored findings may no longer hold and reuses the others' (see
 * `staleFiles` for what invalidates what; any change in the environment invalidates all), then
 * stores what this run learned.
 */
export async function lintWithCache(input: CachedLintInput): Promise<FileResult[]> {
  const { files, support, timing, texts } = input;
  const start = performance.now();
  const stored = readCache(input.cacheFile, input.key);
  const storedFiles = new Map(Object.entries(stored.files));
  const hashes = new FileHashes(storedFiles, (file) => texts.peek(file));
  // An unreadable linted file is the run's one-line error before anything else is done.
  for (const file of files) if (hashes.of(file) === undefined) texts.read(file);
  const known = new Set([...files, ...[...storedFiles].flatMap(([file, entry]) => [file, ...(entry.reads ?? [])])]);
  const storedWatches = new Set([...storedFiles.values()].flatMap((entry) => entry.facts.watches ?? []));
  const linted = new Set(files);
  const changedSince = (entries: ReadonlyMap<string, CachedFile>) =>
    // A file that starts or stops being linted changes the project-wide indexes (its process handlers count only when linted).
    new Set([...known].filter((file) => entries.get(file)?.hash !== hashes.of(file) || (entries.get(file)?.findings !== undefined) !== linted.has(file)));
  const freshFacts = new Map<string, FileFacts>();
  const factsFrom = (entries: ReadonlyMap<string, CachedFile>, changed: ReadonlySet<string>) => {
    const facts = factsOfAll(files, (file) => {
      const before = entries.get(file);
      if (before && !changed.has(file)) return before.facts;
      const text = texts.peek(file);
      if (text === undefined) return undefined;
      if (!freshFacts.has(file)) freshFacts.set(file, support.factsOf(file, text));
      return freshFacts.get(file)!;
    });
    support.useFacts(facts);
    return facts;
  };
  // The environment reads project-wide choices from the files' facts, so they come first.
  let changed = changedSince(storedFiles);
  let facts = factsFrom(storedFiles, changed);
  const environment = support.environment([...known], [...storedWatches]);
  const sameEnvironment = Object.entries(stored.environment).every(([entry, hash]) => environment[entry] === hash);
  const previous = sameEnvironment ? storedFiles : new Map<string, CachedFile>();
  if (!sameEnvironment) {
    changed = changedSince(previous);
    facts = factsFrom(previous, changed);
  }
  const reads = new Map([...previous].flatMap(([file, entry]) => (entry.findings ? [[file, entry.reads] as const] : [])));
  const readGroups = new Map([...previous].flatMap(([file, entry]) => (entry.readGroups ? [[file, entry.readGroups] as const] : [])));
  const stale = staleFiles({ changed, reads, readGroups, previous: new Map([...previous].map(([file, entry]) => [file, entry.facts])), current: facts });
  const views = new Map<string, string>();
  const recheckViews = indexesChanged(changed, previous, facts, linted);
  const toLint = files.filter((file) => {
    const before = previous.get(file);
    if (stale.has(file) || before?.findings === undefined) return true;
    views.set(file, recheckViews ? support.view(file, texts.read(file), input.rules) : before.view!);
    return views.get(file) !== before.view;
  });
  timing?.count("files from cache", files.length - toLint.length);
  const lintStart = performance.now();
  const fresh = new Map((await input.lint(toLint)).map((result) => [result.filePath, result]));
  const lintEnd = performance.now();
  const results = files.map((file) => fresh.get(file) ?? storedResult(file, previous.get(file)!));
  const newlyKnown = [...facts.keys()].filter((file) => !known.has(file));
  const newlyWatched = [...new Set([...facts.values()].flatMap((fileFacts) => fileFacts.watches ?? []))].filter((folder) => !storedWatches.has(folder));
  const contents: CacheContents = {
    key: input.key,
    environment: { ...environment, ...(newlyKnown.length > 0 || newlyWatched.length > 0 ? support.environment(newlyKnown, newlyWatched) : {}) },
    files: {},
  };
  const lintedResults = new Map(results.map((result) => [result.filePath, result]));
  for (const read of [...lintedResults.values()].flatMap((result) => result.reads ?? [])) {
    const text = facts.has(read) ? undefined : texts.peek(read);
    if (text !== undefined) facts.set(read, support.factsOf(read, text));
  }
  for (const [file, fileFacts] of facts) {
    const stamp = hashes.storable(file);
    const entry: CachedFile = { hash: hashes.of(file)!, ...(stamp ? { stamp } : {}), facts: fileFacts };
    const result = lintedResults.get(file);
    if (result) Object.assign(entry, { view: views.get(file) ?? support.view(file, texts.read(file), input.rules), findings: result.findings, ...(result.reads ? { reads: result.reads } : {}), ...(result.readGroups ? { readGroups: result.readGroups } : {}) });
    contents.files[file] = entry;
  }
  try {
    writeCache(input.cacheFile, contents);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    input.warn(`${error.message}; the findings are not kept for the next run`);
  }
  timing?.add("cache", lintStart - start + performance.now() - lintEnd);
  return results;
}

/**
 * Whether the indexes that views read may differ from the last run's: they are built from the
 * frontend's own facts of the linted files, so they change only when a linted file's own facts
 * do, or a file starts or stops being linted.
 */
function indexesChanged(changed: ReadonlySet<string>, previous: ReadonlyMap<string, CachedFile>, facts: ReadonlyMap<string, FileFacts>, linted: ReadonlySet<string>): boolean {
  for (const file of changed) {
    const before = previous.get(file);
    const wasLinted = before?.findings !== undefined;
    if (wasLinted !== linted.has(file)) return true;
    if (wasLinted && JSON.stringify(before!.facts.own) !== JSON.stringify(facts.get(file)?.own)) return true;
  }
  return false;
}

/** Facts of the linted files and of every file they import, directly or not, that can be read. */
function factsOfAll(files: readonly string[], factsOf: (file: string) => FileFacts | undefined): Map<string, FileFacts> {
  const facts = new Map<string, FileFacts>();
  const seen = new Set<string>(files);
  const queue = [...files];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const found = factsOf(file);
    if (!found) continue;
    facts.set(file, found);
    for (const imported of found.imports) {
      if (!seen.has(imported)) {
        seen.add(imported);
        queue.push(imported);
      }
    }
  }
  return facts;
}

function storedResult(filePath: string, { findings, reads, readGroups }: CachedFile): FileResult {
  return { filePath, findings: findings!, ...(reads ? { reads } : {}), ...(readGroups ? { readGroups } : {}) };
}
