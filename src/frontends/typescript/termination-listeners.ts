import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import type { FunctionResolver } from "./resolver.js";
import { inlineFunction, skipOuter, type FunctionNode } from "./syntax.js";

/** How many calls deep a listener may hand its work on and still be seen to end the process. */
const MAX_HOPS = 2;

/**
 * `async function shutdown() { await server.close(); process.exit(0); }`: the function calls
 * `process.exit()` as a statement of its own body (not under a condition), or hands its work to
 * a project function that does (`() => shutdown("SIGTERM")`, `await shutdown()`), or to a
 * callback it hands a call (`server.close(() => process.exit(0))`).
 */
export function endsOnItsPath(fn: FunctionNode, resolver: FunctionResolver, hops = 0): boolean {
  const body = fn.body;
  if (!body) return false;
  const steps = ts.isBlock(body) ? body.statements.flatMap((statement) => (ts.isExpressionStatement(statement) ? [statement.expression] : [])) : [body];
  return steps.some((step) => {
    let call = skipOuter(step);
    if (ts.isAwaitExpression(call) || ts.isVoidExpression(call)) call = skipOuter(call.expression);
    if (!ts.isCallExpression(call)) return false;
    const origin = originOf(skipOuter(call.expression));
    if (origin.kind === "global" && origin.path.join(".") === "process.exit") return true;
    if (hops >= MAX_HOPS) return false;
    // `server.close(() => process.exit(0))`: it ends the process once the call is done.
    const callbacks = call.arguments.flatMap((argument) => inlineFunction(argument) ?? []);
    if (callbacks.some((callback) => endsOnItsPath(callback, resolver, hops + 1))) return true;
    const callee = resolver.functionOf(call.expression);
    return callee !== undefined && endsOnItsPath(callee, resolver, hops + 1);
  });
}
