import { parentPort, workerData } from "node:worker_threads";
import { lintEach, openSession } from "../api.js";
import { UsageError } from "../core/errors.js";
import { Timing } from "../core/timing.js";
import type { WorkerInput, WorkerMessage } from "./lint-in-workers.js";

/** A worker thread: lints its share of the files, with all of them known for cross-file analysis. */
const { options, chunk, files } = workerData as WorkerInput;
const { debug, timing: timed, ...lintOptions } = options;
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
const timing = timed ? new Timing() : undefined;
try {
  const session = await openSession(
    {
      ...lintOptions,
      warn: (message) => post({ kind: "warn", message }),
      ...(debug ? { debug: (message: string) => post({ kind: "debug", message }) } : {}),
      ...(timing ? { timing } : {}),
    },
    files,
  );
  const results = lintEach(session, chunk, timing);
  post({ kind: "done", results, ...(timing ? { timing: timing.snapshot() } : {}) });
} catch (error) {
  post({ kind: "failed", message: (error as Error).message, usage: error instanceof UsageError });
}
