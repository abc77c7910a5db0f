import { ts } from "./ts.cjs";
import { resolveIdentifier } from "./scope.js";
import { isAsyncFunction, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

const CALLBACK_NAME = /^(cb|callback|next|done)$/i;
const ERROR_NAME = /^(e|err|error)$/i;

/**
 * `batch.processSortedSet(key, fn, callback)` where the async function found takes
 * `(setKey, process, options)`, reads properties of `options` and never calls it (or a callback
 * passed after its last parameter): the caller hands over a Node-style callback the function
 * would not call. Such a call works only through a
 * wrapper made at run time (NodeBB's `promisify(exports)`, `util.callbackify`) that reports
 * errors to the callback and returns no promise, so the function the linter found is not what
 * the call runs.
 */
export function passesUncalledCallback(call: ts.CallExpression, fn: FunctionNode): boolean {
  if (!isAsyncFunction(fn) || call.arguments.length === 0) return false;
  const index = call.arguments.length - 1;
  if (!isNodeStyleCallback(call.arguments[index]!) || readsArguments(fn)) return false;
  const parameter = fn.parameters[index];
  if (parameter === undefined) return !fn.parameters.some((candidate) => candidate.dotDotDotToken !== undefined);
  return parameter.dotDotDotToken === undefined && ts.isIdentifier(parameter.name) && isOptionsParameter(fn, parameter.name.text);
}

/** A parameter named like a callback (`callback`, `next`), or a function written there taking `(err, ...)`. */
function isNodeStyleCallback(argument: ts.Expression): boolean {
  const node = skipOuter(argument);
  if (isFunctionNode(node)) {
    const first = node.parameters[0];
    return first !== undefined && ts.isIdentifier(first.name) && ERROR_NAME.test(first.name.text);
  }
  if (!ts.isIdentifier(node) || !CALLBACK_NAME.test(node.text)) return false;
  const declaration = resolveIdentifier(node);
  return declaration !== undefined && ts.isParameter(declaration);
}

/**
 * Whether the parameter `name` is an options object, not a callback: the function reads
 * properties of it (`options.batch`) and never calls it.
 */
function isOptionsParameter(fn: FunctionNode, name: string): boolean {
  let called = false;
  let readAsObject = false;
  const visit = (node: ts.Node): void => {
    if (called) return;
    if (ts.isCallExpression(node) && isNamed(node.expression, name)) called = true;
    else if (ts.isPropertyAccessExpression(node) && isNamed(node.expression, name)) {
      if (["call", "apply", "bind"].includes(node.name.text)) called = true;
      else readAsObject = true;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return readAsObject && !called;
}

function isNamed(expression: ts.Expression, name: string): boolean {
  const node = skipOuter(expression);
  return ts.isIdentifier(node) && node.text === name;
}

function readsArguments(fn: FunctionNode): boolean {
  let reads = false;
  const visit = (node: ts.Node): void => {
    if (reads) return;
    if (ts.isIdentifier(node) && node.text === "arguments") reads = true;
    // A nested non-arrow function has its own `arguments`.
    else if (!(ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node))) ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return reads;
}
