import type { Rule } from "../../src/core/rule.js";

const RESULT_ADVICE = "Await the promise it returns or add .catch() to it.";

export const unhandledQueueError: Rule = {
  meta: {
    id: "unhandled-queue-error",
    description: "A queued task can fail and the promise, callback or listener that would carry its error is missing",
    defaultSeverity: "error",
    fixable: true,
    advice: "Handle the error where the queue hands it back.",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
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
      advice: `add() rejects with the error and nobody holds that promise. ${RESULT_ADVICE}`,
    },
    {
      // queueAsPromised.push forks p.catch(noop): an ignored push() swallows the worker's error.
      label: "fastq worker",
      sources: [{ method: "push", receiver: [{ module: "fastq", export: "promise" }] }],
      task: { argument: 0, madeWith: true },
      outcome: "lost",
      awaitsResult: true,
      handledBy: [{ result: "used" }],
      package: "fastq",
      checkedVersion: "1.20.1",
      advice: `push() carries the error and nobody holds it. ${RESULT_ADVICE}`,
    },
    {
      // push() without a callback returns a promise that resolves even when the worker fails.
      label: "async queue worker",
      sources: [
        { method: "push", receiver: [{ module: "async", export: "queue" }] },
        { method: "unshift", receiver: [{ module: "async", export: "queue" }] },
      ],
      task: { argument: 0, madeWith: true },
      outcome: "lost",
      awaitsResult: true,
      handledBy: [{ argument: 1 }],
      package: "async",
      checkedVersion: "3.2.6",
      advice: "push() without a callback resolves even when the worker fails: pass a callback, or set q.error(handler).",
    },
    {
      // An error in the worker's script is emitted as 'error' on the Worker: with no listener, the parent crashes.
      label: "worker_threads Worker",
      sources: [{ module: "worker_threads", export: "Worker" }],
      invocation: "new",
      task: { argument: 0, opaque: true },
      outcome: "crash",
      handledBy: [{ listener: "error", returned: true }],
      advice: 'Add worker.on("error", ...).',
    },
  ],
};
