import type { Rule } from "../../src/core/rule.js";
import type { ReceiverSource, TaskApi } from "../../src/core/task-api.js";

const LISTENER_METHODS = ["on", "once", "addListener", "prependListener", "prependOnceListener"];

/** Emitters whose events Node itself emits: a throwing listener is an uncaughtException. */
const CORE_EMITTERS: readonly ReceiverSource[] = [
  { global: "process" },
  { module: "process", export: "default" },
  { module: "fs", export: "createReadStream" },
  { module: "fs", export: "createWriteStream" },
  { module: "net", export: "connect" },
  { module: "net", export: "createConnection" },
  { module: "net", export: "createServer" },
  { module: "http", export: "request" },
  { module: "http", export: "get" },
  { module: "http", export: "createServer" },
  { module: "https", export: "request" },
  { module: "https", export: "get" },
  { module: "child_process", export: "spawn" },
  { module: "child_process", export: "fork" },
  { module: "child_process", export: "exec" },
  { module: "child_process", export: "execFile" },
  // Values typed as Node's own emitters: a request handler's `req`/`res`, a socket, a stream.
  { module: "http", export: "IncomingMessage" },
  { module: "http", export: "ServerResponse" },
  { module: "net", export: "Socket" },
  { module: "stream", export: "Readable" },
  { module: "stream", export: "Writable" },
  { module: "stream", export: "Duplex" },
  { module: "express", export: "Request" },
  { module: "express", export: "Response" },
];

/** The process's last-resort handlers: what they do with an error (log it, rethrow it, exit) is the process's policy. */
const PROCESS_ERROR_EVENTS = ["uncaughtException", "unhandledRejection", "uncaughtExceptionMonitor"];

/** Emitted as the process ends: Node runs the listeners and exits whatever they do. */
const EXIT_EVENTS = ["exit"];

/**
 * Process events whose listener may end the process: termination signals (Node's default for
 * them, which a listener replaces), and the IPC `"message"` of a child process forked to do one
 * job and exit.
 */
const ENDING_EVENTS = ["SIGTERM", "SIGINT", "SIGQUIT", "SIGBREAK", "message"];

/**
 * The events Node emits on `process` itself (the `process` docs of Node 20 to 24, and the
 * signals of signal(7) and Windows'); a listener for any other event runs inside the project's
 * own `process.emit(...)`.
 */
const NODE_PROCESS_EVENTS = [
  ...["beforeExit", "disconnect", "exit", "message", "multipleResolves", "rejectionHandled", "uncaughtException", "uncaughtExceptionMonitor"],
  ...["unhandledRejection", "warning", "worker", "workerMessage"],
  ...["SIGABRT", "SIGALRM", "SIGBREAK", "SIGBUS", "SIGCHLD", "SIGCONT", "SIGEMT", "SIGFPE", "SIGHUP", "SIGILL", "SIGINFO", "SIGINT", "SIGIO", "SIGIOT", "SIGLOST", "SIGPIPE"],
  ...["SIGPOLL", "SIGPROF", "SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSYS", "SIGTERM", "SIGTRAP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGUNUSED"],
  ...["SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH", "SIGXCPU", "SIGXFSZ"],
];

/**
 * Package classes whose constructor passes `{ captureRejections: true }` to EventEmitter: a
 * listener's rejection is emitted as `"error"` on the instance. discord.js's Client (through
 * BaseClient, since v13; read in 14.15.3).
 */
const CAPTURING_CLASSES = ["discord.js:Client"];

/**
 * Methods of a project emitter class that run the listeners of an event and await each one, so
 * that a rejection rejects what the method returns: nocobase's AsyncEmitter mixin (read in
 * packages/core/utils/src/mixin/AsyncEmitter.ts, 2026-11), which its classes declare.
 */
const AWAITING_EMITS = ["emitAsync"];

const asyncListeners: TaskApi[] = LISTENER_METHODS.map((method) => ({
  label: "async listener",
  sources: [{ method }],
  task: { argument: 1 },
  outcome: "crash",
  only: "async",
  handledBy: [{ captureRejections: true, classes: CAPTURING_CLASSES }, { awaitingEmit: AWAITING_EMITS }, { promisedEmit: true }, { errorEvents: PROCESS_ERROR_EVENTS }, { exitEvents: EXIT_EVENTS }, { endingEvents: ENDING_EVENTS }],
}));

const coreListeners: TaskApi[] = LISTENER_METHODS.map((method) => ({
  label: "listener on a Node core emitter",
  sources: [{ method, receiver: CORE_EMITTERS }],
  task: { argument: 1 },
  outcome: "crash",
  only: "sync",
  handledBy: [{ errorEvents: PROCESS_ERROR_EVENTS }, { exitEvents: EXIT_EVENTS }, { endingEvents: ENDING_EVENTS }, { notNodeEvents: NODE_PROCESS_EVENTS }],
}));

/**
 * `.on(...)` of emitters that await the listener and hand what it throws to their caller. Ace's
 * Kernel runs a flag listener inside its main command's try/catch and renders the error (read in
 * @adonisjs/ace 13.1.0). Emittery's `emit()` awaits `Promise.all` of its listeners, so a
 * rejection rejects the promise `emit()` returns, which floating-task checks where it is dropped
 * (read in emittery 0.13.1 and 1.1.0).
 */
const awaitedListeners: TaskApi[] = [
  {
    label: "flag listener of an Ace kernel",
    sources: [{ method: "on", receiver: [{ module: "@adonisjs/ace", export: "Kernel" }, { module: "@adonisjs/ace", export: "Kernel.create" }] }],
    task: { argument: 1 },
    outcome: "handled",
    only: "async",
    package: "@adonisjs/ace",
    checkedVersion: "13.1.0",
  },
  {
    // The virtual module's `on()` only stores the function; the indexer awaits each one inside a
    // try/catch that logs and rethrows into a transaction it rolls back and retries, then exits
    // for a restart (read in ponder 0.17.5: build/plugin.ts, indexing/index.ts, runtime/omnichain.ts).
    label: "indexing function of Ponder",
    sources: [{ method: "on", receiver: [{ module: "ponder:registry", export: "ponder" }] }],
    task: { argument: 1 },
    outcome: "handled",
    only: "async",
    package: "ponder",
    checkedVersion: "0.17.5",
  },
  {
    label: "listener of an Emittery emitter",
    sources: [{ method: "on", receiver: [{ module: "emittery", export: "default" }] }],
    task: { argument: 1 },
    outcome: "handled",
    only: "async",
    package: "emittery",
    checkedVersion: "0.13.1 and 1.1.0",
  },
];

export const unguardedAsyncListener: Rule = {
  meta: {
    id: "unguarded-async-listener",
    description: "An async event listener can reject (or a listener on a Node core emitter can throw), and nothing catches it",
    defaultSeverity: "error",
    fixable: true,
    advice: "Catch the error inside the listener.",
    messages: {
      canThrow: "{{task}} can throw: {{reason}}; {{consequence}}. {{advice}}",
      canReject: "{{task}} can reject: {{reason}}; {{consequence}}. {{advice}}",
    },
  },
  apis: [...awaitedListeners, ...asyncListeners, ...coreListeners],
};
