import { ts } from "./ts.cjs";
import { hasModifier } from "./exports.js";
import { resolveIdentifier } from "./scope.js";
import { contains, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

/** The identifiers of each source file, by name, gathered once. */
const identifiersByFile = new WeakMap<ts.SourceFile, Map<string, ts.Identifier[]>>();

/**
 * A function that runs only while its module loads, as part of the module's own top-level code:
 * an IIFE at the top level (`(async () => { await migrate(); })()`), or a function of the module
 * that nothing exports and that is only ever called there (`const run = async () => {...}; run();`),
 * also through other such functions (`run()` calls `compressCss()`, called nowhere else). A
 * script that drops a promise there fails as its top-level code would: the process reports the
 * error and exits.
 */
export function runsOnlyAtLoad(fn: ts.Node, visiting: Set<ts.Node> = new Set()): boolean {
  if (!isFunctionNode(fn) || visiting.has(fn)) return false;
  visiting.add(fn);
  const iife = immediateCall(fn);
  if (iife) return callsOnlyAtLoad([iife], visiting);
  const declaration = moduleFunctionDeclaration(fn);
  if (!declaration?.name || !ts.isIdentifier(declaration.name)) return false;
  const calls = callsOf(declaration, declaration.name);
  return calls !== undefined && calls.length > 0 && callsOnlyAtLoad(calls, visiting);
}

function callsOnlyAtLoad(calls: readonly ts.CallExpression[], visiting: Set<ts.Node>): boolean {
  return calls.every((call) => {
    const caller = ts.findAncestor(call.parent, isFunctionNode);
    return caller === undefined || runsOnlyAtLoad(caller, visiting);
  });
}

/** `(() => {...})()`: the call that runs the function where it is written. */
function immediateCall(fn: ts.Node): ts.CallExpression | undefined {
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
  let callee: ts.Node = fn;
  while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee ? callee.parent : undefined;
}

/** `function run() {}` or `const run = () => {}` as a statement of the module, not exported. */
function moduleFunctionDeclaration(fn: ts.Node): ts.FunctionDeclaration | ts.VariableDeclaration | undefined {
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent) && !hasModifier(fn, ts.SyntaxKind.ExportKeyword) ? fn : undefined;
  const declaration = fn.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== fn) return undefined;
  const list = declaration.parent;
  const statement = list.parent;
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  return isConst && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) && !hasModifier(statement, ts.SyntaxKind.ExportKeyword) ? declaration : undefined;
}

/** The calls of the declared function by its name; undefined when the name is also used otherwise (passed on, exported). */
function callsOf(declaration: ts.Node, name: ts.Identifier): ts.CallExpression[] | undefined {
  const calls: ts.CallExpression[] = [];
  for (const identifier of identifiersOf(name.getSourceFile()).get(name.text) ?? []) {
    if (identifier === name || isPropertyName(identifier) || resolveIdentifier(identifier) !== declaration) continue;
    let callee: ts.Node = identifier;
    while (ts.isParenthesizedExpression(callee.parent)) callee = callee.parent;
    const call = callee.parent;
    if (!ts.isCallExpression(call) || skipOuter(call.expression) !== identifier) return undefined;
    calls.push(call);
  }
  return calls;
}

/** `task.run`, `{ run: 1 }`: a name of a property, not of the function. */
function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier;
}

function identifiersOf(sourceFile: ts.SourceFile): Map<string, ts.Identifier[]> {
  let identifiers = identifiersByFile.get(sourceFile);
  if (!identifiers) {
    const found = new Map<string, ts.Identifier[]>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const list = found.get(node.text);
        if (list) list.push(node);
        else found.set(node.text, [node]);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    identifiers = found;
    identifiersByFile.set(sourceFile, identifiers);
  }
  return identifiers;
}

/**
 * A failure on a path that goes through work meant to run as long as the process, a loop with no
 * end (`async function startPolling() { while (true) { await db.poll(); ... } }`): it can come at
 * any time, long after loading.
 */
export function failsInEndlessWork(path: readonly ts.Node[]): boolean {
  return path.some((node) => ts.findAncestor(node.parent, (ancestor) => (isFunctionNode(ancestor) ? "quit" : isEndlessLoop(ancestor))) !== undefined);
}

/**
 * `while (true)`, `for (;;)`, `do {} while (true)`, or a loop that waits on each turn until a
 * flag that other code sets changes (`while (!this.stopped) { ...; await sleep(1000); }`), with no
 * `break` or `return` that leaves it: `while (true) { ...; if (!page.next) break; }` pages through
 * results and ends.
 */
function isEndlessLoop(node: ts.Node): boolean {
  const condition = ts.isForStatement(node) ? node.condition : ts.isWhileStatement(node) || ts.isDoStatement(node) ? node.expression : null;
  if (condition === null) return false;
  const body = (node as ts.IterationStatement).statement;
  if (leaves(body)) return false;
  if (condition === undefined || skipOuter(condition).kind === ts.SyntaxKind.TrueKeyword) return true;
  const fn = ts.findAncestor(node, isFunctionNode);
  return fn !== undefined && isOutsideFlag(condition, fn) && contains(body, ts.isAwaitExpression);
}

/** A `return`, a labelled `break`, or a `break` of the loop itself (not of a loop or `switch` inside it). */
function leaves(body: ts.Statement): boolean {
  return contains(body, (node) => ts.isReturnStatement(node) || (ts.isBreakStatement(node) && (node.label !== undefined || breaksLoop(node, body))));
}

function breaksLoop(statement: ts.BreakStatement, body: ts.Statement): boolean {
  for (let current = statement.parent; current && current !== body; current = current.parent) {
    if (ts.isIterationStatement(current, false) || ts.isSwitchStatement(current)) return false;
  }
  return true;
}

/** `this.running`, `!this.stopped`, or a variable declared outside the function (`!shuttingDown`); not a local cursor (`while (cursor)`). */
function isOutsideFlag(condition: ts.Expression, fn: FunctionNode): boolean {
  let node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) node = skipOuter(node.operand);
  if (ts.isPropertyAccessExpression(node)) return node.expression.kind === ts.SyntaxKind.ThisKeyword;
  if (!ts.isIdentifier(node)) return false;
  const declaration = resolveIdentifier(node);
  return declaration !== undefined && (declaration.pos < fn.pos || declaration.end > fn.end);
}
