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
}

/** Turns the source of one language into task reports. The core knows nothing else of a language. */
export interface Frontend {
  readonly extensions: readonly string[];
  lintFile(filePath: string, text: string, rules: readonly Rule[]): FrontendFileOutput;
}
