import { countFindings } from "../core/finding.js";
import type { Formatter } from "./formatter.js";

/**
 * ESLint's JSON shape, so that tools reading ESLint output read ours: one entry per file with
 * findings (an empty array when clean). `trace` is ours: the path from the task to the place
 * that can throw; ESLint readers ignore it. `output` is the fixed text of a file --fix-dry-run
 * changed, as in ESLint.
 */
export const json: Formatter = (results) => {
  const entries = results
    .filter((result) => result.findings.length > 0 || result.output !== undefined)
    .map((result) => {
      const { errorCount, warningCount, fatalErrorCount } = countFindings(result.findings);
      return {
        filePath: result.filePath,
        messages: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          severity: finding.severity === "error" ? 2 : 1,
          ...(finding.fatal ? { fatal: true } : {}),
          message: finding.message,
          messageId: finding.messageId,
          line: finding.range.line,
          column: finding.range.column,
          endLine: finding.range.endLine,
          endColumn: finding.range.endColumn,
          trace: finding.trace,
        })),
        suppressedMessages: [],
        errorCount,
        fatalErrorCount,
        warningCount,
        fixableErrorCount: result.findings.filter((finding) => finding.fix && finding.severity === "error").length,
        fixableWarningCount: result.findings.filter((finding) => finding.fix && finding.severity === "warn").length,
        usedDeprecatedRules: [],
        ...(result.output !== undefined ? { output: result.output } : {}),
      };
    });
  return `${JSON.stringify(entries, null, 2)}\n`;
};
