import { ts } from "./ts.cjs";
import { thisFieldDeclaration, thisMethodReturnType } from "./classes.js";
import { typeOnlyImport, type FunctionResolver } from "./resolver.js";
import { normalizeModule } from "./origin.js";
import { resolveIdentifier } from "./scope.js";
import { flattenAccess, returnedExpressions, skipOuter, type FunctionNode } from "./syntax.js";

/**
 * Where a value whose methods we call comes from: a package (a database client, an HTTP
 * client: its calls do I/O and reject), the project (a class or object the resolver could not
 * follow: its code is there, we just cannot tell what it does), or we cannot say.
 */
export type Provenance = "package" | "project" | "unknown";

const MAX_HOPS = 8;
/** Containers whose elements are what `get()`, `values()` and `for...of` hand out: the last type argument. */
const CONTAINERS = new Set(["Map", "ReadonlyMap", "Set", "ReadonlySet", "Array", "ReadonlyArray", "WeakMap"]);
const ELEMENT_READERS = new Set(["get", "at", "find", "pop", "shift"]);
/** Methods that return their receiver's elements as another container. */
const CONTAINER_READERS = new Set(["values", "filter", "slice", "concat", "toSorted", "toReversed"]);
/** Array methods whose callback's first parameter is an element of the receiver. */
const CALLBACK_METHODS = new Set(["map", "forEach", "filter", "some", "every", "find", "findIndex", "flatMap"]);

export function provenanceOf(expression: ts.Expression, resolver: FunctionResolver, hops = 0): Provenance {
  if (hops > MAX_HOPS) return "unknown";
  const node = skipOuter(expression);
  if (ts.isAwaitExpression(node)) return provenanceOf(node.expression, resolver, hops + 1);
  const type = typeOfExpression(node, 0);
  if (type) {
    const fromType = typeProvenance(type, resolver, hops + 1);
    if (fromType !== "unknown") return fromType;
  }
  if (ts.isCallExpression(node)) return callResultProvenance(node, resolver, hops);
  if (ts.isNewExpression(node)) return provenanceOf(node.expression, resolver, hops + 1);
  const field = thisField(node);
  if (field) return declarationProvenance(field, resolver, hops + 1);
  const { root } = flattenAccess(node);
  if (!ts.isIdentifier(root)) return "unknown";
  const declaration = resolveIdentifier(root);
  return declaration ? declarationProvenance(declaration, resolver, hops + 1) : "unknown";
}

/** The type the code writes for a value (see typeOfExpression). */
export function declaredTypeOf(expression: ts.Expression): ts.TypeNode | undefined {
  const type = typeOfExpression(expression, 0);
  return type && withoutNullish(type);
}

/**
 * The type the code writes for an expression, read from annotations without a type checker:
 * `runtime.client` where `runtime: SourceRuntime` and `interface SourceRuntime { client: Client }`,
 * `runtimes.get(name)` where `runtimes = new Map<string, SourceRuntime>()`.
 */
function typeOfExpression(expression: ts.Expression, hops: number): ts.TypeNode | undefined {
  if (hops > MAX_HOPS) return undefined;
  const node = skipOuter(expression);
  if (ts.isCallExpression(node)) {
    const callee = skipOuter(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const declared = thisMethodReturnType(node);
    if (declared) return declared;
    const method = callee.name.text;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === "Array" && method === "from" && node.arguments[0]) return typeOfExpression(node.arguments[0], hops + 1);
    if (ts.isIdentifier(callee.expression) && callee.expression.text === "Object" && method === "values" && node.arguments[0]) {
      const value = indexedValueType(typeOfExpression(node.arguments[0], hops + 1));
      return value && ts.factory.createArrayTypeNode(value);
    }
    const receiver = typeOfExpression(callee.expression, hops + 1);
    if (ELEMENT_READERS.has(method)) return elementType(receiver);
    if (CONTAINER_READERS.has(method)) {
      const element = elementType(receiver);
      return element && ts.factory.createArrayTypeNode(element);
    }
    return undefined;
  }
  if (ts.isNewExpression(node)) {
    return ts.isIdentifier(node.expression) ? ts.factory.createTypeReferenceNode(node.expression, node.typeArguments) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const field = node.expression.kind === ts.SyntaxKind.ThisKeyword ? thisFieldDeclaration(node) : staticField(node);
    if (field) return field.type ?? (ts.isPropertyDeclaration(field) && field.initializer ? typeOfExpression(field.initializer, hops + 1) : undefined);
    return memberType(typeOfExpression(node.expression, hops + 1), node.name.text);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = resolveIdentifier(node);
  if (!declaration) return undefined;
  if (ts.isBindingElement(declaration)) {
    const name = declaration.propertyName ?? declaration.name;
    const owner = declaration.parent.parent;
    const ownerType = ts.isVariableDeclaration(owner) ? (owner.type ?? (owner.initializer && typeOfExpression(owner.initializer, hops + 1))) : ts.isParameter(owner) ? owner.type : undefined;
    return ts.isIdentifier(name) ? memberType(ownerType, name.text) : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && ts.isForOfStatement(declaration.parent.parent)) {
    return elementType(typeOfExpression(declaration.parent.parent.expression, hops + 1));
  }
  if (ts.isParameter(declaration)) return declaration.type ?? callbackElementType(declaration, hops);
  if (ts.isVariableDeclaration(declaration)) return declaration.type ?? (declaration.initializer && typeOfExpression(declaration.initializer, hops + 1));
  return undefined;
}

/** `runtimes.map((runtime) => ...)`: the first parameter of an array method's callback is an element of the receiver. */
function callbackElementType(parameter: ts.ParameterDeclaration, hops: number): ts.TypeNode | undefined {
  const fn = parameter.parent;
  if (fn.parameters[0] !== parameter || !ts.isCallExpression(fn.parent) || fn.parent.arguments[0] !== fn) return undefined;
  const callee = skipOuter(fn.parent.expression);
  if (!ts.isPropertyAccessExpression(callee) || !CALLBACK_METHODS.has(callee.name.text)) return undefined;
  return elementType(typeOfExpression(callee.expression, hops + 1));
}

/** The type of a property of an interface or type literal of the file. */
function memberType(type: ts.TypeNode | undefined, name: string): ts.TypeNode | undefined {
  const plain = type && withoutNullish(type);
  let members: ts.NodeArray<ts.TypeElement> | undefined;
  if (plain && ts.isTypeLiteralNode(plain)) members = plain.members;
  else if (plain && ts.isTypeReferenceNode(plain) && ts.isIdentifier(plain.typeName) && plain.typeName.parent) {
    const shape = localTypeDeclaration(plain.typeName);
    members = shape && ts.isInterfaceDeclaration(shape) ? shape.members : shape && ts.isTypeLiteralNode(shape.type) ? shape.type.members : undefined;
  }
  const property = members?.find((member): member is ts.PropertySignature => ts.isPropertySignature(member) && ts.isIdentifier(member.name) && member.name.text === name);
  return property?.type;
}

/**
 * The package class a value was made from or is typed as, as "module:Class"
 * (`this.pubsub` where `private pubsub: PubSub` and `import { PubSub } from "graphql-subscriptions"`);
 * a Node module without its `node:` prefix ("http:ServerResponse").
 */
export function packageClassOf(expression: ts.Expression, resolver: FunctionResolver): string | undefined {
  const type = typeOfExpression(skipOuter(expression), 0);
  const plain = type && withoutNullish(type);
  if (!plain || !ts.isTypeReferenceNode(plain)) return undefined;
  if (ts.isQualifiedName(plain.typeName)) return namespaceClass(plain.typeName, resolver);
  return importedClass(plain.typeName, resolver);
}

/** `super` in a class that extends a package's class (`class RedisAdapter extends Adapter`): "socket.io-adapter:Adapter". */
export function baseClassName(node: ts.Node, resolver: FunctionResolver): string | undefined {
  const base = ts.findAncestor(node, ts.isClassLike)?.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base && ts.isIdentifier(base) ? importedClass(base, resolver) : undefined;
}

/** A class named by an identifier imported from a package, as "module:export". */
function importedClass(name: ts.Identifier, resolver: FunctionResolver): string | undefined {
  const declaration = resolveIdentifier(name) ?? typeOnlyImport(name);
  const source = declaration && resolver.importSource(declaration);
  if (!declaration || !source || source.isProject) return undefined;
  const imported = ts.isImportSpecifier(declaration) ? (declaration.propertyName ?? declaration.name).text : "default";
  return `${normalizeModule(source.module)}:${imported}`;
}

/** `mqtt.Client` where `import * as mqtt from "mqtt"`: "mqtt:Client". */
function namespaceClass(name: ts.QualifiedName, resolver: FunctionResolver): string | undefined {
  if (!ts.isIdentifier(name.left)) return undefined;
  const declaration = resolveIdentifier(name.left);
  const source = declaration && ts.isNamespaceImport(declaration) ? resolver.importSource(declaration) : undefined;
  return source && !source.isProject ? `${normalizeModule(source.module)}:${name.right.text}` : undefined;
}

/**
 * What a call returns: a package's value when a project function is declared to return one or
 * returns one (`createPool()` returning `new Pool()` hands out a package's client); else, as
 * before, where the callee comes from.
 */
function callResultProvenance(call: ts.CallExpression, resolver: FunctionResolver, hops: number): Provenance {
  const fn = resolver.functionOf(call.expression);
  return fn && returnsPackageValue(fn, resolver, hops) ? "package" : provenanceOf(call.expression, resolver, hops + 1);
}

/** Per function, whether it returns a package's value; memoised (a function counts as not while its own answer is being worked out). */
const packageReturns = new WeakMap<ts.Node, boolean>();

function returnsPackageValue(fn: FunctionNode, resolver: FunctionResolver, hops: number): boolean {
  const known = packageReturns.get(fn);
  if (known !== undefined) return known;
  packageReturns.set(fn, false);
  const declared = fn.type ? typeProvenance(fn.type, resolver, hops + 1) : "unknown";
  const answer = declared === "package" || (declared === "unknown" && returnedExpressions(fn).some((expression) => provenanceOf(expression, resolver, hops + 1) === "package"));
  packageReturns.set(fn, answer);
  return answer;
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

function elementType(type: ts.TypeNode | undefined): ts.TypeNode | undefined {
  const plain = type && withoutNullish(type);
  if (!plain) return undefined;
  if (ts.isArrayTypeNode(plain)) return plain.elementType;
  if (ts.isTypeReferenceNode(plain) && ts.isIdentifier(plain.typeName) && CONTAINERS.has(plain.typeName.text)) return plain.typeArguments?.[plain.typeArguments.length - 1];
  return undefined;
}

/** The type of a record's values: `{ [key: string]: Worker }`, `Record<string, Worker>`. */
function indexedValueType(type: ts.TypeNode | undefined): ts.TypeNode | undefined {
  const plain = type && withoutNullish(type);
  if (plain && ts.isTypeLiteralNode(plain)) {
    const signatures = plain.members.filter(ts.isIndexSignatureDeclaration);
    return plain.members.length === 1 && signatures.length === 1 ? signatures[0]!.type : undefined;
  }
  const isRecord = plain && ts.isTypeReferenceNode(plain) && ts.isIdentifier(plain.typeName) && plain.typeName.text === "Record" && !resolveIdentifier(plain.typeName);
  return isRecord ? plain.typeArguments?.[1] : undefined;
}

/** `Registry.workers`: a static field of a class of the file, by its name. */
function staticField(access: ts.PropertyAccessExpression): ts.PropertyDeclaration | undefined {
  if (!ts.isIdentifier(access.expression)) return undefined;
  const declaration = resolveIdentifier(access.expression);
  if (!declaration || !ts.isClassDeclaration(declaration)) return undefined;
  return declaration.members.find(
    (member): member is ts.PropertyDeclaration =>
      ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === access.name.text && (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static) !== 0,
  );
}

/** `A | null | undefined` -> `A`; undefined when more than one type is left. */
function withoutNullish(type: ts.TypeNode): ts.TypeNode | undefined {
  if (!ts.isUnionTypeNode(type)) return ts.isParenthesizedTypeNode(type) ? withoutNullish(type.type) : type;
  const kept = type.types.filter(
    (member) =>
      !(ts.isLiteralTypeNode(member) && member.literal.kind === ts.SyntaxKind.NullKeyword) && member.kind !== ts.SyntaxKind.UndefinedKeyword,
  );
  return kept.length === 1 ? withoutNullish(kept[0]!) : undefined;
}

function typeProvenance(type: ts.TypeNode, resolver: FunctionResolver, hops: number): Provenance {
  const plain = withoutNullish(type);
  if (!plain || !ts.isTypeReferenceNode(plain)) return "unknown";
  const typeRoot = ts.isIdentifier(plain.typeName) ? plain.typeName : flattenQualified(plain.typeName);
  const declaration = resolveIdentifier(typeRoot) ?? typeOnlyImport(typeRoot) ?? localTypeDeclaration(typeRoot);
  return declaration ? declarationProvenance(declaration, resolver, hops + 1) : "unknown";
}

function declarationProvenance(declaration: ts.Node, resolver: FunctionResolver, hops: number): Provenance {
  if (hops > MAX_HOPS) return "unknown";
  const source = resolver.importSource(declaration);
  if (source) {
    if (!source.isProject) return "package";
    // `export const prisma = new PrismaClient()` is a package's client the project hands out.
    const exported = resolver.importedValue(declaration);
    if (!exported && resolver.reexportsFromPackage(declaration)) return "package";
    // An imported class may extend a package's class, as one declared here may (see below).
    const maybeForeign = exported && (ts.isVariableDeclaration(exported) || ts.isInterfaceDeclaration(exported) || ts.isTypeAliasDeclaration(exported) || ts.isClassLike(exported));
    return maybeForeign ? declarationProvenance(exported, resolver, hops + 1) : "project";
  }
  // `declare function f(): Promise<void>` and `declare const db: Db` have no code behind them.
  const isAmbient = (ts.getCombinedModifierFlags(declaration as ts.Declaration) & ts.ModifierFlags.Ambient) !== 0;
  if (isAmbient || (ts.isFunctionDeclaration(declaration) && !declaration.body)) return "unknown";
  // A project class that extends a package's (`class PrismaService extends PrismaClient`): the
  // methods the linter could not find in the project are the package's.
  if (ts.isClassLike(declaration)) return baseProvenance(declaration, resolver, hops) === "package" ? "package" : "project";
  if (ts.isFunctionDeclaration(declaration) || ts.isEnumDeclaration(declaration)) return "project";
  if (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration)) {
    if (declaration.type) return typeProvenance(declaration.type, resolver, hops + 1);
    if (!ts.isParameter(declaration) && !ts.isPropertySignature(declaration) && declaration.initializer) return provenanceOf(declaration.initializer, resolver, hops + 1);
  }
  // An interface or type alias has no code behind it: the value may be anyone's.
  return "unknown";
}

function baseProvenance(owner: ts.ClassLikeDeclaration, resolver: FunctionResolver, hops: number): Provenance | undefined {
  const base = owner.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base && provenanceOf(base, resolver, hops + 1);
}

/** An interface or type alias of the file. */
function localTypeDeclaration(name: ts.Identifier): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
  return name.getSourceFile().statements.find(
    (statement): statement is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
      (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name.text,
  );
}

function flattenQualified(name: ts.QualifiedName): ts.Identifier {
  let current: ts.EntityName = name;
  while (ts.isQualifiedName(current)) current = current.left;
  return current;
}
