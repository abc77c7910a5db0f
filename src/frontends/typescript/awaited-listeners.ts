import { ts } from "./ts.cjs";
import { memberName } from "./classes.js";
import type { FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter } from "./syntax.js";
import type { SchedulingCall } from "./task-calls.js";

/** `.emit("name"`: an event emitted by a plain `emit()`, which drops what its listeners return. */
const PLAIN_EMIT = /\.emit\s*\(\s*(["'`])([^"'`$\\\n]+)\1/g;

/** `.on("name"` and the other ways of adding a listener. */
const LISTENING = /\.(?:on|once|addListener|prependListener|prependOnceListener)\s*\(\s*(["'`])([^"'`$\\\n]+)\1/g;

/** How many project `on` methods handing a listener on to another emitter are followed. */
const MAX_FORWARDS = 3;

/** The events a file's text emits with a plain `emit("name", ...)`, sorted. */
export function plainlyEmittedEvents(text: string): string[] {
  return namesMatched(text, PLAIN_EMIT);
}

function namesMatched(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((match) => match[2]!))].sort();
}

/**
 * Emitters that await their listeners: a project class with a method such as `emitAsync`
 * (nocobase's AsyncEmitter mixin: `await this.emitAsync("afterStart", app)` runs each listener
 * and awaits it), so that a listener's rejection rejects the promise of that method, which its
 * caller awaits or drops, and the analysis follows it there. Such classes also keep Node's
 * plain `emit()`, which drops the listener's promise: an event that any linted file emits with
 * `emit("name")` keeps its listeners reported.
 */
export class AwaitedListeners {
  private plainEvents: Set<string> | undefined;
  private readonly indexed: ReadonlySet<string>;

  /** `eventsOf`: the events each file emits plainly, from `plainlyEmittedEvents` of its text (or a cache of it). */
  constructor(
    private readonly files: readonly string[],
    private readonly eventsOf: (filePath: string) => readonly string[] | undefined,
    private readonly resolver: FunctionResolver,
  ) {
    this.indexed = new Set(files);
  }

  /** Whether the listener the call adds is awaited by its emitter's method named one of `methods`. */
  awaits(node: SchedulingCall, methods: readonly string[]): boolean {
    return this.awaitsThrough(node, methods, 0);
  }

  /** What a file's verdicts read from the index of plain emits (its --cache view): the events it listens to that some file emits plainly. */
  viewOf(filePath: string, text: string): string {
    return namesMatched(text, LISTENING)
      .filter((event) => this.isPlainlyEmitted(event, filePath, text))
      .join(",");
  }

  private awaitsThrough(node: SchedulingCall, methods: readonly string[], forwards: number): boolean {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const owner = this.resolver.instanceClassOf(callee.expression);
    if (!owner) return false;
    if (methods.some((method) => this.resolver.classMember(owner, method, false) !== undefined)) {
      const [event] = node.arguments ?? [];
      return !(event && ts.isStringLiteralLike(event) && this.isPlainlyEmitted(event.text, node.getSourceFile().fileName, node.getSourceFile().text));
    }
    const forwarded = forwards < MAX_FORWARDS ? forwardedRegistration(this.resolver.classMember(owner, callee.name.text, false)) : undefined;
    return forwarded !== undefined && this.awaitsThrough(forwarded, methods, forwards + 1);
  }

  private isPlainlyEmitted(event: string, filePath: string, text: string): boolean {
    // A file linted on its own, outside the linted files, is not in the index: its own emits count.
    return this.index().has(event) || (!this.indexed.has(filePath) && plainlyEmittedEvents(text).includes(event));
  }

  private index(): Set<string> {
    this.plainEvents ??= new Set(this.files.flatMap((file) => this.eventsOf(file) ?? []));
    return this.plainEvents;
  }
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
