import type { Rule } from "../../src/core/rule.js";

export const unguardedWaitUntil: Rule = {
  meta: {
    id: "unguarded-wait-until",
    description: "A promise handed to waitUntil() can reject, and no .catch() handles it",
    defaultSeverity: "error",
    fixable: true,
    advice: "Add .catch() to the promise.",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
    },
  },
  apis: [
    {
      label: "promise passed to waitUntil",
      sources: [{ module: "@vercel/functions", export: "waitUntil" }],
      task: { argument: 0, promise: true },
      outcome: "crash",
      package: "@vercel/functions",
      checkedVersion: "2.x",
    },
    {
      label: "promise passed to waitUntil",
      sources: [{ method: "waitUntil" }],
      task: { argument: 0, promise: true },
      outcome: "lost",
      owner: "the runtime (Cloudflare Workers, Hono)",
    },
  ],
};
