import { ts } from "./ts.cjs";
import { constructorStoredValue, enclosingClassOfThis, fieldOf, isStaticThis, ownGetter, ownMember, soleAssignedValue, storedObjectMember, thisFieldDeclaration, type ClassNode } from "./classes.js";
import type { ReadTracker } from "./read-tracker.js";
import { findExport, findExportedInterface, implementationOf, moduleExportsValue, propertyOfObject, type ModuleLoader } from "./exports.js";
import { assignedValues, resolveIdentifier } from "./scope.js";
import { soleQueuedFunction } from "./queued-functions.js";
import { sailsHelperSpecifier } from "./sails-helpers.js";
import { accessedName, flattenAccess, inlineFunction, isAsyncFunction, isFunctionNode, isNullish, returnedExpressions, skipOuter, type FunctionNode } from "./syntax.js";


const MAX_HOPS = 20;

/**
 * Answers "which function is this?" across the project: names declared in the file, imports
 * and requires of project modules, methods of classes and object literals, class fields holding
 * arrows, `fn.bind(...)`. Anything it cannot see into (packages, parameters, computed values)
 * is undefined, and the analysis treats a call to it as one that can throw.
 */
export class FunctionResolver {
  /** Per project function or `let` variable, the class of what it returns or holds, or null (see onceFor). */
  private readonly instanceClasses = new WeakMap<ts.Node, ClassNode | null>();
  /** Those being found now: asked again in a cycle, they are unknown. */
  private readonly finding = new Set<ts.Node>();

  constructor(
    private readonly load: ModuleLoader,
    /** Told what each memoised class went on (for --cache), as the analysis tells it of its results. */
    private readonly reads?: ReadTracker,
    /** Finds the module a type import names, a declaration file too; `load` when absent. */
    private readonly loadTypes: ModuleLoader = load,
  ) {}

  /** The function an expression evaluates to, when the project declares it. */
  functionOf(expression: ts.Expression, hops = 0): FunctionNode | undefined {
    if (hops > MAX_HOPS) return undefined;
    const node = skipOuter(expression);
    const inline = inlineFunction(node);
    if (inline) return inline;
    if (ts.isCallExpression(node) && accessedName(skipOuter(node.expression)) === "bind") {
      const bound = skipOuter(node.expression) as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      return this.functionOf(bound.expression, hops + 1);
    }
    // `callback || (() => {})`: the caller's callback, which is the caller's business, or the project's fallback.
    if (isParameterFallback(node)) return this.functionOf(node.right, hops + 1);
    if (ts.isIdentifier(node)) {
      const declaration = resolveIdentifier(node);
      return declaration && this.functionOfDeclaration(declaration, hops + 1);
    }
    if (ts.isElementAccessExpression(node)) {
      const queued = soleQueuedFunction(node);
      if (queued) return queued;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const member = this.memberOf(node, hops + 1);
      return member && this.functionOfDeclaration(member, hops + 1);
    }
    return undefined;
  }

  /** The function a declaration (or exported value) stands for. */
  functionOfDeclaration(declaration: ts.Node, hops = 0): FunctionNode | undefined {
    if (hops > MAX_HOPS) return undefined;
    if (ts.isFunctionDeclaration(declaration)) {
      const implementation = implementationOf(declaration);
      return implementation.body ? implementation : undefined;
    }
    if (isFunctionNode(declaration)) return declaration.body ? declaration : undefined;
    const imported = this.importedValue(declaration);
    if (imported) return this.functionOfDeclaration(imported, hops + 1);
    if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) {
      return declaration.initializer && this.functionOf(declaration.initializer, hops + 1);
    }
    if (ts.isExpression(declaration)) return this.functionOf(declaration, hops + 1);
    return undefined;
  }

  /** The specifier names a module of the project, from that file. */
  isProjectModule(specifier: string, from: ts.SourceFile): boolean {
    return this.load(specifier, from) !== undefined;
  }

  /** The module an import or require binding names, and whether it is one of the project's. */
  importSource(declaration: ts.Node): { module: string; isProject: boolean } | undefined {
    const binding = importBinding(declaration);
    if (!binding) return undefined;
    return { module: binding.module, isProject: this.isProjectModule(binding.module, declaration.getSourceFile()) };
  }

  /** True when a project module passes the binding's name on from a package: `export { Redis } from "ioredis"`. */
  reexportsFromPackage(declaration: ts.Node): boolean {
    const binding = importBinding(declaration);
    const target = binding && this.load(binding.module, declaration.getSourceFile());
    if (!binding || !target) return false;
    return target.statements.some(
      (statement) =>
        ts.isExportDeclaration(statement) &&
        statement.moduleSpecifier !== undefined &&
        ts.isStringLiteralLike(statement.moduleSpecifier) &&
        statement.exportClause !== undefined &&
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => element.name.text === binding.name) &&
        this.load(statement.moduleSpecifier.text, target) === undefined,
    );
  }

  /** The declaration behind an import or require binding in a project module. */
  importedValue(declaration: ts.Node): ts.Node | undefined {
    const binding = importBinding(declaration);
    if (!binding) return undefined;
    const target = this.load(binding.module, declaration.getSourceFile());
    if (!target) return undefined;
    const moduleExports = moduleExportsValue(target);
    if (binding.name === "*" || (binding.name === "default" && moduleExports)) return moduleExports ?? target;
    if (moduleExports && ts.isObjectLiteralExpression(moduleExports)) return propertyOfObject(moduleExports, binding.name);
    return findExport(target, binding.name, this.load);
  }

  /** The interface behind an import binding of a project module (`import type { IDE } from "./index"`). */
  importedInterface(declaration: ts.Node): ts.InterfaceDeclaration | undefined {
    const binding = importBinding(declaration);
    const target = binding && this.loadTypes(binding.module, declaration.getSourceFile());
    return target && findExportedInterface(target, binding.name, this.loadTypes);
  }

  /** The value a declaration holds, following imports: a const's initializer, an imported export. */
  private valueOf(declaration: ts.Node, hops: number): ts.Node | undefined {
    if (hops > MAX_HOPS) return undefined;
    const imported = this.importedValue(declaration);
    if (imported) return ts.isVariableDeclaration(imported) ? this.valueOf(imported, hops + 1) : imported;
    if (ts.isVariableDeclaration(declaration)) return declaration.initializer && skipOuter(declaration.initializer);
    return declaration;
  }

  /** The class a class-valued expression or type names: `UserService`, `new UserService()`, an imported class. */
  classOf(node: ts.Node, hops = 0): ClassNode | undefined {
    if (hops > MAX_HOPS) return undefined;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return node;
    if (ts.isTypeReferenceNode(node)) {
      if (!ts.isIdentifier(node.typeName)) return undefined;
      // `C extends Controller`: a type parameter's instances are instances of its constraint.
      const constraint = typeParameterConstraint(node.typeName);
      if (constraint) return this.classOf(constraint, hops + 1);
      const typeImport = typeOnlyImport(node.typeName);
      const imported = typeImport && this.importedValue(typeImport);
      return imported ? this.classOf(imported, hops + 1) : this.classOf(node.typeName, hops + 1);
    }
    if (ts.isIdentifier(node)) {
      const declaration = resolveIdentifier(node);
      if (!declaration) return undefined;
      if (ts.isClassDeclaration(declaration)) return declaration;
      const imported = this.importedValue(declaration);
      if (imported) return this.classOf(imported, hops + 1);
      return ts.isVariableDeclaration(declaration) && declaration.initializer ? this.classOf(skipOuter(declaration.initializer), hops + 1) : undefined;
    }
    return undefined;
  }

  /** The class of the instance an expression holds, when the code shows it (`new C()`, a `C`-typed variable, field or parameter). */
  instanceClassOf(expression: ts.Expression, hops = 0): ClassNode | undefined {
    if (hops > MAX_HOPS) return undefined;
    const node = skipOuter(expression);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return enclosingClassOfThis(node);
    // `super.teardown()`: the member of the project base class, or of one further up.
    if (node.kind === ts.SyntaxKind.SuperKeyword) {
      const base = this.baseClassOf(node);
      return typeof base === "string" ? undefined : base;
    }
    if (ts.isNewExpression(node)) return this.classOf(skipOuter(node.expression), hops + 1);
    if (ts.isCallExpression(node)) return this.returnedInstanceClass(node, hops + 1);
    let declaration: ts.Node | undefined;
    if (ts.isIdentifier(node)) {
      const local = resolveIdentifier(node);
      declaration = local && (this.importedValue(local) ?? local);
    } else if (ts.isPropertyAccessExpression(node)) {
      declaration = thisFieldDeclaration(node) ?? this.inheritedField(node, hops + 1) ?? this.instanceField(node, hops + 1);
      const stored = declaration ? undefined : (constructorStoredValue(node) ?? storedObjectMember(node));
      if (stored && ts.isExpression(stored)) return this.instanceClassOf(stored, hops + 1);
      if (!declaration && !stored) return this.getterInstanceClass(node, hops + 1);
    }
    if (!declaration) return undefined;
    if (ts.isBindingElement(declaration)) return this.destructuredInstanceClass(declaration, hops + 1);
    const iterated = ts.isVariableDeclaration(declaration) && !declaration.type ? forOfCollection(declaration) : undefined;
    if (iterated) return this.elementClassOf(iterated, hops + 1);
    if (ts.isVariableDeclaration(declaration) && !declaration.type && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Let) return this.letInstanceClass(declaration, hops + 1);
    if (ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) {
      if (declaration.type) return this.classOf(declaration.type, hops + 1);
      const initializer = declaration.initializer && skipOuter(declaration.initializer);
      // `const repl = (server.context.app = app)`: an assignment's value is its right side.
      if (initializer && ts.isBinaryExpression(initializer) && initializer.operatorToken.kind === ts.SyntaxKind.EqualsToken) return this.instanceClassOf(initializer.right, hops + 1);
      // `const me = this`: the alias is the instance.
      const isInstance = initializer && (ts.isNewExpression(initializer) || ts.isCallExpression(initializer) || initializer.kind === ts.SyntaxKind.ThisKeyword);
      return isInstance ? this.instanceClassOf(initializer, hops + 1) : undefined;
    }
    return undefined;
  }

  /**
   * The class of the elements of a collection the code types: a variable, field or parameter
   * declared `Set<C>`, `C[]`, `Array<C>` (or their read-only forms), or made `new Set<C>()`.
   */
  private elementClassOf(collection: ts.Expression, hops: number): ClassNode | undefined {
    const node = skipOuter(collection);
    let declaration: ts.Node | undefined;
    if (ts.isIdentifier(node)) declaration = resolveIdentifier(node);
    else if (ts.isPropertyAccessExpression(node)) declaration = thisFieldDeclaration(node);
    if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
    const element = declaration.type ? iteratedType(declaration.type) : declaration.initializer && madeCollectionElement(skipOuter(declaration.initializer));
    return element && this.classOf(element, hops + 1);
  }

  /** `this.name` where a project base class declares the field: `public chatwootService = new ChatwootService()`. */
  private inheritedField(access: ts.PropertyAccessExpression, hops: number): ts.PropertyDeclaration | undefined {
    if (access.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    const owner = enclosingClassOfThis(access);
    const base = owner && baseClassExpression(owner);
    const baseClass = base && this.classOf(base, hops);
    const member = baseClass && this.classMember(baseClass, access.name.text, false, hops);
    return member && ts.isPropertyDeclaration(member) ? member : undefined;
  }

  /** `this.#app.events` where the class of `this.#app` declares the field: `events: EventBus`. */
  private instanceField(access: ts.PropertyAccessExpression, hops: number): ts.PropertyDeclaration | undefined {
    if (access.expression.kind === ts.SyntaxKind.ThisKeyword) return undefined;
    const owner = this.instanceClassOf(access.expression, hops);
    const member = owner && this.classMember(owner, access.name.text, false, hops);
    return member && ts.isPropertyDeclaration(member) ? member : undefined;
  }

  /**
   * The class of what a project function returns, by its declared return type or else by what
   * every `return` gives: `getCache() { return this.cache }` where `cache: CacheService`.
   */
  private returnedInstanceClass(call: ts.CallExpression, hops: number): ClassNode | undefined {
    const fn = this.functionOf(call.expression, hops);
    if (!fn || isAsyncFunction(fn)) return undefined;
    if (fn.type) return this.classOf(fn.type, hops);
    return this.onceFor(fn, () => this.oneClass(returnedExpressions(fn), hops));
  }

  /** The one class whose instances a `let` variable is given, `null` and `undefined` aside: `let runner = null; ... runner = new Runner()`. */
  private letInstanceClass(declaration: ts.VariableDeclaration, hops: number): ClassNode | undefined {
    return this.onceFor(declaration, () => {
      const values = (assignedValues(declaration) ?? []).map(skipOuter).filter((value) => !isNullish(value));
      return this.oneClass(values, hops);
    });
  }

  /** The class all of `values` are instances of, when there is one. */
  private oneClass(values: readonly ts.Expression[], hops: number): ClassNode | undefined {
    const classes = new Set(values.map((value) => this.instanceClassOf(value, hops)));
    const [only] = classes;
    return classes.size === 1 ? only : undefined;
  }

  /**
   * The instance class a function returns or a variable holds, found once: asked again while it
   * is being found (`html = html.replace(...)`), it is unknown. Asking anew at every use is
   * exponential in the depth of such chains.
   */
  private onceFor(node: ts.Node, find: () => ClassNode | undefined): ClassNode | undefined {
    if (this.finding.has(node)) {
      this.reads?.assume();
      return undefined;
    }
    if (this.instanceClasses.has(node)) {
      this.reads?.reuse(node);
      return this.instanceClasses.get(node) ?? undefined;
    }
    this.finding.add(node);
    try {
      const found = this.reads ? this.reads.compute(node, find) : find();
      this.instanceClasses.set(node, found ?? null);
      return found;
    } finally {
      this.finding.delete(node);
    }
  }

  /** `receiver.name` as a declaration: a method or field of a known class, a property of an object literal, a module export. */
  private memberOf(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, hops: number): ts.Node | undefined {
    const name = accessedName(access);
    if (name === undefined) return undefined;
    const helper = sailsHelperSpecifier(access);
    if (helper !== undefined) {
      const module = this.load(helper, access.getSourceFile());
      return module && findExport(module, "fn", this.load);
    }
    const receiver = skipOuter(access.expression);
    const instanceClass = this.instanceClassOf(receiver, hops + 1);
    if (instanceClass) {
      const isStatic = receiver.kind === ts.SyntaxKind.ThisKeyword && isStaticThis(receiver);
      const member = this.classMember(instanceClass, name, isStatic, hops + 1);
      const declaresValue = member !== undefined && !(ts.isPropertyDeclaration(member) && !member.initializer);
      return declaresValue || isStatic ? member : (soleAssignedValue(instanceClass, name) ?? member);
    }
    // `module.exports._getStats()` in a module: its own export, as `exports.x` below.
    if (isModuleExports(receiver)) return findExport(access.getSourceFile(), name, this.load);
    if (ts.isPropertyAccessExpression(access) && ts.isPropertyAccessExpression(receiver)) return storedObjectMember(access);
    if (!ts.isIdentifier(receiver)) return undefined;
    const declaration = resolveIdentifier(receiver);
    // `exports.readyHandler(...)` in a module: its own export.
    if (!declaration && receiver.text === "exports") return findExport(access.getSourceFile(), name, this.load);
    const value = declaration && this.valueOf(declaration, hops + 1);
    if (!value) return undefined;
    if (ts.isSourceFile(value)) return findExport(value, name, this.load);
    if (ts.isClassDeclaration(value)) return this.classMember(value, name, true, hops + 1);
    if (ts.isObjectLiteralExpression(value)) return propertyOfObject(value, name);
    if (ts.isNewExpression(value)) {
      const owner = this.classOf(value.expression, hops + 1);
      return owner && this.classMember(owner, name, false, hops + 1);
    }
    if (ts.isCallExpression(value)) return this.memberOfReturnedObject(value, name, hops + 1);
    return undefined;
  }

  /** `const waiter = makeWaiter(); waiter.wait()`: a member of the one object literal a project function returns. */
  private memberOfReturnedObject(call: ts.CallExpression, name: string, hops: number): ts.Node | undefined {
    const maker = this.functionOf(call.expression, hops + 1);
    const returned = maker ? returnedExpressions(maker).map(skipOuter) : [];
    return returned.length === 1 && ts.isObjectLiteralExpression(returned[0]!) ? propertyOfObject(returned[0], name) : undefined;
  }

  /** A method or arrow-holding field of a class or its project base classes. */
  classMember(owner: ClassNode, name: string, isStatic: boolean, hops = 0): ts.Node | undefined {
    return this.upClasses(owner, (each) => ownMember(each, name, isStatic), hops);
  }

  /** What `find` finds first in a class or, up from it, in its project base classes. */
  upClasses<T>(owner: ClassNode, find: (each: ClassNode) => T | undefined, hops: number): T | undefined {
    if (hops > MAX_HOPS) return undefined;
    const own = find(owner);
    if (own) return own;
    const base = baseClassExpression(owner);
    const baseClass = base && this.classOf(base, hops + 1);
    return baseClass && this.upClasses(baseClass, find, hops + 1);
  }

  /**
   * The class of what a getter gives, `this.app.db` where the class of `this.app` (or a project
   * base class of it) has `get db(): Database`, or a getter whose every `return` gives one class.
   */
  private getterInstanceClass(access: ts.PropertyAccessExpression, hops: number): ClassNode | undefined {
    const owner = this.instanceClassOf(access.expression, hops);
    return owner && this.getterClass(owner, access.name.text, hops);
  }

  /** The class of what a getter of a class (or of a project base class) gives, by its declared type or else its returns. */
  private getterClass(owner: ClassNode, name: string, hops: number): ClassNode | undefined {
    const getter = this.upClasses(owner, (each) => ownGetter(each, name), hops);
    if (!getter) return undefined;
    if (getter.type) return this.classOf(getter.type, hops);
    return this.onceFor(getter, () => this.oneClass(returnedExpressions(getter), hops));
  }

  /** `const { db } = this`: the class of the typed field or getter a destructured name reads. */
  private destructuredInstanceClass(element: ts.BindingElement, hops: number): ClassNode | undefined {
    const pattern = element.parent;
    const declaration = pattern.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken || !ts.isIdentifier(key)) return undefined;
    const owner = this.instanceClassOf(declaration.initializer, hops);
    if (!owner) return undefined;
    const field = this.upClasses(owner, (each) => fieldOf(each, key.text), hops);
    if (field) return field.type && this.classOf(field.type, hops);
    return this.getterClass(owner, key.text, hops);
  }

  /**
   * The base class of the class a `super` expression is in: the project class, or the name of a
   * base we cannot see into (a global or package class); undefined when there is none.
   */
  baseClassOf(superExpression: ts.Expression): ClassNode | string | undefined {
    const owner = ts.findAncestor(superExpression, (node): node is ClassNode => ts.isClassDeclaration(node) || ts.isClassExpression(node));
    const base = owner && baseClassExpression(owner);
    if (!base) return undefined;
    return this.classOf(base) ?? (ts.isIdentifier(base) ? base.text : undefined);
  }

  /** The expression naming the first base class, up the project's own, that is not the project's: `AceKernel` for `class Kernel extends AceKernel`. */
  packageBaseOf(owner: ClassNode, hops = 0): ts.Expression | undefined {
    if (hops > MAX_HOPS) return undefined;
    const base = baseClassExpression(owner);
    if (!base) return undefined;
    const baseClass = this.classOf(base, hops + 1);
    return baseClass ? this.packageBaseOf(baseClass, hops + 1) : base;
  }

  /** The constructor that `new C()` runs, or "none" when the class and its project bases have none; undefined when a base is outside the project. */
  constructorOf(owner: ClassNode, hops = 0): ts.ConstructorDeclaration | "none" | undefined {
    if (hops > MAX_HOPS) return undefined;
    const own = owner.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
    if (own) return own;
    const base = baseClassExpression(owner);
    if (!base) return "none";
    const baseClass = this.classOf(base, hops + 1);
    return baseClass && this.constructorOf(baseClass, hops + 1);
  }
}


/** The identifier a class `extends`, if it extends one. */
export function baseClassExpression(owner: ClassNode): ts.Expression | undefined {
  const heritage = owner.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
  const base = heritage?.types[0]?.expression;
  return base && ts.isIdentifier(base) ? base : undefined;
}

/** `import { a as b } from "m"` -> { module: "m", name: "a" }; namespace imports and `require("m")` -> name "*". */
function importBinding(declaration: ts.Node): { module: string; name: string } | undefined {
  const text = (node: ts.Expression | ts.ModuleReference | undefined): string | undefined =>
    node && ts.isStringLiteralLike(node) ? node.text : undefined;
  if (ts.isImportSpecifier(declaration)) {
    const module = text(declaration.parent.parent.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, name: (declaration.propertyName ?? declaration.name).text };
  }
  if (ts.isImportClause(declaration)) {
    const module = text(declaration.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, name: "default" };
  }
  if (ts.isNamespaceImport(declaration)) {
    const module = text(declaration.parent.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, name: "*" };
  }
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    const module = text(declaration.moduleReference.expression);
    return module === undefined ? undefined : { module, name: "*" };
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const { root, path } = flattenAccess(declaration.initializer);
    const module = requiredSpecifier(root);
    return module === undefined || path.length > 1 ? undefined : { module, name: path[0] ?? "*" };
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const owner = declaration.parent.parent;
    const property = declaration.propertyName ?? declaration.name;
    if (!ts.isVariableDeclaration(owner) || !owner.initializer || !ts.isIdentifier(property)) return undefined;
    const module = requiredSpecifier(owner.initializer);
    return module === undefined ? undefined : { module, name: property.text };
  }
  return undefined;
}

/** The module of `require("./x")`, or of `await import("./x")` (its namespace: `const { wait } = await import("./wait")`). */
function requiredSpecifier(initializer: ts.Expression): string | undefined {
  let call = skipOuter(initializer);
  if (ts.isAwaitExpression(call)) call = skipOuter(call.expression);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const argument = call.arguments[0]!;
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === "require";
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isAwaitExpression(skipOuter(initializer));
  return (isRequire || isImport) && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

/** `import type { UsersService } from "./users"`: type-only imports are not values, but they name classes. */
export function typeOnlyImport(name: ts.Identifier): ts.ImportSpecifier | ts.ImportClause | undefined {
  for (const statement of name.getSourceFile().statements) {
    const clause = ts.isImportDeclaration(statement) ? statement.importClause : undefined;
    if (!clause) continue;
    if (clause.name?.text === name.text) return clause;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      const specifier = bindings.elements.find((element) => element.name.text === name.text);
      if (specifier) return specifier;
    }
  }
  return undefined;
}

/** `callback || fallback`, `callback ?? fallback` where `callback` is a parameter of the function. */
function isParameterFallback(node: ts.Expression): node is ts.BinaryExpression {
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  if (operator !== ts.SyntaxKind.BarBarToken && operator !== ts.SyntaxKind.QuestionQuestionToken) return false;
  const left = skipOuter(node.left);
  const declaration = ts.isIdentifier(left) ? resolveIdentifier(left) : undefined;
  return declaration !== undefined && ts.isParameter(declaration);
}

const COLLECTIONS = new Set(["Set", "ReadonlySet", "Array", "ReadonlyArray"]);

/** `for (const item of items)`: the collection a for-of variable takes its values from. */
function forOfCollection(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  const statement = declaration.parent.parent;
  return ts.isIdentifier(declaration.name) && ts.isForOfStatement(statement) && statement.initializer === declaration.parent ? statement.expression : undefined;
}

/** `C[]`, `readonly C[]`, `Set<C>`, `Array<C>`: the type of what a `for...of` over it gives (a Map's entries are not its values). */
function iteratedType(type: ts.TypeNode): ts.TypeNode | undefined {
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return iteratedType(type.type);
  if (ts.isArrayTypeNode(type)) return type.elementType;
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && COLLECTIONS.has(type.typeName.text) && type.typeArguments?.length === 1) return type.typeArguments[0];
  return undefined;
}

/** `new Set<C>()`, `new Array<C>()`: the element type given. */
function madeCollectionElement(value: ts.Expression): ts.TypeNode | undefined {
  if (!ts.isNewExpression(value) || !ts.isIdentifier(value.expression) || !COLLECTIONS.has(value.expression.text)) return undefined;
  return value.typeArguments?.length === 1 ? value.typeArguments[0] : undefined;
}

/** The constraint of the type parameter a type name refers to, in the declarations around it: `C` in `class Pool<C extends Controller>`. */
function typeParameterConstraint(name: ts.Identifier): ts.TypeNode | undefined {
  for (let node: ts.Node | undefined = name.parent; node; node = node.parent) {
    const parameters = (node as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    const found = parameters?.find((parameter) => parameter.name.text === name.text);
    if (found) return found.constraint;
  }
  return undefined;
}

/** `module.exports`, of the module itself (no local named `module`). */
function isModuleExports(node: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === "exports" && ts.isIdentifier(node.expression) && node.expression.text === "module" && !resolveIdentifier(node.expression);
}
