import path from "node:path";
import { Chalk } from "chalk";
import { countResults, type Finding } from "../core/finding.js";
import type { Formatter } from "./formatter.js";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** ESLint's default look: findings grouped by file, then a summary line. Prints nothing when clean. */
export const stylish: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const withFindings = results.filter((result) => result.findings.length > 0);
  if (withFindings.length === 0) return "";
  const lines: string[] = [];
  for (const result of withFindings) {
    lines.push(chalk.underline(path.relative(context.cwd, result.filePath) || result.filePath));
    const positions = result.findings.map((finding) => `${finding.range.line}:${finding.range.column}`);
    const width = Math.max(...positions.map((position) => position.length));
    const severityWidth = result.findings.some((finding) => finding.severity === "warn") ? "warning".length : "error".length;
    result.findings.forEach((finding: Finding, index) => {
      const word = finding.severity === "error" ? "error" : "warning";
      const severity = (finding.severity === "error" ? chalk.red : chalk.yellow)(word) + " ".repeat(severityWidth - word.length);
      const position = chalk.dim(positions[index]!.padEnd(width));
      lines.push(`  ${position}  ${severity}  ${finding.message}  ${chalk.dim(finding.ruleId ?? "")}`.trimEnd());
    });
    lines.push("");
  }
  const { errorCount, warningCount } = countResults(results);
  const total = errorCount + warningCount;
  const summary = `\u2716 ${plural(total, "problem")} (${plural(errorCount, "error")}, ${plural(warningCount, "warning")})`;
  lines.push(errorCount > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  return `${lines.join("\n")}\n`;
};
