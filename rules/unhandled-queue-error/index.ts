import type { Rule } from "../../src/core/rule.js";

export const unhandledQueueError: Rule = {
  meta: {
    id: "unhandled-queue-error",
    description: "A queued task can fail and the promise that carries its error is ignored",
    defaultSeverity: "error",
    fixable: false,
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; the promise add() returns rejects with it and is ignored, so {{consequence}}. Await it or add .catch().",
      canReject: "{{task}} can reject: {{reason}}; the promise add() returns rejects with it and is ignored, so {{consequence}}. Await it or add .catch().",
    },
  },
  apis: [
    {
      // add() rejects with the task's error (and emits 'error'); an ignored add() promise is an unhandledRejection.
      label: "p-queue task",
      sources: [{ method: "add", receiver: [{ module: "p-queue", export: "default" }] }],
      task: { argument: 0 },
      outcome: "crash",
      awaitsResult: true,
      handledBy: [{ result: "used" }],
      package: "p-queue",
      checkedVersion: "9.3.3",
    },
  ],
};
