import { ts } from "./ts.cjs";
import { memberName } from "./classes.js";
import type { FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter } from "./syntax.js";
import { packageClassOf } from "./value-provenance.js";
import type { SchedulingCall } from "./task-calls.js";

/** `.emit("name"`: an event emitted by a plain `emit()`, which drops what its listeners return. */
const PLAIN_EMIT = /\.emit\s*\(\s*(["'`])([^"'`$\\\n]+)\1/g;

/** `.on("name"` and the other ways of adding a listener. */
const LISTENING = /\.(?:on|once|addListener|prependListener|prependOnceListener)\s*\(\s*(["'`])([^"'`$\\\n]+)\1/g;

/** `await context.appEvents.emit(`: an emitter (named by the last name before `.emit`) whose `emit()` returns a promise. */
const AWAITED_EMIT = /\bawait\s+(?:[\w$]+\s*\??\.\s*)*([\w$]+)\s*\??\.\s*emit\s*\(/g;

/** `appEvents.on(`: the last name before a listener is added. */
const LISTENING_ON = /([\w$]+)\s*\??\.\s*(?:on|once|addListener|prependListener|prependOnceListener)\s*\(/g;

/** How many project `on` methods handing a listener on to another emitter are followed. */
const MAX_FORWARDS = 3;

/** What a file's text says about emitters: the events it emits with `emit("name", ...)`, and the emitters whose `emit()` it awaits. */
export interface EmitFacts {
  plain: string[];
  awaited: string[];
}

export function emitFactsOf(text: string): EmitFacts {
  return { plain: namesMatched(text, PLAIN_EMIT, 2), awaited: namesMatched(text, AWAITED_EMIT, 1).filter((name) => name !== "this") };
}

function namesMatched(text: string, pattern: RegExp, group: number): string[] {
  return [...new Set([...text.matchAll(pattern)].map((match) => match[group]!))].sort();
}

/**
 * Emitters that await their listeners, so that a listener's rejection rejects the promise of
 * the emitting call, which its caller awaits or drops, and the analysis follows it there:
 * - a project class with a method such as `emitAsync` (nocobase's AsyncEmitter mixin:
 *   `await this.emitAsync("afterStart", app)` runs each listener and awaits it). Such classes
 *   also keep Node's plain `emit()`, which drops the listener's promise: an event that any
 *   linted file emits with `emit("name")` keeps its listeners reported;
 * - an emitter the linter cannot see (no type, no class: `context.appEvents` in plain
 *   JavaScript) whose `emit()` some linted file awaits through the same name (`await
 *   appEvents.emit("afterOrderCreate", ...)`): Node's `emit()` returns a boolean, so this
 *   emitter is the project's own, and it hands what its listeners' promises do to that caller
 *   (Reaction Commerce's AppEvents awaits each listener inside a try/catch that logs).
 */
export class AwaitedListeners {
  private emits: { plain: Set<string>; awaited: Set<string> } | undefined;
  private readonly indexed: ReadonlySet<string>;

  /** `emitsOf`: what each file's text says about emitters, from `emitFactsOf` (or a cache of it). */
  constructor(
    private readonly files: readonly string[],
    private readonly emitsOf: (filePath: string) => EmitFacts | undefined,
    private readonly resolver: FunctionResolver,
  ) {
    this.indexed = new Set(files);
  }

  /** Whether the listener the call adds is awaited by its emitter's method named one of `methods`. */
  awaits(node: SchedulingCall, methods: readonly string[]): boolean {
    return this.awaitsThrough(node, methods, 0);
  }

  /** Whether the call's emitter is one the linter cannot see, whose `emit()` a linted file awaits. */
  emitsPromise(node: SchedulingCall): boolean {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const name = lastName(callee.expression);
    if (name === undefined || !this.isAwaitedEmitter(name, node.getSourceFile())) return false;
    return packageClassOf(callee.expression, this.resolver) === undefined && this.resolver.instanceClassOf(callee.expression) === undefined;
  }

  /** What a file's verdicts read from the index of emits (its --cache view): the events it listens to that some file emits plainly, and the emitters it listens on whose `emit()` some file awaits. */
  viewOf(filePath: string, text: string): string {
    const file = { fileName: filePath, text };
    const plain = namesMatched(text, LISTENING, 2).filter((event) => this.isPlainlyEmitted(event, file));
    const awaited = namesMatched(text, LISTENING_ON, 1).filter((name) => this.isAwaitedEmitter(name, file));
    return `${plain.join(",")} awaited:${awaited.join(",")}`;
  }

  private awaitsThrough(node: SchedulingCall, methods: readonly string[], forwards: number): boolean {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const owner = this.resolver.instanceClassOf(callee.expression);
    if (!owner) return false;
    if (methods.some((method) => this.resolver.classMember(owner, method, false) !== undefined)) {
      const [event] = node.arguments ?? [];
      return !(event && ts.isStringLiteralLike(event) && this.isPlainlyEmitted(event.text, node.getSourceFile()));
    }
    const forwarded = forwards < MAX_FORWARDS ? forwardedRegistration(this.resolver.classMember(owner, callee.name.text, false)) : undefined;
    return forwarded !== undefined && this.awaitsThrough(forwarded, methods, forwards + 1);
  }

  private isPlainlyEmitted(event: string, file: LintedText): boolean {
    return this.index().plain.has(event) || this.ownFacts(file)?.plain.includes(event) === true;
  }

  private isAwaitedEmitter(name: string, file: LintedText): boolean {
    return this.index().awaited.has(name) || this.ownFacts(file)?.awaited.includes(name) === true;
  }

  /** A file linted on its own, outside the linted files, is not in the index: its own emits count. */
  private ownFacts(file: LintedText): EmitFacts | undefined {
    return this.indexed.has(file.fileName) ? undefined : emitFactsOf(file.text);
  }

  private index(): { plain: Set<string>; awaited: Set<string> } {
    if (!this.emits) {
      const facts = this.files.flatMap((file) => this.emitsOf(file) ?? []);
      this.emits = { plain: new Set(facts.flatMap((fact) => fact.plain)), awaited: new Set(facts.flatMap((fact) => fact.awaited)) };
    }
    return this.emits;
  }
}

interface LintedText {
  fileName: string;
  text: string;
}

/** `appEvents` of `context.appEvents` or of `appEvents`. */
function lastName(expression: ts.Expression): string | undefined {
  const node = skipOuter(expression);
  if (ts.isIdentifier(node)) return node.text;
  return ts.isPropertyAccessExpression(node) ? node.name.text : undefined;
}

/**
 * In a project method `on(name, listener)`, the call that hands `listener` on to the method of
 * the same name of another emitter: `on(event, listener) { this.database.on(`${this.name}.${event}`, listener) }`.
 */
function forwardedRegistration(member: ts.Node | undefined): ts.CallExpression | undefined {
  if (!member || !ts.isMethodDeclaration(member) || !member.body) return undefined;
  const name = memberName(member.name);
  const listener = member.parameters[1]?.name;
  if (name === undefined || !listener || !ts.isIdentifier(listener)) return undefined;
  let found: ts.CallExpression | undefined;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(child) && handsOn(child, name, listener)) found = child;
    else ts.forEachChild(child, visit);
  };
  visit(member.body);
  return found;
}

function handsOn(call: ts.CallExpression, method: string, listener: ts.Identifier): boolean {
  const callee = skipOuter(call.expression);
  const argument = call.arguments[1] && skipOuter(call.arguments[1]);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === method && argument !== undefined && ts.isIdentifier(argument) && resolveIdentifier(argument) === listener.parent;
}
