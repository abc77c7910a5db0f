import { ts } from "./ts.cjs";
import { ownMember, type ClassNode } from "./classes.js";
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
  const owner = ts.findAncestor(call, (node): node is ClassNode => ts.isClassDeclaration(node) || ts.isClassExpression(node));
  if (!owner) return undefined;
  let settled: Set<string> | undefined;
  let child: ts.Node = call;
  for (let parent = call.parent; parent !== undefined && parent !== owner; child = parent, parent = parent.parent) {
    // A function that is not an arrow has a `this` of its own.
    if (isFunctionNode(parent) && !ts.isArrowFunction(parent) && !ts.isMethodDeclaration(parent)) return settled;
    if (!ts.isBlock(parent)) continue;
    for (const statement of parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement))) {
      for (const flag of flagsSettledBy(statement, owner)) (settled ??= new Set()).add(flag);
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

/** The flags a statement leaves set: `if (!this.F) await this.init();` or `await this.init();`. */
function flagsSettledBy(statement: ts.Statement, owner: ClassNode): string[] {
  const reset = resetFlags(owner);
  if (ts.isIfStatement(statement) && !statement.elseStatement) {
    const condition = skipOuter(statement.expression);
    if (!ts.isPrefixUnaryExpression(condition) || condition.operator !== ts.SyntaxKind.ExclamationToken) return [];
    const flag = thisProperty(condition.operand);
    const body = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0]! : statement.thenStatement;
    return flag !== undefined && !reset.has(flag) && initialiserCalled(body, owner).includes(flag) ? [flag] : [];
  }
  return initialiserCalled(statement, owner).filter((flag) => !reset.has(flag));
}

/** For `await this.init();`, the flags `init` sets to true in its own body (not under a condition). */
function initialiserCalled(statement: ts.Statement, owner: ClassNode): string[] {
  if (!ts.isExpressionStatement(statement)) return [];
  const awaited = skipOuter(statement.expression);
  if (!ts.isAwaitExpression(awaited)) return [];
  const call = skipOuter(awaited.expression);
  const name = ts.isCallExpression(call) ? thisProperty(call.expression) : undefined;
  const method = name === undefined ? undefined : ownMember(owner, name, false);
  if (!method || !ts.isMethodDeclaration(method) || !method.body) return [];
  return method.body.statements.flatMap((child) => {
    const assigned = assignment(child);
    return assigned && assigned.value.kind === ts.SyntaxKind.TrueKeyword ? [assigned.flag] : [];
  });
}

/** Per class, the flags of `this` something other than its constructor sets to anything but true. */
const resetByClass = new WeakMap<ClassNode, ReadonlySet<string>>();

function resetFlags(owner: ClassNode): ReadonlySet<string> {
  let reset = resetByClass.get(owner);
  if (!reset) {
    const found = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isConstructorDeclaration(node)) return;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const flag = thisProperty(node.left);
        if (flag !== undefined && skipOuter(node.right).kind !== ts.SyntaxKind.TrueKeyword) found.add(flag);
      }
      ts.forEachChild(node, visit);
    };
    for (const member of owner.members) visit(member);
    reset = found;
    resetByClass.set(owner, reset);
  }
  return reset;
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
