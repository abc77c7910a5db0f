import { ts } from "./ts.cjs";

export type FunctionNode =
  | ts.ArrowFunction
  | ts.FunctionExpression
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return FUNCTION_KINDS.has(node.kind);
}

/** A node `test` picks (a `return`, a `throw`) runs in `node` itself, not in a function or class written there. */
export function contains(node: ts.Node, test: (node: ts.Node) => boolean): boolean {
  if (test(node)) return true;
  if (isFunctionNode(node) || ts.isClassLike(node)) return false;
  return ts.forEachChild(node, (child) => (contains(child, test) ? true : undefined)) ?? false;
}

export function isAsyncFunction(fn: FunctionNode): boolean {
  return ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async ? true : false;
}

/** Strips parentheses and type-only wrappers: `(x as T)!` -> `x`. */
export function skipOuter(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The property name of `a.b` or `a["b"]`, or undefined. */
export function accessedName(node: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  return undefined;
}

/** `a.b.c` -> { root: a, path: ["b", "c"] }; the root is whatever the access chain starts from. */
export function flattenAccess(node: ts.Expression): { root: ts.Expression; path: string[] } {
  const path: string[] = [];
  let current = skipOuter(node);
  for (;;) {
    const name = accessedName(current);
    if (name === undefined) return { root: current, path };
    path.unshift(name);
    current = skipOuter((current as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression);
  }
}

/** The function an expression evaluates to when it is written inline: `() => x`, `function () {}`. */
export function inlineFunction(node: ts.Expression): FunctionNode | undefined {
  const inner = skipOuter(node);
  return ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? inner : undefined;
}

/** What a function returns: its expression body, or the operands of its return statements. */
export function returnedExpressions(fn: FunctionNode): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** The first node below `root` (depth first, in source order) that `matches`. */
export function firstDescendant(root: ts.Node, matches: (node: ts.Node) => boolean): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (matches(node)) found = node;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(root, visit);
  return found;
}

/**
 * An expression a member access or `await` can follow without parentheses: a call, a member
 * access, a name, `new X()` with arguments, a tagged template, `x!`, `this`, a parenthesised one.
 */
export function isMemberOperand(node: ts.Expression): boolean {
  return (
    ts.isCallExpression(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isIdentifier(node) ||
    ts.isParenthesizedExpression(node) ||
    (ts.isNewExpression(node) && node.arguments !== undefined) ||
    ts.isTaggedTemplateExpression(node) ||
    ts.isNonNullExpression(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}

/** `null` or `undefined`, written out. */
export function isNullish(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === "undefined");
}

/** `return;`, or a block that ends with one. */
export function endsInReturn(statement: ts.Statement | undefined): boolean {
  if (!statement) return false;
  if (ts.isReturnStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && ts.isReturnStatement(statement.statements[statement.statements.length - 1]!);
}

/** `=` and the compound assignments (`??=`, `+=`, ...). */
export function isAssignment(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** A branch's statements: a block's, or the one statement. */
export function statementsOf(statement: ts.Statement): readonly ts.Statement[] {
  return ts.isBlock(statement) ? statement.statements : [statement];
}
