/**
 * Calls that do not throw in practice. Each entry is a claim that must hold for every way the
 * function can be reached; when in doubt an entry stays out, because an unknown call counts as
 * one that can throw. `JSON.parse`, `JSON.stringify`, `new URL()`, `decodeURIComponent` and
 * `structuredClone` are left out on purpose: they do throw.
 */

/** Global functions, as property paths; `x.*` is every method of the global `x`. */
export const SAFE_GLOBAL_CALLS: readonly string[] = [
  "console.*",
  "Math.*",
  "Date.now",
  "performance.now",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "Number.isFinite",
  "Number.isNaN",
  "Number.isInteger",
  "Number.isSafeInteger",
  "Array.isArray",
  "Object.is",
  "isNaN",
  "isFinite",
  "parseInt",
  "parseFloat",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "Promise.resolve",
  // It ends the process: nothing after it runs, so there is nothing to guard.
  "process.exit",
  "process.hrtime",
  "process.hrtime.bigint",
  "process.uptime",
  "process.memoryUsage",
  "process.cpuUsage",
];

/** Exports of modules, as `module:path`. */
export const SAFE_MODULE_CALLS: readonly string[] = [
  "timers:clearTimeout",
  "timers:clearInterval",
  "timers:clearImmediate",
  "perf_hooks:performance.now",
];

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
];

/** A kind of value the code made itself, known from its initializer or its declared type. */
export type ValueKind = "map" | "set" | "array" | "timer";

/** Methods that cannot throw on a value of that kind (callback-taking ones like forEach are out). */
export const SAFE_METHODS: Record<ValueKind, readonly string[]> = {
  map: ["get", "set", "has", "delete", "clear", "keys", "values", "entries"],
  set: ["add", "has", "delete", "clear", "keys", "values", "entries"],
  array: ["push", "pop", "shift", "unshift", "includes", "indexOf", "lastIndexOf", "slice", "splice", "at", "concat"],
  timer: ["ref", "unref", "refresh", "hasRef"],
};
