/**
 * One entry of the catalog of scheduling APIs: how the API is called, where the task is, what
 * happens to an error that escapes the task, and what counts as its error handler. Entries are
 * data; a frontend matches them against calls in its language.
 */
export interface TaskApi {
  /** How the task is named in messages: "setTimeout callback", "node-cron task". */
  label: string;
  /** Any one of these names the API. */
  sources: readonly ApiSource[];
  /** `new CronJob(...)` rather than `schedule(...)`. Default "call". */
  invocation?: "call" | "new";
  task: TaskPosition;
  /** What an error escaping the task does; by installed version when it changed between versions. */
  outcome: Outcome | readonly VersionedOutcome[];
  /** The npm package, for reading its installed version and for the docs. */
  package?: string;
  /** Who swallows the error when the outcome is "lost" (default: the package). */
  owner?: string;
  /** The library awaits what the task returns (a queue), rather than dropping it (a timer). */
  awaitsResult?: boolean;
  /** The version of the package whose source this entry was checked against. */
  checkedVersion?: string;
  /** Not reported when the call registers one of these error handlers. */
  handledBy?: readonly Handler[];
  /** Report only tasks that return a promise (an async listener), or only those that do not. */
  only?: "async" | "sync";
  /** What to do, ending the message: "Await the promise add() returns or add .catch() to it." */
  advice?: string;
}

/**
 * - "crash": the error becomes an uncaughtException / unhandledRejection and ends the process;
 * - "lost": the library catches it and tells nobody;
 * - "rejection-crashes": a synchronous throw is caught, a rejection is not (and crashes);
 * - "sync-crashes": a rejection is caught, a synchronous throw is not (and crashes);
 * - "handled": the library catches and reports it by design: never a finding.
 */
export type Outcome = "crash" | "lost" | "rejection-crashes" | "sync-crashes" | "handled";

/** The outcome for installed versions below `below` (semver); without `below`, for the rest. */
export interface VersionedOutcome {
  below?: string;
  outcome: Outcome;
}

export type ApiSource =
  /** A global, possibly a property path: "setTimeout", "process.nextTick". */
  | { global: string }
  /** An export of a module: { module: "timers", export: "setTimeout" }; "default" for the default export. */
  | { module: string; export: string }
  /**
   * A method called on any receiver (`emitter.on`, `ctx.waitUntil`), or only on a value made by
   * one of `receiver` (`new PQueue()`, `fs.createReadStream()`) or that is one (`process`).
   */
  | { method: string; receiver?: readonly ReceiverSource[] };

export type ReceiverSource = { global: string } | { module: string; export: string };

/** Which argument holds the task: the function itself, an option of an options object, or a promise. */
export interface TaskPosition {
  /** Zero-based; negative counts from the end (-1 is the last argument). */
  argument: number;
  /** The task is this property of an options object: `CronJob.from({ onTick })`. */
  property?: string;
  /** The argument is a promise, not a function: `waitUntil(sendEmail())`. */
  promise?: boolean;
  /**
   * The task is not at the call but the function given to whatever made the receiver:
   * `fastq.promise(worker)` then `queue.push(job)` runs `worker`. `argument` is then ignored.
   */
  madeWith?: true;
  /** The task is code the linter cannot see (a worker thread's script): any error counts. */
  opaque?: true;
}

export type Handler =
  /** An argument (or an option of an options-object argument) is given: `errorHandler`. */
  | { argument: number; property?: string }
  /**
   * A listener for this event is registered on what the call returns: `job.on("error", ...)`.
   * `returned`: what a function returns is its caller's to listen to (a Worker a factory makes),
   * rather than kept only to be cancelled (a scheduled job).
   */
  | { listener: string; returned?: boolean }
  /** What the call returns is used (awaited, returned, stored, `.catch`-ed), not dropped. */
  | { result: "used" }
  /**
   * The receiver was made with `{ captureRejections: true }`, or is an instance of one of these
   * package classes ("module:Class") that make themselves so, and has an `"error"` listener.
   */
  | { captureRejections: true; classes?: readonly string[] }
  /**
   * The receiver is an instance of a project class with a method of one of these names, which
   * runs the listeners and awaits them (`emitAsync`), and no linted file emits the event with a
   * plain `emit()`: a listener's rejection rejects the promise of that method, to its caller.
   */
  | { awaitingEmit: readonly string[] }
  /**
   * The receiver is an emitter the frontend cannot see (no type, no class), and a linted file
   * awaits the `emit()` of an emitter of the same name: that `emit()` returns a promise, so the
   * emitter is the project's own and hands its listeners' failures to that caller.
   */
  | { promisedEmit: true }
  /**
   * The task listens for one of these events (the first argument): it is the last-resort error
   * handler itself (`process.on("uncaughtException", ...)`), and ending the process there is a decision.
   */
  | { errorEvents: readonly string[] }
  /** The task listens on `process` for one of these events, emitted as it ends (`"exit"`): an error there changes only the exit code. */
  | { exitEvents: readonly string[] }
  /**
   * The task listens on `process` for one of these events and ends the process on its way
   * (`process.exit()` in its body, or in the function it hands the work to): an error there ends
   * the process that a termination signal asked to end, or that a forked child ends once its job
   * is done, with a failing exit code its parent sees.
   */
  | { endingEvents: readonly string[] }
  /**
   * The task listens on `process` for an event that is none of these, Node's own: the project's
   * code emits it (`process.emit("time", ...)`), so a synchronous listener's throw returns to
   * that `emit()` call, whose caller catches it or not.
   */
  | { notNodeEvents: readonly string[] };
