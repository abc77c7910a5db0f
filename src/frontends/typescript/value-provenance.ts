import { ts } from "ts-morph";
import { thisFieldDeclaration } from "./classes.js";
import type { FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { flattenAccess, skipOuter } from "./syntax.js";

/**
 * Where a value whose methods we call comes from: a package (a database client, an HTTP
 * client: its calls do I/O and reject), the project (a class or object the resolver could not
 * follow: its code is there, we just cannot tell what it does), or we cannot say.
 */
export type Provenance = "package" | "project" | "unknown";

const MAX_HOPS = 6;

export function provenanceOf(expression: ts.Expression, resolver: FunctionResolver, hops = 0): Provenance {
  if (hops > MAX_HOPS) return "unknown";
  const node = skipOuter(expression);
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return provenanceOf(node.expression, resolver, hops + 1);
  if (ts.isAwaitExpression(node)) return provenanceOf(node.expression, resolver, hops + 1);
  const field = thisField(node);
  if (field) return declarationProvenance(field, resolver, hops + 1);
  const { root } = flattenAccess(node);
  if (!ts.isIdentifier(root)) return "unknown";
  const declaration = resolveIdentifier(root);
  return declaration ? declarationProvenance(declaration, resolver, hops + 1) : "unknown";
}

/** The innermost `this.field` of `this.field.a.b`. */
function thisField(node: ts.Expression): ts.PropertyDeclaration | ts.ParameterDeclaration | undefined {
  let current: ts.Expression = node;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) {
    if (ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword) return thisFieldDeclaration(current);
    current = skipOuter(current.expression);
  }
  return undefined;
}

function declarationProvenance(declaration: ts.Node, resolver: FunctionResolver, hops: number): Provenance {
  const source = resolver.importSource(declaration);
  if (source) {
    if (!source.isProject) return "package";
    // `export const prisma = new PrismaClient()` is a package's client the project hands out.
    const exported = resolver.importedValue(declaration);
    return exported ? declarationProvenance(exported, resolver, hops + 1) : "project";
  }
  // An interface or type alias has no code behind it: the value may be anyone's.
  if (ts.isClassLike(declaration) || ts.isFunctionDeclaration(declaration) || ts.isEnumDeclaration(declaration)) return "project";
  if (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) {
    const type = declaration.type;
    if (type && ts.isTypeReferenceNode(type)) {
      const typeRoot = ts.isIdentifier(type.typeName) ? type.typeName : flattenQualified(type.typeName);
      const typeDeclaration = resolveIdentifier(typeRoot);
      if (typeDeclaration) return declarationProvenance(typeDeclaration, resolver, hops + 1);
    }
    if (!ts.isParameter(declaration) && declaration.initializer) return provenanceOf(declaration.initializer, resolver, hops + 1);
  }
  return "unknown";
}

function flattenQualified(name: ts.QualifiedName): ts.Identifier {
  let current: ts.EntityName = name;
  while (ts.isQualifiedName(current)) current = current.left;
  return current;
}
