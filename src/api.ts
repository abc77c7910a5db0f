import path from "node:path";
import { rules as allRules } from "../rules/index.js";
import { unguardedScheduledTask } from "../rules/unguarded-scheduled-task/index.js";
import { withConfiguredSchedulers } from "./config/schedulers.js";
import { loadConfig } from "./config/load-config.js";
import type { ResolvedConfig } from "./config/config.js";
import type { FileResult } from "./core/finding.js";
import { UsageError } from "./core/errors.js";
import type { FixSettings } from "./core/fix.js";
import type { Timing } from "./core/timing.js";
import { cacheFilePath } from "./cache/cache-file.js";
import { cacheKey } from "./cache/cache-key.js";
import { lintWithCache } from "./cache/cached-lint.js";
import { findFiles } from "./discovery/find-files.js";
import { patternLayer } from "./discovery/ignore-rules.js";
import { runFixPasses, type FixFailure } from "./fixing/fix-passes.js";
import { lintInWorkers, threadsFor } from "./parallel/lint-in-workers.js";
import { TypeScriptFrontend } from "./frontends/typescript/index.js";
import { enabledRules, Linter } from "./linter.js";
import { SourceTexts } from "./core/source-texts.js";

export type { FileResult, Finding, Severity, SourceRange, TraceStep } from "./core/finding.js";
export { countResults } from "./core/finding.js";
export { UsageError } from "./core/errors.js";
export { Timing } from "./core/timing.js";
export type { FixFailure } from "./fixing/fix-passes.js";
export { formatters, type FormatterName } from "./reporters/index.js";
export { allRules as rules };

export interface LintOptions {
  /** Files, folders and globs; default the working folder. */
  patterns?: readonly string[];
  /** Default process.cwd(). */
  cwd?: string;
  /** A config file to use instead of searching for one. */
  configFile?: string;
  /** Extra gitignore-style patterns, relative to `cwd`. */
  ignorePatterns?: readonly string[];
  /** Overrides the config's `analysis.maxDepth`. */
  maxDepth?: number;
  /** Where notices go (an unreadable tsconfig.json, say); default stderr. */
  warn?: (message: string) => void;
  /** Where --debug notices go (an assumed package version); none by default. */
  debug?: (message: string) => void;
  /** Collects where the time goes (--debug timing). */
  timing?: Timing;
  /** Lint in this many worker threads (default 1: in this thread). */
  threads?: number;
  /** Reuse the findings of files whose dependencies have not changed since the last run, kept in a cache file. */
  cache?: boolean;
  /** The cache file, or a folder for `.bgtasklintcache` inside it; default `.bgtasklintcache` in `cwd`. */
  cacheLocation?: string;
}

export interface FixOutcome {
  /** The findings left after fixing; a file that changed has its new text in `output`. */
  results: FileResult[];
  /** Fixes that could not be applied, or were undone, and why. */
  failures: FixFailure[];
}

interface Session {
  cwd: string;
  config: ResolvedConfig;
  files: string[];
  /** Where notices go. */
  warn: (message: string) => void;
  /** A linter whose frontends read files through `texts` (their current text, fixes applied), else from disk; with fixes when `fix` is given. */
  linter(texts: (file: string) => string | undefined, fix?: FixSettings): Linter;
}

/** `files`: the files to lint when already found (a worker thread gets them from the main thread). */
export async function openSession(options: LintOptions, files?: string[]): Promise<Session> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const warn = options.warn ?? ((message: string) => process.stderr.write(`bgtask-lint: ${message}\n`));
  const timing = options.timing;
  const configStart = performance.now();
  const config = await loadConfig(cwd, allRules.map((rule) => rule.meta.id), options.configFile);
  timing?.add("config", performance.now() - configStart);
  const analysis = { ...config.analysis, maxDepth: options.maxDepth ?? config.analysis.maxDepth };
  const rules = withConfiguredSchedulers(allRules, config.schedulers, unguardedScheduledTask.meta.id);
  const find = () => findFiles({
    cwd,
    patterns: options.patterns?.length ? options.patterns : ["."],
    extensions: TypeScriptFrontend.extensions,
    ignoreLayers: [patternLayer(cwd, options.ignorePatterns ?? []), patternLayer(config.baseDir, config.ignores)],
    skipTests: !config.lintTests,
    skipExamples: !config.lintExamples,
  });
  const found = files ?? (timing ? timing.time("discovery", find) : find());
  if (!files) timing?.count("files seen", found.length);
  const enabled = enabledRules(rules, config.rules);
  const linter = (texts: (file: string) => string | undefined, fix?: FixSettings): Linter => {
    const frontend = new TypeScriptFrontend({
      cwd,
      allRules: rules,
      analysis,
      warn,
      ...(options.debug ? { debug: options.debug } : {}),
      projectFiles: found,
      ...(fix ? { fix } : {}),
      readFile: texts,
      ...(timing ? { timing } : {}),
      ...(options.cache && !fix ? { trackReads: true } : {}),
      lintTests: config.lintTests,
    });
    return new Linter([frontend], enabled, cwd);
  };
  return { cwd, config, files: found, warn, linter };
}

/**
 * Finds the files, reads the config, and lints every file — in worker threads when asked and
 * the project is big enough to gain from them. Results are sorted by path.
 */
export async function lintFiles(options: LintOptions = {}): Promise<FileResult[]> {
  const session = await openSession(options);
  const texts = new SourceTexts();
  const linter = session.linter((file) => texts.peek(file));
  const lint = async (files: string[]): Promise<FileResult[]> => {
    const threads = threadsFor(options.threads ?? 1, files.length);
    if (threads <= 1) return lintEach(session, files, options.timing, linter, texts);
    options.debug?.(`linting ${files.length} files in ${threads} worker threads`);
    return lintInWorkers(options, session.files, threads, files);
  };
  const [frontend, ...others] = linter.frontends;
  // Several frontends would each need their own share of the cache.
  const support = others.length === 0 ? frontend?.cacheSupport : undefined;
  if (!options.cache || !support) return lint(session.files);
  return lintWithCache({
    files: session.files,
    cacheFile: cacheFilePath(options.cacheLocation, session.cwd),
    key: cacheKey({ cwd: session.cwd, config: session.config, maxDepth: options.maxDepth }),
    support,
    rules: linter.rules,
    texts,
    lint,
    warn: session.warn,
    ...(options.timing ? { timing: options.timing } : {}),
  });
}

/** Lints some of a session's files, in this thread (with `linter`, when one is at hand). */
export function lintEach(session: Session, files: readonly string[], timing: Timing | undefined, linter?: Linter, texts = new SourceTexts()): FileResult[] {
  const lint = linter ?? session.linter((file) => texts.peek(file));
  if (!timing) return files.map((file) => lint.lintText(file, texts.read(file)));
  return files.map((file) => {
    const start = performance.now();
    const result = lint.lintText(file, texts.read(file));
    const ms = performance.now() - start;
    timing.add("lint", ms);
    timing.fileTime(file, ms);
    return result;
  });
}

/**
 * Lints and fixes in memory, in passes, checking that every fixed file still parses and that
 * each fix removed its finding. Nothing is written: the caller writes `output`s (or shows them).
 */
export async function fixFiles(options: LintOptions = {}): Promise<FixOutcome> {
  const session = await openSession(options);
  const problem = TypeScriptFrontend.checkHandler(session.config.fix.handler);
  if (problem) throw new UsageError(`${configName(session)}: fix.handler: does not parse: ${problem}`);
  const originals = new SourceTexts();
  const read = (file: string): string => originals.read(file);
  const { texts, results, failures } = runFixPasses({
    read,
    lint: (current) => {
      const linter = session.linter((file) => current.get(file), session.config.fix);
      return session.files.map((file) => linter.lintText(file, current.get(file) ?? read(file)));
    },
  });
  const outputs = results.map((result) => {
    const output = texts.get(result.filePath);
    return output === undefined || output === read(result.filePath) ? result : { ...result, output };
  });
  return { results: outputs, failures };
}

function configName(session: Session): string {
  return session.config.filePath ? path.relative(session.cwd, session.config.filePath) || session.config.filePath : "config";
}
