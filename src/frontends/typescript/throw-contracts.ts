import { ts } from "./ts.cjs";
import { originOf } from "./origin.js";
import { ERROR_CLASS_NAME } from "./safe-calls.js";
import { resolveIdentifier } from "./scope.js";
import { accessedName, contains, endsInReturn, flattenAccess, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

/**
 * Which throw statements state the code's contract or intent rather than a failure the task
 * meets at run time: guard clauses on the object's own state, conditional throws in the functions
 * a task calls (left out unless `analysis.strictCalls` is set), and a task that always throws.
 */

/**
 * `if (index === -1) throw new Error("cannot find job?")`, a `switch`'s `default: throw`: a throw
 * of a new error under a condition, outside any catch clause. In a function the task calls it is
 * that function's contract, like an `assert()`; a throw of a caught error (`throw err`) passes a
 * real failure on.
 */
export function isConditionalThrow(node: ts.ThrowStatement, isTypeGuard: TypeGuardTest): boolean {
  return throwsNewError(node) && isUnderCondition(node, isTypeGuard);
}

/** Whether a callee is declared a type guard (`function isGroup(x: unknown): x is Group`). */
export type TypeGuardTest = (callee: ts.Expression) => boolean;

/**
 * `catch (e) { if (session.validateOnly) throw e; return; }`: a rethrow under a condition that
 * does not look at the error, in a catch clause that otherwise swallows it. The function lets
 * errors out only in a mode it is put in (validation, debugging, strict), which is that function's
 * contract, like a conditional throw; a rethrow that picks errors (`if (!(e instanceof
 * NotFound)) throw e`, `const backoff = retryDelay(e); if (backoff < 0) throw e`) passes real
 * failures on and counts.
 */
export function isModeGatedRethrow(node: ts.ThrowStatement): boolean {
  const thrown = node.expression && skipOuter(node.expression);
  if (!thrown || !ts.isIdentifier(thrown)) return false;
  const clause = resolveIdentifier(thrown)?.parent;
  if (!clause || !ts.isCatchClause(clause)) return false;
  const guard = ts.findAncestor(node, (ancestor) => ancestor === clause || ts.isIfStatement(ancestor));
  if (!guard || !ts.isIfStatement(guard) || guard.elseStatement || readsDeclaredIn(guard.expression, clause)) return false;
  return clause.block.statements.every((statement) => statement === guard || !contains(statement, ts.isThrowStatement));
}

/**
 * `throw new Error(...)`, `throw fail(...)`, `const err = new Error(message); ... throw err`: an
 * error the code makes, not a caught one passed on (`throw err` of a catch clause's error).
 */
function throwsNewError(node: ts.ThrowStatement): boolean {
  const thrown = node.expression && skipOuter(node.expression);
  if (!thrown) return false;
  if (!ts.isIdentifier(thrown)) return true;
  const declaration = resolveIdentifier(thrown);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(declaration.parent.flags & ts.NodeFlags.Const)) return false;
  const made = skipOuter(declaration.initializer);
  return ts.isNewExpression(made) && ts.isIdentifier(made.expression) && ERROR_CLASS_NAME.test(made.expression.text);
}

/**
 * `setTimeout(() => { throw new Error("watchdog: no heartbeat"); }, ms)`: a throw of a new error
 * as a statement of the task's own body throws on every run, so the task means to end the
 * process (a watchdog, a crash demo); nobody writes one by mistake. Likewise a task whose whole
 * body rethrows what a catch clause or a `.catch` handler around it caught
 * (`catch (err) { process.nextTick(() => { throw err; }) }`, `.catch((e) => setTimeout(() => {
 * throw e; }))`): it exists to raise that error out of the call stack, or out of a promise, as
 * an uncaught exception. Another rethrow (`throw err` among other work) is
 * not one: in a listener it is often meant to reject a promise around it.
 */
export function isDeliberateThrow(node: ts.Node, task: FunctionNode): boolean {
  if (!ts.isThrowStatement(node) || node.parent !== task.body) return false;
  return throwsNewError(node) || (ts.isBlock(node.parent) && node.parent.statements.length === 1 && throwsOuterCatchBinding(node, task));
}

/**
 * `throw err` where `err` is the listener's own first parameter: in an `"error"` listener
 * (`server.on("error", (err) => { if (err.syscall !== "listen") throw err; ... })`, Express's
 * generated `bin/www`) that is what the emitter does with the error when nobody listens, so the
 * listener adds no crash of its own.
 */
export function rethrowsListenerArgument(site: ts.Node, listener: FunctionNode): boolean {
  if (!ts.isThrowStatement(site)) return false;
  const thrown = site.expression && skipOuter(site.expression);
  const [first] = listener.parameters;
  return thrown !== undefined && ts.isIdentifier(thrown) && first !== undefined && resolveIdentifier(thrown) === first;
}

/**
 * `throw err` where `err` is the variable of a catch clause the task is written in, or the
 * parameter of a `.catch(err => ...)` handler (`.then(ok, err => ...)`) it is written in.
 */
function throwsOuterCatchBinding(node: ts.ThrowStatement, task: FunctionNode): boolean {
  const thrown = node.expression && skipOuter(node.expression);
  if (!thrown || !ts.isIdentifier(thrown)) return false;
  const declaration = resolveIdentifier(thrown);
  const holder = declaration?.parent;
  if (!holder || !(holder.pos <= task.pos && task.end <= holder.end)) return false;
  return (ts.isCatchClause(holder) && holder.block.pos <= task.pos) || (isFunctionNode(holder) && holder.parameters[0] === declaration && isRejectionHandler(holder));
}

/** `p.catch(h)`, `p.then(ok, h)`: `h` is given the rejection's error. */
function isRejectionHandler(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call)) return false;
  const method = accessedName(skipOuter(call.expression));
  return (method === "catch" && call.arguments[0] === fn) || (method === "then" && call.arguments[1] === fn);
}

/** `function fail(message: string): never { throw new Error(message) }`: a throw written as a call. */
export function isThrowHelper(fn: FunctionNode): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body) || body.statements.length !== 1) return false;
  const only = body.statements[0]!;
  return ts.isThrowStatement(only) && throwsNewError(only);
}

/**
 * Whether a node runs only under a condition of its function: in an `if` branch or a `case`;
 * after a search loop that returns (see followsSearchLoop), a `switch` whose cases return (see
 * followsSwitchCases), the cases a function without input handles (see followsStateCases) or the
 * types of a typed argument it handles (see followsTypeCases); also from inside a
 * `.then`/`.finally` callback written there; not in a catch clause (what fails there passes a
 * failure on).
 */
export function isUnderCondition(node: ts.Node, isTypeGuard: TypeGuardTest): boolean {
  let conditional = false;
  let child: ts.Node = node;
  for (let parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
    if (ts.isCatchClause(parent)) return false;
    if (ts.isIfStatement(parent) && child !== parent.expression) conditional = true;
    if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) conditional = true;
    if (ts.isBlock(parent) && (followsSearchLoop(parent, child) || followsSwitchCases(parent, child) || followsStateCases(parent, child) || followsTypeCases(parent, child, isTypeGuard))) {
      conditional = true;
    }
    if (isFunctionNode(parent) && !isFulfilmentCallback(parent)) return conditional;
  }
  return conditional;
}

/**
 * `for (const p of providers) { if (p.name === name) return p; } throw new Error("not found")`:
 * a statement after a search loop runs only when the loop found nothing. (A throw after guard
 * clauses that return, `if (ok) return; throw ...`, is an assertion's whole point and counts,
 * unless followsStateCases.)
 */
function followsSearchLoop(block: ts.Block, statement: ts.Node): boolean {
  const index = block.statements.indexOf(statement as ts.Statement);
  return block.statements.slice(0, Math.max(index, 0)).some((earlier) => ts.isIterationStatement(earlier, false) && contains(earlier, ts.isReturnStatement));
}

/**
 * `switch (message.type) { case "start": return ...; case "stop": return ...; } throw new
 * Error("unexpected message")`: a statement after a `switch` without a `default` clause whose
 * every case returns runs only for a value no case names, like a `default: throw`.
 */
function followsSwitchCases(block: ts.Block, statement: ts.Node): boolean {
  const index = block.statements.indexOf(statement as ts.Statement);
  return block.statements.slice(0, Math.max(index, 0)).some(
    (earlier) =>
      ts.isSwitchStatement(earlier) &&
      earlier.caseBlock.clauses.every((clause) => ts.isCaseClause(clause) && (clause.statements.length === 0 || endsInReturn(clause.statements[clause.statements.length - 1]))),
  );
}

/**
 * `_pulseQueue() { if (!this.waiting.length) return; if (this.idle.length) return this.reuse(); throw new
 * Error("unexpected condition") }`: a statement of the body of a method or function that takes no
 * input, after cases that return and test the object's or the module's state only. A throw past
 * every case such a function handles is an internal-consistency check; an assertion on an input
 * (`assertEditable(status)`) or on a value the function fetched (`if (res.ok) return res.body;
 * throw res.error`) still counts.
 */
function followsStateCases(block: ts.Block, statement: ts.Node): boolean {
  const fn = block.parent;
  if (!(ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn)) || fn.parameters.length > 0) return false;
  const index = block.statements.indexOf(statement as ts.Statement);
  const cases = block.statements.slice(0, Math.max(index, 0)).filter((earlier): earlier is ts.IfStatement => ts.isIfStatement(earlier) && contains(earlier, ts.isReturnStatement));
  return cases.length > 0 && cases.every((guard) => !readsDeclaredIn(guard.expression, fn));
}

/**
 * `static view(value: TypedArray | ArrayBuffer) { if (value instanceof ArrayBuffer) return ...;
 * if (ArrayBuffer.isView(value)) return ...; throw new TypeError("Unsupported value") }`: a
 * statement of a function's body after cases that return and each test the type of a parameter
 * with a declared type other than `any` or `unknown` (`instanceof`, `typeof`, `Array.isArray`,
 * `ArrayBuffer.isView`, `Buffer.isBuffer`); for a parameter declared a union of types, also a
 * declared type guard (`isGroup(entity)` where `isGroup(x): x is Group`), `"ieeeAddr" in entity`
 * and `typeof entity.ieeeAddr === "string"`. The declared type rules out what the cases leave,
 * so a throw there answers a caller that went around the types.
 */
function followsTypeCases(block: ts.Block, statement: ts.Node, isTypeGuard: TypeGuardTest): boolean {
  const fn = block.parent;
  if (!isFunctionNode(fn)) return false;
  const typed = new Set(fn.parameters.filter((parameter) => parameter.type !== undefined && !OPEN_TYPES.has(parameter.type.kind) && ts.isIdentifier(parameter.name)));
  const index = block.statements.indexOf(statement as ts.Statement);
  const cases = block.statements.slice(0, Math.max(index, 0)).filter((earlier): earlier is ts.IfStatement => ts.isIfStatement(earlier) && contains(earlier, ts.isReturnStatement));
  return typed.size > 0 && cases.length > 0 && cases.every((guard) => testsTypeOf(guard.expression, typed, isTypeGuard));
}

/** Declared types that rule nothing out. */
const OPEN_TYPES = new Set([ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.UnknownKeyword]);
const TYPE_TEST_CALLS = new Set(["Array.isArray", "ArrayBuffer.isView", "Buffer.isBuffer"]);

/** A test of the type of one of the parameters (see followsTypeCases), or `||` or `&&` of such tests. */
function testsTypeOf(condition: ts.Expression, parameters: ReadonlySet<ts.ParameterDeclaration>, isTypeGuard: TypeGuardTest): boolean {
  const node = skipOuter(condition);
  const parameterOf = (expression: ts.Expression): ts.ParameterDeclaration | undefined => {
    const value = skipOuter(expression);
    const declaration = ts.isIdentifier(value) ? resolveIdentifier(value) : undefined;
    return declaration !== undefined && ts.isParameter(declaration) && parameters.has(declaration) ? declaration : undefined;
  };
  const isUnionParameter = (expression: ts.Expression): boolean => {
    const type = parameterOf(expression)?.type;
    return type !== undefined && ts.isUnionTypeNode(type);
  };
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      return testsTypeOf(node.left, parameters, isTypeGuard) && testsTypeOf(node.right, parameters, isTypeGuard);
    }
    if (operator === ts.SyntaxKind.InstanceOfKeyword) return parameterOf(node.left) !== undefined;
    if (operator === ts.SyntaxKind.InKeyword) return ts.isStringLiteralLike(skipOuter(node.left)) && isUnionParameter(node.right);
    const equality = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(operator);
    const tested = ts.isTypeOfExpression(skipOuter(node.left)) ? skipOuter((skipOuter(node.left) as ts.TypeOfExpression).expression) : undefined;
    if (!equality || !tested || !ts.isStringLiteral(skipOuter(node.right))) return false;
    // `typeof entity === "string"`, or `typeof entity.ieeeAddr === "string"` of a union's member.
    return parameterOf(tested) !== undefined || (ts.isPropertyAccessExpression(tested) && isUnionParameter(tested.expression));
  }
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return false;
  const [argument] = node.arguments;
  const callee = skipOuter(node.expression);
  const origin = originOf(callee);
  if (origin.kind === "global" && TYPE_TEST_CALLS.has(origin.path.join("."))) return parameterOf(argument!) !== undefined;
  return isUnionParameter(argument!) && isTypeGuard(callee);
}

/**
 * The condition reads a variable declared in `scope`: a value a function fetched or computed
 * rather than state, the error a catch clause caught or a value it works out from it
 * (`const backoff = retryDelay(e)`). Property names are not variables.
 */
function readsDeclaredIn(condition: ts.Node, scope: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(condition)) return readsDeclaredIn(condition.expression, scope);
  if (ts.isIdentifier(condition)) {
    const declaration = resolveIdentifier(condition);
    return declaration !== undefined && declaration.pos >= scope.pos && declaration.end <= scope.end;
  }
  return ts.forEachChild(condition, (child) => (readsDeclaredIn(child, scope) ? true : undefined)) ?? false;
}

/** `p.then(() => ...)`, `p.finally(() => ...)`: runs as part of the function it is written in. */
function isFulfilmentCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn) return false;
  const method = accessedName(skipOuter(call.expression));
  return method === "then" || method === "finally";
}

/**
 * `if (!this.processFn) throw new Error("No process function")` at the top of a function: a guard
 * clause on the object's own state. It reports misuse, which the caller has usually ruled out by
 * construction; counting it made many of the findings we sampled wrong.
 */
export function isPreconditionThrow(node: ts.ThrowStatement): boolean {
  // `if (lastError) throw lastError` passes an error on; a guard clause makes a new one.
  if (!throwsNewError(node)) return false;
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
