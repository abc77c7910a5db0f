import { ts } from "./ts.cjs";
import { skipOuter } from "./syntax.js";

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

/** A field of a class: a property declaration, or a constructor parameter property (`constructor(private readonly svc: Service)`). */
function fieldOf(owner: ClassNode, name: string): ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  for (const member of owner.members) {
    if (ts.isPropertyDeclaration(member) && memberName(member.name) === name) return member;
    if (ts.isConstructorDeclaration(member)) {
      const parameter = member.parameters.find(
        (candidate) =>
          ts.isIdentifier(candidate.name) &&
          candidate.name.text === name &&
          ts.getCombinedModifierFlags(candidate) & ts.ModifierFlags.ParameterPropertyModifier,
      );
      if (parameter) return parameter;
    }
  }
  return undefined;
}

/** The declaration of `this.name` inside a class. */
export function thisFieldDeclaration(access: ts.PropertyAccessExpression): ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const owner = enclosingClassOfThis(access);
  return owner && fieldOf(owner, access.name.text);
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
export function isFieldFromConstructorInput(field: ts.PropertyDeclaration): boolean {
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

/** A constructor parameter, or a property read from one: `options`, `options.messages`. */
function isConstructorInput(expression: ts.Expression, constructor: ts.ConstructorDeclaration): boolean {
  let node = skipOuter(expression);
  while (ts.isPropertyAccessExpression(node)) node = skipOuter(node.expression);
  return ts.isIdentifier(node) && constructor.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === node.text);
}
