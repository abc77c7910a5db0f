/**
 * Calls that do not throw in practice. Each entry is a claim that must hold for every way the
 * function can be reached; when in doubt an entry stays out, because an unknown call counts as
 * one that can throw. `JSON.parse`, `JSON.stringify`, `new URL()`, `decodeURIComponent` and
 * `structuredClone` are left out on purpose: they do throw (some only under `strictCalls`).
 */

/** Global functions, as property paths; `x.*` is every method of the global `x`. */
export const SAFE_GLOBAL_CALLS: readonly string[] = [
  "console.*",
  "Math.*",
  "Date.now",
  "performance.now",
  "performance.eventLoopUtilization",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "Number.isFinite",
  "Number.isNaN",
  "Number.isInteger",
  "Number.isSafeInteger",
  "Array.isArray",
  "Object.is",
  // These throw only on null or undefined, like a property read, which is not counted either.
  "Array.from",
  "Array.of",
  "Object.keys",
  "Object.values",
  "Object.entries",
  "Object.freeze",
  "Object.getOwnPropertyNames",
  "isNaN",
  "isFinite",
  "parseInt",
  "parseFloat",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "Promise.resolve",
  "Date.parse",
  "document.getElementById",
  // It ends the process: nothing after it runs, so there is nothing to guard.
  "process.exit",
  "process.hrtime",
  "process.hrtime.bigint",
  "process.uptime",
  "process.memoryUsage",
  "process.cpuUsage",
];

/** Exports of modules, as `module:path` (`sleep-promise:` is the default export). */
export const SAFE_MODULE_CALLS: readonly string[] = [
  "timers:clearTimeout",
  "timers:clearInterval",
  "timers:clearImmediate",
  "perf_hooks:performance.now",
  "perf_hooks:performance.eventLoopUtilization",
  // Documented to return false rather than throw (fs-extra re-exports it).
  "fs:existsSync",
  "fs-extra:existsSync",
  // pathExists resolves false on any error and pathExistsSync is fs.existsSync (read in fs-extra 11.4.1).
  "fs-extra:pathExists",
  "fs-extra:pathExistsSync",
  // NestJS's static logger: Logger.log(), Logger.error(), ...
  "@nestjs/common:Logger.*",
  // Path and OS helpers: strings in, strings out.
  "path:*",
  "os:*",
  "util:format",
  "util:inspect",
  // Terminal colours: string in, string out.
  "chalk:*",
  "picocolors:*",
  // Documented to resolve to whether the event queue drained before the timeout, and read so in
  // @sentry/core 10.61.0 (behind every @sentry/* SDK): they never reject.
  "@sentry/*:flush",
  "@sentry/*:close",
  // Sleep helpers whose promise only resolves: alcalzone-shared's wait (read in 5.0.0),
  // sleep-promise (read in 9.1.0) and asyncbox's sleep (Bluebird's delay before 6.x; since then
  // it rejects only through the cancel() of a promise someone holds, and throws only on a delay
  // that is not a finite number, a misuse; read in 3.0.0 and 6.4.2).
  "alcalzone-shared/async:wait",
  "sleep-promise:",
  "asyncbox:sleep",
  // Compressing throws only on misuse (an input that is not bytes or a string, a bad option);
  // decompressing (gunzipSync, inflateSync) throws on malformed data and stays out.
  "zlib:gzipSync",
  "zlib:deflateSync",
  "zlib:deflateRawSync",
  "zlib:brotliCompressSync",
  // Password hashing rejects (the Sync forms throw) only on misuse: an argument of the wrong
  // type, rounds out of range, a malformed salt string (read in bcrypt 6.0.0 and bcryptjs 3.0.3);
  // compare answers false.
  "bcrypt:hash",
  "bcrypt:compare",
  "bcrypt:genSalt",
  "bcryptjs:hash",
  "bcryptjs:compare",
  "bcryptjs:genSalt",
  "bcrypt:hashSync",
  "bcrypt:compareSync",
  "bcrypt:genSaltSync",
  "bcryptjs:hashSync",
  "bcryptjs:compareSync",
  "bcryptjs:genSaltSync",
  // Throws only on misuse (options of the wrong types, called before the app is ready); the
  // native dialog's promise only resolves, with the button clicked (read in electron's
  // lib/browser/api/dialog.ts and shell/browser/api/electron_api_dialog.cc on main, 2026-11).
  "electron:dialog.showMessageBox",
  // Reports a URI it cannot parse in the result's `error` field, and catches what its punycode
  // steps throw (read in uri-js 4.4.1, src/uri.ts and src/schemes/*).
  "uri-js:parse",
  // Crawls with fdir's default suppressErrors, so a folder it cannot read is left out, not thrown;
  // it throws only on options of the wrong types (read in tinyglobby 0.2.17's src/crawler.ts).
  "tinyglobby:glob",
  "tinyglobby:globSync",
  // Every export returns `new Promise((resolve) => ...)` and resolves with empty data on failure;
  // the one promisify that rejects feeds util.promiseAll, which catches (read in
  // systeminformation 5.33.23's lib/; reviewers read the same in 5.9.7 and 5.23.5).
  "systeminformation:*",
  // Answer null for a version or range they cannot read (read in semver 7.7.2: functions/valid.js,
  // coerce.js and ranges/valid.js catch). satisfies throws on a version that is not a string, and
  // gt, lt, compare and the like on a bad version: left out. parse is below.
  "semver:valid",
  "semver:coerce",
  "semver:validRange",
  "semver/functions/valid:",
  "semver/functions/coerce:",
  "semver/ranges/valid:",
];

/**
 * Exports that can reject only through their options (an AbortSignal that aborts), as
 * `module:path` (a default export's path is empty) -> the options argument's position:
 * `setTimeout(ms, value)` of `timers/promises` coerces any delay and settles by resolving.
 */
export const SAFE_MODULE_CALLS_WITHOUT_OPTIONS: Readonly<Record<string, number>> = {
  "timers/promises:setTimeout": 2,
  "timers/promises:setImmediate": 1,
  "timers/promises:scheduler.wait": 1,
  // delay(ms, { value, signal }): rejects only when its signal aborts (read in 4.4.1, 5.0.0, 7.0.0).
  "delay:": 1,
  // parse(version, options, throwErrors): null for a version it cannot read, unless the third
  // argument asks it to throw (read in semver 7.7.2's functions/parse.js).
  "semver:parse": 2,
  "semver/functions/parse:": 2,
};

/**
 * Any package's top-level export of these names is taken to be a timer's promise, rejecting at
 * most through an AbortSignal among its options (the argument after the delay), as the verified
 * ones above do, and as @httptoolkit/util's `delay` does (read in 0.1.7's src/promises.ts).
 */
export const TIMER_PROMISE_NAMES: readonly string[] = ["sleep", "delay"];

/**
 * Modules of invariant checks (`assert(timer === undefined, "unexpected state")`): a failing
 * one is a bug in the program, which ending it is right to show, like a guard clause on the
 * object's own state. Counted only with `analysis.strictCalls`.
 */
export const INVARIANT_MODULES: readonly string[] = ["assert", "assert/strict", "invariant", "tiny-invariant"];

/** Names of the project's own invariant checks, counted like the modules' (a monorepo's `assert` package). */
export const INVARIANT_FUNCTION_NAMES: readonly string[] = ["assert", "invariant"];

/**
 * Helpers that turn a rejection into a returned value, by the name the idiom goes by:
 * `const [error, rows] = await tryCatch(db.query(...))`.
 */
export const SETTLING_HELPER_NAMES: readonly string[] = ["tryCatch"];

/** Global classes whose constructor does not throw for any argument. */
export const SAFE_CONSTRUCTORS: readonly string[] = [
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "Date",
  "Array",
  "Object",
  "AbortController",
  "URLSearchParams",
  "FormData",
  "TextEncoder",
];

/**
 * Methods of a Redis client (ioredis, node-redis) that open a batch: its commands are queued and
 * run, and fail, when the batch's `exec()` runs; until then a command returns the batch itself.
 */
export const BATCH_OPENING_METHODS: readonly string[] = ["pipeline", "multi"];

/**
 * Methods that do not throw whatever the receiver: removing a listener and unref'ing a handle
 * (timers, sockets, child processes, workers). Not `emit`/`dispatchEvent`: they run listeners.
 */
export const SAFE_METHODS_ON_ANY_VALUE: readonly string[] = [
  "off",
  "removeListener",
  "removeAllListeners",
  "removeEventListener",
  "unref",
  "hasRef",
  // AbortController#abort and DOM focus changes dispatch events; an EventTarget listener that
  // throws is reported as an uncaught exception on its own, never thrown to the caller, so a
  // try/catch around these calls would catch nothing.
  "abort",
  "focus",
  "blur",
  // OpenTelemetry's API is specified never to throw into the instrumented code.
  "setAttribute",
  "setAttributes",
  "addEvent",
  "recordException",
  "setStatus",
  // Read-only string and array methods: like a property read, they throw only on null or undefined.
  "includes",
  "indexOf",
  "lastIndexOf",
  "startsWith",
  "endsWith",
  "trim",
  "trimStart",
  "trimEnd",
  "toLowerCase",
  "toUpperCase",
  "padStart",
  "padEnd",
  "charAt",
  "split",
  "join",
  "slice",
  "substring",
];

/**
 * Teardown calls of objects the code did not make (`await watcher.close()`, `pool.terminate()`,
 * `server.stop()`, `consumer.disconnect()`, `client.quit()`): written to succeed, and what they
 * may throw (closing twice, a socket already gone) is not a failure anyone handles. Reviewers
 * judged every finding whose only throw was such a call false or debatable (24 on 15 real
 * projects: bullmq, mongodb, chokidar, puppeteer and proxy-chain among them), so they count only
 * with `analysis.strictCalls`. Not `end` or `destroy`: those often write (node-resque's
 * `worker.end()` untracks the worker in Redis).
 */
export const TEARDOWN_METHODS: readonly string[] = ["close", "terminate", "stop", "disconnect", "quit"];

/**
 * A receiver named like a logger (`logger`, `this.log`, `auditLogger`) calling a logging method:
 * loggers are written not to throw, and a finding on every log line would bury the real ones.
 * `safeCalls` in the config names other such calls.
 */
export const LOGGER_NAME = /^(_?log|_?logger|\w*Logger)$/;

/**
 * Array methods that call their callback synchronously: the call itself does not throw, the
 * callback is analysed as if called in place.
 */
export const CALLBACK_RUNNING_METHODS: readonly string[] = [
  "forEach",
  "map",
  "filter",
  "some",
  "every",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "flatMap",
  "reduce",
  "reduceRight",
  "sort",
];

/**
 * Functions taken from the result of these calls are a promise's own settle functions, which do
 * not throw: `const { promise, resolve } = Promise.withResolvers()`.
 */
export const SETTLE_FUNCTION_SOURCES = /withResolvers$|^(createDeferred(Promise)?|deferred|defer)$/i;
export const SETTLE_FUNCTION_NAMES: readonly string[] = ["resolve", "reject"];

/** Constructors named like errors (`new TimeoutError(...)`) build a value; they do not throw it. */
export const ERROR_CLASS_NAME = /(Error|Exception)$/;

/**
 * Functions that React hooks hand out (`const [, setOpen] = useState()`, `const { refetch,
 * setValue } = useQuery()/useForm()`, `const navigate = useNavigate()`) update state or schedule
 * work; they do not throw into the caller. Solid's `createSignal` setter likewise.
 */
export const STATE_FUNCTION_SOURCE = /^(use[A-Z]\w*|createSignal)$/;

/** Holders of "the latest callback" in React code: `useRef(onDone)`, `useLatest(onDone)`, `onDoneRef`. */
export const CALLBACK_REF_HOLDER = /Ref$/;
export const CALLBACK_REF_HOOK = /^use(\w*Ref|Latest\w*)$/;

/** A kind of value the code made itself, known from its initializer or its declared type. */
export type ValueKind = "map" | "set" | "array" | "timer" | "date" | "logger" | "blob";

/** Logging libraries whose loggers swallow their own I/O errors (debug's loggers are functions: `debug("ignored")`). */
export const LOGGING_MODULES: readonly string[] = [
  "pino",
  "winston",
  "bunyan",
  "@nestjs/common",
  "nestjs-pino",
  "debug",
  "loglevel",
  "consola",
  "log4js",
];

/** Methods that cannot throw on a value of that kind (callback-taking ones like forEach are out). */
export const SAFE_METHODS: Record<ValueKind, readonly string[]> = {
  map: ["get", "set", "has", "delete", "clear", "keys", "values", "entries"],
  set: ["add", "has", "delete", "clear", "keys", "values", "entries"],
  // filter and sort are here for their callback-free uses (`filter(Boolean)`, `sort()`); a function they are given is analysed.
  array: ["push", "pop", "shift", "unshift", "includes", "indexOf", "lastIndexOf", "slice", "splice", "at", "concat", "join", "reverse", "flat", "filter", "sort"],
  timer: ["ref", "unref", "refresh", "hasRef"],
  // A Blob made from parts holds their bytes in memory: reading it back cannot fail.
  blob: ["text", "arrayBuffer", "bytes", "slice", "stream"],
  // Only for a Date made from the current time: `new Date(value).toISOString()` can throw.
  // npm levels (winston's default), then the syslog levels winston and others also offer.
  logger: ["log", "info", "warn", "error", "debug", "trace", "fatal", "verbose", "silly", "http", "child", "warning", "notice", "crit", "alert", "emerg"],
  date: ["getTime", "valueOf", "toISOString", "toJSON", "toString", "toUTCString", "toDateString", "toTimeString", "toLocaleString", "toLocaleDateString", "toLocaleTimeString"],
};

/**
 * Method names that announce a throw on bad input, so a call counts even on a value we cannot
 * see into: schema `parse` (zod, valibot), `...Sync` file and crypto calls, `assert...`.
 * (`toISOString`, `JSON.stringify` and `structuredClone` can throw too, on an invalid date, a
 * cycle or a value of a kind they cannot copy, but on real code counting them gave mostly
 * findings nobody would fix; `analysis.strictCalls` counts them.)
 * Not `spawnSync`: it returns a failure to start, or the child's, in its result (`result.error`).
 */
export const THROWING_METHOD = /^(parse|(?!spawnSync$)\w+Sync|assert\w*)$/;

/**
 * Global functions that throw on bad input. Any call of an unknown function counts when its
 * result is awaited; these count wherever they stand.
 */
export const KNOWN_THROWING_GLOBAL_CALLS: readonly string[] = [
  "JSON.parse",
  // QuotaExceededError when storage is full, SecurityError when it is blocked.
  "localStorage.setItem",
  "sessionStorage.setItem",
  "decodeURIComponent",
  "decodeURI",
  "atob",
  "btoa",
  "require",
  "eval",
];

/**
 * Known throwers that throw only on malformed input: counted only when their argument may come
 * from outside (a parameter, a value received at run time), not when it is built from literals,
 * module constants, the object's own state or `process.env`.
 */
export const INPUT_PARSING_GLOBAL_CALLS: readonly string[] = ["JSON.parse", "decodeURIComponent", "decodeURI", "atob", "URL"];

/**
 * Methods of child process and worker handles (made by child_process, worker_threads or
 * cluster) that report failure by returning false or by an event, never by throwing
 * (`child.kill("SIGINT")`). Not `process.kill(pid)`, nor a docker container's `kill()`.
 */
export const CHILD_HANDLE_METHODS: readonly string[] = ["kill", "disconnect"];

/**
 * Methods of package classes' instances that never throw or reject, as "module:Class.method",
 * matched by the class a value was made from or is typed as (`private pubsub: PubSub`).
 */
export const SAFE_PACKAGE_INSTANCE_METHODS: readonly string[] = [
  // The in-memory PubSub emits synchronously to async iterators that only queue the value, and
  // returns Promise.resolve(): nothing in it rejects.
  "graphql-subscriptions:PubSub.publish",
  // Runs each cleanup step in its own try/catch and emits what fails as "error", and its emit()
  // catches what a listener throws (read in bullmq 6.2.0; the reviewers read the same in 5.76.3).
  "bullmq:Worker.close",
  // Returns the response, not a promise; ending it twice is a no-op, and a failure to write goes
  // to the callback (read in Node 20's lib/_http_outgoing.js, OutgoingMessage.prototype.end).
  "http:ServerResponse.end",
  // Resolves with the exit code once the thread's "exit" is emitted, which Node always emits;
  // nothing in it rejects (read in Node 14, 18, 20 and 22's lib/internal/worker.js).
  "worker_threads:Worker.terminate",
  // Rejects only with the error of the server's close(), which Node gives only for a server that
  // is not running; a second call returns the first one's promise (read in http-terminator 3.2.0's
  // src/factories/createInternalHttpTerminator.ts).
  "http-terminator:HttpTerminator.terminate",
  // Returns the client; what goes wrong closing the stores goes to the callback given (read in
  // MQTT.js 5.x's src/lib/client.ts). `Client` is its older name.
  "mqtt:MqttClient.end",
  "mqtt:Client.end",
  // Resolves with the unlock function, at once or when its turn comes; nothing in it rejects
  // (read in @livekit/mutex 1.1.0's src/index.ts).
  "@livekit/mutex:Mutex.lock",
];

/**
 * Methods of package base classes that never reject when a subclass calls the base's own code
 * (`super.sockets(rooms)`), as "module:Class.method". Called on an instance they may run an
 * override that does (`io.of("/").adapter.fetchSockets()` on a Redis adapter times out). The
 * in-memory adapter's queries walk its own maps of rooms and return Promise.resolve(...) of what
 * they found, and its addSockets/delSockets/disconnectSockets make the local sockets join, leave
 * or disconnect and return nothing (read in socket.io-adapter 2.5.4's dist/in-memory-adapter.js).
 */
export const SAFE_BASE_CLASS_METHODS: readonly string[] = [
  "socket.io-adapter:Adapter.sockets",
  "socket.io-adapter:Adapter.fetchSockets",
  "socket.io-adapter:Adapter.serverCount",
  "socket.io-adapter:Adapter.addSockets",
  "socket.io-adapter:Adapter.delSockets",
  "socket.io-adapter:Adapter.disconnectSockets",
];

/**
 * Methods of package classes' instances that never reject from a package version on, as
 * "module:Class.method", with the versions of the packages it needs (installed, locked or the
 * lowest the range allows). cache-manager 6 and later stores in Keyv instances: its `get()`
 * catches each store's error and emits it as "get" (read in cache-manager 6.0.0 and 7.2.9's
 * src/index.ts); its `set()` rejects only when a store's `set()` throws, and Keyv from 5.2.2
 * catches its store's error and emits it as "error" (read in keyv 5.2.1, 5.2.2 and 5.6.0's
 * src/index.ts; 5.6.0's `throwOnErrors` option, off by default, rethrows). @nestjs/cache-manager's
 * `Cache` is cache-manager's.
 */
export const VERSIONED_SAFE_INSTANCE_METHODS: readonly { method: string; requires: readonly { module: string; since: string }[] }[] = [
  ...["cache-manager", "@nestjs/cache-manager"].flatMap((module) => [
    { method: `${module}:Cache.get`, requires: [{ module: "cache-manager", since: "6.0.0" }] },
    { method: `${module}:Cache.set`, requires: [{ module: "cache-manager", since: "6.0.0" }, { module: "keyv", since: "5.2.2" }] },
  ]),
];

/**
 * Methods of package classes that return the object or nothing, never a promise: `return
 * res.json(body)` in an async handler returns the response, so what the call throws it throws in
 * place, counted as any call we cannot see into, not as a rejected promise handed back. Express's
 * response (read in express 4.21 and 5.1's lib/response.js) and Node's (lib/_http_outgoing.js,
 * lib/_http_server.js).
 */
export const SYNCHRONOUS_PACKAGE_METHODS: readonly string[] = [
  "express:Response.redirect",
  "http:ServerResponse.write",
  "http:ServerResponse.end",
];

/** Of those, the ones that return the object itself, so that a chain (`res.status(404).json(body)`) stays on it. */
export const CHAINING_PACKAGE_METHODS: readonly string[] = [
  ...["json", "jsonp", "send", "sendStatus", "status", "set", "header", "type", "location", "cookie", "clearCookie", "append", "vary", "attachment", "end"].map((method) => `express:Response.${method}`),
  ...["writeHead", "setHeader"].map((method) => `http:ServerResponse.${method}`),
];

/**
 * socket.io's `fetchSockets()`, on a server or on a selection of its sockets (`io.in(room)`,
 * `io.of("/chat").local`), rejects only when a cluster adapter times out waiting for the other
 * servers; the default in-memory adapter resolves with the local sockets. A connected socket's
 * `join()` and `leave()` return what the adapter's `addAll()`/`del()` return: nothing, for the
 * in-memory one (read in socket.io 4.6.1's BroadcastOperator and Socket, and socket.io-adapter
 * 2.5.2's Adapter). Safe where the package depends on no adapter package.
 */
export const IN_MEMORY_ADAPTER_CALLS = {
  server: "socket.io:Server",
  methods: ["fetchSockets"],
  socketMethods: ["join", "leave"],
  connectionEvents: ["connection", "connect"],
  selectors: ["in", "to", "except", "of", "local", "timeout", "compress", "volatile"],
  adapterPackage: /socket\.io.*adapter|adapter.*socket\.io|^socket\.io-redis$/,
};

/**
 * Packages of synchronous helpers: `return E.right(value)` in an async function returns a
 * value, not a promise, so nothing escapes a surrounding try.
 */
export const SYNCHRONOUS_HELPER_MODULES: readonly string[] = ["fp-ts", "lodash", "lodash-es", "ramda", "date-fns", "io-ts", "immutable", "zod"];

/** Global functions that return a promise: called bare, their rejection floats. */
export const PROMISE_RETURNING_GLOBAL_CALLS: readonly string[] = ["fetch"];

/** Globals whose `.then()` chains are not promises: Cypress's `cy` commands are chainables. */
export const THENABLE_NOT_PROMISE_ROOTS: readonly string[] = ["cy"];

/**
 * Packages whose values' `.then()` is no promise: the schema builder of @mrleebo/prisma-ast runs
 * `then(callback)` at once and returns itself (read in 0.15.0).
 */
export const THENABLE_NOT_PROMISE_MODULES: readonly string[] = ["@mrleebo/prisma-ast"];
