import { ts } from "./ts.cjs";
import { settlesWithValueOnly } from "./rxjs-subjects.js";
import { exitsRightAfter, finallyExits } from "./exit-paths.js";
import type { FailureKind } from "../../core/failure.js";
import { originOf, type Origin } from "./origin.js";
import {
  announcesThrow,
  isCallbackRef,
  isCallerHook,
  isHookFunction,
  isLoggingCall,
  isParameterBinding,
  isPromiseReturningGlobal,
  isInvariantCheck,
  isProjectInvariantCheck,
  isSafeOrigin,
  rejectsOnlyThroughOptions,
  checkedToExist,
  readsOwnFiles,
  isSettleFunction,
  makesDeferred,
  isSharedEmitter,
  isStoredCallback,
  lastName,
} from "./callee-facts.js";
import {
  collectedMembers,
  declaresPromise,
  handlesRejection,
  heldMapping,
  isDeepCloneIdiom,
  isDeliberateRejection,
  isNonPromiseThenable,
  isObjectAssign,
  isPromiseChainCall,
  isPromiseStaticCall,
  isStringifyOfLiterals,
  usesRejectParameter,
} from "./promise-facts.js";
import { passesUncalledCallback } from "./callback-style-calls.js";
import { settledFlagsAt, settledValue } from "./lazy-init.js";
import { unsetFlagValue, type PropertyWrites } from "./unset-flags.js";
import { endsOnItsPath } from "./termination-listeners.js";
import { isNodeBuiltin } from "./import-graph.js";
import { isFirstCallInitialisation, isMemoisingAssignment } from "./memoised-getters.js";
import { isConditionalThrow, isDeliberateThrow, isModeGatedRethrow, isPreconditionThrow, isThrowHelper, isUnderCondition, type TypeGuardTest } from "./throw-contracts.js";
import {
  CALLBACK_RUNNING_METHODS,
  ERROR_CLASS_NAME,
  CHILD_HANDLE_METHODS,
  INPUT_PARSING_GLOBAL_CALLS,
  SAFE_PACKAGE_INSTANCE_METHODS,
  SAFE_BASE_CLASS_METHODS,
  VERSIONED_SAFE_INSTANCE_METHODS,
  SYNCHRONOUS_PACKAGE_METHODS,
  CHAINING_PACKAGE_METHODS,
  SYNCHRONOUS_HELPER_MODULES,
  KNOWN_THROWING_GLOBAL_CALLS,
  SAFE_CONSTRUCTORS,
  SAFE_METHODS,
  SAFE_METHODS_ON_ANY_VALUE,
  SETTLING_HELPER_NAMES,
  TEARDOWN_METHODS,
} from "./safe-calls.js";
import type { FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { valueInProduction, type CalleeOf } from "./development-only.js";
import { answersFromInMemoryAdapter } from "./in-memory-adapter.js";
import { sendsToClient } from "./socket-io.js";
import { accessedName, endsInReturn, inlineFunction, isAsyncFunction, isFunctionNode, returnedExpressions, skipOuter, type FunctionNode } from "./syntax.js";
import type { ParameterBindings } from "./task-resolution.js";
import { valueKindOf } from "./value-kind.js";
import { baseClassName, packageClassOf, provenanceOf } from "./value-provenance.js";
import { mayCarryInput, parseOfLiterals } from "./input-trust.js";
import type { ReadTracker } from "./read-tracker.js";
import { constantsAt, constantsSeenBy, constantValue, holdsAt, takenStatements, type ArgumentConstants } from "./argument-constants.js";
import { dispatchTargets } from "./dispatch-tables.js";
import { givesLibraryPromise, GLOBAL_BLUEBIRD } from "./library-promises.js";
import { compareVersions } from "./package-versions.js";

export interface AnalysisOptions {
  /** Calls that hand a task to a scheduler (by origin, or by method name): they do not run it, so they do not throw. */
  isScheduling: (origin: Origin, method: string | undefined) => boolean;
  /** The user's `safeCalls`: callees matching these never throw. */
  isSafeCall: (callee: ts.Expression) => boolean;
  /** How many calls deep the analysis follows; a call deeper than this counts as one that can throw. */
  maxDepth: number;
  /**
   * Count a method call on a value as able to throw even when its result is not awaited or
   * used as a promise. Off by default: such calls (`el.remove()`, `waiters.splice(i, 1)`,
   * `socket.destroy()`) rarely throw, while their promises' rejections are counted anyway.
   */
  strictCalls: boolean;
  /** Told which files each memoised result was worked out from (for --cache); absent when nobody asks. */
  reads?: ReadTracker;
  /** The modules the package of a file lists among its `dependencies` (installed with it). */
  dependencies?: (filePath: string) => ReadonlySet<string>;
  /** The project's implementations of a method called on an interface-typed value (see InterfaceDispatch). */
  implementationsOf?: (access: ts.PropertyAccessExpression) => FunctionNode[] | undefined;
  /** The version of a package the file would load (installed, locked, or the lowest its range allows). */
  versionOf?: (module: string, filePath: string) => string | undefined;
  /** How often the workspace may set a property of a name (see unsetFlagValue); absent, no flag counts as unset. */
  propertyWrites?: PropertyWrites;
}

/** The first place where running a function can throw or reject with nothing to catch it. */
export interface FoundFailure {
  /** Calls into other functions on the way to the site, outermost first. */
  calls: ts.Node[];
  site: ts.Node;
  kind: FailureKind;
  /** The error leaves as a rejected promise (returned or floating), which no try/catch in the function can catch. */
  viaPromise: boolean;
  /** The promise of the first call on the path is neither awaited nor caught. */
  floats?: boolean;
}

/**
 * How the value of an expression is used, which decides whether a rejection matters:
 * awaited (a try/catch around it catches it), returned (it becomes the caller's problem),
 * floating (nothing can catch it), handled (a `.catch` follows), or kept as a value.
 */
type Use = "await" | "return" | "floating" | "handled" | "value";

interface Context {
  /** Inside a try block whose catch clause handles errors. */
  guarded: boolean;
  /** Inside a catch clause: calls there are taken to be error reporting and are not counted. */
  lenient: boolean;
  /** The function being scanned is async: what it returns is awaited by its callers. */
  isAsync: boolean;
  /** For a function a wrapper returns: what the wrapper's parameters were given. */
  bindings?: ParameterBindings;
  /** Parameters the call being followed fixed to a literal, which decide some conditions. */
  constants?: ArgumentConstants;
  /**
   * How what this function returns is used by the library that runs it: dropped (a timer; a
   * returned promise floats) or awaited (a queue). Undefined for ordinary functions.
   */
  resultUse?: Use;
  /** Whose code this is: the task's, written inline in it, or a function it calls (see Part). */
  part: Part;
  /** Flags of `this` a lazy initialisation the caller ran has set (see settledFlagsAt). */
  settled?: ReadonlySet<string>;
}

/** What one analysis of a function depends on besides the function (see analyse). */
interface Setting {
  lenient: boolean;
  bindings?: ParameterBindings | undefined;
  resultUse?: Use | undefined;
  part?: Part;
  constants?: ArgumentConstants | undefined;
  settled?: ReadonlySet<string> | undefined;
}

/**
 * Where the code being scanned stands to the task. Promises the task's own body drops count as
 * its failures; a callee's are its own unhandled rejections, reported where they are dropped.
 * A throw of a new error under a condition counts in the task's code; in a function the task
 * calls it is that function's contract, like an `assert()` (see isConditionalThrow).
 */
type Part = "task" | "inline" | "callee";

type Callee =
  | { kind: "safe" }
  | { kind: "function"; fn: FunctionNode }
  /** `this.ide.readFile(uri)` where `ide: IDE`, `handler(...)` of a dispatch table: one of the project's implementations runs. */
  | { kind: "implementations"; fns: FunctionNode[] }
  /** `items.forEach(fn)`: the call runs its function arguments in place. */
  | { kind: "runs-callbacks"; callbacks: FunctionNode[] }
  /** A call we cannot see into, and how much says it can throw (see Evidence). */
  | { kind: "unknown"; evidence: Evidence };

/**
 * When a call we cannot see into counts as able to throw:
 * - "always": a known thrower (`JSON.parse`, `...Sync`, `schema.parse`), a constructor, and
 *   `emit("error", err)` on a shared emitter (declared at module level or imported), which throws
 *   when nothing listens;
 * - "when-awaited": everything else we cannot see into — a package's function
 *   (`startCompletion(view)`), a global's method (`window.scrollTo()`), a method of a local
 *   value (`el.remove()`) or of a shared client called for its effect (`db.ping()`: reviewers
 *   found every finding that counted those on 72 real projects false): only its promise's
 *   rejection counts;
 * - "none": a method of a value the project made (an instance of its own class, an object it
 *   exports) that the resolver could not follow. Its code catches, returns result objects or
 *   does I/O: without seeing it there is no evidence either way.
 * `analysis.strictCalls` counts them all, always.
 */
/** A function being analysed, for ending recursion and caching results that assumed it does not fail. */
interface Frame {
  fn: FunctionNode;
  /** The setting being analysed (see settingKey). */
  key: string;
  lenient: boolean;
  /** The lowest stack index of a function this one's result assumed not to fail; Infinity when none. */
  assumes: number;
  /** A function deeper in the stack re-entered this one and assumed it does not fail. */
  assumed: boolean;
  /** A call below was cut short by maxDepth, or re-entered this function in another setting: not cached. */
  uncacheable: boolean;
  /** A function assumed not to fail while this one ran did fail: the tentative results are wrong. */
  poisoned: boolean;
  /** Setting keys of results that hold if this function does not fail. */
  tentative: string[];
}

type Evidence = "always" | "when-awaited" | "none";

const SAFE_NEW = new Set(SAFE_CONSTRUCTORS);
const INPUT_PARSERS = new Set(INPUT_PARSING_GLOBAL_CALLS);
const SAFE_INSTANCE_METHODS = new Set(SAFE_PACKAGE_INSTANCE_METHODS);
const SAFE_BASE_METHODS = new Set(SAFE_BASE_CLASS_METHODS);
const SYNCHRONOUS_METHODS = new Set(SYNCHRONOUS_PACKAGE_METHODS);
const CHAINING_METHODS = new Set(CHAINING_PACKAGE_METHODS);
const SYNCHRONOUS_HELPERS = new Set(SYNCHRONOUS_HELPER_MODULES);
const CHILD_HANDLE = new Set(CHILD_HANDLE_METHODS);

/** `JSON.parse(text)`, `readFileSync(path)`, `new URL(href)`: a call that throws where it runs and returns no promise. */
function isSynchronousCall(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return false;
  const origin = originOf(node.expression);
  const name = origin.kind === "global" ? origin.path.join(".") : undefined;
  if (name !== undefined && (KNOWN_THROWING_GLOBALS.has(name) || (ts.isNewExpression(node) && name === "URL"))) return true;
  return /\wSync$/.test(lastName(node.expression));
}

/** `E.right(x)`, `_.pick(x)`: a function of a package of synchronous helpers, which returns no promise. */
function isModuleFunction(node: ts.Node): boolean {
  if (!ts.isCallExpression(node)) return false;
  const origin = originOf(node.expression);
  return origin.kind === "module" && SYNCHRONOUS_HELPERS.has(origin.module.split("/")[0]!);
}

function isNonErrorEmit(call: ts.CallExpression): boolean {
  const [event] = call.arguments;
  return accessedName(call.expression) === "emit" && !(event !== undefined && ts.isStringLiteralLike(event) && event.text === "error");
}

/** The call that made a value, through `const` and `await`: `const status = await nc.status()`. */
function makingCall(expression: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  let node = skipOuter(expression);
  for (let hops = 0; hops < 4; hops++) {
    if (ts.isAwaitExpression(node)) node = skipOuter(node.expression);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return node;
    const declaration = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
    const isConst = declaration && ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
    if (!isConst || !declaration.initializer) return undefined;
    node = skipOuter(declaration.initializer);
  }
  return undefined;
}

/**
 * A value the code did not make itself: a package's, or one it cannot trace (`db.pgPool`), but
 * not the project's, not one of Node's own modules (`open()` of `fs/promises` gives a FileHandle
 * whose `close()` can fail) and not a global's (a WritableStream writer's `close()` reports an
 * earlier write's failure).
 */
function isOutsideValue(expression: ts.Expression, resolver: FunctionResolver): boolean {
  return provenanceOf(expression, resolver) !== "project" && !isMadeByNode(expression) && !comesFromGlobal(expression);
}

/** A value a global made, down its chain of calls: `new WritableStream().getWriter()`, `fetch(url)`. */
function comesFromGlobal(expression: ts.Expression): boolean {
  let node: ts.Expression | undefined = skipOuter(expression);
  for (let hops = 0; node && hops < 8; hops++) {
    node = ts.isIdentifier(node) ? makingCall(node) : skipOuter(node);
    if (!node) return false;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && originOf(node.expression).kind === "global") return true;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
    else return false;
  }
  return false;
}

/** A value a call of a package made (`socket.listener("connect")`, `nc.status()`), not a module of Node (`watch(dir)`, `createInterface(...)`). */
function isPackageCallResult(expression: ts.Expression, resolver: FunctionResolver): boolean {
  const call = makingCall(expression);
  return call !== undefined && provenanceOf(call, resolver) === "package" && !isMadeByNode(expression);
}

/** A value made by a call of a module of Node, also through a constant. */
function isMadeByNode(expression: ts.Expression): boolean {
  const call = makingCall(expression);
  const origin = call && originOf(call.expression);
  return origin?.kind === "module" && isNodeBuiltin(origin.module);
}

/** A parser (`JSON.parse`, `decodeURIComponent`) throws on bad input: evidence only when its input may come from outside. */
function parserEvidence(name: string, args: readonly ts.Expression[], constants?: ArgumentConstants): Evidence {
  if (!INPUT_PARSERS.has(name)) return "always";
  const given = args.map((argument) => fixedString(argument, constants) ?? argument);
  const literal = parseOfLiterals(name, given);
  if (literal !== "unknown") return literal === "throws" ? "always" : "none";
  return given.some((argument) => mayCarryInput(argument)) ? "always" : "none";
}

/**
 * A parameter the call being followed fixed to a string (`super("https://api.example.com/3")`
 * into `constructor(baseUrl: string)`), as that string literal.
 */
function fixedString(argument: ts.Expression, constants: ArgumentConstants | undefined): ts.Expression | undefined {
  const node = skipOuter(argument);
  const declaration = constants && ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  const value = declaration && holdsAt(declaration, node) ? constants!.get(declaration) : undefined;
  return typeof value === "string" ? ts.factory.createStringLiteral(value) : undefined;
}
const SAFE_ANY_METHOD = new Set(SAFE_METHODS_ON_ANY_VALUE);
const RUNS_CALLBACKS = new Set(CALLBACK_RUNNING_METHODS);
const KNOWN_THROWING_GLOBALS = new Set(KNOWN_THROWING_GLOBAL_CALLS);
const TEARDOWN = new Set(TEARDOWN_METHODS);
const SETTLING_HELPERS = new Set(SETTLING_HELPER_NAMES);

/**
 * Decides whether a function can throw or reject outside a guard, following calls to
 * functions declared in the same file. Results are memoised per function; recursion ends
 * because a function already being analysed is taken not to fail on that path.
 */
export class ThrowAnalysis {
  /** Analyses by function and setting (see settingKey). */
  private readonly memo = new Map<string, FoundFailure | null>();
  /** Results kept tentatively, by the frame that holds them until it finishes (see settle). */
  private readonly provisional = new Map<string, Frame>();
  private readonly stack: Frame[] = [];
  private readonly promiseReturning = new Map<FunctionNode, boolean>();
  private readonly nodeIds = new Map<ts.Node, number>();
  private readonly calleeOf: CalleeOf = (callee) => this.resolver.functionOf(callee);
  /** `isGroup(x)` where the project declares `function isGroup(x: unknown): x is Group` (or a const arrow so typed). */
  private readonly isTypeGuard: TypeGuardTest = (callee) => {
    const local = ts.isIdentifier(callee) ? resolveIdentifier(callee) : undefined;
    const declaration = local && (this.resolver.importedValue(local) ?? local);
    const value = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : declaration;
    return value !== undefined && (ts.isFunctionDeclaration(value) || ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && value.type !== undefined && ts.isTypePredicateNode(value.type);
  };

  constructor(
    private readonly resolver: FunctionResolver,
    private readonly options: AnalysisOptions,
  ) {}

  /**
   * The first place where running `fn` can fail. `lenient` is for error-handling code (a catch
   * clause, a `.catch` handler and what they call): calls there are taken to be error reporting,
   * so only rethrows and failing project functions count.
   */
  failureOf(fn: FunctionNode, lenient = false): FoundFailure | undefined {
    return this.analyse(fn, { lenient });
  }

  /**
   * The failure of a function a scheduler runs, which drops what the function returns. For the
   * function a wrapper returns, `bindings` and `constants` say what the wrapper's parameters
   * were given.
   */
  failureOfTask(fn: FunctionNode, given: { bindings?: ParameterBindings | undefined; constants?: ArgumentConstants | undefined } = {}, awaitsResult = false): FoundFailure | undefined {
    const found = this.analyse(fn, { lenient: false, bindings: given.bindings, constants: given.constants, resultUse: awaitsResult ? "await" : "floating", part: "task" });
    return found && !(found.calls.length === 0 && isDeliberateThrow(found.site, fn)) ? found : undefined;
  }

  /**
   * How a promise handed over as a task (`waitUntil(sendEmail())`) can reject. Anything it
   * cannot see into counts: the argument is a promise by contract.
   */
  failureOfPromise(expression: ts.Expression): FoundFailure | undefined {
    const node = skipOuter(expression);
    if (ts.isCallExpression(node) && this.isUnknownCall(node) && !isPromiseChainCall(node) && !isPromiseStaticCall(node)) {
      return { ...site(node, "rejects"), viaPromise: true };
    }
    // Building the promise runs in the caller, so its synchronous throws are the caller's: only rejections count.
    const found = this.evaluate(expression, { guarded: true, lenient: false, isAsync: false, part: "inline" }, "floating");
    return found && { ...found, floats: false };
  }

  /**
   * How a statement's value, dropped, can reject: a promise from a project function that can
   * fail, from `fetch`, or a `.then` chain on a call we cannot see into. Synchronous throws and
   * unknown calls that may not return a promise at all are not this question's.
   */
  failureOfFloating(expression: ts.Expression): FoundFailure | undefined {
    if (!this.mayFloat(expression) || this.givesLibraryPromise(expression)) return undefined;
    if (ts.isExpressionStatement(expression.parent) && isDeliberateRejection(expression.parent)) return undefined;
    if (this.inUnsetFlagBranch(expression)) return undefined;
    const found = this.evaluate(expression, { guarded: true, lenient: false, isAsync: false, part: "inline" }, "floating");
    return found && (found.floats || found.kind === "floating") && !(ts.isExpressionStatement(expression.parent) && exitsRightAfter(expression.parent)) ? found : undefined;
  }

  /** Under an `if` on a flag nothing sets (see unsetFlagValue), in the branch that never runs. */
  private inUnsetFlagBranch(node: ts.Node): boolean {
    for (let child = node, parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
      if (!ts.isIfStatement(parent) || child === parent.expression) continue;
      const decided = this.unsetFlag(parent.expression);
      if (decided && (decided.value ? parent.elseStatement : parent.thenStatement) === child) return true;
    }
    return false;
  }

  /** The value of a condition on a flag nothing sets (see unsetFlagValue); read as written under strictCalls. */
  private unsetFlag(condition: ts.Expression): { value: boolean } | undefined {
    const writes = this.options.propertyWrites;
    return writes && !this.options.strictCalls ? unsetFlagValue(condition, this.resolver, writes) : undefined;
  }

  /**
   * A cheap first look at a statement: can its value be a promise at all? A call to a function
   * that returns no promise, or to one the linter cannot see into (other than a promise-making
   * global or chain), gives nothing that floats, so its arguments and callee need no analysis.
   */
  private mayFloat(expression: ts.Expression): boolean {
    let node = skipOuter(expression);
    if (ts.isVoidExpression(node)) node = skipOuter(node.expression);
    if (!ts.isCallExpression(node)) return true;
    const method = accessedName(skipOuter(node.expression));
    if (method === "then" || method === "catch" || method === "finally" || isPromiseReturningGlobal(node) || isPromiseStaticCall(node)) return true;
    const target = this.classify(node);
    if (target.kind === "function") return this.returnsPromise(target.fn);
    if (target.kind === "runs-callbacks") return target.callbacks.some((callback) => this.returnsPromise(callback));
    return false;
  }

  /**
   * Analyses one function in one setting, memoised per setting: lenient (error-handling code),
   * with parameters bound, with its result awaited or dropped by whoever runs it, as which part
   * of the task (see Part), with the parameters and the flags of `this` the call fixes.
   */
  private analyse(fn: FunctionNode, setting: Setting): FoundFailure | undefined {
    const key = this.settingKey(fn, setting);
    const { lenient } = setting;
    const known = this.memo.get(key);
    if (known !== undefined) {
      this.options.reads?.reuse(key);
      return known ?? undefined;
    }
    if (this.reuseProvisional(key)) return undefined;
    const depth = this.stack.findIndex((frame) => frame.fn === fn && frame.lenient === lenient);
    if (depth >= 0) {
      const reentered = this.stack[depth]!;
      // Re-entered in another setting (other bindings, another use of its result): that
      // setting's result is not the one being computed, so nothing that relied on it is cached.
      if (reentered.key !== key) for (const frame of this.stack.slice(depth + 1)) frame.uncacheable = true;
      reentered.assumed = true;
      for (const frame of this.stack.slice(depth + 1)) frame.assumes = Math.min(frame.assumes, depth);
      this.options.reads?.assume();
      return undefined;
    }
    const frame: Frame = { fn, key, lenient, assumes: Infinity, assumed: false, uncacheable: false, poisoned: false, tentative: [] };
    this.stack.push(frame);
    const scan = () => this.scanFunction(fn, setting);
    const found = this.options.reads ? this.options.reads.compute(key, scan) : scan();
    this.stack.pop();
    this.settle(frame, key, found);
    return found;
  }

  /**
   * Caches a finished analysis. Inside a cycle a function is taken not to fail while it is being
   * analysed; a result that relied on that is kept tentatively by the outermost function it relied
   * on, and becomes final when that function finishes without failing (and no function assumed
   * along the way failed); otherwise it is dropped. A failure found is real whatever was assumed.
   * Results cut short by maxDepth are never cached.
   */
  private settle(frame: Frame, key: string, found: FoundFailure | undefined): void {
    if (found && frame.assumed) for (const below of this.stack) below.poisoned = true;
    for (const entry of frame.tentative) this.provisional.delete(entry);
    if (frame.uncacheable) return;
    if (found) {
      this.memo.set(key, found);
      return;
    }
    const tentative = [key, ...frame.tentative];
    if (frame.poisoned) return;
    const owner = frame.assumes === Infinity ? undefined : this.stack[frame.assumes];
    for (const entry of tentative) {
      if (owner) this.provisional.set(entry, owner);
      else this.memo.set(entry, null);
    }
    owner?.tentative.push(...tentative);
  }

  /**
   * Whether a conditional throw here states a contract (see Part) rather than a failure: in a
   * callee, outside error handling (where a throw passes a failure on), unless strictCalls.
   */
  private readsContracts(context: Context): boolean {
    return context.part === "callee" && !context.lenient && !this.options.strictCalls;
  }

  /**
   * A result kept tentatively by a frame still being analysed holds on the same assumption as
   * before, that this frame does not fail: reusing it makes the frames above depend on that frame
   * too, instead of analysing the function again inside every cycle.
   */
  private reuseProvisional(key: string): boolean {
    const owner = this.provisional.get(key);
    if (!owner) return false;
    const depth = this.stack.indexOf(owner);
    if (depth < 0) {
      this.provisional.delete(key);
      return false;
    }
    owner.assumed = true;
    for (const frame of this.stack.slice(depth + 1)) frame.assumes = Math.min(frame.assumes, depth);
    this.options.reads?.reuse(key);
    return true;
  }

  private settingKey(fn: FunctionNode, { lenient, bindings, resultUse, part = "callee", constants, settled }: Setting): string {
    const bound = bindings ? [...bindings.entries()].flat().map((node) => (node ? this.nodeId(node) : 0)) : [];
    const fixed = constants ? [...constants].map(([declaration, value]) => `${this.nodeId(declaration)}=${JSON.stringify(value) ?? "undefined"}`) : [];
    const flags = settled ? [...settled].sort() : [];
    return `${this.nodeId(fn)}|${lenient ? "l" : ""}|${resultUse ?? ""}|${part}|${bound.join(",")}|${fixed.join(",")}|${flags.join(",")}`;
  }

  /** A node's number, the same each time it is asked for in this run: nodes of different files differ. */
  nodeId(node: ts.Node): number {
    let id = this.nodeIds.get(node);
    if (id === undefined) {
      id = this.nodeIds.size + 1;
      this.nodeIds.set(node, id);
    }
    return id;
  }

  private scanFunction(fn: FunctionNode, { lenient, bindings, resultUse, part = "callee", constants, settled }: Setting): FoundFailure | undefined {
    const body = fn.body;
    if (!body) return undefined;
    // A function declared to return a Promise hands its returned promise's rejection to the caller, like an async one.
    const isAsync = isAsyncFunction(fn) || declaresPromise(fn);
    const context: Context = {
      guarded: false,
      lenient,
      isAsync,
      bindings,
      resultUse: isAsync ? undefined : resultUse,
      part,
      ...(constants ? { constants } : {}),
      ...(settled ? { settled } : {}),
    };
    return ts.isBlock(body) ? this.visit(body, context) : this.evaluateReturned(body, context);
  }

  /** What a function returns; when the library running it awaits that, its failure is a rejection of the returned promise. */
  private evaluateReturned(expression: ts.Expression, context: Context): FoundFailure | undefined {
    const found = this.evaluate(expression, context, returnUse(context));
    if (!found || context.resultUse !== "await") return found;
    // Returned, not awaited here: a promise made to reject reads as one, not as an await.
    const returnedPromise = found.kind === "await" && found.site === skipOuter(expression);
    return { ...found, kind: returnedPromise ? "rejects" : found.kind, viaPromise: true };
  }

  private visitChildren(node: ts.Node, context: Context): FoundFailure | undefined {
    return ts.forEachChild(node, (child) => this.visit(child, context));
  }

  /**
   * The statements of a block in order, up to an `if` the constants decide for a branch that
   * returns, or a `switch` they decide for a case that returns.
   */
  private visitBlock(block: ts.Block, context: Context): FoundFailure | undefined {
    return this.visitStatements(block.statements, context);
  }

  private visitStatements(statements: readonly ts.Statement[], context: Context): FoundFailure | undefined {
    for (const statement of statements) {
      const taken = ts.isSwitchStatement(statement) ? takenStatements(statement, context.constants) : undefined;
      if (taken) {
        const found = this.visitStatements(taken, context);
        if (found || endsInReturn(taken.at(-1))) return found;
        continue;
      }
      const decided = ts.isIfStatement(statement) ? this.decidedBranch(statement, context) : undefined;
      const found = decided ? decided.branch && this.visit(decided.branch, context) : this.visit(statement, context);
      if (found) return found;
      if (endsInReturn(decided?.branch)) return undefined;
    }
    return undefined;
  }

  /**
   * The branch of an `if` the constants, a settled lazy initialisation, the environment
   * (production: a branch only development or tests run does not fail for the program) or a flag
   * nothing sets decide; branch undefined for a missing else.
   */
  private decidedBranch(node: ts.IfStatement, context: Context): { branch: ts.Statement | undefined } | undefined {
    const inProduction = valueInProduction(node.expression, this.calleeOf);
    const decided = constantValue(node.expression, context.constants) ?? settledValue(node.expression, context.settled) ?? (inProduction === undefined ? undefined : { value: inProduction }) ?? this.unsetFlag(node.expression);
    return decided && { branch: decided.value ? node.thenStatement : node.elseStatement };
  }

  private visit(node: ts.Node, context: Context): FoundFailure | undefined {
    if (isFunctionNode(node) || ts.isClassLike(node)) return undefined;
    if (ts.isTryStatement(node)) return this.visitTry(node, context);
    if (ts.isBlock(node)) return this.visitBlock(node, context);
    const taken = ts.isSwitchStatement(node) ? takenStatements(node, context.constants) : undefined;
    if (taken) return this.visitStatements(taken, context);
    if (ts.isIfStatement(node)) {
      const decided = this.decidedBranch(node, context);
      if (decided) return decided.branch && this.visit(decided.branch, context);
      if (this.readsContracts(context) && isFirstCallInitialisation(node)) return node.elseStatement && this.visit(node.elseStatement, context);
    }
    if (ts.isThrowStatement(node)) {
      if (!this.options.strictCalls && isPreconditionThrow(node)) return undefined;
      if (this.readsContracts(context) && isConditionalThrow(node, this.isTypeGuard)) return undefined;
      // A catch clause is read leniently; a callee's mode-gated rethrow there is still its contract.
      if (context.part === "callee" && !this.options.strictCalls && isModeGatedRethrow(node)) return undefined;
      return this.evaluate(node.expression, context, "value") ?? (context.guarded ? undefined : site(node, "throw"));
    }
    if (ts.isExpressionStatement(node)) {
      const found = this.evaluate(node.expression, context, this.droppedUse(node.expression));
      const floats = found !== undefined && (found.kind === "floating" || found.floats);
      return floats && (context.part !== "task" || exitsRightAfter(node)) ? undefined : found;
    }
    if (ts.isReturnStatement(node)) return node.expression && this.evaluateReturned(node.expression, context);
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      const generator = this.projectAsyncGenerator(node.expression);
      const iteration = generator ? this.evaluateFunctionCall(generator.call, generator.fn, context, "await") : context.guarded || context.lenient ? undefined : this.iterationFailure(node);
      return this.evaluate(node.expression, context, "value") ?? iteration ?? this.visit(node.statement, context);
    }
    if (
      ts.isCallExpression(node) ||
      ts.isNewExpression(node) ||
      ts.isConditionalExpression(node) ||
      (ts.isBinaryExpression(node) && isShortCircuit(node.operatorToken.kind)) ||
      ts.isAwaitExpression(node) ||
      ts.isVoidExpression(node) ||
      ts.isTaggedTemplateExpression(node)
    ) {
      return this.evaluate(node, context, "value");
    }
    return this.visitChildren(node, context);
  }

  /**
   * A catch clause guards its try block unless it can throw itself (a rethrow); then the
   * rethrow is what escapes, and it is the place reported, unless the try block's failure is a
   * promise that escapes the catch anyway (returned without await, or floating). A finally
   * clause that ends the process first (`finally { process.exit(1) }`) lets only its own
   * failures through.
   */
  private visitTry(node: ts.TryStatement, context: Context): FoundFailure | undefined {
    if (node.finallyBlock && finallyExits(node)) return this.visit(node.finallyBlock, context);
    const catchBlock = node.catchClause?.block;
    const catchFailure = catchBlock && this.visit(catchBlock, { ...context, lenient: true });
    const tryGuarded = context.guarded || (catchBlock !== undefined && catchFailure === undefined);
    const tryFailure = this.visit(node.tryBlock, { ...context, guarded: tryGuarded });
    if (!tryFailure) return node.finallyBlock && this.visit(node.finallyBlock, context);
    if (!catchFailure) return tryFailure;
    // An awaited rejection reaches the catch, as a throw does; only what escapes a guarded try block passes it by.
    return (tryFailure.viaPromise && this.visit(node.tryBlock, { ...context, guarded: true })) || catchFailure;
  }

  private evaluate(expression: ts.Expression, context: Context, use: Use): FoundFailure | undefined {
    const node = skipOuter(expression);
    if (isFunctionNode(node) || ts.isClassLike(node)) return undefined;
    if (ts.isAwaitExpression(node)) return this.evaluate(node.expression, context, "await");
    if (ts.isVoidExpression(node)) return this.evaluate(node.expression, context, this.droppedUse(node.expression));
    if (ts.isConditionalExpression(node)) {
      const decided = constantValue(node.condition, context.constants);
      if (decided) return this.evaluate(decided.value ? node.whenTrue : node.whenFalse, context, use);
      return (
        this.evaluate(node.condition, context, "value") ??
        this.evaluate(node.whenTrue, context, use) ??
        this.evaluate(node.whenFalse, context, use)
      );
    }
    if (ts.isBinaryExpression(node) && this.readsContracts(context) && isMemoisingAssignment(node)) return undefined;
    if (ts.isBinaryExpression(node) && isValueChoosingOperator(node.operatorToken.kind)) {
      if (rightIsSkipped(node, context.constants)) return this.evaluate(node.left, context, use);
      const leftUse = node.operatorToken.kind === ts.SyntaxKind.CommaToken ? "floating" : "value";
      return this.evaluate(node.left, context, leftUse) ?? this.evaluate(node.right, context, use);
    }
    if (ts.isCallExpression(node)) return this.evaluateCall(node, context, use);
    if (ts.isNewExpression(node)) return this.evaluateNew(node, context, use);
    const inner = this.visitChildren(node, context);
    if (inner) return inner;
    // A tag we cannot see into builds a value (`sql\`...\``, `html\`...\``) unless its promise is awaited (`await $\`git pull\``).
    if (ts.isTaggedTemplateExpression(node)) return this.unknownCall(node, "call", context, use, "when-awaited");
    if (use === "await" && !isPlainValue(node) && !context.guarded && !context.lenient) {
      const held = ts.isIdentifier(node) ? this.heldPromise(node, context) : undefined;
      if (held) return held === "cannot reject" ? undefined : rejection(held, node, context, use);
      // An awaited value we cannot trace (a field, a parameter) is not evidence of a rejection.
      if (this.options.strictCalls) return site(ts.isAwaitExpression(node.parent) ? node.parent : node, "await");
    }
    return undefined;
  }

  /**
   * `const run = work(); ... await run`: the promise a constant holds, when it comes from a
   * project function (or an async IIFE), fails as that function does.
   */
  private heldPromise(identifier: ts.Identifier, context: Context): FoundFailure | "cannot reject" | undefined {
    const declaration = resolveIdentifier(identifier);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    if (!(declaration.parent.flags & ts.NodeFlags.Const)) return undefined;
    const value = skipOuter(declaration.initializer);
    if (!ts.isCallExpression(value)) return undefined;
    // `const outcome = dispose().then(ok, (error) => ({ error }))`: it rejects only if a handler throws.
    if (handlesRejection(value)) return this.evaluate(value, context, "await") ?? "cannot reject";
    // `const waiter = createDeferredPromise(); ... await waiter`: like Promise.withResolvers(), it
    // rejects only through its reject, called where the linter cannot follow.
    if (makesDeferred(value)) return "cannot reject";
    // `const settled = Promise.all(handlers.map(runLogged)); ... await settled`: it fails as its members do.
    const promiseStatic = this.evaluatePromiseStatic(value, context, "await");
    if (promiseStatic !== "not a Promise static") return promiseStatic ?? "cannot reject";
    const target = this.classify(value);
    // `const response = fetch(url); ... await response`: the call's promise, awaited later.
    if (target.kind === "unknown") return site(value, "call");
    if (target.kind !== "function" || !this.returnsPromise(target.fn)) return undefined;
    const inner = this.failureOf(target.fn);
    return inner ? { ...inner, calls: [value, ...inner.calls] } : "cannot reject";
  }

  private evaluateCall(call: ts.CallExpression, context: Context, use: Use): FoundFailure | undefined {
    const callee = skipOuter(call.expression);
    const method = accessedName(callee);
    if (method !== undefined && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
      const chain = this.evaluatePromiseChain(call, callee.expression, method, context, use);
      if (chain !== "not a chain") return chain;
    }
    if (isStringifyOfLiterals(call)) return undefined;
    if (isDeepCloneIdiom(call)) return this.evaluateArguments(call.arguments, context);
    // What Object.assign returns is its first argument, a promise too when that is one.
    if (isObjectAssign(call)) return this.evaluate(call.arguments[0]!, context, use) ?? this.evaluateArguments(call.arguments.slice(1), context);
    const promiseStatic = this.evaluatePromiseStatic(call, context, use);
    if (promiseStatic !== "not a Promise static") return promiseStatic;

    const parts = this.visitCalleeParts(callee, context) ?? this.evaluateArguments(call.arguments, context);
    if (parts) return parts;
    const target = this.classify(call, context.bindings, context.constants);
    if (target.kind === "safe") return undefined;
    if (target.kind === "unknown") {
      const runner = (use === "await" || (use === "return" && context.isAsync)) && this.runnerCallback(call);
      if (runner) return this.callbackRunnerFailure(call, runner, context, use);
      return this.unknownCall(call, "call", context, use, target.evidence);
    }
    if (target.kind === "runs-callbacks") return this.evaluateCallbacks(call, target.callbacks, context);
    if (target.kind === "implementations") {
      for (const fn of target.fns) {
        const found = this.evaluateFunctionCall(call, fn, context, use);
        if (found) return found;
      }
      return undefined;
    }
    return this.evaluateFunctionCall(call, target.fn, context, use);
  }

  /**
   * `for await (const update of it)` where `const it = generate(...)` calls a project `async
   * function*`: iterating runs the generator's body, which fails as that call, awaited, would.
   */
  private projectAsyncGenerator(iterated: ts.Expression): { call: ts.CallExpression; fn: FunctionNode } | undefined {
    const node = makingCall(iterated);
    if (!node || !ts.isCallExpression(node)) return undefined;
    const target = this.classify(node);
    return target.kind === "function" && isAsyncFunction(target.fn) && target.fn.asteriskToken ? { call: node, fn: target.fn } : undefined;
  }

  /**
   * `for await` over an instance of a project class whose `[Symbol.asyncIterator]()` is an async
   * generator, or returns an object with a `next()` function (`for await (const job of queue)`),
   * fails as that generator or `next()` does. Over another value it may reject (a request's body,
   * a Blob's stream, `watch(dir)` of `fs/promises`), except over what a package's call hands out:
   * its event streams and queues (`socket.listener("connect")`, `nc.status()`) end instead of
   * failing, and reviewers judged every finding that counted one false or debatable (10 on 6 real
   * projects). `strictCalls` counts them.
   */
  private iterationFailure(loop: ts.ForOfStatement): FoundFailure | undefined {
    const owner = this.resolver.instanceClassOf(loop.expression);
    const iterator = owner?.members.find((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && isAsyncIteratorKey(member.name));
    const next = iterator?.asteriskToken ? iterator : iterator && returnedObjectMethod(iterator, "next", this.resolver);
    if (!next) return this.options.strictCalls || !isPackageCallResult(loop.expression, this.resolver) ? site(loop.expression, "await") : undefined;
    const inner = this.failureOf(next);
    return inner && { ...inner, calls: [loop.expression, ...inner.calls] };
  }

  /** A call of a function the analysis can see into: what running it leaves uncaught, in the caller's terms. */
  private evaluateFunctionCall(call: ts.CallExpression, fn: FunctionNode, context: Context, use: Use): FoundFailure | undefined {
    if (this.stack.length > this.options.maxDepth) {
      for (const frame of this.stack) frame.uncacheable = true;
      return this.unknownCall(call, "call", context, use);
    }
    if (this.readsContracts(context) && isThrowHelper(fn) && isUnderCondition(call, this.isTypeGuard)) return undefined;
    // `async sendMessage() { throw new Error("not implemented"); }`: a placeholder that subclasses
    // or each instance replace; what runs is not this body.
    if (!this.options.strictCalls && ts.isMethodDeclaration(fn) && isThrowHelper(fn)) return undefined;
    const bindings = this.bindingsAt(call, fn, context);
    const constants = constantsAt(call, fn, context.constants);
    // Awaited, what a non-async function returns is awaited too: `await task()` where `task = () => db.query(x)`.
    const settled = fn.parent === ts.findAncestor(call, ts.isClassLike) ? settledFlagsAt(call) : undefined;
    const inner = this.analyse(fn, {
      lenient: context.lenient,
      bindings,
      resultUse: use === "await" && !isAsyncFunction(fn) ? "await" : undefined,
      part: partOf(fn, call, context),
      constants,
      settled,
    });
    if (!inner) return undefined;
    const through: FoundFailure = { ...inner, calls: [call, ...inner.calls] };
    // A function that is not async and returns a promise throws what fails before it returns, to its caller, in place.
    const rejects = isAsyncFunction(fn) || inner.viaPromise;
    if (use === "handled" || (this.returnsPromise(fn) && rejects)) return rejection(through, call, context, use);
    return context.guarded ? undefined : through;
  }

  /**
   * `p.catch(h)` and `p.then(ok, h)` handle p's rejection: only what the handlers themselves
   * throw is left. `p.then(ok)` and `p.finally(f)` pass p's rejection on.
   */
  private evaluatePromiseChain(
    call: ts.CallExpression,
    receiver: ts.Expression,
    method: string,
    context: Context,
    use: Use,
  ): FoundFailure | undefined | "not a chain" {
    const handles = handlesRejection(call) || (method === "finally" && this.exitsProcess(call.arguments[0]));
    const passesOn = (method === "then" && call.arguments.length === 1) || (method === "finally" && call.arguments.length === 1);
    if (!handles && !passesOn) return "not a chain";
    // `.then`/`.finally` on a call we cannot see into: that call returns a promise, whose rejection flows on.
    const unknownPromise =
      passesOn &&
      !handles &&
      this.isUnknownCall(receiver) &&
      !isPromiseChainCall(receiver) &&
      !isPromiseStaticCall(receiver) &&
      !isNonPromiseThenable(receiver, this.resolver) &&
      this.hasKnownOrigin(receiver);
    const receiverCall = skipOuter(receiver);
    const runner = unknownPromise && ts.isCallExpression(receiverCall) ? this.runnerCallback(receiverCall) : undefined;
    if (runner && ts.isCallExpression(receiverCall)) {
      const failure = this.callbackRunnerFailure(receiverCall, runner, context, use);
      if (failure) return failure;
    }
    const receiverFailure = this.evaluate(receiver, context, handles || unknownPromise ? "handled" : use);
    if (receiverFailure) return receiverFailure;
    for (const [index, argument] of call.arguments.entries()) {
      const handler = this.resolver.functionOf(argument);
      const isErrorHandler = method === "catch" || (method === "then" && index === 1);
      const failure = handler && this.analyse(handler, { lenient: context.lenient || isErrorHandler, part: partOf(handler, call, context) });
      if (!failure) continue;
      const named = inlineFunction(argument) ? failure : { ...failure, calls: [call, ...failure.calls] };
      return rejectionFromCallback(named, context, use);
    }
    // Like any call we cannot see into, no evidence in error-handling code (see unknownCall).
    return unknownPromise && !runner && !context.lenient ? rejection(site(call, "call"), call, context, use) : undefined;
  }

  /**
   * How a value the code drops is used: a promise that floats, unless a library that reports a
   * rejection nobody handles itself and lets the process go on made it (bluebird, when.js; see
   * givesLibraryPromise); what the call throws in place still counts.
   */
  private droppedUse(expression: ts.Expression): Use {
    return this.givesLibraryPromise(expression) ? "value" : "floating";
  }

  /** See givesLibraryPromise; the global `Promise` is bluebird's where the package depends on bluebird-global. */
  private givesLibraryPromise(expression: ts.Expression): boolean {
    return givesLibraryPromise(expression, this.resolver, this.dependsOn(expression, GLOBAL_BLUEBIRD));
  }

  /** `res.status(404).json(body)` of an Express response: package methods that return no promise (see SYNCHRONOUS_PACKAGE_METHODS). */
  private callsSynchronousMethod(call: ts.CallExpression): boolean {
    const method = this.packageMethodOf(call);
    return method !== undefined && (SYNCHRONOUS_METHODS.has(method) || CHAINING_METHODS.has(method));
  }

  /** "module:Class.method" of a call on a package value, through calls of methods that return the value itself. */
  private packageMethodOf(call: ts.CallExpression): string | undefined {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const receiver = skipOuter(callee.expression);
    const chained = ts.isCallExpression(receiver) ? this.packageMethodOf(receiver) : undefined;
    const owner = chained !== undefined && CHAINING_METHODS.has(chained) ? chained.slice(0, chained.lastIndexOf(".")) : packageClassOf(receiver, this.resolver);
    return owner === undefined ? undefined : `${owner}.${callee.name.text}`;
  }

  /**
   * `readyHandler(self)()`: a call of what a project function returns, every returned value a
   * function that is not async and returns nothing, so no promise: it throws in place.
   */
  private callsMadeProcedure(node: ts.Node): boolean {
    if (!ts.isCallExpression(node) || !ts.isCallExpression(skipOuter(node.expression))) return false;
    const maker = this.resolver.functionOf((skipOuter(node.expression) as ts.CallExpression).expression);
    const made = maker ? returnedExpressions(maker).map((returned) => inlineFunction(skipOuter(returned))) : [];
    return made.length > 0 && made.every((fn) => fn !== undefined && !isAsyncFunction(fn) && returnedExpressions(fn).length === 0);
  }

  /**
   * `client.get(key).then(...)`: a method of a value whose origin the code shows (a package's
   * client, an import, a global, a typed field) hands back a promise. On a value it does not show
   * (`this.broker.transit.sendPing()` in untyped code, a builder reached through an untyped
   * parameter), `.then` alone is no evidence of one.
   */
  private hasKnownOrigin(receiver: ts.Expression): boolean {
    const call = skipOuter(receiver);
    const callee = ts.isCallExpression(call) ? skipOuter(call.expression) : undefined;
    if (!callee || !(ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) return true;
    const origin = originOf(callee.expression).kind;
    if (origin === "global" || origin === "module") return true;
    return provenanceOf(callee.expression, this.resolver) !== "unknown";
  }

  /** `.finally(() => process.exit(1))`: the process ends before Node would report the rejection (see endsOnItsPath). */
  private exitsProcess(handler: ts.Expression | undefined): boolean {
    const fn = handler && this.resolver.functionOf(handler);
    return fn !== undefined && endsOnItsPath(fn, this.resolver);
  }


  /**
   * What a call gives the callee's function-typed parameters (`trace(name, async () => {...})`),
   * so that the callee is analysed with them: a wrapper fails as the function it runs does.
   * Parameters bound in the calling context stay bound.
   */
  private bindingsAt(call: ts.CallExpression, fn: FunctionNode, context: Context): ParameterBindings | undefined {
    let bindings: Map<ts.Node, FunctionNode | undefined> | undefined;
    fn.parameters.forEach((parameter, index) => {
      const argument = call.arguments[index];
      if (!argument || ts.isSpreadElement(argument)) return;
      const node = skipOuter(argument);
      const declaration = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
      const given = declaration && context.bindings?.has(declaration) ? context.bindings.get(declaration) : this.resolver.functionOf(argument);
      if (!given) return;
      bindings ??= new Map();
      bindings.set(parameter, given);
    });
    return bindings;
  }

  /**
   * `limit(() => sync(id))`, `tracer.startActiveSpan(name, async (span) => ...)`,
   * `mutex.runExclusive(fn)`: a call we cannot see into that is given exactly one function and
   * whose promise is used is taken to run that function and hand on its promise — the
   * function's failure is the call's, and a function that cannot fail makes a call that cannot.
   */
  private runnerCallback(call: ts.CallExpression): FunctionNode | undefined {
    const functions = this.callbackArguments(call);
    return functions.length === 1 ? functions[0] : undefined;
  }

  private callbackRunnerFailure(call: ts.CallExpression, callback: FunctionNode, context: Context, use: Use): FoundFailure | undefined {
    const inner = this.analyse(callback, { lenient: context.lenient, bindings: context.bindings, constants: constantsSeenBy(callback, context.constants), resultUse: isAsyncFunction(callback) ? undefined : "await", part: partOf(callback, call, context) });
    return inner && rejection({ ...inner, calls: [call, ...inner.calls] }, call, context, use);
  }

  /**
   * `Promise.all(items.map(fn))` (or `Array.from(items, fn)`): the members are what `fn` returns,
   * so the result rejects as `fn` does (once `items` is evaluated).
   */
  private mappedPromisesFailure(call: ts.CallExpression, first: ts.Expression | undefined, context: Context, use: Use): FoundFailure | undefined | "not a map" {
    const held = first && (heldMapping(first) ?? skipOuter(first));
    const mapping = held && ts.isCallExpression(held) ? held : undefined;
    const parts = mapping && mappingParts(mapping);
    const callback = parts && this.resolver.functionOf(parts.mapper);
    if (!mapping || !parts || !callback) return "not a map";
    const receiverFailure = this.evaluate(parts.items, context, "value");
    if (receiverFailure) return receiverFailure;
    // A callback that is not async throws inside `map`, before Promise.all is called: a throw in
    // place, not a rejection. (Analysed without awaiting its result: what it returns is a member.)
    const thrown = isAsyncFunction(callback) ? undefined : this.analyse(callback, { lenient: context.lenient, bindings: context.bindings, constants: constantsSeenBy(callback, context.constants), part: partOf(callback, mapping, context) });
    if (thrown && !thrown.viaPromise) return context.guarded ? undefined : { ...thrown, calls: [mapping, ...thrown.calls] };
    return this.callbackRunnerFailure(call, callback, context, use);
  }

  /** The first member of a `Promise.all([...])` that can fail. */
  private membersFailure(members: readonly ts.Expression[], context: Context, use: Use): FoundFailure | undefined {
    for (const member of members) {
      const failure = this.evaluate(member, context, use);
      if (failure) return failure;
    }
    return undefined;
  }

  private evaluatePromiseStatic(call: ts.CallExpression, context: Context, use: Use): FoundFailure | undefined | "not a Promise static" {
    const origin = originOf(call.expression);
    if (origin.kind !== "global" || origin.path.length !== 2 || origin.path[0] !== "Promise") return "not a Promise static";
    const [first] = call.arguments;
    switch (origin.path[1]) {
      case "allSettled":
        // Its members are promises by intent; whatever they do, the result never rejects.
        return undefined;
      case "all":
      case "race":
      case "any":
        if (first && ts.isArrayLiteralExpression(skipOuter(first))) return this.membersFailure((skipOuter(first) as ts.ArrayLiteralExpression).elements, context, use);
      {
        const mapped = this.mappedPromisesFailure(call, first, context, use);
        if (mapped !== "not a map") return mapped;
        const collected = first && collectedMembers(first);
        if (collected) return this.membersFailure(collected, context, use);
        return this.evaluateArguments(call.arguments, context) ?? (use === "await" ? this.unknownCall(call, "call", context, use) : undefined);
      }
      case "resolve":
        return first && this.evaluate(first, context, use);
      case "reject":
        return this.evaluateArguments(call.arguments, context) ?? rejection(site(call, use === "await" ? "await" : "rejects"), call, context, use);
      case "withResolvers":
        // A deferred: its promise rejects only when its reject is called, which, like a Promise
        // executor's stored reject, happens where the linter cannot follow.
        return undefined;
      default:
        return this.evaluateArguments(call.arguments, context) ?? this.unknownCall(call, "call", context, use);
    }
  }

  /**
   * The function arguments of `items.forEach(fn)` run before the call returns: their throws are
   * the call's. An async callback's promise is dropped by forEach, so its rejection floats.
   */
  private evaluateCallbacks(call: ts.CallExpression, callbacks: readonly FunctionNode[], context: Context): FoundFailure | undefined {
    for (const callback of callbacks) {
      const inner = this.analyse(callback, { lenient: context.lenient, bindings: context.bindings, constants: constantsSeenBy(callback, context.constants), part: partOf(callback, call, context) });
      if (!inner) continue;
      const rejects = inner.viaPromise || isAsyncFunction(callback) || this.returnsPromise(callback);
      if (!rejects) return context.guarded ? undefined : { ...inner, calls: [call, ...inner.calls] };
      // forEach drops the callbacks' promises; map and the like hand them on (to Promise.all, say).
      if (accessedName(skipOuter(call.expression)) === "forEach") return { ...site(call, "floating"), viaPromise: true };
    }
    return undefined;
  }

  private evaluateNew(node: ts.NewExpression, context: Context, use: Use): FoundFailure | undefined {
    const args = node.arguments ?? ts.factory.createNodeArray();
    const origin = originOf(node.expression);
    const className = origin.kind === "global" ? origin.path.join(".") : undefined;
    if (className === "Promise") {
      const executor = args[0] && this.resolver.functionOf(args[0]);
      if (!executor) return this.evaluateArguments(args, context);
      const rejects = this.analyse(executor, { lenient: context.lenient, part: partOf(executor, node, context) }) !== undefined || usesRejectParameter(executor);
      return rejects ? rejection(site(node, use === "await" ? "await" : "rejects"), node, context, use) : undefined;
    }
    const argumentFailure = this.evaluateArguments(args, context);
    if (argumentFailure) return argumentFailure;
    if ((className !== undefined && SAFE_NEW.has(className)) || ERROR_CLASS_NAME.test(lastName(node.expression))) return undefined;
    const projectClass = this.resolver.classOf(skipOuter(node.expression));
    const constructor = projectClass && this.resolver.constructorOf(projectClass);
    if (constructor === "none") return undefined;
    // `new URL(x)` throws on a malformed x; other classes we cannot see into throw only on misuse.
    if (!constructor) return this.unknownCall(node, "new", context, use, className === "URL" ? parserEvidence(className, args, context.constants) : "when-awaited");
    const inner = this.failureOf(constructor, context.lenient);
    return inner && !context.guarded ? { ...inner, calls: [node, ...inner.calls] } : undefined;
  }

  private unknownCall(node: ts.Node, kind: FailureKind, context: Context, use: Use, evidence: Evidence = "always"): FoundFailure | undefined {
    if (use === "handled" || context.lenient || (evidence === "none" && !this.options.strictCalls)) return undefined;
    // An async function's returned promise is awaited by its caller; `try { return p }` does not
    // catch p. Not a module's helper function (`return E.right(value)`): it need not be a promise;
    // nor a call known to be synchronous (`return JSON.parse(text)`) or a `new` (a constructor
    // gives an object, not a promise): it throws inside the try.
    if (use === "return" && context.isAsync && ts.isCallExpression(node) && !isModuleFunction(node) && !isSynchronousCall(node) && !this.callsMadeProcedure(node) && !this.callsSynchronousMethod(node)) {
      return { ...site(node, context.guarded ? "returned" : kind), viaPromise: true };
    }
    if (use === "floating" && ts.isCallExpression(node) && isPromiseReturningGlobal(node)) return site(node, "floating");
    const counts = this.options.strictCalls || evidence === "always" || use === "await";
    return counts && !context.guarded ? site(node, kind) : undefined;
  }

  private evaluateArguments(args: readonly ts.Expression[], context: Context): FoundFailure | undefined {
    for (const argument of args) {
      const failure = this.evaluate(argument, context, "value");
      if (failure) return failure;
    }
    return undefined;
  }

  /** `a.b(x).c()`: the receiver `a.b(x)` runs before the call. */
  private visitCalleeParts(callee: ts.Expression, context: Context): FoundFailure | undefined {
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return this.evaluate(callee.expression, context, "value");
    return undefined;
  }

  /** A call we cannot see into that may reject: not one whose code is the project's but out of reach ("none"). */
  private isUnknownCall(expression: ts.Expression): boolean {
    const node = skipOuter(expression);
    if (!ts.isCallExpression(node)) return false;
    const callee = this.classify(node);
    return callee.kind === "unknown" && (callee.evidence !== "none" || this.options.strictCalls);
  }

  private classify(call: ts.CallExpression, bindings?: ParameterBindings, constants?: ArgumentConstants): Callee {
    const callee = skipOuter(call.expression);
    // `import("web-vitals")`: a module that is missing is a build error, not a run-time one.
    if (callee.kind === ts.SyntaxKind.ImportKeyword && call.arguments[0] && ts.isStringLiteralLike(call.arguments[0])) return { kind: "unknown", evidence: "none" };
    const inline = inlineFunction(callee);
    if (inline) return { kind: "function", fn: inline };
    if (ts.isIdentifier(callee)) {
      const declaration = resolveIdentifier(callee);
      if (declaration && bindings?.has(declaration)) {
        const bound = bindings.get(declaration);
        return bound ? { kind: "function", fn: bound } : { kind: "unknown", evidence: "when-awaited" };
      }
      // A function received as a parameter is the caller's (a callback, a Promise executor's resolve/reject).
      if (declaration && (isParameterBinding(declaration) || isHookFunction(declaration) || isSettleFunction(declaration))) {
        return { kind: "safe" };
      }
    }
    if (this.options.isSafeCall(callee) || isStoredCallback(callee) || isLoggingCall(callee) || valueKindOf(callee) === "logger") return { kind: "safe" };
    if (ts.isIdentifier(callee) && SETTLING_HELPERS.has(callee.text)) return { kind: "safe" };
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return this.classifySuperCall(callee);
    const fn = this.resolver.functionOf(callee);
    if (fn && !this.options.strictCalls && isProjectInvariantCheck(callee, fn)) return { kind: "safe" };
    if (fn) return passesUncalledCallback(call, fn) ? { kind: "unknown", evidence: "none" } : { kind: "function", fn };
    const implementations = ts.isPropertyAccessExpression(callee) ? this.options.implementationsOf?.(callee) : dispatchTargets(callee, this.resolver);
    if (implementations) return { kind: "implementations", fns: implementations };
    if (isCallerHook(callee)) return { kind: "safe" };
    const origin = originOf(callee);
    const method = accessedName(callee);
    // `Array.from(lines, (line) => JSON.parse(line))` runs its mapper in place, as `map` does.
    const mapper = arrayFromMapper(call);
    const mapperFn = mapper && this.resolver.functionOf(mapper);
    if (mapperFn) return { kind: "runs-callbacks", callbacks: [mapperFn] };
    if (this.options.isScheduling(origin, method) || isSafeOrigin(origin) || rejectsOnlyThroughOptions(origin, call.arguments) || readsOwnFiles(origin, call.arguments) || settlesWithValueOnly(call, this.resolver)) return { kind: "safe" };
    if (!this.options.strictCalls && isInvariantCheck(origin)) return { kind: "safe" };
    if (checkedToExist(origin, call)) return { kind: "unknown", evidence: "none" };
    if (method !== undefined && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
      if (SAFE_ANY_METHOD.has(method) || isCallbackRef(callee)) return { kind: "safe" };
      const callbacks = RUNS_CALLBACKS.has(method) ? this.callbackArguments(call) : [];
      if (callbacks.length > 0) return { kind: "runs-callbacks", callbacks };
      const instanceMethod = `${packageClassOf(callee.expression, this.resolver)}.${method}`;
      if (SAFE_INSTANCE_METHODS.has(instanceMethod) || this.isSafeFromVersion(instanceMethod, call) || this.isSafeBaseMethod(callee.expression, method)) return { kind: "safe" };
      if (answersFromInMemoryAdapter(method, callee.expression, this.resolver, (filePath) => this.options.dependencies?.(filePath)) || sendsToClient(call, this.resolver)) return { kind: "safe" };
      if (CHILD_HANDLE.has(method) && this.makesChildProcess(callee.expression, 0)) return { kind: "safe" };
      const valueKind = valueKindOf(callee.expression);
      if (valueKind && SAFE_METHODS[valueKind].includes(method)) return { kind: "safe" };
      if (origin.kind === "global" && KNOWN_THROWING_GLOBALS.has(origin.path.join("."))) return { kind: "unknown", evidence: parserEvidence(origin.path.join("."), call.arguments, constants) };
      if (announcesThrow(method)) return { kind: "unknown", evidence: "always" };
      // `emit(event)` runs listeners, analysed where they are registered; only `emit("error")` with no listener throws itself.
      if (isNonErrorEmit(call) || (TEARDOWN.has(method) && isOutsideValue(callee.expression, this.resolver)) || provenanceOf(callee.expression, this.resolver) === "project") return { kind: "unknown", evidence: "none" };
      return { kind: "unknown", evidence: method === "emit" && isSharedEmitter(callee.expression) ? "always" : "when-awaited" };
    }
    const name = ts.isIdentifier(callee) ? callee.text : "";
    if (ts.isIdentifier(callee) && ((TEARDOWN.has(name) && isOutsideValue(callee, this.resolver)) || provenanceOf(callee, this.resolver) === "project")) return { kind: "unknown", evidence: "none" };
    if (origin.kind === "global" && name === "require" && this.requiresProjectModule(call)) return { kind: "safe" };
    if (origin.kind === "global" && KNOWN_THROWING_GLOBALS.has(name)) return { kind: "unknown", evidence: parserEvidence(name, call.arguments, constants) };
    return { kind: "unknown", evidence: announcesThrow(name) ? "always" : "when-awaited" };
  }

  /** `super.sockets(rooms)` where the base is a package class whose own method never rejects (see SAFE_BASE_CLASS_METHODS). */
  private isSafeBaseMethod(receiver: ts.Expression, method: string): boolean {
    return skipOuter(receiver).kind === ts.SyntaxKind.SuperKeyword && SAFE_BASE_METHODS.has(`${baseClassName(receiver, this.resolver)}.${method}`);
  }

  /** A method that never rejects in the versions of the packages the file loads (see VERSIONED_SAFE_INSTANCE_METHODS). */
  private isSafeFromVersion(instanceMethod: string, call: ts.CallExpression): boolean {
    const entry = VERSIONED_SAFE_INSTANCE_METHODS.find((candidate) => candidate.method === instanceMethod);
    const filePath = call.getSourceFile().fileName;
    return (
      entry !== undefined &&
      entry.requires.every(({ module, since }) => {
        const version = this.options.versionOf?.(module, filePath);
        return version !== undefined && compareVersions(version, since) >= 0;
      })
    );
  }

  /**
   * `require("os")` of a Node module, `require("./logger")` of a project module, or of a relative
   * path (a file the build makes), or of a package the file's package lists among its
   * `dependencies` (installed with it):
   * loading it is like an `import` (a missing file is a broken build, not a run-time failure), so
   * it is not counted; another package (an optional or a dev dependency) may be missing.
   */
  private requiresProjectModule(call: ts.CallExpression): boolean {
    const [specifier] = call.arguments;
    if (call.arguments.length === 1 && specifier !== undefined && isBesideThisFile(specifier)) return true;
    if (call.arguments.length !== 1 || specifier === undefined || !ts.isStringLiteralLike(specifier)) return false;
    const module = specifier.text;
    if (isNodeBuiltin(module) || module.startsWith("./") || module.startsWith("../") || this.resolver.isProjectModule(module, call.getSourceFile())) return true;
    const packageName = module.startsWith("@") ? module.split("/").slice(0, 2).join("/") : module.split("/")[0]!;
    return this.dependsOn(call, packageName);
  }

  /** The package of the node's file lists the module among its `dependencies`. */
  private dependsOn(node: ts.Node, module: string): boolean {
    return this.options.dependencies?.(node.getSourceFile().fileName).has(module) ?? false;
  }

  /** A child process or worker handle: made by child_process/worker_threads/cluster, kept in a const or returned by a project function. */
  private makesChildProcess(expression: ts.Expression, hops: number): boolean {
    const node = skipOuter(expression);
    if (ts.isIdentifier(node)) {
      const declaration = resolveIdentifier(node);
      return hops < 3 && declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && this.makesChildProcess(declaration.initializer, hops + 1);
    }
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return false;
    const origin = originOf(node.expression);
    if (origin.kind === "module" && ["child_process", "worker_threads", "cluster"].includes(origin.module)) return true;
    const fn = ts.isCallExpression(node) && hops < 3 ? this.resolver.functionOf(node.expression) : undefined;
    return fn !== undefined && returnedExpressions(fn).some((returned) => this.makesChildProcess(returned, hops + 1));
  }

  /** `super(...)`: the base class's constructor when it is the project's; an Error base builds a value and does not throw. */
  private classifySuperCall(callee: ts.Expression): Callee {
    const base = this.resolver.baseClassOf(callee);
    if (base === undefined) return { kind: "unknown", evidence: "always" };
    // A base class from a package (EventEmitter, say): its constructor is taken not to throw.
    if (typeof base === "string") return ERROR_CLASS_NAME.test(base) || SAFE_NEW.has(base) ? { kind: "safe" } : { kind: "unknown", evidence: "when-awaited" };
    const constructor = this.resolver.constructorOf(base);
    if (constructor === "none") return { kind: "safe" };
    // Undefined: the constructor that runs is a package base's, further up; as above.
    return constructor ? { kind: "function", fn: constructor } : { kind: "unknown", evidence: "when-awaited" };
  }

  /** The arguments that are functions: written inline, or declared in the project. */
  private callbackArguments(call: ts.CallExpression): FunctionNode[] {
    return call.arguments.flatMap((argument) => this.resolver.functionOf(argument) ?? []);
  }

  returnsPromise(fn: FunctionNode): boolean {
    if (isAsyncFunction(fn) || declaresPromise(fn)) return true;
    const known = this.promiseReturning.get(fn);
    if (known !== undefined) {
      this.options.reads?.reuse(fn);
      return known;
    }
    this.promiseReturning.set(fn, false);
    const find = () => returnedExpressions(fn).some((expression) => this.isPromiseExpression(expression));
    const result = this.options.reads ? this.options.reads.compute(fn, find) : find();
    this.promiseReturning.set(fn, result);
    return result;
  }

  private isPromiseExpression(expression: ts.Expression): boolean {
    const node = skipOuter(expression);
    if (ts.isNewExpression(node)) {
      const origin = originOf(node.expression);
      return origin.kind === "global" && origin.path.join(".") === "Promise";
    }
    if (!ts.isCallExpression(node)) return false;
    const method = accessedName(skipOuter(node.expression));
    if (method === "then" || method === "catch" || method === "finally") return true;
    const origin = originOf(node.expression);
    if (origin.kind === "global" && origin.path[0] === "Promise") return true;
    const target = this.classify(node);
    return target.kind === "function" && this.returnsPromise(target.fn);
  }
}

/**
 * A function written in the call itself (an argument, or the callee of an IIFE) is part of the
 * code around it; a referenced one is a callee.
 */
function partOf(fn: FunctionNode, call: ts.CallExpression | ts.NewExpression, context: Context): Part {
  if (context.part === "callee") return "callee";
  const written = skipOuter(call.expression) === fn || (call.arguments ?? []).some((argument) => skipOuter(argument) === fn);
  return written ? "inline" : "callee";
}

function returnUse(context: Context): Use {
  return context.resultUse ?? "return";
}

function site(node: ts.Node, kind: FailureKind): FoundFailure {
  return { calls: [], site: node, kind, viaPromise: kind === "floating" };
}

/** A promise that can reject, used as `use` says. */
function rejection(failure: FoundFailure, node: ts.Node, context: Context, use: Use): FoundFailure | undefined {
  switch (use) {
    case "await":
      return context.guarded ? undefined : failure;
    case "return":
      return context.guarded ? { calls: [], site: node, kind: "returned", viaPromise: true } : { ...failure, viaPromise: true };
    case "floating":
      return failure.calls.length > 0 ? { ...failure, viaPromise: true, floats: true } : { calls: [], site: node, kind: "floating", viaPromise: true };
    default:
      return undefined;
  }
}

/** The items and the mapping function of `items.map(fn)`, `items.flatMap(fn)` or `Array.from(items, fn)`. */
function mappingParts(call: ts.CallExpression): { items: ts.Expression; mapper: ts.Expression } | undefined {
  const callee = skipOuter(call.expression);
  const [first] = call.arguments;
  if (ts.isPropertyAccessExpression(callee) && ["map", "flatMap"].includes(callee.name.text) && first) return { items: callee.expression, mapper: first };
  const mapper = arrayFromMapper(call);
  return first && mapper ? { items: first, mapper } : undefined;
}

/** The mapping function given to `Array.from(items, fn)`. */
function arrayFromMapper(call: ts.CallExpression): ts.Expression | undefined {
  const origin = originOf(skipOuter(call.expression));
  return origin.kind === "global" && origin.path.join(".") === "Array.from" ? call.arguments[1] : undefined;
}

/** A callback of a promise chain failed: the chain rejects with its error. */
function rejectionFromCallback(failure: FoundFailure, context: Context, use: Use): FoundFailure | undefined {
  if (use === "await") return context.guarded ? undefined : failure;
  // A chain a called function drops is that function's own unhandled rejection (see Part).
  if (use === "floating" && context.part === "callee") return { ...failure, viaPromise: true, floats: true };
  if (use === "return" || use === "floating") return { ...failure, viaPromise: true };
  return undefined;
}

/** `[Symbol.asyncIterator]` as a member's name. */
function isAsyncIteratorKey(name: ts.PropertyName): boolean {
  return ts.isComputedPropertyName(name) && name.expression.getText() === "Symbol.asyncIterator";
}

/** `return { next: async () => ... }`: the function a method's returned object literals all give `name`. */
function returnedObjectMethod(method: ts.MethodDeclaration, name: string, resolver: FunctionResolver): FunctionNode | undefined {
  const found = returnedExpressions(method).map((returned) => {
    const object = skipOuter(returned);
    if (!ts.isObjectLiteralExpression(object)) return undefined;
    const property = object.properties.find((candidate) => candidate.name !== undefined && ts.isIdentifier(candidate.name) && candidate.name.text === name);
    if (property && ts.isMethodDeclaration(property)) return property;
    return property && ts.isPropertyAssignment(property) ? resolver.functionOf(property.initializer) : undefined;
  });
  return found.length === 1 ? found[0] : undefined;
}

/** `message && parse(message)` where the constants make `message` falsy: the right side never runs. */
function rightIsSkipped(node: ts.BinaryExpression, constants: ArgumentConstants | undefined): boolean {
  const left = constantValue(node.left, constants);
  if (!left) return false;
  switch (node.operatorToken.kind) {
    case ts.SyntaxKind.AmpersandAmpersandToken:
      return !left.value;
    case ts.SyntaxKind.BarBarToken:
      return Boolean(left.value);
    case ts.SyntaxKind.QuestionQuestionToken:
      return left.value !== null && left.value !== undefined;
    default:
      return false;
  }
}

/** `&&`, `||`, `??`: the right side runs only as the left decides. */
function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

function isValueChoosingOperator(kind: ts.SyntaxKind): boolean {
  return isShortCircuit(kind) || kind === ts.SyntaxKind.CommaToken;
}

function isPlainValue(node: ts.Expression): boolean {
  return (
    ts.isLiteralExpression(node) ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(node) && node.text === "undefined")
  );
}

/** `__dirname + "/../util"`, `` `${__dirname}/util` ``, `path.join(__dirname, "util")`: a path from this file's folder. */
function isBesideThisFile(specifier: ts.Expression): boolean {
  const node = skipOuter(specifier);
  const isDirname = (part: ts.Expression | undefined): boolean => {
    const name = part && skipOuter(part);
    return name !== undefined && ts.isIdentifier(name) && name.text === "__dirname";
  };
  const isText = (part: ts.Expression): boolean => ts.isStringLiteralLike(skipOuter(part));
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return isDirname(node.left) && isText(node.right);
  if (ts.isTemplateExpression(node)) return node.head.text === "" && node.templateSpans.length === 1 && isDirname(node.templateSpans[0]!.expression);
  if (!ts.isCallExpression(node)) return false;
  const origin = originOf(node.expression);
  const joins = origin.kind === "module" && origin.module === "path" && ["join", "resolve"].includes(origin.path.join("."));
  return joins && isDirname(node.arguments[0]) && node.arguments.slice(1).every(isText);
}
