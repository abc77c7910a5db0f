import { ts } from "./ts.cjs";
import { isConstructorInputField } from "./classes.js";
import { originOf, type Origin } from "./origin.js";
import {
  CALLBACK_REF_HOLDER,
  CALLBACK_REF_HOOK,
  INVARIANT_FUNCTION_NAMES,
  INVARIANT_MODULES,
  LOGGER_NAME,
  PROMISE_RETURNING_GLOBAL_CALLS,
  SAFE_GLOBAL_CALLS,
  SAFE_METHODS,
  SAFE_MODULE_CALLS,
  SAFE_MODULE_CALLS_WITHOUT_OPTIONS,
  TIMER_PROMISE_NAMES,
  SETTLE_FUNCTION_NAMES,
  SETTLE_FUNCTION_SOURCES,
  STATE_FUNCTION_SOURCE,
  THROWING_METHOD,
} from "./safe-calls.js";
import { resolveIdentifier } from "./scope.js";
import { accessedName, flattenAccess, isFunctionNode, skipOuter, type FunctionNode } from "./syntax.js";

/**
 * Facts about a callee read from the syntax alone: where it comes from, whether it is the
 * caller's callback, a hook's setter, a logger, a shared client. The can-throw analysis asks
 * these when it cannot see into a call.
 */

const SAFE_GLOBALS = new Set(SAFE_GLOBAL_CALLS);
const SAFE_MODULE_EXPORTS = new Set(SAFE_MODULE_CALLS);
const PROMISE_RETURNING_GLOBALS = new Set(PROMISE_RETURNING_GLOBAL_CALLS);
const OPTIONS_POSITIONS = new Map(Object.entries(SAFE_MODULE_CALLS_WITHOUT_OPTIONS));

export function isSafeOrigin(origin: Origin): boolean {
  if (origin.kind === "global") {
    const path = origin.path.join(".");
    return SAFE_GLOBALS.has(path) || (origin.path.length === 2 && SAFE_GLOBALS.has(`${origin.path[0]}.*`));
  }
  if (origin.kind !== "module") return false;
  const path = `${origin.module}:${origin.path.join(".")}`;
  const scope = origin.module.startsWith("@") ? origin.module.split("/")[0] : undefined;
  return (
    SAFE_MODULE_EXPORTS.has(path) ||
    (scope !== undefined && SAFE_MODULE_EXPORTS.has(`${scope}/*:${origin.path.join(".")}`)) ||
    SAFE_MODULE_EXPORTS.has(`${origin.module}:*`) ||
    (origin.path.length === 2 && SAFE_MODULE_EXPORTS.has(`${origin.module}:${origin.path[0]}.*`))
  );
}

/** `assert(...)`, `assert.equal(...)`, `invariant(...)`: an invariant check (see INVARIANT_MODULES). */
export function isInvariantCheck(origin: Origin): boolean {
  return origin.kind === "module" && INVARIANT_MODULES.includes(origin.module);
}

/**
 * `assert(!this.timer)` where the project declares `function assert(condition, message) { if
 * (!condition) { ...; throw ... } }` (or `invariant`): its own invariant check, a function whose
 * body is one `if` on its first parameter being falsy. An `assert(reply)` that checks more is a
 * validator and counts.
 */
export function isProjectInvariantCheck(callee: ts.Expression, fn: FunctionNode): boolean {
  const name = accessedName(callee) ?? (ts.isIdentifier(callee) ? callee.text : undefined);
  if (name === undefined || !INVARIANT_FUNCTION_NAMES.includes(name)) return false;
  const [condition] = fn.parameters;
  const body = fn.body && ts.isBlock(fn.body) ? fn.body.statements : [];
  const only = body.length === 1 ? body[0] : undefined;
  if (!condition || !ts.isIdentifier(condition.name) || !only || !ts.isIfStatement(only) || only.elseStatement) return false;
  const test = skipOuter(only.expression);
  return ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken && ts.isIdentifier(skipOuter(test.operand)) && (skipOuter(test.operand) as ts.Identifier).text === condition.name.text;
}

/**
 * `await setTimeout(100)` of `timers/promises`, or `setTimeout(100, undefined, { ref: false })`: a
 * call that could reject only through an AbortSignal among options it is not given.
 */
export function rejectsOnlyThroughOptions(origin: Origin, args: readonly ts.Expression[]): boolean {
  const made = origin.kind === "local" && origin.path.length === 0 ? promisifiedTimer(origin.declaration) : origin;
  const optionsAt = made?.kind === "module" ? optionsPositionOf(made.module, made.path) : undefined;
  if (optionsAt === undefined || args.length > optionsAt + 1 || args.some(ts.isSpreadElement)) return false;
  const options = args[optionsAt] && skipOuter(args[optionsAt]);
  return options === undefined || (ts.isObjectLiteralExpression(options) && options.properties.every(isNotASignal));
}

/** Where the options go of an export that rejects only through them: as listed, or after the delay of a timer promise named `sleep` or `delay`. */
function optionsPositionOf(module: string, exportPath: readonly string[]): number | undefined {
  const namedLikeTimer = exportPath.length === 1 && TIMER_PROMISE_NAMES.includes(exportPath[0]!) && !module.startsWith(".");
  return OPTIONS_POSITIONS.get(`${module}:${exportPath.join(".")}`) ?? (namedLikeTimer ? 1 : undefined);
}

/**
 * `const wait = promisify(setTimeout)` with util's promisify: Node hands out timers/promises'
 * own `setTimeout` (its `util.promisify.custom`), and likewise for `setImmediate`.
 */
function promisifiedTimer(declaration: ts.Node): Origin | undefined {
  const isConst = ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
  const made = isConst && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  if (!made || !ts.isCallExpression(made) || made.arguments.length !== 1) return undefined;
  const promisify = originOf(made.expression);
  const timer = originOf(made.arguments[0]!);
  const isPromisify = promisify.kind === "module" && promisify.module === "util" && promisify.path.join(".") === "promisify";
  const name = timer.kind === "global" && timer.path.length === 1 && PROMISIFIED_TIMERS.includes(timer.path[0]!) ? timer.path[0]! : undefined;
  return isPromisify && name ? { kind: "module", module: "timers/promises", path: [name] } : undefined;
}

const PROMISIFIED_TIMERS = ["setTimeout", "setImmediate"];

/** `ref: false`, `value`: a property of an options literal, named in the code, that is not `signal`. */
function isNotASignal(property: ts.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return false;
  const name = property.name;
  return (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text !== "signal";
}

/**
 * A function that came from the caller: a parameter (or destructured from one, also as
 * `const { onChange } = props`), or a loop variable over registered listeners
 * (`for (const listener of listeners) listener()`).
 */
export function isParameterBinding(declaration: ts.Node): boolean {
  let node: ts.Node = declaration;
  while (ts.isBindingElement(node)) node = node.parent.parent;
  if (ts.isParameter(node)) return true;
  if (!ts.isVariableDeclaration(node)) return false;
  if (ts.isForOfStatement(node.parent.parent)) return true;
  const source = node !== declaration && node.initializer ? skipOuter(node.initializer) : undefined;
  const sourceDeclaration = source && ts.isIdentifier(source) ? resolveIdentifier(source) : undefined;
  return sourceDeclaration !== undefined && ts.isParameter(sourceDeclaration);
}

/**
 * The receiver is shared: an object declared at the top of a module or imported by name (an
 * emitter whose `emit("error")` throws when nothing listens, wherever it is emitted). A module
 * namespace (`import * as fs`) holds functions, not an emitter.
 */
export function isSharedEmitter(receiver: ts.Expression): boolean {
  const { root } = flattenAccess(receiver);
  if (!ts.isIdentifier(root)) return false;
  const declaration = resolveIdentifier(root);
  if (!declaration) return false;
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) return true;
  if (!ts.isVariableDeclaration(declaration) || !(declaration.parent.flags & ts.NodeFlags.Const) || requiresModule(declaration)) return false;
  const statement = declaration.parent.parent;
  const value = declaration.initializer && skipOuter(declaration.initializer);
  const madeHere = value !== undefined && (ts.isNewExpression(value) || ts.isCallExpression(value) || ts.isAwaitExpression(value));
  const ambient = (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Ambient) !== 0;
  return (madeHere || ambient) && ts.isSourceFile(statement.parent);
}

function requiresModule(declaration: ts.VariableDeclaration): boolean {
  const origin = declaration.initializer && originOf(declaration.initializer);
  return origin?.kind === "module" && origin.path.length === 0;
}

const FILE_MODULES = ["fs", "fs-extra", "graceful-fs"];
const FILE_READS = new Set(["readFileSync", "readdirSync", "statSync", "lstatSync", "existsSync", "readFile", "readdir", "stat", "lstat"]);

/**
 * `readdirSync(join(__dirname, "..", "commands"))`: a read of the package's own files, at a path
 * made only of the module's folder and literals. A file missing there is a broken install, like a
 * module `require` cannot find, not a failure of the running program.
 */
export function readsOwnFiles(origin: Origin, args: readonly ts.Expression[]): boolean {
  if (origin.kind !== "module" || !FILE_MODULES.includes(origin.module) || !FILE_READS.has(origin.path[origin.path.length - 1] ?? "")) return false;
  return args[0] !== undefined && isOwnPath(args[0]);
}

/**
 * `if (existsSync(file)) unlinkSync(file)`: a synchronous file call on the path the enclosing
 * `if`, `&&` or `? :` of its function has just found to exist. It fails only if something else removes the file
 * in between, or on its permissions: no evidence either way (counted under strictCalls).
 */
export function checkedToExist(origin: Origin, call: ts.CallExpression): boolean {
  const method = origin.kind === "module" && FILE_MODULES.includes(origin.module) ? origin.path[origin.path.length - 1] : undefined;
  const [file] = call.arguments;
  if (method === undefined || !method.endsWith("Sync") || file === undefined) return false;
  const path = skipOuter(file).getText();
  for (let child: ts.Node = call, parent = call.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && conjuncts(parent.expression).some((test) => isExistsCheckOf(test, path))) return true;
    // `existsSync(p) && statSync(p).size > max`, `existsSync(p) ? readFileSync(p) : fallback`
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child && conjuncts(parent.left).some((test) => isExistsCheckOf(test, path))) {
      return true;
    }
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child && conjuncts(parent.condition).some((test) => isExistsCheckOf(test, path))) return true;
  }
  return false;
}

/** The tests of `a && b && c`, each of which holds in the `if`'s then branch. */
function conjuncts(expression: ts.Expression): ts.Expression[] {
  const node = skipOuter(expression);
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

function isExistsCheckOf(test: ts.Expression, path: string): boolean {
  if (!ts.isCallExpression(test) || test.arguments.length !== 1) return false;
  const origin = originOf(test.expression);
  return origin.kind === "module" && FILE_MODULES.includes(origin.module) && origin.path[origin.path.length - 1] === "existsSync" && skipOuter(test.arguments[0]!).getText() === path;
}

/** The module's folder or file (`__dirname`, `import.meta.dirname`), then only literals: `join(__dirname, "..", "commands")`, `` `${__dirname}/VERSION` ``. */
function isOwnPath(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) return (node.text === "__dirname" || node.text === "__filename") && resolveIdentifier(node) === undefined;
  if (ts.isPropertyAccessExpression(node)) return ts.isMetaProperty(node.expression) && (node.name.text === "dirname" || node.name.text === "filename");
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isOwnPath(node.left) && ts.isStringLiteralLike(skipOuter(node.right));
  if (ts.isTemplateExpression(node)) {
    const [first, ...rest] = node.templateSpans;
    return node.head.text === "" && first !== undefined && isOwnPath(first.expression) && rest.every((span) => ts.isStringLiteralLike(skipOuter(span.expression)));
  }
  if (!ts.isCallExpression(node)) return false;
  const joiner = originOf(node.expression);
  const [root, ...parts] = node.arguments;
  return joiner.kind === "module" && joiner.module === "path" && ["join", "resolve"].includes(joiner.path.join(".")) && root !== undefined && isOwnPath(root) && parts.every((part) => ts.isStringLiteralLike(skipOuter(part)));
}

/**
 * `schema.parse(x)`, `fs.readFileSync(p)`. (`emit("error", e)` throws only when nobody listens,
 * and the listener is usually registered far from the emit: not counted.)
 */
export function announcesThrow(method: string): boolean {
  return THROWING_METHOD.test(method);
}

const HOOK_NAME = /^on[A-Z]|[a-z](Handler|Callback|Hook)$/;
const OPTIONS_NAME = /^(opts|options|config|settings|hooks|callbacks|handlers)$/i;

/**
 * `opts.onError(...)`, `this.onNotify(...)`, `this.options.payloadHandler(p)`: a hook (named
 * `on...` or `...Handler`/`...Callback`/`...Hook`, or called on options only if given:
 * `this.options.transform?.(p)`) on the options the
 * caller passed (or stored from them) is the caller's callback, like a callback parameter.
 * Project methods of that name are resolved and analysed before this applies.
 */
export function isCallerHook(callee: ts.Expression): boolean {
  const method = accessedName(callee);
  if (method === undefined || !(ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) return false;
  const optionalCall = ts.isCallExpression(callee.parent) && callee.parent.expression === callee && callee.parent.questionDotToken !== undefined;
  if (!HOOK_NAME.test(method) && !(optionalCall && OPTIONS_NAME.test(lastName(callee.expression)))) return false;
  const { root } = flattenAccess(callee.expression);
  if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
  const declaration = ts.isIdentifier(root) ? resolveIdentifier(root) : undefined;
  return declaration !== undefined && isParameterBinding(declaration);
}

/** `logger.info(...)`, `this.log.warn(...)`: a logging method on something named like a logger (see LOGGER_NAME). */
export function isLoggingCall(callee: ts.Expression): boolean {
  const method = accessedName(callee);
  if (method === undefined || !(ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) return false;
  return SAFE_METHODS.logger.includes(method) && LOGGER_NAME.test(lastName(callee.expression));
}

/** `fetch(url)`: a global known to return a promise, so a bare call floats. */
export function isPromiseReturningGlobal(call: ts.CallExpression): boolean {
  const origin = originOf(call.expression);
  return origin.kind === "global" && PROMISE_RETURNING_GLOBALS.has(origin.path.join("."));
}

/**
 * A callback the caller gave, kept in a field, like a parameter: `this.onIdle()` where
 * `constructor(private readonly onIdle: () => void)`, and `this.#handlers[type](payload)` or
 * `const handler = this.#handlers[type]; handler(payload)` where the constructor did
 * `this.#handlers = options.messages`. Only the field itself or a computed-key lookup in it
 * counts: `this.mailer.send()` calls a method of a service the constructor was given.
 */
export function isStoredCallback(callee: ts.Expression): boolean {
  let node = skipOuter(callee);
  if (ts.isIdentifier(node)) {
    const declaration = resolveIdentifier(node);
    const isConst = declaration !== undefined && ts.isVariableDeclaration(declaration) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    if (!isConst || !declaration.initializer) return false;
    node = skipOuter(declaration.initializer);
  }
  if (ts.isElementAccessExpression(node)) node = skipOuter(node.expression);
  return ts.isPropertyAccessExpression(node) && isConstructorInputField(node);
}

/** A function a hook handed out: `const [, setOpen] = useState()`, `const { refetch } = useQuery()`, `const navigate = useNavigate()`. */
export function isHookFunction(declaration: ts.Node, hops = 0): boolean {
  let owner: ts.Node = declaration;
  while (ts.isBindingElement(owner)) owner = owner.parent.parent;
  if (!ts.isVariableDeclaration(owner) || !owner.initializer) return false;
  const value = skipOuter(owner.initializer);
  if (ts.isCallExpression(value)) return STATE_FUNCTION_SOURCE.test(lastName(value.expression));
  // `const fetcher = useFetcher(); const { load } = fetcher;`
  const source = ts.isIdentifier(value) && hops < 2 ? resolveIdentifier(value) : undefined;
  return source !== undefined && isHookFunction(source, hops + 1);
}

/** `const { promise, resolve } = Promise.withResolvers()`: resolve and reject only settle the promise. */
export function isSettleFunction(declaration: ts.Node): boolean {
  if (!ts.isBindingElement(declaration) || !ts.isObjectBindingPattern(declaration.parent)) return false;
  const property = declaration.propertyName ?? declaration.name;
  const owner = declaration.parent.parent;
  if (!ts.isIdentifier(property) || !SETTLE_FUNCTION_NAMES.includes(property.text)) return false;
  if (!ts.isVariableDeclaration(owner) || !owner.initializer) return false;
  const call = skipOuter(owner.initializer);
  return ts.isCallExpression(call) && makesDeferred(call);
}

/** `Promise.withResolvers()`, `createDeferredPromise()`: a promise settled by whoever holds its resolve and reject. */
export function makesDeferred(call: ts.CallExpression): boolean {
  return SETTLE_FUNCTION_SOURCES.test(lastName(call.expression));
}

/**
 * `onDoneRef.current()` where `onDoneRef = useRef(onDone)`: React's way of holding the caller's
 * latest callback; like a callback parameter, what it does is the caller's business.
 */
export function isCallbackRef(callee: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "current") return false;
  const holder = skipOuter(callee.expression);
  if (!ts.isIdentifier(holder)) return false;
  if (CALLBACK_REF_HOLDER.test(holder.text)) return true;
  const declaration = resolveIdentifier(holder);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const call = skipOuter(declaration.initializer);
  return ts.isCallExpression(call) && CALLBACK_REF_HOOK.test(lastName(call.expression));
}

/** The last name of an expression: `this.logger` -> "logger", `React.useState` -> "useState". */
export function lastName(expression: ts.Expression): string {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) return node.text;
  return accessedName(node) ?? "";
}
