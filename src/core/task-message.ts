import { explainFailure, type Failure } from "./failure.js";
import { formatMessage, type Rule } from "./rule.js";
import type { Outcome, TaskApi } from "./task-api.js";

/** What an escaping error does, as the end of a message. */
function consequence(api: TaskApi, outcome: Outcome, failure: Failure): string {
  if (outcome === "lost") return `${api.owner ?? api.package ?? "the library"} catches the error and tells nobody: the failure is silently lost`;
  return failure.rejects
    ? "the rejection will crash the process (unhandledRejection)"
    : "the error will crash the process (uncaughtException)";
}

/** The message of a task finding: the rule's template filled with what failed, where, and what it does. */
export function taskFindingMessage(rule: Rule, messageId: string, api: TaskApi, outcome: Outcome, failure: Failure, file: string, cwd: string): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message ${messageId}`);
  return formatMessage(template, {
    task: api.label,
    reason: explainFailure(failure, file, cwd),
    consequence: consequence(api, outcome, failure),
    advice: api.advice ?? "",
  });
}
