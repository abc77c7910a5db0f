import path from "node:path";
import type { Frontend, FrontendFileOutput, TaskReport } from "./core/frontend.js";
import { compareFindings, type FileResult, type Finding, type Severity } from "./core/finding.js";
import type { Rule, RuleSetting } from "./core/rule.js";
import { applySuppressions } from "./core/suppressions.js";
import { taskFindingMessage } from "./core/task-message.js";

/** A rule switched on, with the severity its findings get. */
export interface EnabledRule {
  rule: Rule;
  severity: Severity;
}

export function enabledRules(rules: readonly Rule[], settings: Record<string, RuleSetting>): EnabledRule[] {
  return rules.flatMap((rule) => {
    const setting = settings[rule.meta.id] ?? rule.meta.defaultSeverity;
    return setting === "off" ? [] : [{ rule, severity: setting }];
  });
}

/**
 * Lints one file's text: picks the frontend for its extension, turns its task reports into
 * findings with messages and severities, and drops those a comment suppresses. Pure, apart from
 * what the frontend caches.
 */
export class Linter {
  readonly rules: readonly Rule[];
  private readonly severities: Map<string, Severity>;

  /** Paths in messages are relative to `cwd`. */
  constructor(
    readonly frontends: readonly Frontend[],
    enabled: readonly EnabledRule[],
    private readonly cwd: string,
  ) {
    this.rules = enabled.map((entry) => entry.rule);
    this.severities = new Map(enabled.map((entry) => [entry.rule.meta.id, entry.severity]));
  }

  lintText(filePath: string, text: string): FileResult {
    const frontend = this.frontendFor(filePath);
    if (!frontend || this.rules.length === 0) return { filePath, findings: [] };
    const output = frontend.lintFile(filePath, text, this.rules);
    const all = this.findingsOf(output, filePath);
    const keys = new Map(all.map((finding, index) => [finding, output.reports[index]?.sameProblemKey]));
    const findings = firstOfEachProblem(applySuppressions(all, output.comments), keys);
    return { filePath, findings: findings.sort(compareFindings), ...(output.reads ? { reads: output.reads } : {}), ...(output.readGroups?.length ? { readGroups: output.readGroups } : {}) };
  }

  private frontendFor(filePath: string): Frontend | undefined {
    const extension = path.extname(filePath);
    return this.frontends.find((frontend) => frontend.extensions.includes(extension));
  }

  private findingsOf(output: FrontendFileOutput, filePath: string): Finding[] {
    if (output.parseError) {
      const { message, line, column } = output.parseError;
      return [
        {
          ruleId: null,
          messageId: "parseError",
          severity: "error",
          message: `Parsing error: ${message}`,
          range: { line, column, endLine: line, endColumn: column },
          trace: [],
          fatal: true,
        },
      ];
    }
    return output.reports.map((report) => this.findingOf(report, filePath));
  }

  private findingOf(report: TaskReport, filePath: string): Finding {
    const { rule, api, failure, range, outcome, fix } = report;
    const messageId = failure.rejects ? "canReject" : "canThrow";
    return {
      ruleId: rule.meta.id,
      messageId,
      severity: this.severities.get(rule.meta.id) ?? rule.meta.defaultSeverity,
      message: taskFindingMessage(rule, messageId, api, outcome, failure, filePath, this.cwd),
      range,
      trace: [...failure.calls, failure.site],
      ...(fix && "fix" in fix ? { fix: fix.fix } : {}),
      ...(fix && "unavailable" in fix ? { fixUnavailable: fix.unavailable } : {}),
    };
  }
}

/** The findings, keeping of those with the same problem key (see TaskReport.sameProblemKey) the first. */
function firstOfEachProblem(findings: readonly Finding[], keys: ReadonlyMap<Finding, string | undefined>): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = keys.get(finding);
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
