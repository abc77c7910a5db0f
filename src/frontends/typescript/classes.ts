import { ts } from "ts-morph";

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
