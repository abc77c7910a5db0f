import path from "node:path";
import { ts } from "../ts.cjs";
import type { FixImport, TextEdit } from "../../../core/fix.js";
import type { PackageManifests } from "../package-manifests.js";
import type { TextLayout } from "./text-layout.js";

/**
 * The edits that give a fixed file the names the handler needs: merged into an existing named
 * import from the same module, else a new import (or `require` in a CommonJS file) after the
 * last one. Names already declared or imported at the top level are skipped.
 */
export function importEdits(sourceFile: ts.SourceFile, imports: readonly FixImport[], layout: TextLayout, manifests: PackageManifests): TextEdit[] {
  const declared = topLevelNames(sourceFile);
  const edits: TextEdit[] = [];
  for (const wanted of imports) {
    const names = wanted.named.filter((name) => !declared.has(name));
    if (names.length === 0) continue;
    const specifier = moduleSpecifier(wanted.from, sourceFile.fileName);
    const existing = namedImportFrom(sourceFile, specifier);
    if (existing) {
      const last = existing.elements[existing.elements.length - 1]!;
      edits.push({ start: last.getEnd(), end: last.getEnd(), text: names.map((name) => `, ${name}`).join("") });
      continue;
    }
    const statement = isCommonJs(sourceFile, manifests)
      ? `const { ${names.join(", ")} } = require(${JSON.stringify(specifier)});`
      : `import { ${names.join(", ")} } from ${JSON.stringify(specifier)};`;
    edits.push(insertionAfterImports(sourceFile, statement, layout));
  }
  return edits;
}

/** A project module (absolute path) as seen from `fromFile`: `../lib/logger`; packages stay as written. */
function moduleSpecifier(from: string, fromFile: string): string {
  if (!path.isAbsolute(from)) return from;
  const relative = path.relative(path.dirname(fromFile), from).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

function namedImportFrom(sourceFile: ts.SourceFile, specifier: string): ts.NamedImports | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (statement.moduleSpecifier.text === specifier && !statement.importClause?.isTypeOnly && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0) return bindings;
  }
  return undefined;
}

function topLevelNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      names.add(statement.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/**
 * Whether a file must `require`: `.cjs`; a `.js`/`.jsx` file without module syntax that
 * requires or assigns `module.exports`, or whose package is not `"type": "module"`. TypeScript files write `import` (it
 * compiles to what the module setting says).
 */
function isCommonJs(sourceFile: ts.SourceFile, manifests: PackageManifests): boolean {
  const extension = path.extname(sourceFile.fileName);
  if (extension === ".cjs") return true;
  if (extension !== ".js" && extension !== ".jsx") return false;
  const hasModuleSyntax = sourceFile.statements.some((statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || hasExportModifier(statement));
  if (hasModuleSyntax) return false;
  if (usesCommonJs(sourceFile)) return true;
  return (manifests.nearest(path.dirname(sourceFile.fileName))?.manifest.type ?? "commonjs") !== "module";
}

/** A `require(...)` call or an assignment to `module.exports` / `exports.x` (in code, not in comments). */
function usesCommonJs(sourceFile: ts.SourceFile): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "require") found = true;
    else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === "module" ? node.name.text === "exports" : node.expression.text === "exports")) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function hasExportModifier(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/** After the last import (or `require` line), else after the directives ("use client"), else at the top (below a #! line). */
function insertionAfterImports(sourceFile: ts.SourceFile, statement: string, layout: TextLayout): TextEdit {
  const isImportLike = (node: ts.Statement): boolean =>
    ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node) || (ts.isVariableStatement(node) && /^\s*(const|let|var)\s[^=]*=\s*require\(/.test(node.getText(sourceFile)));
  const imports = sourceFile.statements.filter(isImportLike);
  const last = imports[imports.length - 1];
  if (last) return { start: last.getEnd(), end: last.getEnd(), text: `${layout.eol}${statement}` };
  const directives = sourceFile.statements.filter(isDirective);
  const lastDirective = directives[directives.length - 1];
  if (lastDirective && directives.length === sourceFile.statements.indexOf(lastDirective) + 1) {
    return { start: lastDirective.getEnd(), end: lastDirective.getEnd(), text: `${layout.eol}${statement}` };
  }
  // Below the comments that open the file: pragmas (`// @ts-nocheck`, `/* eslint-disable */`)
  // and blocks a blank line ends (a licence). A comment that runs into the first statement
  // documents it and stays with it.
  const text = sourceFile.text;
  const first = sourceFile.statements[0];
  const bodyStart = first ? first.getStart(sourceFile) : text.length;
  let start = /^#![^\n]*\n/.exec(text)?.[0].length ?? 0;
  for (const comment of ts.getLeadingCommentRanges(text, start) ?? []) {
    const blankAfter = /^[ \t]*\r?\n[ \t]*\r?\n/.exec(text.slice(comment.end, bodyStart));
    if (blankAfter) start = comment.end + blankAfter[0].length;
    else if (PRAGMA.test(text.slice(comment.pos, comment.end))) start = text.indexOf("\n", comment.end) + 1 || comment.end;
  }
  return { start, end: start, text: `${statement}${layout.eol}${first ? layout.eol : ""}` };
}

const PRAGMA = /^\/[/*]+\s*(@ts-|@jsx|@flow|eslint|prettier|jshint|global\s)/;

function isDirective(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}
