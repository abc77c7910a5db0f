import { ts } from "./ts.cjs";
import type { Handler, Outcome, ReceiverSource, TaskApi } from "../../core/task-api.js";
import type { ApiIndex, ApiMatch } from "./api-index.js";
import { propertyOfObject } from "./exports.js";
import { normalizeModule, originOf, type Origin } from "./origin.js";
import { compareVersions, type PackageVersions } from "./package-versions.js";
import { resolveIdentifier } from "./scope.js";
import { accessedName, flattenAccess, isFunctionNode, isNullish, skipOuter } from "./syntax.js";
import { assignedInConstructor, memberName, thisFieldDeclaration } from "./classes.js";
import { typeOnlyImport, type FunctionResolver } from "./resolver.js";
import { escapeRegExp } from "./text-scan.js";

export type SchedulingCall = ts.CallExpression | ts.NewExpression;

/**
 * The APIs a call or `new` is, by where its callee comes from or by method name and receiver.
 * A rule matched by origin (`vercel.waitUntil` from the package) is not matched again by method.
 */
export function apisCalled(node: SchedulingCall, apis: ApiIndex, resolver: FunctionResolver): ApiMatch[] {
  const invocation = ts.isNewExpression(node) ? "new" : "call";
  const callee = skipOuter(node.expression);
  const byOrigin = mayNameApi(callee, apis.names) ? apis.lookup(originOf(callee)) : [];
  const found: ApiMatch[] = [...byOrigin];
  const method = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? accessedName(callee) : undefined;
  if (method !== undefined && invocation === "call") {
    const receiver = (callee as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression;
    const matchedRules = new Set(byOrigin.map((match) => match.rule));
    for (const match of apis.lookupMethod(method)) {
      if (matchedRules.has(match.rule)) continue;
      if (!match.receiver || receiverIsOneOf(receiver, match.receiver, resolver, method)) found.push(match);
    }
  }
  return found.filter((match) => (match.api.invocation ?? "call") === invocation && !isShadowed(match, found));
}

/**
 * `ev.waitUntil(p)` on a Next.js `NextFetchEvent` matches both the entry for that receiver and
 * the rule's entry for any receiver: the more specific one decides.
 */
function isShadowed(match: ApiMatch, found: readonly ApiMatch[]): boolean {
  return (
    match.receiver === undefined &&
    found.some((other) => other !== match && other.rule === match.rule && other.receiver !== undefined && other.api.only === match.api.only && other.api.invocation === match.api.invocation)
  );
}

/**
 * A cheap test before the full origin lookup: the callee ends in an API's name, or is a local
 * name bound by an import or require, which may rename one (`import { setTimeout as delay }`).
 */
function mayNameApi(callee: ts.Expression, names: ReadonlySet<string>): boolean {
  if (!ts.isIdentifier(callee)) return names.has(accessedName(callee) ?? "");
  if (names.has(callee.text)) return true;
  const declaration = resolveIdentifier(callee);
  return (
    declaration !== undefined &&
    (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isBindingElement(declaration) || ts.isVariableDeclaration(declaration))
  );
}

/**
 * `process`, or a value made by `new PQueue()` / `fs.createReadStream()` (kept in a variable or
 * field, or used in place), also by `new` of a project class that extends such a class or whose
 * field of the method's name is that method of such a value it holds
 * (`on = this.#emitter.on.bind(this.#emitter)`).
 */
function receiverIsOneOf(receiver: ts.Expression, sources: readonly ReceiverSource[], resolver: FunctionResolver, method: string, hops = 0): boolean {
  const maker = makerOf(skipOuter(receiver), resolver);
  const projectClass = maker && resolver.classOf(maker);
  if (maker) {
    const packageBase = projectClass && resolver.packageBaseOf(projectClass);
    const origins = [originOfMaker(maker), ...(packageBase ? [originOf(packageBase)] : [])];
    if (origins.some((origin) => sources.some((source) => isSource(origin, source)))) return true;
  }
  const owner = projectClass ?? resolver.instanceClassOf(receiver);
  const holder = owner && hops < MAX_DELEGATIONS ? boundMethodHolder(owner, method) : undefined;
  return holder !== undefined && receiverIsOneOf(holder, sources, resolver, method, hops + 1);
}

const MAX_DELEGATIONS = 3;

/** The value whose method a class field hands on: `this.#emitter` for `on = this.#emitter.on.bind(this.#emitter)`. */
function boundMethodHolder(owner: ts.ClassLikeDeclaration, method: string): ts.Expression | undefined {
  const field = owner.members.find((member): member is ts.PropertyDeclaration => ts.isPropertyDeclaration(member) && memberName(member.name) === method);
  const value = field?.initializer && skipOuter(field.initializer);
  if (!value || !ts.isCallExpression(value) || !ts.isPropertyAccessExpression(value.expression) || value.expression.name.text !== "bind") return undefined;
  const bound = skipOuter(value.expression.expression);
  if (!ts.isPropertyAccessExpression(bound) || bound.name.text !== method) return undefined;
  const [thisArgument] = value.arguments;
  return thisArgument && skipOuter(thisArgument).getText() === skipOuter(bound.expression).getText() ? bound.expression : undefined;
}

function isSource(origin: Origin, source: ReceiverSource): boolean {
  if ("global" in source) return origin.kind === "global" && origin.path.join(".") === source.global;
  const path = origin.kind === "module" ? (origin.path.length === 0 ? "default" : origin.path.join(".")) : undefined;
  return origin.kind === "module" && origin.module === normalizeModule(source.module) && path === source.export;
}

/** Where a maker comes from; a type named through `import type { ServerResponse } from "node:http"` too. */
function originOfMaker(maker: ts.Expression): Origin {
  const typeImport = ts.isIdentifier(maker) && !resolveIdentifier(maker) ? typeOnlyImport(maker) : undefined;
  if (!typeImport) return originOf(maker);
  const declaration = ts.isImportSpecifier(typeImport) ? typeImport.parent.parent.parent : typeImport.parent;
  const specifier = declaration.moduleSpecifier;
  if (!ts.isStringLiteralLike(specifier)) return { kind: "other" };
  const name = ts.isImportSpecifier(typeImport) ? (typeImport.propertyName ?? typeImport.name).text : "default";
  return { kind: "module", module: normalizeModule(specifier.text), path: name === "default" ? [] : [name] };
}

/**
 * The expression that names what made a value: the callee of its `new`/call (see makingCall),
 * its declared type, or the value itself (`process`).
 */
function makerOf(value: ts.Expression, resolver: FunctionResolver): ts.Expression | undefined {
  const made = makingCall(value, resolver);
  if (made) return made.expression;
  const declaration = declarationOf(value, resolver);
  if (!declaration) return ts.isIdentifier(value) ? value : undefined;
  if (!(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) {
    return ts.isIdentifier(value) ? value : undefined;
  }
  if (declaration.type && ts.isTypeReferenceNode(declaration.type) && ts.isIdentifier(declaration.type.typeName)) return declaration.type.typeName;
  return undefined;
}

/**
 * The `new`/call that made a value: in place, in its variable's or field's initializer, assigned
 * to the field in the constructor, or in the module it is imported from.
 */
function makingCall(value: ts.Expression, resolver: FunctionResolver): SchedulingCall | undefined {
  if (ts.isNewExpression(value) || ts.isCallExpression(value)) return value;
  const declaration = declarationOf(value, resolver);
  if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration))) return undefined;
  const initializer = (declaration.initializer && skipOuter(declaration.initializer)) ?? (ts.isPropertyDeclaration(declaration) && ts.isClassLike(declaration.parent) ? assignedInConstructor(declaration.parent, declaration.name.getText()) : undefined);
  return initializer && (ts.isNewExpression(initializer) || ts.isCallExpression(initializer)) ? initializer : undefined;
}

function declarationOf(value: ts.Expression, resolver: FunctionResolver): ts.Node | undefined {
  if (ts.isIdentifier(value)) {
    const local = resolveIdentifier(value);
    return local && (resolver.importedValue(local) ?? local);
  }
  return ts.isPropertyAccessExpression(value) ? thisFieldDeclaration(value) : undefined;
}

/**
 * The expression at a task position: the argument, a property of an options-object argument, or
 * the function given to whatever made the receiver (`fastq.promise(worker)` for `queue.push(job)`).
 */
export function taskExpression(node: SchedulingCall, api: TaskApi, resolver: FunctionResolver): ts.Expression | undefined {
  if (api.task.madeWith) {
    const callee = skipOuter(node.expression);
    const maker = ts.isPropertyAccessExpression(callee) ? makingCall(skipOuter(callee.expression), resolver) : undefined;
    return maker?.arguments?.find((argument) => resolver.functionOf(argument) !== undefined);
  }
  const args = node.arguments ?? [];
  const index = api.task.argument < 0 ? args.length + api.task.argument : api.task.argument;
  const argument = args[index];
  if (!argument || api.task.property === undefined) return argument;
  const options = skipOuter(argument);
  if (!ts.isObjectLiteralExpression(options)) return undefined;
  const value = propertyOfObject(options, api.task.property);
  if (!value) return undefined;
  return isFunctionNode(value) ? (value as unknown as ts.Expression) : ts.isExpression(value) ? value : undefined;
}

/**
 * The API hands the task's error to what the call returns (p-queue's `add()`, fastq's `push()`):
 * handled when that result is used, so any error, thrown or rejected, arrives as a rejection.
 */
export function routesErrorsToResult(api: TaskApi): boolean {
  return api.handledBy?.some((handler) => "result" in handler) ?? false;
}

/** What deciding a handler needs to know beyond the call's own syntax. */
export interface HandlerChecks {
  /** Whether a task ends the process on its way. */
  endsProcess: (task: ts.Expression) => boolean;
  /** The package class ("module:Class") a value is an instance of. */
  classOf: (value: ts.Expression) => string | undefined;
  /** Whether the call's emitter awaits its listeners through one of these methods (see AwaitedListeners). */
  awaitsListeners: (node: SchedulingCall, methods: readonly string[]) => boolean;
  /** Whether the call's emitter is one the linter cannot see, whose `emit()` a linted file awaits (see AwaitedListeners). */
  emitsPromise: (node: SchedulingCall) => boolean;
}

/** True when the call registers one of the API's error handlers. */
export function isHandled(node: SchedulingCall, handlers: readonly Handler[], { endsProcess, classOf, awaitsListeners, emitsPromise }: HandlerChecks): boolean {
  return handlers.some((handler) => {
    if ("argument" in handler) return givesArgument(node, handler.argument, handler.property);
    if ("listener" in handler) return resultHasListener(node, handler.listener, handler.returned ?? false);
    if ("result" in handler) return !isDropped(node);
    if ("errorEvents" in handler) return listensTo(node, handler.errorEvents);
    if ("exitEvents" in handler) return listensTo(node, handler.exitEvents) && isProcessListener(node);
    if ("endingEvents" in handler) return listensTo(node, handler.endingEvents) && isProcessListener(node) && node.arguments?.[1] !== undefined && endsProcess(node.arguments[1]);
    if ("notNodeEvents" in handler) return isProcessListener(node) && listensToOther(node, handler.notNodeEvents);
    if ("awaitingEmit" in handler) return awaitsListeners(node, handler.awaitingEmit);
    if ("promisedEmit" in handler) return emitsPromise(node);
    return receiverCapturesRejections(node, handler.classes ?? [], classOf);
  });
}

/** `process.on(...)`: a listener on the process itself, not on a child process or a worker. */
function isProcessListener(node: SchedulingCall): boolean {
  const origin = originOf(node.expression);
  return origin.kind === "global" && origin.path.length === 2 && origin.path[0] === "process";
}

export function listensTo(node: SchedulingCall, events: readonly string[]): boolean {
  const event = listenedEvent(node);
  return event !== undefined && events.includes(event);
}

/** The listener's event is a literal none of `events`. */
function listensToOther(node: SchedulingCall, events: readonly string[]): boolean {
  const event = listenedEvent(node);
  return event !== undefined && !events.includes(event);
}

/** The event a listener call names with a literal (`on("time", ...)`). */
function listenedEvent(node: SchedulingCall): string | undefined {
  const [event] = node.arguments ?? [];
  return event !== undefined && ts.isStringLiteralLike(event) ? event.text : undefined;
}

function isGiven(value: ts.Expression | undefined): boolean {
  if (!value) return false;
  const node = skipOuter(value);
  return node.kind !== ts.SyntaxKind.FalseKeyword && !isNullish(node);
}

function givesArgument(node: SchedulingCall, index: number, property: string | undefined): boolean {
  const argument = node.arguments?.[index];
  if (property === undefined) return isGiven(argument);
  const options = argument && skipOuter(argument);
  if (!options || !ts.isObjectLiteralExpression(options)) return false;
  const value = propertyOfObject(options, property);
  return value !== undefined && (!ts.isExpression(value) || isGiven(value));
}

/**
 * `schedule(...).on("error", h)`, or `const job = schedule(...); ... job.on("error", h)` in the same
 * scope, or the result handed to other code as an argument, or returned to the caller when the
 * API's results are the caller's to listen to, at once or from the variable that holds it
 * (`this.workers.push(worker)`, `return worker`).
 */
function resultHasListener(node: SchedulingCall, event: string, returned: boolean): boolean {
  const isListenerCall = (call: ts.Node, receiverName?: string): boolean => {
    if (!ts.isCallExpression(call)) return false;
    const callee = skipOuter(call.expression);
    const method = accessedName(callee);
    const [first] = call.arguments;
    if (!method || !["on", "once", "addListener", "prependListener"].includes(method) || !first || !ts.isStringLiteralLike(first) || first.text !== event) return false;
    if (receiverName === undefined) return true;
    const { root } = flattenAccess((callee as ts.PropertyAccessExpression).expression);
    return ts.isIdentifier(root) && root.text === receiverName;
  };
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && isListenerCall(parent.parent)) return true;
  // `new WorkerClient(new Worker(path))`: handed to code that owns it, where its listeners are registered.
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node)) return true;
  // `createWorker(file) { return new Worker(file); }`: the caller owns it.
  if (returned && (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node))) return true;
  // `this.job = schedule(...)` or `job = schedule(...)`: look for `this.job.on("error"` in the file.
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    const target = escapeRegExp(parent.left.getText()).replace(/\\\./g, "\\s*\\.\\s*");
    return new RegExp(`${target}\\s*\\.\\s*(on|once|addListener|prependListener)\\(\\s*["'\`]${event}["'\`]`).test(node.getSourceFile().text);
  }
  const holder = ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (!holder) return false;
  const scope = ts.findAncestor(parent, (ancestor) => ts.isBlock(ancestor) || ts.isSourceFile(ancestor)) ?? node.getSourceFile();
  let found = false;
  // `this.workers.push(worker)`, `ThreadWorker({ worker })`, `return worker`: handed on to code that listens where it takes it out.
  const handsOn = (call: ts.Node): boolean =>
    ((ts.isCallExpression(call) || ts.isNewExpression(call)) && (call.arguments ?? []).some((argument) => carries(argument, holder))) ||
    (returned && ts.isReturnStatement(call) && call.expression !== undefined && carries(call.expression, holder));
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (isListenerCall(child, holder) || handsOn(child)) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(scope);
  return found;
}

/** The argument is the variable, or an object or array literal that holds it (`{ worker, timeout }`, `[worker]`). */
function carries(argument: ts.Expression, holder: string): boolean {
  const node = skipOuter(argument);
  if (ts.isIdentifier(node)) return node.text === holder;
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => carries(element, holder));
  if (!ts.isObjectLiteralExpression(node)) return false;
  return node.properties.some((property) =>
    ts.isShorthandPropertyAssignment(property) ? property.name.text === holder : ts.isPropertyAssignment(property) && carries(property.initializer, holder),
  );
}

/**
 * The call's result is thrown away: a statement of its own, under `void`, or returned from a
 * callback whose results are dropped (`ids.forEach((id) => queue.add(...))`, or a `map` whose
 * array is itself dropped).
 */
function isDropped(node: ts.Expression): boolean {
  let current: ts.Node = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return true;
  if (!ts.isArrowFunction(parent) || parent.body !== current) return false;
  const call = parent.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(parent)) return false;
  const method = accessedName(skipOuter(call.expression));
  return method === "forEach" || ((method === "map" || method === "flatMap") && isDropped(call));
}

/**
 * `new EventEmitter({ captureRejections: true })`, or an instance of a package class that makes
 * itself so (`classes`), with an "error" listener on it in the same file.
 */
function receiverCapturesRejections(node: SchedulingCall, classes: readonly string[], classOf: (value: ts.Expression) => string | undefined): boolean {
  const callee = skipOuter(node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = skipOuter(callee.expression);
  if (!madeCapturingRejections(receiver) && !classes.includes(classOf(receiver) ?? "")) return false;
  const name = receiver.getText();
  return new RegExp(`${escapeRegExp(name)}\\s*\\.\\s*(on|once|addListener)\\(\\s*["']error["']`).test(node.getSourceFile().text);
}

/** The receiver's variable or field holds `new X({ captureRejections: true })`. */
function madeCapturingRejections(receiver: ts.Expression): boolean {
  const declaration = ts.isIdentifier(receiver) ? resolveIdentifier(receiver) : ts.isPropertyAccessExpression(receiver) ? thisFieldDeclaration(receiver) : undefined;
  const initializer = declaration && (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.initializer : undefined;
  const made = initializer && skipOuter(initializer);
  const options = made && ts.isNewExpression(made) ? made.arguments?.[0] : undefined;
  const literal = options && skipOuter(options);
  const capture = literal && ts.isObjectLiteralExpression(literal) ? propertyOfObject(literal, "captureRejections") : undefined;
  return capture?.kind === ts.SyntaxKind.TrueKeyword;
}

/** What an escaping error does, given the installed version of the API's package. */
export function outcomeOf(api: TaskApi, fromFile: string, versions: PackageVersions, debug: (message: string) => void): Outcome {
  if (typeof api.outcome === "string") return api.outcome;
  const found = api.package ? versions.find(api.package, fromFile) : undefined;
  const latest = api.outcome[api.outcome.length - 1]!.outcome;
  if (!found) {
    debug(`${api.package ?? api.label}: version not found from ${fromFile}; assuming the latest release`);
    return latest;
  }
  const entry = api.outcome.find((candidate) => candidate.below === undefined || compareVersions(found.version, candidate.below) < 0);
  return entry?.outcome ?? latest;
}
