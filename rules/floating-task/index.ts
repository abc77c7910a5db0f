import type { Rule } from "../../src/core/rule.js";

export const floatingTask: Rule = {
  meta: {
    id: "floating-task",
    description: "A call whose promise can really reject is fired and forgotten: not awaited, returned or .catch-ed",
    defaultSeverity: "error",
    fixable: true,
    advice: "Await it, return it, or add .catch().",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
    },
  },
  apis: [
    {
      label: "fire-and-forget call",
      sources: [],
      task: { argument: 0, promise: true },
      outcome: "crash",
    },
  ],
  checks: "floating-calls",
};
