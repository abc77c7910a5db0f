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

/**
 * What to do: the API's own advice, else — when the failure is a promise the task drops
 * inside, which no catch in the task reaches — to handle that promise, else the rule's.
 */
function advice(rule: Rule, api: TaskApi, failure: Failure): string {
  if (api.advice) return api.advice;
  const dropsPromise = failure.floats || failure.site.kind === "floating";
  return dropsPromise && rule.checks !== "floating-calls" ? "Await that promise or add .catch() to it." : rule.meta.advice;
}

/** The message of a task finding: the rule's template filled with what failed, where, and what it does. */
export function taskFindingMessage(rule: Rule, messageId: string, api: TaskApi, outcome: Outcome, failure: Failure, file: string, cwd: string): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message ${messageId}`);
  return formatMessage(template, {
    task: api.label,
    reason: explainFailure(failure, file, cwd),
    consequence: consequence(api, outcome, failure),
    advice: advice(rule, api, failure),
  });
}
