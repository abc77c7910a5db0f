import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import { THENABLE_NOT_PROMISE_ROOTS } from "./safe-calls.js";
import { resolveIdentifier } from "./scope.js";
import { accessedName, flattenAccess, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

/**
 * Facts about promises and throws read from the syntax alone: promise chains and statics,
 * executors that reject, idioms that cannot throw, guard clauses. The can-throw analysis asks
 * these at the places where they decide what counts.
 */

/** `function load(): Promise<Rows>`: the declared return type says so. */
export function declaresPromise(fn: FunctionNode): boolean {
  const type = fn.type;
  return type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && (type.typeName.text === "Promise" || type.typeName.text === "PromiseLike");
}

/**
 * `JSON.stringify({ ok: true })`: literals cannot hold a cycle or a BigInt; and a replacer
 * function (`JSON.stringify(value, circularReplacer())`) is how code makes it safe.
 */
export function isStringifyOfLiterals(call: ts.CallExpression): boolean {
  const origin = originOf(call.expression);
  if (origin.kind !== "global" || origin.path.join(".") !== "JSON.stringify") return false;
  const replacer = call.arguments[1] && skipOuter(call.arguments[1]);
  if (replacer && (ts.isCallExpression(replacer) || isFunctionNode(replacer) || ts.isIdentifier(replacer))) return true;
  const isLiteralTree = (node: ts.Node): boolean =>
    ts.isLiteralExpression(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) ||
    (ts.isArrayLiteralExpression(node) && node.elements.every(isLiteralTree)) ||
    (ts.isObjectLiteralExpression(node) && node.properties.every((property) => ts.isPropertyAssignment(property) && isLiteralTree(property.initializer)));
  return call.arguments.length > 0 && call.arguments.every(isLiteralTree);
}

/** `JSON.parse(JSON.stringify(value))`: parsing what stringify wrote; the stringify is judged on its own. */
export function isDeepCloneIdiom(call: ts.CallExpression): boolean {
  const [text] = call.arguments;
  if (originOf(call.expression).kind !== "global" || accessedName(skipOuter(call.expression)) !== "parse" || !text) return false;
  const inner = skipOuter(text);
  return ts.isCallExpression(inner) && originOf(inner.expression).kind === "global" && skipOuter(inner.expression).getText() === "JSON.stringify";
}

/** `cy.get(...).then(...)`: a Cypress chainable, not a promise. */
export function isNonPromiseThenable(expression: ts.Expression): boolean {
  let node: ts.Expression = skipOuter(expression);
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuter(node.expression);
  if (!ts.isIdentifier(node)) return false;
  const origin = originOf(node);
  return origin.kind === "global" && THENABLE_NOT_PROMISE_ROOTS.includes(origin.path[0] ?? "");
}

export function isPromiseStaticCall(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (!ts.isCallExpression(node)) return false;
  const origin = originOf(node.expression);
  return origin.kind === "global" && origin.path.length === 2 && origin.path[0] === "Promise";
}

export function isPromiseChainCall(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (!ts.isCallExpression(node)) return false;
  const method = accessedName(skipOuter(node.expression));
  return method === "then" || method === "catch" || method === "finally";
}

/**
 * A Promise executor that calls its second parameter, or hands it to a call as a callback
 * (`stream.on("error", reject)`), can reject. One that only stores it (`queue.push({ reject })`)
 * is not counted: whether anything calls it later cannot be seen.
 */
export function usesRejectParameter(executor: FunctionNode): boolean {
  const reject = executor.parameters[1];
  if (!reject) return false;
  if (!ts.isIdentifier(reject.name)) return true;
  const name = reject.name.text;
  let used = false;
  const visit = (node: ts.Node): void => {
    if (used) return;
    if (ts.isIdentifier(node) && node.text === name && node !== reject.name) {
      const parent = node.parent;
      used = (ts.isCallExpression(parent) && (parent.expression === node || parent.arguments.includes(node)));
    } else ts.forEachChild(node, visit);
  };
  if (executor.body) visit(executor.body);
  return used;
}

/**
 * `if (!this.processFn) throw new Error("No process function")` at the top of a function: a guard
 * clause on the object's own state. It reports misuse, which the caller has usually ruled out by
 * construction; counting it made many of the findings we sampled wrong.
 */
export function isPreconditionThrow(node: ts.ThrowStatement): boolean {
  // `if (lastError) throw lastError` passes an error on; a guard clause makes a new one.
  if (node.expression && ts.isIdentifier(skipOuter(node.expression))) return false;
  const guard = ts.isBlock(node.parent) && node.parent.statements.length === 1 ? node.parent.parent : node.parent;
  if (!ts.isIfStatement(guard) || guard.elseStatement || !isMissingValueTest(guard.expression)) return false;
  const body = guard.parent;
  if (!ts.isBlock(body) || !isFunctionNode(body.parent)) return false;
  const index = body.statements.indexOf(guard as ts.Statement);
  return body.statements
    .slice(0, index)
    .every((statement) => (ts.isIfStatement(statement) && isMissingValueTest(statement.expression)) || isStateLookup(statement));
}

/**
 * `let thenCalled = false` in an enclosing function or the module: a variable statement (not a
 * loop's or a catch clause's binding) outside `owner`, starting empty or as a literal, so that
 * what it holds later is the code's own bookkeeping, not input.
 */
function isOuterFlag(declaration: ts.VariableDeclaration, owner: ts.Node): boolean {
  if (!ts.isVariableDeclarationList(declaration.parent) || !ts.isVariableStatement(declaration.parent.parent)) return false;
  if (ts.findAncestor(declaration, (ancestor) => ancestor === owner) !== undefined) return false;
  const initial = declaration.initializer && skipOuter(declaration.initializer);
  return initial === undefined || isLiteralValue(initial);
}

function isLiteralValue(node: ts.Expression): boolean {
  const kinds = [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.StringLiteral];
  return kinds.includes(node.kind) || (ts.isIdentifier(node) && node.text === "undefined");
}

/** `const slot = this.slots[index];`: a constant read from the object's own state, nothing called. */
function isStateLookup(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) return false;
  return statement.declarationList.declarations.every((declaration) => declaration.initializer !== undefined && readsOnlyState(declaration.initializer));
}

/** `this.slots[index]`, `this.options.limit`: read from `this`, with no call anywhere in it. */
function readsOnlyState(expression: ts.Expression): boolean {
  let node = skipOuter(expression);
  let callFree = true;
  const noCalls = (child: ts.Node): void => {
    if (ts.isCallExpression(child) || ts.isNewExpression(child) || isFunctionNode(child)) callFree = false;
    else ts.forEachChild(child, noCalls);
  };
  noCalls(node);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuter(node.expression);
  return callFree && node.kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * A test on the object's own state only: `!this.config`, `this.running`, `this.x == null`,
 * `this.closed || !this.client`, `!slot` for a constant read from state — every name in it is
 * read from `this`, or is a flag of an enclosing function or the module (`!thenCalled`, which
 * the returned API sets), and nothing is called.
 */
function isMissingValueTest(condition: ts.Expression): boolean {
  const owner = ts.findAncestor(condition, isFunctionNode);
  let onlyState = true;
  let readsState = false;
  const visit = (node: ts.Node): void => {
    if (!onlyState) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || isFunctionNode(node)) {
      onlyState = false;
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const { root } = flattenAccess(node);
      if (root.kind === ts.SyntaxKind.ThisKeyword) readsState = true;
      else onlyState = false;
    } else if (ts.isIdentifier(node)) {
      // `undefined`, or a constant read from state just before: `const slot = this.slots[i]; if (!slot) throw`.
      const declaration = node.text === "undefined" ? undefined : resolveIdentifier(node);
      const fromState =
        declaration !== undefined &&
        ts.isVariableDeclaration(declaration) &&
        ((declaration.initializer !== undefined && readsOnlyState(declaration.initializer)) || (owner !== undefined && isOuterFlag(declaration, owner)));
      if (fromState) readsState = true;
      onlyState = node.text === "undefined" || fromState;
    } else {
      ts.forEachChild(node, visit);
    }
  };
  visit(condition);
  return onlyState && readsState;
}
