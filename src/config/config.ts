import type { AnalysisSettings } from "../core/analysis-settings.js";
import type { FixSettings } from "../core/fix.js";
import type { RuleSetting } from "../core/rule.js";
import type { SchedulerConfig } from "./schedulers.js";

/** The user's configuration once read and checked. */
export interface ResolvedConfig {
  /** The file it came from, or undefined for the defaults. */
  filePath: string | undefined;
  /** Rule id -> setting, for the rules the file names; the others keep their defaults. */
  rules: Record<string, RuleSetting>;
  /** gitignore-style patterns, relative to the folder of the config file (or the working folder). */
  ignores: string[];
  /** The folder `ignores` are relative to. */
  baseDir: string;
  analysis: AnalysisSettings;
  schedulers: SchedulerConfig[];
  /** Lint test files and folders found by walking; off by default. */
  lintTests: boolean;
  /** Lint a package's folders of examples, samples, demos, benchmarks, documentation and its `dev` playground, its benchmark files (`bench.ts`), snippet files (`*.examples.ts`) and packages that are examples. */
  lintExamples: boolean;
  /** What --fix inserts; relative import paths are made absolute. */
  fix: FixSettings;
}

export const CONFIG_KEYS = ["rules", "ignores", "safeCalls", "guards", "analysis", "schedulers", "lintTests", "lintExamples", "fix"] as const;
