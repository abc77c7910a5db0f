import { ts } from "./ts.cjs";
import { memberName } from "./classes.js";
import { typeOnlyImport, type FunctionResolver } from "./resolver.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter, type FunctionNode } from "./syntax.js";
import { declaredTypeOf } from "./value-provenance.js";

/** `implements A, B<T>` as text: the names a class declares it implements. */
const IMPLEMENTS = /\bimplements\s+([\w$.<>,\s]+?)\s*\{/g;

/** The interface names a file's classes implement, sorted: `class VsCodeIde implements IDE` gives "IDE". */
export function implementedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(IMPLEMENTS)) {
    const list = match[1]!.replace(/<[^<>]*>/g, "");
    for (const name of list.split(",")) {
      const last = name.trim().split(".").pop();
      if (last && /^[A-Za-z_$][\w$]*$/.test(last)) names.add(last);
    }
  }
  return [...names].sort();
}

export interface InterfaceDispatchSources {
  /** The linted files: where implementations are looked for. */
  files: readonly string[];
  /** The interface names a file's classes implement, from `implementedNames` of its text (or a cache of it). */
  implementedIn: (filePath: string) => readonly string[] | undefined;
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

  constructor(private readonly sources: InterfaceDispatchSources) {}

  /** The project's implementations of the method a call names on an interface-typed value; undefined when they are not all known. */
  implementationsOf(access: ts.PropertyAccessExpression): FunctionNode[] | undefined {
    const declared = interfaceOf(access.expression, this.sources.resolver);
    const name = access.name.text;
    if (!declared || !declared.members.some((member) => member.name && memberName(member.name) === name)) return undefined;
    const classes = this.implementersOf(declared);
    if (classes.length === 0) return undefined;
    const methods: FunctionNode[] = [];
    for (const owner of classes) {
      const member = this.sources.resolver.classMember(owner, name, false);
      const fn = member && this.sources.resolver.functionOfDeclaration(member);
      if (!fn || !fn.body) return undefined;
      methods.push(fn);
    }
    return methods;
  }

  private implementersOf(declared: ts.InterfaceDeclaration): readonly ts.ClassLikeDeclaration[] {
    const known = this.implementers.get(declared);
    if (known) return known;
    const found: ts.ClassLikeDeclaration[] = [];
    for (const file of this.index().get(declared.name.text) ?? []) {
      const sourceFile = this.sources.sourceFile(file);
      if (sourceFile) found.push(...classesImplementing(sourceFile, declared, this.sources.resolver));
    }
    this.implementers.set(declared, found);
    return found;
  }

  private index(): Map<string, string[]> {
    if (this.byName) return this.byName;
    this.byName = new Map();
    for (const file of this.sources.files) {
      for (const name of this.sources.implementedIn(file) ?? []) {
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

/** The classes of a file that name `declared` in their `implements` clause. */
function classesImplementing(sourceFile: ts.SourceFile, declared: ts.InterfaceDeclaration, resolver: FunctionResolver): ts.ClassLikeDeclaration[] {
  const found: ts.ClassLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node) && implementsInterface(node, declared, resolver)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
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
