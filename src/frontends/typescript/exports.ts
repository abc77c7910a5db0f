import { ts } from "./ts.cjs";
import { resolveName } from "./scope.js";
import { accessedName, skipOuter } from "./syntax.js";

/** Finds the module a specifier names, as a parsed file; undefined outside the project. */
export type ModuleLoader = (specifier: string, fromFile: ts.SourceFile) => ts.SourceFile | undefined;

/**
 * What a module exports under `name` ("default" for the default export): the declaration or
 * expression behind it, following `export { a as b }`, re-exports, `export *`, and CommonJS
 * `module.exports` / `exports.name` assignments.
 */
export function findExport(sourceFile: ts.SourceFile, name: string, load: ModuleLoader, seen = new Set<ts.SourceFile>()): ts.Node | undefined {
  if (seen.has(sourceFile)) return undefined;
  seen.add(sourceFile);
  const candidates = exportCandidatesOf(sourceFile);
  for (const statement of inOrder(candidates.byName.get(name) ?? [], candidates.anyName)) {
    const found = exportedBy(statement, sourceFile, name, load, seen);
    if (found) return found;
  }
  if (name === "default") return undefined;
  for (const statement of candidates.exportAll) {
    const target = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? load(statement.moduleSpecifier.text, sourceFile) : undefined;
    const found = target && findExport(target, name, load, seen);
    if (found) return found;
  }
  return undefined;
}

/** The interface a module exports under `name`: `export interface IDE`, or one it re-exports (`export { IDE } from`, `export *`). */
export function findExportedInterface(sourceFile: ts.SourceFile, name: string, load: ModuleLoader, seen = new Set<ts.SourceFile>()): ts.InterfaceDeclaration | undefined {
  if (seen.has(sourceFile)) return undefined;
  seen.add(sourceFile);
  const local = (localName: string) => sourceFile.statements.find((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === localName);
  const own = local(name);
  if (own && hasModifier(own, ts.SyntaxKind.ExportKeyword)) return own;
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const from = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? load(statement.moduleSpecifier.text, sourceFile) : undefined;
    if (!statement.exportClause) {
      const found = from && findExportedInterface(from, name, load, seen);
      if (found) return found;
      continue;
    }
    if (!ts.isNamedExports(statement.exportClause)) continue;
    const specifier = statement.exportClause.elements.find((element) => element.name.text === name);
    if (!specifier) continue;
    const original = (specifier.propertyName ?? specifier.name).text;
    return statement.moduleSpecifier ? from && findExportedInterface(from, original, load, seen) : local(original);
  }
  return undefined;
}

/**
 * A module's statements that may export a name, looked up instead of read through on every
 * lookup (a barrel file has hundreds): those that can export only the names they spell, by
 * name; those that can export any (`export =`, `module.exports = ...`, `exports.x = ...`); and
 * `export * from`. Each is still asked with exportedBy, so this only skips statements that
 * would say no.
 */
interface ExportCandidates {
  byName: Map<string, ts.Statement[]>;
  anyName: ts.Statement[];
  exportAll: ts.ExportDeclaration[];
}

const exportCandidates = new WeakMap<ts.SourceFile, ExportCandidates>();

function exportCandidatesOf(sourceFile: ts.SourceFile): ExportCandidates {
  let candidates = exportCandidates.get(sourceFile);
  if (candidates) return candidates;
  candidates = { byName: new Map(), anyName: [], exportAll: [] };
  const byName = candidates.byName;
  const add = (name: string, statement: ts.Statement): void => {
    const statements = byName.get(name);
    if (!statements) byName.set(name, [statement]);
    else if (statements.at(-1) !== statement) statements.push(statement);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) add("default", statement);
      else if (statement.name) add(statement.name.text, statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) add(declaration.name.text, statement);
    } else if (ts.isExportAssignment(statement)) {
      if (statement.isExportEquals) candidates.anyName.push(statement);
      else add("default", statement);
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) candidates.exportAll.push(statement);
      else if (ts.isNamedExports(statement.exportClause)) for (const element of statement.exportClause.elements) add(element.name.text, statement);
    } else if (ts.isExpressionStatement(statement)) {
      candidates.anyName.push(statement);
    }
  }
  exportCandidates.set(sourceFile, candidates);
  return candidates;
}

/** Two lists of statements of one file, merged in the file's order. */
function inOrder(first: readonly ts.Statement[], second: readonly ts.Statement[]): readonly ts.Statement[] {
  if (second.length === 0) return first;
  if (first.length === 0) return second;
  return [...first, ...second].sort((a, b) => a.pos - b.pos);
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

function exportedBy(statement: ts.Statement, sourceFile: ts.SourceFile, name: string, load: ModuleLoader, seen: Set<ts.SourceFile>): ts.Node | undefined {
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return undefined;
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if ((isDefault && name === "default") || (!isDefault && statement.name?.text === name)) return implementationOf(statement);
    return undefined;
  }
  if (ts.isVariableStatement(statement)) {
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) return undefined;
    return statement.declarationList.declarations.find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name);
  }
  if (ts.isExportAssignment(statement)) {
    return name === "default" || statement.isExportEquals ? valueBehind(statement.expression, name === "default" || !statement.isExportEquals ? undefined : name) : undefined;
  }
  if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
    const specifier = statement.exportClause.elements.find((element) => element.name.text === name);
    if (!specifier) return undefined;
    const local = (specifier.propertyName ?? specifier.name).text;
    if (statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      const target = load(statement.moduleSpecifier.text, sourceFile);
      return target && findExport(target, local, load, seen);
    }
    return resolveName(local, sourceFile);
  }
  if (ts.isExpressionStatement(statement)) return commonJsExport(statement.expression, name);
  return undefined;
}

/** `module.exports = x`, `module.exports.name = x`, `exports.name = x`. */
function commonJsExport(expression: ts.Expression, name: string): ts.Node | undefined {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = skipOuter(expression.left);
  const text = target.getText();
  if (text === "module.exports") return valueBehind(expression.right, name === "default" ? undefined : name);
  if ((text === `module.exports.${name}` || text === `exports.${name}`) && accessedName(target) === name) return expression.right;
  return undefined;
}

/** The exported value itself, or with `property`, that property of an exported object literal. */
function valueBehind(expression: ts.Expression, property: string | undefined): ts.Node | undefined {
  const value = skipOuter(expression);
  if (property === undefined) return value;
  if (!ts.isObjectLiteralExpression(value)) return undefined;
  return propertyOfObject(value, property);
}

/** The member of an object literal named `name`: `{ name() {} }`, `{ name: fn }`, `{ name }`. */
export function propertyOfObject(object: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
  for (const property of object.properties) {
    if (!property.name || !ts.isIdentifier(property.name) || property.name.text !== name) continue;
    if (ts.isMethodDeclaration(property)) return property;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
  }
  return undefined;
}

/** For an overloaded function, the declaration with the body. */
export function implementationOf<T extends ts.FunctionDeclaration | ts.ClassDeclaration>(declaration: T): T {
  if (!ts.isFunctionDeclaration(declaration) || declaration.body || !declaration.name) return declaration;
  const siblings = (declaration.parent as ts.Node & { statements?: ts.NodeArray<ts.Statement> }).statements ?? [];
  const name = declaration.name.text;
  return (siblings.find((statement) => ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) as T | undefined) ?? declaration;
}

/** What `require()` of a CommonJS module gives when it assigns `module.exports = value`. */
export function moduleExportsValue(sourceFile: ts.SourceFile): ts.Node | undefined {
  for (const statement of exportCandidatesOf(sourceFile).anyName) {
    if (!ts.isExpressionStatement(statement)) continue;
    const expression = statement.expression;
    if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && skipOuter(expression.left).getText() === "module.exports") {
      return skipOuter(expression.right);
    }
  }
  return undefined;
}
