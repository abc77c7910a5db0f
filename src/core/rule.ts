import type { Severity } from "./finding.js";
import type { TaskApi } from "./task-api.js";

export interface RuleMeta {
  /** kebab-case, names the bad pattern. */
  id: string;
  /** One line, shown in the rules table and --help. */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** What to do, ending each message (`{{advice}}`), unless the API or the failure needs other words. */
  advice: string;
  /** messageId -> text with {{placeholders}}. */
  messages: Record<string, string>;
}

/**
 * A rule is data: its metadata and the scheduling APIs whose task functions it checks. The
 * language frontends find those tasks and decide whether they can throw; the rule only words
 * the finding. A rule that checks `floating-calls` reports calls whose promise can reject and
 * that nothing awaits, returns or catches, instead of tasks handed to APIs.
 */
export interface Rule {
  meta: RuleMeta;
  apis: readonly TaskApi[];
  checks?: "floating-calls";
}

export type RuleSetting = Severity | "off";

export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => data[key] ?? whole);
}
