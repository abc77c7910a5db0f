import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import type { FunctionResolver } from "./resolver.js";
import { isAsyncFunction, returnedExpressions, skipOuter } from "./syntax.js";

/** Methods of a bluebird promise that give another bluebird promise. */
const CHAIN_METHODS = new Set(["then", "catch", "finally", "tap", "tapCatch", "spread", "return", "thenReturn", "delay", "timeout", "map", "mapSeries", "filter", "each", "reduce", "all", "props", "asCallback", "nodeify"]);

/** How many project functions deep the promise a call returns is followed. */
const MAX_HOPS = 3;

/**
 * Whether an expression gives a bluebird promise: a call of bluebird itself (`Promise.resolve()`,
 * `Promise.map(...)` where `import Promise from "bluebird"`), `new Promise(...)` of it, a chain on
 * one, or a call of a project function that is not async and is declared to return bluebird's
 * `Promise` (or, undeclared, returns one everywhere). Bluebird reports a rejection nobody handles
 * by emitting "unhandledRejection" on the process and, with no listener, prints it on stderr: the
 * process goes on (read in bluebird 3.7.2's src/debuggability.js, fireRejectionEvent).
 */
export function givesBluebirdPromise(expression: ts.Expression, resolver: FunctionResolver, hops = 0): boolean {
  const node = skipOuter(expression);
  if (ts.isNewExpression(node)) return isBluebird(node.expression);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipOuter(node.expression);
  if (isBluebird(callee)) return true;
  if (ts.isPropertyAccessExpression(callee) && CHAIN_METHODS.has(callee.name.text) && givesBluebirdPromise(callee.expression, resolver, hops)) return true;
  const fn = hops < MAX_HOPS ? resolver.functionOf(callee) : undefined;
  if (!fn || isAsyncFunction(fn)) return false;
  if (fn.type) return ts.isTypeReferenceNode(fn.type) && isBluebird(fn.type.typeName);
  const returned = returnedExpressions(fn);
  return returned.length > 0 && returned.every((value) => givesBluebirdPromise(value, resolver, hops + 1));
}

function isBluebird(name: ts.Node): boolean {
  const origin = ts.isIdentifier(name) || ts.isPropertyAccessExpression(name) ? originOf(name) : undefined;
  return origin?.kind === "module" && origin.module === "bluebird";
}
