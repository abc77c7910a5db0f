import { ts } from "./ts.cjs";
import { memberName, ownMember, type ClassNode } from "./classes.js";
import { baseClassExpression, typeOnlyImport, type FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter, type FunctionNode } from "./syntax.js";
import { declaredTypeOf } from "./value-provenance.js";

/** How many abstract classes deep, below the one declaring a method, its implementations are looked for. */
const MAX_SUBCLASS_DEPTH = 4;

/** `implements A, B<T>` as text: the names a class declares it implements. */
const IMPLEMENTS = /\bimplements\s+([\w$.<>,\s]+?)\s*\{/g;
/** `extends Base` as text, wherever (a type parameter's constraint too: a few names more do no harm). */
const EXTENDS = /\bextends\s+([\w$.]+)/g;
/** `import { Job as BaseJob }`: a class extended under another name. */
const ALIAS = /\b([\w$]+)\s+as\s+([\w$]+)/g;

/**
 * The interface names a file's classes implement and the classes they extend, sorted: `class
 * VsCodeIde implements IDE` gives "IDE", `class SpotClient extends BaseWSClient<Key>` gives
 * "BaseWSClient", `extends ns.Job` gives "Job", and an extended import alias gives the imported
 * name too (`import { Job as BaseJob }`).
 */
export function heritageNames(text: string): string[] {
  const names = new Set<string>();
  const add = (name: string): void => {
    const last = name.trim().split(".").pop();
    if (last && /^[A-Za-z_$][\w$]*$/.test(last)) names.add(last);
  };
  for (const match of text.matchAll(IMPLEMENTS)) match[1]!.replace(/<[^<>]*>/g, "").split(",").forEach(add);
  for (const match of text.matchAll(EXTENDS)) add(match[1]!);
  for (const match of text.matchAll(ALIAS)) if (names.has(match[2]!)) add(match[1]!);
  return [...names].sort();
}

export interface InterfaceDispatchSources {
  /** The linted files: where implementations are looked for. */
  files: readonly string[];
  /** The interface names a file's classes implement and the classes they extend, from `heritageNames` of its text (or a cache of it). */
  heritageIn: (filePath: string) => readonly string[] | undefined;
  sourceFile: (filePath: string) => ts.SourceFile | undefined;
  resolver: FunctionResolver;
}

/**
 * Calls through a project interface: `this.ide.getWorkspaceDirs()` where `ide: IDE` and
 * `interface IDE { getWorkspaceDirs(): Promise<string[]> }`. What runs is the method of whichever
 * class implements it, so the call can fail only where one of the project's implementations can.
 * When the project has none (the interface describes a package's objects, or code in another
 * language), or one of them does not define the method itself, the call stays one we cannot see into.
 */
export class InterfaceDispatch {
  private byName: Map<string, string[]> | undefined;
  private readonly implementers = new Map<ts.InterfaceDeclaration, readonly ts.ClassLikeDeclaration[]>();
  /** Per abstract class, its project subclasses; null when one may be missed (see concreteSubclassesOf). */
  private readonly subclasses = new Map<ClassNode, readonly ClassNode[] | null>();

  constructor(private readonly sources: InterfaceDispatchSources) {}

  /**
   * The project's implementations of the method a call names on an interface-typed value, or of
   * an abstract method of a project class (`this.getWsRequestEvents()` declared `protected
   * abstract` in the base class); undefined when they are not all known.
   */
  implementationsOf(access: ts.PropertyAccessExpression): FunctionNode[] | undefined {
    const name = access.name.text;
    const receiver = this.abstractReceiverOf(access);
    if (receiver) return this.methodsOf(this.concreteSubclassesOf(receiver, name, 0), name);
    const declared = interfaceOf(access.expression, this.sources.resolver);
    if (!declared || !declared.members.some((member) => member.name && memberName(member.name) === name)) return undefined;
    return this.methodsOf(this.implementersOf(declared), name);
  }

  private methodsOf(classes: readonly ts.ClassLikeDeclaration[] | undefined, name: string): FunctionNode[] | undefined {
    if (!classes || classes.length === 0) return undefined;
    const methods: FunctionNode[] = [];
    for (const owner of classes) {
      const member = this.sources.resolver.classMember(owner, name, false);
      const fn = member && this.sources.resolver.functionOfDeclaration(member);
      if (!fn || !fn.body) return undefined;
      methods.push(fn);
    }
    return methods;
  }

  /**
   * The class of the receiver of a call of an abstract method (`this.getWsRequestEvents()` in
   * the base class that declares it `abstract`): the receiver's class and its bases define it
   * nowhere, one of them declares it abstract. What runs is the method of a class below it.
   */
  private abstractReceiverOf(access: ts.PropertyAccessExpression): ClassNode | undefined {
    const resolver = this.sources.resolver;
    const name = access.name.text;
    const receiver = resolver.instanceClassOf(access.expression);
    if (!receiver || resolver.classMember(receiver, name, false)) return undefined;
    const declares = resolver.upClasses(receiver, (each) => each.members.some((member) => isAbstractMethod(member, name)) || undefined, 0);
    return declares ? receiver : undefined;
  }

  /**
   * The project classes below `base` that define `name`, through abstract classes between;
   * undefined past a few levels, or when a class of the files that name `base` extends a class
   * the linter cannot tell is not `base`.
   */
  private concreteSubclassesOf(base: ClassNode, name: string, depth: number): ts.ClassLikeDeclaration[] | undefined {
    const subclasses = depth > MAX_SUBCLASS_DEPTH || !base.name ? undefined : this.subclassesOf(base);
    if (!subclasses) return undefined;
    const found: ts.ClassLikeDeclaration[] = [];
    for (const sub of subclasses) {
      if (ownMember(sub, name, false)) found.push(sub);
      else {
        const below = this.concreteSubclassesOf(sub, name, depth + 1);
        if (!below) return undefined;
        found.push(...below);
      }
    }
    return found;
  }

  private subclassesOf(base: ClassNode): readonly ClassNode[] | undefined {
    if (this.subclasses.has(base)) return this.subclasses.get(base) ?? undefined;
    let found: ClassNode[] | undefined = [];
    for (const file of this.index().get(base.name!.text) ?? []) {
      const sourceFile = this.sources.sourceFile(file);
      if (!found) break;
      if (!sourceFile) {
        found = undefined;
        break;
      }
      const extending = classesMatching(sourceFile, (owner) => extendedName(owner) !== undefined);
      for (const owner of extending) {
        const extended = baseClassExpression(owner);
        const resolved = extended && this.sources.resolver.classOf(extended);
        if (resolved === base) found.push(owner);
        else if (!resolved && extendedName(owner) === base.name!.text) found = undefined;
        if (!found) break;
      }
    }
    this.subclasses.set(base, found ?? null);
    return found;
  }

  private implementersOf(declared: ts.InterfaceDeclaration): readonly ts.ClassLikeDeclaration[] {
    const known = this.implementers.get(declared);
    if (known) return known;
    const found: ts.ClassLikeDeclaration[] = [];
    for (const file of this.index().get(declared.name.text) ?? []) {
      const sourceFile = this.sources.sourceFile(file);
      if (sourceFile) found.push(...classesMatching(sourceFile, (owner) => implementsInterface(owner, declared, this.sources.resolver)));
    }
    this.implementers.set(declared, found);
    return found;
  }

  private index(): Map<string, string[]> {
    if (this.byName) return this.byName;
    this.byName = new Map();
    for (const file of this.sources.files) {
      for (const name of this.sources.heritageIn(file) ?? []) {
        const files = this.byName.get(name) ?? [];
        files.push(file);
        this.byName.set(name, files);
      }
    }
    return this.byName;
  }
}

/** The project interface a value's declared type names (`ide: IDE`), through imports. */
function interfaceOf(value: ts.Expression, resolver: FunctionResolver): ts.InterfaceDeclaration | undefined {
  const type = declaredTypeOf(value);
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return undefined;
  return namedInterface(type.typeName, resolver);
}

function namedInterface(name: ts.Identifier, resolver: FunctionResolver): ts.InterfaceDeclaration | undefined {
  const local = name.getSourceFile().statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name.text);
  if (local) return local;
  const binding = resolveIdentifier(name) ?? typeOnlyImport(name);
  return binding && resolver.importedInterface(binding);
}

/** The classes of a file that `matches` accepts. */
function classesMatching(sourceFile: ts.SourceFile, matches: (owner: ClassNode) => boolean): ClassNode[] {
  const found: ClassNode[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && matches(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The last name of what a class extends, whatever its form (`ns.Job` gives "Job"), as imported (`Job as BaseJob` gives "Job"). */
function extendedName(owner: ClassNode): string | undefined {
  const extended = owner.heritageClauses?.find((heritage) => heritage.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const node = extended && skipOuter(extended);
  if (node && ts.isPropertyAccessExpression(node)) return node.name.text;
  if (!node || !ts.isIdentifier(node)) return undefined;
  const binding = resolveIdentifier(node);
  return binding && ts.isImportSpecifier(binding) && binding.propertyName ? binding.propertyName.text : node.text;
}

function isAbstractMethod(member: ts.ClassElement, name: string): boolean {
  return ts.isMethodDeclaration(member) && !member.body && member.name !== undefined && memberName(member.name) === name && (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Abstract) !== 0;
}

function implementsInterface(owner: ts.ClassLikeDeclaration, declared: ts.InterfaceDeclaration, resolver: FunctionResolver): boolean {
  const clause = owner.heritageClauses?.find((heritage) => heritage.token === ts.SyntaxKind.ImplementsKeyword);
  return (
    clause?.types.some((type) => {
      const expression = skipOuter(type.expression);
      return ts.isIdentifier(expression) && expression.text === declared.name.text && namedInterface(expression, resolver) === declared;
    }) ?? false
  );
}
