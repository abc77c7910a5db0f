import { ts } from "./ts.cjs";
import { constantsAt, type ArgumentConstants } from "./argument-constants.js";
import type { FunctionResolver } from "./resolver.js";
import { inlineFunction, returnedExpressions, skipOuter, type FunctionNode } from "./syntax.js";

/** What each parameter of a wrapper was given: the function, or undefined when it cannot be seen. */
export type ParameterBindings = ReadonlyMap<ts.Node, FunctionNode | undefined>;

export type ResolvedTask =
  | { kind: "function"; fn: FunctionNode; bindings?: ParameterBindings; constants?: ArgumentConstants | undefined }
  /** Wrapped by a function the user declared a guard (`guards` in the config). */
  | { kind: "guarded" }
  | { kind: "unknown" };

/**
 * The function a task argument runs: written inline, declared in the project, or made by a
 * project wrapper (`setTimeout(withRetry(job))`), in which case it is the function the wrapper
 * returns, with the wrapper's parameters bound to what the call passed: the functions, and the
 * literals (`watcher.on("unlink", this.listener("deleted"))` runs the closure the factory returns
 * with its parameter fixed to "deleted").
 */
export function resolveTask(argument: ts.Expression, resolver: FunctionResolver, isGuard: (callee: ts.Expression) => boolean): ResolvedTask {
  const node = skipOuter(argument);
  if (ts.isCallExpression(node) && isGuard(node.expression)) return { kind: "guarded" };
  const fn = resolver.functionOf(node);
  if (!ts.isCallExpression(node)) return fn ? { kind: "function", fn } : { kind: "unknown" };
  const wrapper = resolver.functionOf(node.expression);
  const constants = wrapper && constantsAt(node, wrapper, undefined);
  if (fn) return { kind: "function", fn, constants };
  const returned = wrapper && returnedExpressions(wrapper).map(inlineFunction);
  const inner = returned?.length === 1 ? returned[0] : undefined;
  if (!wrapper || !inner) return { kind: "unknown" };
  const bindings = new Map<ts.Node, FunctionNode | undefined>();
  wrapper.parameters.forEach((parameter, index) => {
    const given = node.arguments[index];
    bindings.set(parameter, given && resolver.functionOf(given));
  });
  return { kind: "function", fn: inner, bindings, constants };
}
