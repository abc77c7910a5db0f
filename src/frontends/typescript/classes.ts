import { ts } from "./ts.cjs";
import { propertyOfObject } from "./exports.js";
import { firstDescendant, isAssignment, isNullish, skipOuter } from "./syntax.js";

export type ClassNode = ts.ClassDeclaration | ts.ClassExpression;

export function memberName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** The class `this` refers to: the nearest enclosing class, unless a `function` (which has its own `this`) comes first. */
export function enclosingClassOfThis(node: ts.Node): ClassNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassDeclaration(current) || ts.isClassExpression(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

/** `this` in a static method, accessor, field or block: the class itself, whose static members `this.x` reads. */
export function isStaticThis(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassStaticBlockDeclaration(current)) return true;
    if (ts.isMethodDeclaration(current) || ts.isGetAccessorDeclaration(current) || ts.isSetAccessorDeclaration(current) || ts.isPropertyDeclaration(current)) {
      return isStaticMember(current);
    }
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current) || ts.isConstructorDeclaration(current) || ts.isClassLike(current)) return false;
  }
  return false;
}

type Field = ts.PropertyDeclaration | ts.ParameterDeclaration;

/** Per class, its fields by name, read once: the analysis asks for them at every `this.x`. */
const fieldsByClass = new WeakMap<ClassNode, ReadonlyMap<string, Field>>();

/** A field of a class: a property declaration, or a constructor parameter property (`constructor(private readonly svc: Service)`). */
export function fieldOf(owner: ClassNode, name: string): Field | undefined {
  let fields = fieldsByClass.get(owner);
  if (!fields) {
    const found = new Map<string, Field>();
    const add = (key: string | undefined, field: Field): void => {
      if (key !== undefined && !found.has(key)) found.set(key, field);
    };
    for (const member of owner.members) {
      if (ts.isPropertyDeclaration(member)) add(memberName(member.name), member);
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (ts.isIdentifier(parameter.name) && ts.getCombinedModifierFlags(parameter) & ts.ModifierFlags.ParameterPropertyModifier) add(parameter.name.text, parameter);
        }
      }
    }
    fields = found;
    fieldsByClass.set(owner, fields);
  }
  return fields.get(name);
}

type Member = ts.MethodDeclaration | ts.PropertyDeclaration;

/** Per class, its methods with a body and its properties, static or not, by name, read once. */
const membersByClass = new WeakMap<ClassNode, ReadonlyMap<string, Member>>();

/** A method (with a body) or property the class itself declares, static or not. */
export function ownMember(owner: ClassNode, name: string, isStatic: boolean): Member | undefined {
  let members = membersByClass.get(owner);
  if (!members) {
    const found = new Map<string, Member>();
    for (const member of owner.members) {
      const key = member.name && memberName(member.name);
      if (key === undefined || !(ts.isPropertyDeclaration(member) || (ts.isMethodDeclaration(member) && member.body))) continue;
      const slot = `${isStaticMember(member)}:${key}`;
      if (!found.has(slot)) found.set(slot, member);
    }
    members = found;
    membersByClass.set(owner, members);
  }
  return members.get(`${isStatic}:${name}`);
}

/** An instance getter the class itself declares: `get db(): Database { ... }`. */
export function ownGetter(owner: ClassNode, name: string): ts.GetAccessorDeclaration | undefined {
  return owner.members.find((member): member is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(member) && member.body !== undefined && !isStaticMember(member) && memberName(member.name) === name);
}

export function isStaticMember(member: ts.ClassElement): boolean {
  return (ts.getCombinedModifierFlags(member as ts.Declaration) & ts.ModifierFlags.Static) !== 0;
}

/** The declaration of `this.name` inside a class. */
export function thisFieldDeclaration(access: ts.PropertyAccessExpression): Field | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = enclosingClassOfThis(access);
  return owner && fieldOf(owner, access.name.text);
}

/** `this.getService()` where the class declares `getService(): FileService | undefined`: the written return type of a method that is not async. */
export function thisMethodReturnType(call: ts.CallExpression): ts.TypeNode | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const method = enclosingClassOfThis(callee)?.members.find(
    (member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === callee.name.text,
  );
  const isAsync = method?.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  return isAsync ? undefined : method?.type;
}

/** `constructor() { this.socket = net.connect(80); }`: what a statement of the constructor assigns to `this.name`. */
export function assignedInConstructor(owner: ClassNode, name: string): ts.Expression | undefined {
  const constructor = owner.members.find(ts.isConstructorDeclaration);
  for (const statement of constructor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind === ts.SyntaxKind.EqualsToken && isThisField(left, name)) return skipOuter(right);
  }
  return undefined;
}

/**
 * What the constructor stores in `this.name` when the class declares no such field (plain
 * JavaScript: `constructor() { this.queue = new RequestQueue() }`) and nothing else assigns it.
 */
export function constructorStoredValue(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = enclosingClassOfThis(access);
  const name = access.name.text;
  if (!owner || fieldOf(owner, name)) return undefined;
  return thisAssignmentCount(owner, name) === 1 ? assignedInConstructor(owner, name) : undefined;
}

/**
 * `this.middleware.receive` where the constructor alone sets `this.middleware = { receive: new
 * Middleware(this), ... }` and nothing assigns to `this.middleware.receive`: the member of the
 * object literal (see propertyOfObject), a method or the value it gives the property.
 */
export function storedObjectMember(access: ts.PropertyAccessExpression): ts.Node | undefined {
  const holder = skipOuter(access.expression);
  if (!ts.isPropertyAccessExpression(holder)) return undefined;
  const object = constructorStoredValue(holder) ?? declaredFieldStoredValue(holder);
  if (!object || !ts.isObjectLiteralExpression(skipOuter(object)) || assignsSubProperty(holder, access.name.text)) return undefined;
  return propertyOfObject(skipOuter(object) as ts.ObjectLiteralExpression, access.name.text);
}

/** `this.name` of a field declared with neither a type nor a value (`private readonly middleware;`) that only the constructor sets. */
function declaredFieldStoredValue(access: ts.PropertyAccessExpression): ts.Expression | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = enclosingClassOfThis(access);
  const name = access.name.text;
  const field = owner && fieldOf(owner, name);
  if (!owner || !field || !ts.isPropertyDeclaration(field) || field.type || field.initializer) return undefined;
  return thisAssignmentCount(owner, name) === 1 ? assignedInConstructor(owner, name) : undefined;
}

/** Some member of the class assigns to `this.field.name`. */
function assignsSubProperty(field: ts.PropertyAccessExpression, name: string): boolean {
  const owner = enclosingClassOfThis(field)!;
  const target = field.name.text;
  const assignsIt = (node: ts.Node): boolean => {
    if (!isAssignment(node)) return false;
    const left = skipOuter(node.left);
    const object = ts.isPropertyAccessExpression(left) && left.name.text === name ? skipOuter(left.expression) : undefined;
    return object !== undefined && ts.isPropertyAccessExpression(object) && object.name.text === target && object.expression.kind === ts.SyntaxKind.ThisKeyword;
  };
  return owner.members.some((member) => firstDescendant(member, assignsIt) !== undefined);
}

/**
 * Per class, the `this.name = value` assignments its members make, by name: how many, and the
 * value of the last (`??=` and `||=` give their right side; `+=` and the other compound ones count
 * and give no value). Clearing a field (`this.timer = undefined`, `= null`) sets no value and is
 * not counted.
 */
const assignmentsByClass = new WeakMap<ClassNode, ReadonlyMap<string, { count: number; value: ts.Expression | undefined }>>();

const VALUE_GIVING = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);

function thisAssignments(owner: ClassNode): ReadonlyMap<string, { count: number; value: ts.Expression | undefined }> {
  let assignments = assignmentsByClass.get(owner);
  if (!assignments) {
    const found = new Map<string, { count: number; value: ts.Expression | undefined }>();
    const visit = (node: ts.Node): void => {
      if (isAssignment(node) && ts.isPropertyAccessExpression(node.left) && node.left.expression.kind === ts.SyntaxKind.ThisKeyword && !isNullish(node.right)) {
        const name = node.left.name.text;
        found.set(name, { count: (found.get(name)?.count ?? 0) + 1, value: VALUE_GIVING.has(node.operatorToken.kind) ? node.right : undefined });
      }
      ts.forEachChild(node, visit);
    };
    for (const member of owner.members) visit(member);
    assignments = found;
    assignmentsByClass.set(owner, assignments);
  }
  return assignments;
}

function thisAssignmentCount(owner: ClassNode, name: string): number {
  return thisAssignments(owner).get(name)?.count ?? 0;
}

/**
 * The value of `this.name` when the field is private (`private`, `protected` or `#name`, so no
 * code outside the class sets it), declares none and one statement of the class sets it,
 * wherever (`this.rejectionHandler = (reason) => { ... }` in a method that registers it).
 */
export function soleAssignedValue(owner: ClassNode, name: string): ts.Expression | undefined {
  const field = fieldOf(owner, name);
  if (!field || !ts.isPropertyDeclaration(field) || field.initializer || !isPrivateField(field)) return undefined;
  const assignment = thisAssignments(owner).get(name);
  return assignment?.count === 1 && assignment.value ? skipOuter(assignment.value) : undefined;
}

function isPrivateField(field: ts.PropertyDeclaration): boolean {
  return ts.isPrivateIdentifier(field.name) || (ts.getCombinedModifierFlags(field) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0;
}

/** The declaration of `Owner.name` when Owner is a class of this file: a static field. */
export function staticFieldDeclaration(access: ts.PropertyAccessExpression, owner: ClassNode): ts.PropertyDeclaration | undefined {
  const name = access.name.text;
  return owner.members.find(
    (member): member is ts.PropertyDeclaration =>
      ts.isPropertyDeclaration(member) &&
      memberName(member.name) === name &&
      (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0,
  );
}

/**
 * The constructor stores the field from what it was given, `this.#handlers = options.messages`,
 * and nothing else assigns it: its value is the caller's.
 */
function isFieldFromConstructorInput(field: ts.PropertyDeclaration): boolean {
  const owner = field.parent;
  const name = memberName(field.name);
  if (field.initializer || !ts.isClassLike(owner) || name === undefined) return false;
  const constructor = owner.members.find(ts.isConstructorDeclaration);
  if (!constructor) return false;
  let fromInput = false;
  let elsewhere = false;
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isThisField(node.left, name)) {
      if (isInsideConstructorBody(node, constructor) && isConstructorInput(node.right, constructor)) fromInput = true;
      else elsewhere = true;
    }
    ts.forEachChild(node, visit);
  };
  for (const member of owner.members) visit(member);
  return fromInput && !elsewhere;
}

function isThisField(node: ts.Expression, name: string): boolean {
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === name;
}

function isInsideConstructorBody(node: ts.Node, constructor: ts.ConstructorDeclaration): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current === constructor) return true;
    if (ts.isFunctionLike(current)) return false;
  }
  return false;
}

/**
 * `this.name` holds what the constructor was given: a parameter property, or a field the
 * constructor alone sets from its input (declared, or in plain JavaScript not declared at all).
 */
export function isConstructorInputField(access: ts.PropertyAccessExpression): boolean {
  const field = thisFieldDeclaration(access);
  if (field) return ts.isParameter(field) || isFieldFromConstructorInput(field);
  const stored = constructorStoredValue(access);
  const constructor = stored && ts.findAncestor(stored, ts.isConstructorDeclaration);
  return constructor !== undefined && isConstructorInput(stored!, constructor);
}

/**
 * A constructor parameter, or a property read from one, with or without a default:
 * `options`, `options.messages`, `options.filter ?? (() => true)`.
 */
function isConstructorInput(expression: ts.Expression, constructor: ts.ConstructorDeclaration): boolean {
  let node = skipOuter(expression);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) node = skipOuter(node.left);
  while (ts.isPropertyAccessExpression(node)) node = skipOuter(node.expression);
  return ts.isIdentifier(node) && constructor.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === node.text);
}
