import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import type { FunctionResolver } from "./resolver.js";
import { inlineFunction, skipOuter, statementsOf, type FunctionNode } from "./syntax.js";

/** How many calls deep a listener may hand its work on and still be seen to end the process. */
const MAX_HOPS = 2;

/**
 * `async function shutdown() { await server.close(); process.exit(0); }`: the function calls
 * `process.exit()` as a statement of its own body (not under a condition; in a `try` whose catch
 * clause exits too), or hands its work to
 * a project function that does (`() => shutdown("SIGTERM")`, `await shutdown()`), or to a
 * callback it hands a call (`server.close(() => process.exit(0))`).
 */
export function endsOnItsPath(fn: FunctionNode, resolver: FunctionResolver, hops = 0): boolean {
  const body = fn.body;
  if (!body) return false;
  return ts.isBlock(body) ? statementsEnd(body.statements, resolver, hops) : stepEnds(body, resolver, hops);
}

/**
 * A listener that does its work, if any, on a path that ends the process: one that ends on its
 * way, or whose body is a single `if` without `else` whose branch does
 * (`process.on("message", async (job) => { if (job.uid) { await run(job); process.exit(0); } })`).
 */
export function endsWhenItWorks(fn: FunctionNode, resolver: FunctionResolver): boolean {
  const body = fn.body;
  const only = body && ts.isBlock(body) && body.statements.length === 1 ? body.statements[0] : undefined;
  if (only && ts.isIfStatement(only) && !only.elseStatement) {
    return statementsEnd(statementsOf(only.thenStatement), resolver, 0);
  }
  return endsOnItsPath(fn, resolver);
}

/**
 * One of the statements ends the process; a `try` does when its block and its catch clause
 * both do (`try { await close(); process.exit(0) } catch { process.exit(1) }`).
 */
function statementsEnd(statements: readonly ts.Statement[], resolver: FunctionResolver, hops: number): boolean {
  return statements.some((statement) => {
    if (ts.isExpressionStatement(statement)) return stepEnds(statement.expression, resolver, hops);
    return ts.isTryStatement(statement) && statementsEnd(statement.tryBlock.statements, resolver, hops) && (!statement.catchClause || statementsEnd(statement.catchClause.block.statements, resolver, hops));
  });
}

function stepEnds(step: ts.Expression, resolver: FunctionResolver, hops: number): boolean {
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
}
