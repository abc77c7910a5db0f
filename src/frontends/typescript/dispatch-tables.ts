import { ts } from "./ts.cjs";
import { isConstVariable, onlyLookedUp } from "./argument-constants.js";
import type { FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { contains, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

/**
 * `const handler = handlers[prefix]; if (!handler) return ...; await handler(method, params)`,
 * where `handlers` is a `const` object literal of the file that the file only reads: one of its
 * functions runs, so the call fails only where one of them can. Undefined unless every entry is
 * a function the resolver sees, and unless the code tests the handler before calling it (a key
 * the table lacks gives undefined, and calling that throws).
 */
export function dispatchTargets(callee: ts.Expression, resolver: FunctionResolver): FunctionNode[] | undefined {
  const node = skipOuter(callee);
  const handler = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  if (!handler || !isConstVariable(handler) || !handler.initializer) return undefined;
  // The cheap test first: most calls of a const are no lookup in a table.
  const access = skipOuter(handler.initializer);
  if (!ts.isElementAccessExpression(access) || !isTested(handler)) return undefined;
  const table = skipOuter(access.expression);
  const declaration = ts.isIdentifier(table) ? resolveIdentifier(table) : undefined;
  const object = declaration && isConstVariable(declaration) && declaration.initializer && onlyLookedUp(declaration) ? skipOuter(declaration.initializer) : undefined;
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  const targets: FunctionNode[] = [];
  for (const property of object.properties) {
    const target = ts.isMethodDeclaration(property)
      ? property
      : ts.isPropertyAssignment(property)
        ? resolver.functionOf(property.initializer)
        : ts.isShorthandPropertyAssignment(property)
          ? resolver.functionOf(property.name)
          : undefined;
    if (!target) return undefined;
    targets.push(target);
  }
  return targets.length > 0 ? targets : undefined;
}

/** The handler's function tests it in a condition (`if (!handler)`, `handler ? ... : ...`). */
function isTested(handler: ts.VariableDeclaration): boolean {
  const scope = ts.findAncestor(handler, isFunctionNode)?.body ?? handler.getSourceFile();
  const testsHandler = (condition: ts.Expression): boolean => contains(condition, (child) => ts.isIdentifier(child) && resolveIdentifier(child) === handler);
  return contains(scope, (child) => (ts.isIfStatement(child) || ts.isConditionalExpression(child)) && testsHandler(ts.isIfStatement(child) ? child.expression : child.condition));
}
