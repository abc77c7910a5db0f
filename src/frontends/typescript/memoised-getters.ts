import { ts } from "./ts.cjs";
import { resolveIdentifier } from "./scope.js";
import { isFunctionNode, isNullish, skipOuter, statementsOf } from "./syntax.js";

/**
 * A memoised getter: `if (!CONFIG) CONFIG = loadConfig(); return CONFIG;`, or `POOL ??= new
 * Pool(...)`, on a variable of the module. Its initialisation runs once per process, at the first
 * call, which in a service is its start-up; what fails there stops the service before any task
 * runs, and every later call returns the value. In a function a task calls it is that function's
 * contract (see Part in can-throw); `analysis.strictCalls` counts it.
 */

/** `if (!X) { ... X = ... }` (or a call of a function of this file that assigns X), X a module variable. */
export function isFirstCallInitialisation(statement: ts.IfStatement): boolean {
  const variable = missingModuleVariable(statement.expression);
  if (!variable) return false;
  const branch = statementsOf(statement.thenStatement);
  return branch.some((child) => assigns(child, variable) || callsAssigner(child, variable));
}

/** `X ??= init()`, `X ||= init()` on a module variable. */
export function isMemoisingAssignment(node: ts.BinaryExpression): boolean {
  const operator = node.operatorToken.kind;
  if (operator !== ts.SyntaxKind.QuestionQuestionEqualsToken && operator !== ts.SyntaxKind.BarBarEqualsToken) return false;
  return moduleVariable(node.left) !== undefined;
}

/** The module variable a condition finds empty: `!X`, `X == null`, `X === undefined`, `X === null`. */
function missingModuleVariable(condition: ts.Expression): ts.VariableDeclaration | undefined {
  const node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return moduleVariable(node.operand);
  if (!ts.isBinaryExpression(node)) return undefined;
  const equality = [ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken].includes(node.operatorToken.kind);
  return equality && isNullish(node.right) ? moduleVariable(node.left) : undefined;
}

/** A `let`/`var` declared at the top level of a module, named by `expression`. */
function moduleVariable(expression: ts.Expression): ts.VariableDeclaration | undefined {
  const node = skipOuter(expression);
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = resolveIdentifier(node);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
  if (declaration.parent.flags & ts.NodeFlags.Const) return undefined;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) ? declaration : undefined;
}

/** `X = value;` as a statement of its own. */
function assigns(statement: ts.Statement, variable: ts.VariableDeclaration): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expression = skipOuter(statement.expression);
  return (
    ts.isBinaryExpression(expression) &&
    expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    moduleVariable(expression.left) === variable
  );
}

/** `load();` where `load` is a function of the module whose body assigns X at its top level. */
function callsAssigner(statement: ts.Statement, variable: ts.VariableDeclaration): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const call = skipOuter(statement.expression);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return false;
  const declaration = resolveIdentifier(call.expression);
  const fn = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer && skipOuter(declaration.initializer) : declaration;
  if (!fn || !isFunctionNode(fn) || !fn.body || !ts.isBlock(fn.body)) return false;
  return fn.body.statements.some((child) => assigns(child, variable));
}
