import path from "node:path";
import { ts } from "../ts.cjs";
import type { PackageManifests } from "../package-manifests.js";
import type { FunctionNode } from "../syntax.js";
import { firstDescendant, skipOuter } from "../syntax.js";

/** The name a declared function goes by, and the node that declares that name. */
export function declaredName(fn: FunctionNode): ts.Identifier | ts.PrivateIdentifier | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name;
  const holder = fn.parent;
  if ((ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) && holder.initializer === fn) {
    const name = holder.name;
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name;
  }
  return undefined;
}

export interface UsageContext {
  /** The parsed file, or undefined when it cannot be read. */
  sourceFile(filePath: string): ts.SourceFile | undefined;
  /** The file's text, without parsing it. */
  readText(filePath: string): string | undefined;
  /** Whether a file is being linted: only those may a fix edit. */
  isLinted(filePath: string): boolean;
  /** The package.json each file belongs to (its module system). */
  manifests: PackageManifests;
  /** Every source file of the project (its workspace) a function of `filePath` may be used in, linted or not, tests too. */
  filesUsing(filePath: string): readonly string[];
  /** Task arguments of scheduling calls in a file: being one is the use the fix is for. */
  taskArguments(sourceFile: ts.SourceFile): ReadonlySet<ts.Node>;
}

/**
 * A place other than a task argument where the function's name is used (a direct call, a
 * callback given to something else), or undefined when every use is a scheduled task. Any
 * same-named identifier counts: a name shared with something else makes the fix unavailable.
 */
export function otherUse(name: ts.Identifier | ts.PrivateIdentifier, context: UsageContext): ts.Node | undefined {
  const declaringFile = name.getSourceFile();
  const files = ts.isPrivateIdentifier(name) ? [declaringFile.fileName] : [...new Set([declaringFile.fileName, ...context.filesUsing(declaringFile.fileName)])];
  const word = new RegExp(`(^|[^\\w$])${name.text.replace(/[$#]/g, "\\$&")}($|[^\\w$])`);
  for (const file of files) {
    if (file !== declaringFile.fileName && !word.test(context.readText(file) ?? "")) continue;
    const sourceFile = file === declaringFile.fileName ? declaringFile : context.sourceFile(path.resolve(file));
    if (!sourceFile) continue;
    const found = firstOtherUse(sourceFile, name, context.taskArguments(sourceFile));
    if (found) return found;
  }
  return undefined;
}

function firstOtherUse(sourceFile: ts.SourceFile, name: ts.Identifier | ts.PrivateIdentifier, tasks: ReadonlySet<ts.Node>): ts.Node | undefined {
  return firstDescendant(
    sourceFile,
    (node) => (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === name.text && node !== name && !isModuleBinding(node) && !tasks.has(usedExpression(node)),
  );
}

/** `tick` in `import { tick }` or `export { tick }` only passes the name along. */
function isModuleBinding(node: ts.Node): boolean {
  const parent = node.parent;
  return ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportAssignment(parent);
}

/** The expression a use of the name stands in: `tick`, `this.tick`, `this.tick.bind(this)`. */
function usedExpression(node: ts.Node): ts.Node {
  let current: ts.Node = node;
  if (ts.isPropertyAccessExpression(current.parent) && current.parent.name === current) current = current.parent;
  const parent = current.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name.text === "bind" && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) current = parent.parent;
  while (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isNonNullExpression(current.parent)) current = current.parent;
  return current;
}

/** True when the task argument is the function written in place. */
export function isWrittenInPlace(argument: ts.Expression, fn: FunctionNode): boolean {
  return skipOuter(argument) === fn;
}
