/** How far and how trustingly the can-throw analysis goes; from the config's `analysis`, `safeCalls` and `guards`. */
export interface AnalysisSettings {
  /** Callee name patterns that never throw: "logger.info", "metrics.*". */
  safeCalls: readonly string[];
  /** Wrapper name patterns that catch what the wrapped function throws: "withErrorBoundary", "Sentry.wrap". */
  guards: readonly string[];
  /** How many calls deep to follow; a deeper call counts as one that can throw. */
  maxDepth: number;
  /** Count every method call on a value we cannot see into as able to throw, awaited or not. */
  strictCalls: boolean;
}

export const DEFAULT_MAX_DEPTH = 32;

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = { safeCalls: [], guards: [], maxDepth: DEFAULT_MAX_DEPTH, strictCalls: false };
