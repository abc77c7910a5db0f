import type { Rule } from "../../src/core/rule.js";
import type { VersionedOutcome } from "../../src/core/task-api.js";

/**
 * cron's fireOnTick catches sync throws since 3.3.0; a rejection only since 4.3.4, before that
 * only with waitForCompletion. errorHandler (3.4.0) does not change that.
 */
const CRON_OUTCOME: readonly VersionedOutcome[] = [{ below: "3.3.0", outcome: "crash" }, { below: "4.3.4", outcome: "rejection-crashes" }, { outcome: "handled" }];

export const unguardedCronJob: Rule = {
  meta: {
    id: "unguarded-cron-job",
    description: "A cron or scheduler job can throw, and the library (at the installed version) crashes or loses the error",
    defaultSeverity: "error",
    fixable: true,
    advice: "Catch the error inside the job.",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
    },
  },
  apis: [
    {
      // v3 emits 'task-failed' on a private object; v4 catches, logs and emits 'execution:failed'.
      // Both catch the promise the task returns.
      label: "node-cron task",
      sources: [{ module: "node-cron", export: "schedule" }],
      task: { argument: 1 },
      awaitsResult: true,
      outcome: [{ below: "4.0.0", outcome: "lost" }, { outcome: "handled" }],
      package: "node-cron",
      checkedVersion: "3.0.3 and 4.5",
    },
    {
      // waitForCompletion is the constructor's positional argument 9.
      label: "CronJob onTick",
      sources: [{ module: "cron", export: "CronJob" }],
      invocation: "new",
      task: { argument: 1 },
      outcome: CRON_OUTCOME,
      handledBy: [{ argument: 9 }],
      package: "cron",
      checkedVersion: "4.4.0",
    },
    {
      label: "CronJob onTick",
      sources: [{ module: "cron", export: "CronJob.from" }],
      task: { argument: 0, property: "onTick" },
      outcome: CRON_OUTCOME,
      handledBy: [{ argument: 0, property: "waitForCompletion" }],
      package: "cron",
      checkedVersion: "4.4.0",
    },
    {
      // The error (also the returned promise's rejection) is emitted as 'error' on the returned job:
      // with no listener, emit throws.
      label: "node-schedule job",
      sources: [{ module: "node-schedule", export: "scheduleJob" }],
      task: { argument: -1 },
      awaitsResult: true,
      outcome: "crash",
      handledBy: [{ listener: "error" }],
      package: "node-schedule",
      checkedVersion: "2.1.1",
    },
    {
      // Task catches synchronous throws only: an async function's rejection escapes.
      label: "toad-scheduler Task",
      sources: [{ module: "toad-scheduler", export: "Task" }],
      invocation: "new",
      task: { argument: 1 },
      outcome: "rejection-crashes",
      package: "toad-scheduler",
      checkedVersion: "4.1",
    },
    {
      // AsyncTask catches the returned promise's rejection only: a synchronous throw escapes.
      label: "toad-scheduler AsyncTask",
      sources: [{ module: "toad-scheduler", export: "AsyncTask" }],
      invocation: "new",
      task: { argument: 1 },
      awaitsResult: true,
      outcome: "sync-crashes",
      package: "toad-scheduler",
      checkedVersion: "4.1",
    },
  ],
};
