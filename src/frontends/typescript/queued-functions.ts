import { ts } from "./ts.cjs";
import { enclosingClassOfThis, fieldOf, type ClassNode } from "./classes.js";
import { inlineFunction, isAssignment, skipOuter, type FunctionNode } from "./syntax.js";

/** Uses of the queue that put nothing in: reading it, taking its own elements out. */
const READS = new Set(["length", "shift", "pop", "at", "indexOf", "includes"]);
const ADDS = new Set(["push", "unshift"]);

const queuedByField = new WeakMap<ts.PropertyDeclaration, FunctionNode | null>();

/**
 * `this.queue[0]` where `queue` is a private field that starts as `[]` and that the class only
 * fills with one inline function (`this.queue.push(async () => { try { ... } catch ... })`),
 * never handing `this` on: every element is that function, a serial executor's wrapper of a job.
 */
export function soleQueuedFunction(access: ts.ElementAccessExpression): FunctionNode | undefined {
  const holder = skipOuter(access.expression);
  if (!ts.isPropertyAccessExpression(holder) || holder.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = enclosingClassOfThis(holder);
  const field = owner && fieldOf(owner, holder.name.text);
  if (!owner || !field || !ts.isPropertyDeclaration(field) || !isOwnField(field) || !isEmptyArray(field.initializer)) return undefined;
  let known = queuedByField.get(field);
  if (known === undefined) {
    known = onlyQueuedFunction(owner, holder.name.text) ?? null;
    queuedByField.set(field, known);
  }
  return known ?? undefined;
}

function onlyQueuedFunction(owner: ClassNode, name: string): FunctionNode | undefined {
  const added: ts.Expression[] = [];
  let readOnly = true;
  const visit = (node: ts.Node): void => {
    if (!readOnly) return;
    // `const { queue } = this`, `helper(this)`: the queue may be filled where this walk cannot see.
    if (node.kind === ts.SyntaxKind.ThisKeyword && !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node)) {
      readOnly = false;
      return;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === name && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const use = queueUse(node);
      if (use === undefined) readOnly = false;
      else added.push(...use);
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const member of owner.members) visit(member);
  const functions = new Set(added.map((value) => inlineFunction(skipOuter(value))));
  const [only] = functions;
  return readOnly && functions.size === 1 ? only : undefined;
}

/** What a use of the queue adds to it (nothing for a read or a reset to `[]`), or undefined when it may add anything. */
function queueUse(queue: ts.PropertyAccessExpression): readonly ts.Expression[] | undefined {
  const parent = queue.parent;
  if (isAssignment(parent) && parent.left === queue) return parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && isEmptyArray(parent.right) ? [] : undefined;
  if (ts.isElementAccessExpression(parent) && parent.expression === queue) return isAssignment(parent.parent) && parent.parent.left === parent ? undefined : [];
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== queue) return undefined;
  const method = parent.name.text;
  if (READS.has(method)) return [];
  const call = parent.parent;
  if (!ADDS.has(method) || !ts.isCallExpression(call) || call.expression !== parent || call.arguments.some(ts.isSpreadElement)) return undefined;
  return call.arguments;
}

/** `private queue` or `#queue`: only the class's own code fills it (a subclass may fill a `protected` one). */
function isOwnField(field: ts.PropertyDeclaration): boolean {
  return ts.isPrivateIdentifier(field.name) || (ts.getCombinedModifierFlags(field) & ts.ModifierFlags.Private) !== 0;
}

function isEmptyArray(expression: ts.Expression | undefined): boolean {
  const node = expression && skipOuter(expression);
  return node !== undefined && ts.isArrayLiteralExpression(node) && node.elements.length === 0;
}
