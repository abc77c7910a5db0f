import { ts } from "./ts.cjs";
import { flattenAccess } from "./syntax.js";

/**
 * Matches callees against the user's name patterns (`safeCalls`, `guards`): "logger.info",
 * "metrics.*", "Sentry.wrap", "withErrorBoundary". A pattern matches the end of the callee's
 * name path, `this.` aside, so "logger.info" matches `logger.info()` and `this.logger.info()`;
 * `*` stands for one name.
 */
export function callPatternMatcher(patterns: readonly string[]): (callee: ts.Expression) => boolean {
  const parsed = patterns.map((pattern) => pattern.split("."));
  if (parsed.length === 0) return () => false;
  return (callee) => {
    const names = namePath(callee);
    return parsed.some((pattern) => pattern.length <= names.length && pattern.every((part, index) => part === "*" || part === names[names.length - pattern.length + index]));
  };
}

function namePath(callee: ts.Expression): string[] {
  const { root, path } = flattenAccess(callee);
  return ts.isIdentifier(root) ? [root.text, ...path] : path;
}
