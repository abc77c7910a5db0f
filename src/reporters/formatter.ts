import type { FileResult } from "../core/finding.js";

export interface FormatterContext {
  /** Paths are shown relative to this folder where a format shows relative paths. */
  cwd: string;
  /** Whether the output may hold terminal colours. */
  color: boolean;
}

/** A formatter is a pure function of the results: the only place that decides how findings look. */
export type Formatter = (results: readonly FileResult[], context: FormatterContext) => string;
