import type { Rule } from "../core/rule.js";
import type { TaskApi } from "../core/task-api.js";

/**
 * A scheduler the project declares in its config: a module's export
 * (`{ module: "@acme/jobs", export: "enqueue", task: 1 }`) or a method of instances of a module's
 * class (`{ module: "@acme/jobs", class: "JobRunner", method: "schedule", task: 0 }`), and what
 * an error escaping the task does there.
 */
export type SchedulerConfig =
  | { module: string; export: string; task: number; kind: "crash" | "lost" }
  | { module: string; class: string; method: string; task: number; kind: "crash" | "lost" };

function schedulerApi(scheduler: SchedulerConfig): TaskApi {
  const common = { task: { argument: scheduler.task }, outcome: scheduler.kind, package: scheduler.module } as const;
  if ("export" in scheduler) return { label: `${scheduler.export} task`, sources: [{ module: scheduler.module, export: scheduler.export }], ...common };
  return {
    label: `${scheduler.class}.${scheduler.method} task`,
    sources: [{ method: scheduler.method, receiver: [{ module: scheduler.module, export: scheduler.class }] }],
    ...common,
  };
}

/** The rules with the configured schedulers added to the rule that checks them. */
export function withConfiguredSchedulers(rules: readonly Rule[], schedulers: readonly SchedulerConfig[], ruleId: string): Rule[] {
  if (schedulers.length === 0) return [...rules];
  return rules.map((rule) => (rule.meta.id === ruleId ? { ...rule, apis: [...rule.apis, ...schedulers.map(schedulerApi)] } : rule));
}
