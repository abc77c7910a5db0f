import { ts } from "./ts.cjs";
import { isFunctionNode, skipOuter } from "./syntax.js";

/**
 * Lazy initialisation on `this`: `if (!this._init) await this.init();`, where `init()` ends by
 * setting `this._init = true` and nothing but the constructor ever sets the flag to anything
 * else. Once a method has run that guard (or awaited `init()`), the flag is true for the rest of
 * it, closures included, so a method it then calls on `this` skips its own copy of the guard.
 */

/** The flags of `this` known to be set where `call` (a call of a method on `this`) runs. */
export function settledFlagsAt(call: ts.CallExpression): ReadonlySet<string> | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = ts.findAncestor(call, ts.isClassLike);
  if (!owner) return undefined;
  let settled: Set<string> | undefined;
  let child: ts.Node = call;
  for (let parent = call.parent; parent !== undefined && parent !== owner; child = parent, parent = parent.parent) {
    // A function that is not an arrow has a `this` of its own.
    if (isFunctionNode(parent) && !ts.isArrowFunction(parent) && !ts.isMethodDeclaration(parent)) return settled;
    if (!ts.isBlock(parent)) continue;
    for (const statement of parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement))) {
      const flag = flagSettledBy(statement, owner);
      if (flag) (settled ??= new Set()).add(flag);
    }
    if (ts.isMethodDeclaration(parent.parent)) return settled;
  }
  return settled;
}

/** `this._init` when the condition reads `this._init` and the flag is settled; true. */
export function settledValue(condition: ts.Expression, settled: ReadonlySet<string> | undefined): { value: boolean } | undefined {
  if (!settled) return undefined;
  const node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = settledValue(node.operand, settled);
    return operand && { value: !operand.value };
  }
  const flag = thisProperty(node);
  return flag !== undefined && settled.has(flag) ? { value: true } : undefined;
}

/** The flag a statement leaves set: `if (!this.F) await this.init();` or `await this.init();`. */
function flagSettledBy(statement: ts.Statement, owner: ts.ClassLikeDeclaration): string | undefined {
  if (ts.isIfStatement(statement) && !statement.elseStatement) {
    const condition = skipOuter(statement.expression);
    if (!ts.isPrefixUnaryExpression(condition) || condition.operator !== ts.SyntaxKind.ExclamationToken) return undefined;
    const flag = thisProperty(condition.operand);
    const body = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0]! : statement.thenStatement;
    return flag !== undefined && initialiserCalled(body, owner)?.has(flag) && isMonotonic(flag, owner) ? flag : undefined;
  }
  const sets = initialiserCalled(statement, owner);
  return sets && [...sets].find((flag) => isMonotonic(flag, owner));
}

/** For `await this.init();`, the flags `init` sets to true in its own body (not under a condition). */
function initialiserCalled(statement: ts.Statement, owner: ts.ClassLikeDeclaration): ReadonlySet<string> | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const awaited = skipOuter(statement.expression);
  if (!ts.isAwaitExpression(awaited)) return undefined;
  const call = skipOuter(awaited.expression);
  if (!ts.isCallExpression(call)) return undefined;
  const name = thisProperty(call.expression);
  const method = owner.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name);
  if (!method?.body) return undefined;
  const flags = method.body.statements.flatMap((child) => {
    const assigned = assignment(child);
    return assigned && assigned.value.kind === ts.SyntaxKind.TrueKeyword ? [assigned.flag] : [];
  });
  return new Set(flags);
}

/** Every `this.F = ...` of the class outside its constructor sets true. */
function isMonotonic(flag: string, owner: ts.ClassLikeDeclaration): boolean {
  let monotonic = true;
  const visit = (node: ts.Node): void => {
    if (!monotonic || ts.isConstructorDeclaration(node)) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && thisProperty(node.left) === flag) {
      monotonic = skipOuter(node.right).kind === ts.SyntaxKind.TrueKeyword;
    }
    ts.forEachChild(node, visit);
  };
  for (const member of owner.members) visit(member);
  return monotonic;
}

function assignment(statement: ts.Statement): { flag: string; value: ts.Expression } | undefined {
  if (!ts.isExpressionStatement(statement)) return undefined;
  const expression = skipOuter(statement.expression);
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const flag = thisProperty(expression.left);
  return flag === undefined ? undefined : { flag, value: skipOuter(expression.right) };
}

function thisProperty(expression: ts.Expression): string | undefined {
  const node = skipOuter(expression);
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword ? node.name.text : undefined;
}
