import { ts } from "./ts.cjs";
import { enclosingClassOfThis, fieldOf, type ClassNode } from "./classes.js";
import { originOf } from "./origin.js";
import type { FunctionResolver } from "./resolver.js";
import { skipOuter } from "./syntax.js";

/**
 * rxjs's `firstValueFrom(source)` and `lastValueFrom(source)` reject only when the source errors,
 * or completes before giving a value (EmptyError); read in rxjs 7.8.2's src/internal/firstValueFrom.ts
 * and lastValueFrom.ts. A subject errors or completes only when someone calls its `error()` or
 * `complete()`, or subscribes it to a source that does (`source.subscribe(subject)`).
 */
const VALUE_FROM = new Set(["firstValueFrom", "lastValueFrom"]);
const SUBJECT_CLASSES = new Set(["Subject", "ReplaySubject", "BehaviorSubject"]);

/** Uses of a subject that neither end it nor hand it to code that might. */
const KEEPING_USES = new Set(["next", "pipe", "subscribe", "asObservable", "getValue", "value", "observed"]);

/** rxjs functions that only subscribe to the observables they are given (not `multicast` or `connectable`, which feed a subject). */
const SUBSCRIBING_FUNCTIONS = new Set([...VALUE_FROM, "merge", "concat", "combineLatest", "zip", "race", "forkJoin", "takeUntil", "withLatestFrom"]);

/**
 * `firstValueFrom(this.ready$)` or `firstValueFrom(location.onMode)` where the field is made
 * `new ReplaySubject(1)` (or `Subject`, `BehaviorSubject`) of rxjs and its class's file only
 * calls `next()`, `pipe()`, `subscribe()` and the like on it: the promise cannot reject (it
 * may never settle). The class that makes a subject is the one that ends it; a subject ended
 * from another file is missed, on the side of not reporting.
 */
export function settlesWithValueOnly(call: ts.CallExpression, resolver: FunctionResolver): boolean {
  const origin = originOf(call.expression);
  if (origin.kind !== "module" || origin.module !== "rxjs" || origin.path.length !== 1 || !VALUE_FROM.has(origin.path[0]!)) return false;
  const source = call.arguments.length >= 1 ? skipOuter(call.arguments[0]!) : undefined;
  if (!source || !ts.isPropertyAccessExpression(source)) return false;
  const owner = source.expression.kind === ts.SyntaxKind.ThisKeyword ? enclosingClassOfThis(source) : resolver.instanceClassOf(source.expression);
  const field = owner && fieldOf(owner, source.name.text);
  return field !== undefined && ts.isPropertyDeclaration(field) && madeAsSubject(field) && onlyKept(owner!, source.name.text);
}

function madeAsSubject(field: ts.PropertyDeclaration): boolean {
  const value = field.initializer && skipOuter(field.initializer);
  if (!value || !ts.isNewExpression(value)) return false;
  const made = originOf(value.expression);
  return made.kind === "module" && made.module === "rxjs" && made.path.length === 1 && SUBJECT_CLASSES.has(made.path[0]!);
}

/** Per class, by field name, whether its file only keeps the subject (see onlyKept). */
const keptByClass = new WeakMap<ClassNode, Map<string, boolean>>();

/**
 * Every `x.name` in the class's file is followed by a keeping use or is given to an rxjs function
 * that only subscribes; no `x["name"]` and no `const { name } = x` hands it elsewhere.
 */
function onlyKept(owner: ClassNode, name: string): boolean {
  const known = keptByClass.get(owner) ?? new Map<string, boolean>();
  keptByClass.set(owner, known);
  const answer = known.get(name);
  if (answer !== undefined) return answer;
  let kept = true;
  const visit = (node: ts.Node): void => {
    if (!kept) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === name && !isKeepingUse(node)) kept = false;
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === name) kept = false;
    if (ts.isBindingElement(node) && (node.propertyName ?? node.name).getText() === name) kept = false;
    ts.forEachChild(node, visit);
  };
  visit(owner.getSourceFile());
  known.set(name, kept);
  return kept;
}

function isKeepingUse(access: ts.PropertyAccessExpression): boolean {
  const parent = access.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === access) return KEEPING_USES.has(parent.name.text);
  if (ts.isCallExpression(parent) && parent.arguments.includes(access)) {
    const callee = originOf(parent.expression);
    return callee.kind === "module" && (callee.module === "rxjs" || callee.module === "rxjs/operators") && callee.path.length === 1 && SUBSCRIBING_FUNCTIONS.has(callee.path[0]!);
  }
  return false;
}
