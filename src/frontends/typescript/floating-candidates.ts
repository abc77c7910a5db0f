import { ts } from "./ts.cjs";
import { isPromiseReturningGlobal } from "./callee-facts.js";
import { isPromiseChainCall, isPromiseStaticCall } from "./promise-facts.js";
import { accessedName, isFunctionNode, skipOuter } from "./syntax.js";

/**
 * Whether a statement's value may be a promise the analysis could see, judged by the callee's
 * name against the names that may return one (see PromiseNames): the same test the text
 * pre-filter makes for the whole file, made again for each statement so that a file parsed for
 * one call does not have every other call resolved. Anything but a named call (`a && b()`,
 * an IIFE, `new Promise(...)`), a promise chain, `fetch`, `Promise.all` and a call given a
 * function (`items.forEach(async (item) => ...)`, `items.forEach(save)`) is left to the analysis.
 */
export function mayBePromiseStatement(expression: ts.Expression, isPromiseName: (name: string) => boolean): boolean {
  let node = skipOuter(expression);
  if (ts.isVoidExpression(node)) node = skipOuter(node.expression);
  if (!ts.isCallExpression(node)) return true;
  if (isPromiseChainCall(node) || isPromiseReturningGlobal(node) || isPromiseStaticCall(node)) return true;
  const callee = skipOuter(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : accessedName(callee);
  if (name === undefined || isPromiseName(name)) return true;
  return node.arguments.some((argument) => {
    const value = skipOuter(argument);
    const passed = ts.isIdentifier(value) ? value.text : accessedName(value);
    return isFunctionNode(value) || (passed !== undefined && isPromiseName(passed));
  });
}
