import { readFileSync } from "node:fs";
import path from "node:path";
import { rules as allRules } from "../rules/index.js";
import { unguardedScheduledTask } from "../rules/unguarded-scheduled-task/index.js";
import { withConfiguredSchedulers } from "./config/schedulers.js";
import { loadConfig } from "./config/load-config.js";
import type { FileResult } from "./core/finding.js";
import { UsageError } from "./core/errors.js";
import { findFiles } from "./discovery/find-files.js";
import { patternLayer } from "./discovery/ignore-rules.js";
import { TypeScriptFrontend } from "./frontends/typescript/index.js";
import { enabledRules, Linter } from "./linter.js";

export type { FileResult, Finding, Severity, SourceRange, TraceStep } from "./core/finding.js";
export { countResults } from "./core/finding.js";
export { UsageError } from "./core/errors.js";
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
}

/** Finds the files, reads the config, and lints every file. Results are sorted by path. */
export async function lintFiles(options: LintOptions = {}): Promise<FileResult[]> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const warn = options.warn ?? ((message: string) => process.stderr.write(`bgtask-lint: ${message}\n`));
  const config = await loadConfig(cwd, allRules.map((rule) => rule.meta.id), options.configFile);
  const analysis = { ...config.analysis, maxDepth: options.maxDepth ?? config.analysis.maxDepth };
  const rules = withConfiguredSchedulers(allRules, config.schedulers, unguardedScheduledTask.meta.id);
  const frontends = [new TypeScriptFrontend({ cwd, allRules: rules, analysis, warn, ...(options.debug ? { debug: options.debug } : {}) })];
  const linter = new Linter(frontends, enabledRules(rules, config.rules), cwd);
  const files = findFiles({
    cwd,
    patterns: options.patterns?.length ? options.patterns : ["."],
    extensions: frontends.flatMap((frontend) => frontend.extensions),
    ignoreLayers: [patternLayer(cwd, options.ignorePatterns ?? []), patternLayer(config.baseDir, config.ignores)],
    skipTests: !config.lintTests,
  });
  return files.map((file) => linter.lintText(file, readSource(file)));
}

function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
