import type { Rule } from "../../src/core/rule.js";
import type { TaskApi } from "../../src/core/task-api.js";

function timer(name: string): TaskApi {
  return {
    label: `${name} callback`,
    sources: [{ global: name }, { module: "timers", export: name }],
    task: { argument: 0 },
    outcome: "crash",
  };
}

export const unguardedTimerCallback: Rule = {
  meta: {
    id: "unguarded-timer-callback",
    description: "A function run by a timer, queueMicrotask or process.nextTick can throw, and nothing catches it",
    defaultSeverity: "error",
    fixable: true,
    advice: "Catch the error inside the callback.",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
    },
  },
  apis: [
    timer("setTimeout"),
    timer("setInterval"),
    timer("setImmediate"),
    {
      label: "queueMicrotask callback",
      sources: [{ global: "queueMicrotask" }],
      task: { argument: 0 },
      outcome: "crash",
    },
    {
      label: "process.nextTick callback",
      sources: [{ global: "process.nextTick" }, { module: "process", export: "nextTick" }],
      task: { argument: 0 },
      outcome: "crash",
    },
  ],
};
