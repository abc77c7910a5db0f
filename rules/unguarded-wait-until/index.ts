import type { Rule } from "../../src/core/rule.js";

export const unguardedWaitUntil: Rule = {
  meta: {
    id: "unguarded-wait-until",
    description: "A promise handed to @vercel/functions' waitUntil() can reject, and no .catch() handles it",
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
      // Next.js middleware's event: its waitUntil catches a rejection and logs it ("middleware
      // waitUntil errored"), read in next 15.5.8; Vercel's runtime logs it too.
      label: "promise passed to Next.js middleware's waitUntil",
      sources: [{ method: "waitUntil", receiver: [{ module: "next/server", export: "NextFetchEvent" }] }],
      task: { argument: 0, promise: true },
      outcome: "handled",
      package: "next",
      checkedVersion: "15.5.8",
    },
    {
      // Cloudflare's ctx.waitUntil (also Hono's c.executionCtx and a service-worker-format
      // event): workerd hands a rejected promise to IoContext::taskFailed, which logs it as an
      // uncaught exception to the inspector (wrangler dev prints it), the trace (Workers Logs,
      // tail workers) and the verbose log, as it has since its first release (2022); read in
      // its source of 2026-08 and run with workerd 1.20260821.1. No other runtime's method is
      // known to lose it.
      label: "promise passed to waitUntil, as a method",
      sources: [{ method: "waitUntil" }],
      task: { argument: 0, promise: true },
      outcome: "handled",
      package: "workerd",
      checkedVersion: "1.20260821.1",
    },
  ],
};
