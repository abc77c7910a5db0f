import type { Failure } from "./failure.js";
import type { FixProposal } from "./fix.js";
import type { SourceRange } from "./finding.js";
import type { Rule } from "./rule.js";
import type { SourceComment } from "./suppressions.js";
import type { Outcome, TaskApi } from "./task-api.js";

/** A task handed to a scheduling API that can fail, as a frontend found it. */
export interface TaskReport {
  rule: Rule;
  api: TaskApi;
  /** Where the task argument stands. */
  range: SourceRange;
  failure: Failure;
  /** What the error does with the installed version of the API's package. */
  outcome: Outcome;
  /** How to fix it; computed only when fixing. */
  fix?: FixProposal;
  /**
   * Reports of a file with the same key are one problem (one task function handed over in several
   * places, failing at one place): the first that no comment suppresses is kept.
   */
  sameProblemKey?: string;
}

export interface ParseProblem {
  message: string;
  line: number;
  column: number;
}

export interface FrontendFileOutput {
  reports: TaskReport[];
  parseError?: ParseProblem;
  /** Comments that may hold suppression directives. */
  comments: SourceComment[];
  /** The other files whose text the reports were worked out from, when the frontend was asked to tell (for --cache). */
  reads?: string[];
  /** Groups (see FileFacts.group) the reports were worked out from as a whole: any file of them counts. */
  readGroups?: string[];
}

/** Turns the source of one language into task reports. The core knows nothing else of a language. */
export interface Frontend {
  readonly extensions: readonly string[];
  lintFile(filePath: string, text: string, rules: readonly Rule[]): FrontendFileOutput;
  /** Absent: the frontend's files are linted on every run, `--cache` or not. */
  readonly cacheSupport?: CacheSupport;
}

/** What the cache stores of a file besides its text's hash, as its frontend sees it. */
export interface FileFacts {
  /** The project files it imports: their facts are kept too, followed on from there. */
  imports: string[];
  /** The files that share project-wide settings with it (for TypeScript, its package). */
  group: string;
  /** Its text can change the findings of every file of its group (it installs a process-wide handler). */
  affectsGroup: boolean;
  /** The frontend's own facts, handed back to it by `useFacts`. */
  own?: unknown;
  /** Folders whose listing can change what its imports name: where an import that resolves nowhere yet would land. */
  watches?: string[];
}

/**
 * What `--cache` asks of a frontend, so that a file's stored findings are reused only while
 * nothing they depend on has changed. Facts depend only on a file's path and text and on the
 * environment; `view` covers what a verdict reads from indexes of the whole project.
 */
export interface CacheSupport {
  factsOf(filePath: string, text: string): FileFacts;
  /** The facts of every file known, stored or new, before any `view` or linting (in place of any handed over before). */
  useFacts(facts: ReadonlyMap<string, FileFacts>): void;
  /**
   * What the verdict on a linted file reads from project-wide indexes; a different view re-lints
   * it. The indexes may be built only from the linted files' `own` facts: views are asked again
   * only when those or the set of linted files change.
   */
  view(filePath: string, text: string, rules: readonly Rule[]): string;
  /** Hashes of what every file depends on besides source texts, around `files` and in `watchedFolders`; any change re-lints everything. */
  environment(files: readonly string[], watchedFolders: readonly string[]): Record<string, string>;
}
