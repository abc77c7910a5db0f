import { explainFailure, type Failure } from "./failure.js";
import { formatMessage, type Rule } from "./rule.js";
import type { TaskApi } from "./task-api.js";

const CONSEQUENCES: Record<TaskApi["onError"], { throws: string; rejects: string }> = {
  crash: {
    throws: "the error will crash the process (uncaughtException)",
    rejects: "the rejection will crash the process (unhandledRejection)",
  },
};

/** The message of a task finding: the rule's template filled with what failed, where, and what it does. */
export function taskFindingMessage(rule: Rule, messageId: string, api: TaskApi, failure: Failure, file: string, cwd: string): string {
  const template = rule.meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message ${messageId}`);
  const consequence = CONSEQUENCES[api.onError];
  return formatMessage(template, {
    task: api.label,
    reason: explainFailure(failure, file, cwd),
    consequence: failure.rejects ? consequence.rejects : consequence.throws,
  });
}
