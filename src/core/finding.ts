import type { Fix } from "./fix.js";

export type Severity = "warn" | "error";

/** A span of source text; lines and columns are 1-based, the end is exclusive (as in ESLint). */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One step on the way from a task to the place that can throw, for explanations. */
export interface TraceStep {
  file: string;
  line: number;
  column: number;
  text: string;
}

export interface Finding {
  /** null for a problem that is not a rule's, such as a file that does not parse. */
  ruleId: string | null;
  messageId: string;
  severity: Severity;
  message: string;
  range: SourceRange;
  trace: TraceStep[];
  fatal?: boolean;
  /** How --fix fixes it (computed only when fixing). */
  fix?: Fix;
  /** Why there is no fix, when fixing was asked for and none is possible. */
  fixUnavailable?: string;
}

export interface FileResult {
  /** Absolute path. */
  filePath: string;
  findings: Finding[];
  /** The fixed text, when fixing changed the file (as ESLint's `output`). */
  output?: string;
  /** The other files whose text the findings were worked out from, when asked for (--cache). */
  reads?: string[];
  /** Groups of files (packages) the findings were worked out from as a whole, when asked for (--cache). */
  readGroups?: string[];
}

export interface ResultCounts {
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
}

export function countFindings(findings: readonly Finding[]): ResultCounts {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const finding of findings) {
    if (finding.severity === "error") errorCount++;
    else warningCount++;
    if (finding.fatal) fatalErrorCount++;
  }
  return { errorCount, warningCount, fatalErrorCount };
}

export function countResults(results: readonly FileResult[]): ResultCounts {
  return countFindings(results.flatMap((result) => result.findings));
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.line - b.range.line || a.range.column - b.range.column || (a.ruleId ?? "").localeCompare(b.ruleId ?? "");
}
