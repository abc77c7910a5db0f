import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import { THENABLE_NOT_PROMISE_MODULES, THENABLE_NOT_PROMISE_ROOTS } from "./safe-calls.js";
import type { FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { packageClassOf } from "./value-provenance.js";
import { accessedName, isAsyncFunction, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

/**
 * Facts about promises and throws read from the syntax alone: promise chains and statics,
 * executors that reject, idioms that cannot throw. The can-throw analysis asks
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

/** `Object.assign(promise, { cancel })`: copies properties onto its first argument and returns it. */
export function isObjectAssign(call: ts.CallExpression): boolean {
  const origin = originOf(call.expression);
  return origin.kind === "global" && origin.path.join(".") === "Object.assign" && call.arguments.length > 0;
}

/**
 * `cy.get(...).then(...)`: a Cypress chainable, not a promise; likewise a value made by, or typed
 * with a class of, a package of THENABLE_NOT_PROMISE_MODULES (`builder.model(name).then(...)`).
 */
export function isNonPromiseThenable(expression: ts.Expression, resolver: FunctionResolver): boolean {
  let node: ts.Expression = skipOuter(expression);
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) node = skipOuter(node.expression);
  if (!ts.isIdentifier(node)) return false;
  const origin = originOf(node);
  if (origin.kind === "global") return THENABLE_NOT_PROMISE_ROOTS.includes(origin.path[0] ?? "");
  // `const builder = createPrismaSchemaBuilder(text)`, `(builder: ConcretePrismaSchemaBuilder)`: made by or typed from such a package.
  const declaration = resolveIdentifier(node);
  const made = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  const maker = made && ts.isCallExpression(made) ? originOf(made.expression) : origin;
  if (maker.kind === "module" && THENABLE_NOT_PROMISE_MODULES.includes(maker.module)) return true;
  const typed = packageClassOf(node, resolver);
  return typed !== undefined && THENABLE_NOT_PROMISE_MODULES.includes(typed.slice(0, typed.lastIndexOf(":")));
}

export function isPromiseStaticCall(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (!ts.isCallExpression(node)) return false;
  const origin = originOf(node.expression);
  return origin.kind === "global" && origin.path.length === 2 && origin.path[0] === "Promise";
}

/**
 * `catch (err) { Promise.reject(err) }`: a statement whose only effect is an unhandled rejection
 * of the error just caught, raised on purpose so that the process's handler sees it (squid-sdk's
 * `safeCall`, which keeps a failing listener from breaking its caller), as
 * `setTimeout(() => { throw err })` would. Not in an async function, where it is a forgotten `return`.
 */
export function isDeliberateRejection(statement: ts.ExpressionStatement): boolean {
  const call = skipOuter(statement.expression);
  const clause = statement.parent.parent;
  if (!ts.isCallExpression(call) || !ts.isBlock(statement.parent) || !ts.isCatchClause(clause) || !clause.variableDeclaration) return false;
  const origin = originOf(call.expression);
  if (origin.kind !== "global" || origin.path.join(".") !== "Promise.reject" || call.arguments.length !== 1) return false;
  const owner = ts.findAncestor(clause, isFunctionNode);
  const error = skipOuter(call.arguments[0]!);
  return !(owner && isAsyncFunction(owner)) && ts.isIdentifier(error) && resolveIdentifier(error) === clause.variableDeclaration;
}

/** `p.catch(h)`, `p.then(ok, h)`: a chain call given a rejection handler. */
export function handlesRejection(call: ts.CallExpression): boolean {
  const method = accessedName(skipOuter(call.expression));
  return (method === "catch" && call.arguments.length >= 1) || (method === "then" && call.arguments.length >= 2);
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
 * `const promises = []; for (...) promises.push(save(x).catch(log)); await Promise.all(promises)`:
 * the members of an array a function builds for one call, when the code shows them all: a
 * `const` array of the function, given its elements where it is declared and by `push()`, and
 * used nowhere but in `argument` (a `.length` read aside). Undefined when the array could hold
 * anything else.
 */
export function collectedMembers(argument: ts.Expression): ts.Expression[] | undefined {
  const held = functionConstant(argument);
  if (!held || !ts.isArrayLiteralExpression(held.initial)) return undefined;
  const members: ts.Expression[] = [...held.initial.elements];
  for (const use of held.uses) {
    const access = use.parent;
    const pushed = ts.isPropertyAccessExpression(access) && access.expression === use && access.name.text === "push" && ts.isCallExpression(access.parent) && access.parent.expression === access;
    if (pushed) members.push(...(access.parent as ts.CallExpression).arguments);
    else if (!isArgumentOrLength(use, held.node)) return undefined;
  }
  return members.every((member) => !ts.isSpreadElement(member)) ? members : undefined;
}

/**
 * `const tasks = items.map(fn); await Promise.all(tasks)`: the `map` call a `const` of the
 * function holds, when nothing but `argument` uses it (a `.length` read aside).
 */
export function heldMapping(argument: ts.Expression): ts.Expression | undefined {
  const held = functionConstant(argument);
  return held && ts.isCallExpression(held.initial) && held.uses.every((use) => isArgumentOrLength(use, held.node)) ? held.initial : undefined;
}

/** The `const` of a function that `argument` names: its value where declared, and every other use of it in the function. */
function functionConstant(argument: ts.Expression): { node: ts.Expression; initial: ts.Expression; uses: ts.Identifier[] } | undefined {
  const node = skipOuter(argument);
  const declaration = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const initial = declaration.initializer && skipOuter(declaration.initializer);
  const owner = ts.findAncestor(declaration, isFunctionNode);
  if (!initial || !owner?.body) return undefined;
  const name = declaration.name.getText();
  const uses: ts.Identifier[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child) && child !== declaration.name && child.text === name && resolveIdentifier(child) === declaration) uses.push(child);
    else ts.forEachChild(child, visit);
  };
  visit(owner.body);
  return { node, initial, uses };
}

function isArgumentOrLength(use: ts.Identifier, argument: ts.Expression): boolean {
  return use === argument || (ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use && use.parent.name.text === "length");
}
