import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import type { FunctionResolver } from "./resolver.js";
import { isAsyncFunction, returnedExpressions, skipOuter } from "./syntax.js";

/**
 * Promise libraries that report a rejection nobody handles themselves, and let the process go
 * on: bluebird emits "unhandledRejection" on the process and, with no listener, prints it on
 * stderr (read in bluebird 3.7.2's src/debuggability.js, fireRejectionEvent); when.js does the
 * same (read in when 3.7.8's lib/decorators/unhandledRejection.js). Emitting the event by hand
 * crashes nothing.
 */
const SELF_REPORTING_LIBRARIES = new Set(["bluebird", "when"]);

/**
 * Methods of such a promise that give another one: bluebird's and when.js's (`otherwise`,
 * `ensure`, `yield`, `fold`). Not when.js's `done()`, which rethrows a rejection it gets.
 */
const CHAIN_METHODS = new Set(["then", "catch", "finally", "tap", "tapCatch", "spread", "return", "thenReturn", "delay", "timeout", "map", "mapSeries", "filter", "each", "reduce", "all", "props", "asCallback", "nodeify", "otherwise", "ensure", "yield", "fold"]);

/**
 * The package an app loads to make the global `Promise` bluebird's (`import "bluebird-global"`):
 * then `new Promise(...)` and `Promise.resolve()` make bluebird promises; async functions still
 * return native ones.
 */
export const GLOBAL_BLUEBIRD = "bluebird-global";

/** How many project functions deep the promise a call returns is followed. */
const MAX_HOPS = 3;

/**
 * Whether an expression gives a promise of a self-reporting library: a call of the library itself
 * (`Promise.resolve()`, `Promise.map(...)` where `import Promise from "bluebird"`, `when(value)`),
 * `new Promise(...)` of it, a chain on one, or a call of a project function that is not async and
 * is declared to return the library's `Promise` (or, undeclared, returns one everywhere).
 */
export function givesLibraryPromise(expression: ts.Expression, resolver: FunctionResolver, globalIsBluebird = false, hops = 0): boolean {
  const node = skipOuter(expression);
  if (ts.isNewExpression(node)) return isSelfReporting(node.expression, globalIsBluebird);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuter(node.expression);
  if (isSelfReporting(callee, globalIsBluebird)) return true;
  if (ts.isPropertyAccessExpression(callee) && CHAIN_METHODS.has(callee.name.text) && givesLibraryPromise(callee.expression, resolver, globalIsBluebird, hops)) return true;
  const fn = hops < MAX_HOPS ? resolver.functionOf(callee) : undefined;
  if (!fn || isAsyncFunction(fn)) return false;
  // Where the global Promise is bluebird's, a declared `Promise<T>` says nothing (fetch() still
  // gives Node's): what the function returns decides.
  if (fn.type && !(globalIsBluebird && namesGlobalPromise(fn.type))) return ts.isTypeReferenceNode(fn.type) && isSelfReporting(fn.type.typeName, false);
  const returned = returnedExpressions(fn);
  return returned.length > 0 && returned.every((value) => givesLibraryPromise(value, resolver, globalIsBluebird, hops + 1));
}

function namesGlobalPromise(type: ts.TypeNode): boolean {
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return false;
  const origin = originOf(type.typeName);
  return origin.kind === "global" && origin.path.join(".") === "Promise";
}

function isSelfReporting(name: ts.Node, globalIsBluebird: boolean): boolean {
  const origin = ts.isIdentifier(name) || ts.isPropertyAccessExpression(name) ? originOf(name) : undefined;
  if (origin?.kind === "global") return globalIsBluebird && origin.path[0] === "Promise";
  return origin?.kind === "module" && SELF_REPORTING_LIBRARIES.has(origin.module);
}
