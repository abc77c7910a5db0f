import type { Rule } from "../../src/core/rule.js";

/** Checks the schedulers a project declares in its config (`schedulers`); it has no APIs of its own. */
export const unguardedScheduledTask: Rule = {
  meta: {
    id: "unguarded-scheduled-task",
    description: "A task handed to a scheduler declared in the config (`schedulers`) can throw, and the scheduler does not catch it",
    defaultSeverity: "error",
    fixable: true,
    advice: "Catch the error inside the task.",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
    },
  },
  apis: [],
};
