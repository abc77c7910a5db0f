import { ts } from "./ts.cjs";
import { BATCH_OPENING_METHODS } from "./safe-calls.js";
import { resolveIdentifier } from "./scope.js";
import { accessedName, isFunctionNode, skipOuter } from "./syntax.js";

/**
 * `const pipeline = client.pipeline(); for (...) this.addJob(pipeline, job); await pipeline.exec();`:
 * the call queues commands on a batch that the same function runs afterwards. The commands fail
 * in `exec()`'s results; the dropped promise is the shape of a helper shared with the unbatched
 * path, not work left running.
 */
export function queuesOnExecutedBatch(statement: ts.Expression): boolean {
  const value = skipOuter(statement);
  const call = ts.isVoidExpression(value) ? skipOuter(value.expression) : value;
  if (!ts.isCallExpression(call)) return false;
  return call.arguments.some((argument) => {
    const node = skipOuter(argument);
    if (!ts.isIdentifier(node)) return false;
    const declaration = resolveIdentifier(node);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
    const opener = skipOuter(declaration.initializer);
    const method = ts.isCallExpression(opener) ? accessedName(skipOuter(opener.expression)) : undefined;
    return method !== undefined && BATCH_OPENING_METHODS.includes(method) && executedAfter(declaration, call);
  });
}

/** Whether the batch declared by `declaration` has `exec()` called on it after `call`, in the function that declares it. */
function executedAfter(declaration: ts.VariableDeclaration, call: ts.CallExpression): boolean {
  let scope: ts.Node = declaration;
  while (scope.parent && !isFunctionNode(scope)) scope = scope.parent;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && node.pos >= call.end) {
      const callee = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "exec") {
        const receiver = skipOuter(callee.expression);
        found = ts.isIdentifier(receiver) && resolveIdentifier(receiver) === declaration;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}
