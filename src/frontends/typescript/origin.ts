import { ts } from "./ts.cjs";
import { resolveIdentifier } from "./scope.js";
import { flattenAccess, skipOuter } from "./syntax.js";

/**
 * Where the value an expression names comes from:
 * - `global`: a global property path (`process.nextTick`; `globalThis.`/`window.` prefixes dropped);
 * - `module`: an export path of a module (`timers` + `setTimeout`; `node:` prefix dropped);
 * - `local`: a declaration in this file, and the property path read from it.
 */
export type Origin =
  | { kind: "global"; path: string[] }
  | { kind: "module"; module: string; path: string[] }
  | { kind: "local"; declaration: ts.Node; path: string[] }
  | { kind: "other" };

const GLOBAL_OBJECTS = new Set(["globalThis", "global", "window", "self"]);

export function normalizeModule(specifier: string): string {
  return specifier.startsWith("node:") ? specifier.slice("node:".length) : specifier;
}

export function originOf(expression: ts.Expression): Origin {
  const { root, path } = flattenAccess(expression);
  if (!ts.isIdentifier(root)) {
    const required = requiredModule(root);
    return required ? exportPath(required.module, [...required.path, ...path]) : { kind: "other" };
  }
  const declaration = resolveIdentifier(root);
  if (!declaration) {
    if (GLOBAL_OBJECTS.has(root.text) && path.length > 0) return { kind: "global", path };
    return { kind: "global", path: [root.text, ...path] };
  }
  return moduleOrigin(declaration, path) ?? { kind: "local", declaration, path };
}

/** An imported or required binding, seen as the module's export path. */
function moduleOrigin(declaration: ts.Node, path: string[]): Origin | undefined {
  if (ts.isImportSpecifier(declaration)) {
    const imported = (declaration.propertyName ?? declaration.name).text;
    const module = moduleSpecifierOf(declaration.parent.parent.parent);
    return module === undefined ? undefined : exportPath(module, [imported, ...path]);
  }
  if (ts.isImportClause(declaration)) {
    const module = moduleSpecifierOf(declaration.parent);
    return module === undefined ? undefined : exportPath(module, path);
  }
  if (ts.isNamespaceImport(declaration)) {
    const module = moduleSpecifierOf(declaration.parent.parent);
    return module === undefined ? undefined : exportPath(module, path);
  }
  if (ts.isImportEqualsDeclaration(declaration)) {
    const reference = declaration.moduleReference;
    if (ts.isExternalModuleReference(reference) && ts.isStringLiteralLike(reference.expression)) {
      return exportPath(reference.expression.text, path);
    }
    return undefined;
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const required = requiredModule(declaration.initializer);
    return required && exportPath(required.module, [...required.path, ...path]);
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const owner = declaration.parent.parent;
    if (!ts.isVariableDeclaration(owner) || !owner.initializer) return undefined;
    const required = requiredModule(owner.initializer);
    const property = declaration.propertyName ?? declaration.name;
    if (!required || !ts.isIdentifier(property)) return undefined;
    return exportPath(required.module, [...required.path, property.text, ...path]);
  }
  return undefined;
}

/** A default export of a CommonJS module is the module itself, so `default` adds nothing to the path. */
function exportPath(module: string, path: string[]): Origin {
  const rest = path[0] === "default" ? path.slice(1) : path;
  const name = normalizeModule(module);
  // `import process from "node:process"` is the global `process`.
  if (name === "process") return { kind: "global", path: ["process", ...rest] };
  return { kind: "module", module: name, path: rest };
}

function moduleSpecifierOf(declaration: ts.ImportDeclaration | ts.JSDocImportTag): string | undefined {
  return ts.isStringLiteralLike(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : undefined;
}

/** `require("m")`, `require("m").a.b`, `await import("m")`. */
export function requiredModule(initializer: ts.Expression): { module: string; path: string[] } | undefined {
  const { root, path } = flattenAccess(initializer);
  let call = skipOuter(root);
  if (ts.isAwaitExpression(call)) call = skipOuter(call.expression);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const argument = call.arguments[0]!;
  if (!ts.isStringLiteralLike(argument)) return undefined;
  const isRequire = ts.isIdentifier(call.expression) && call.expression.text === "require" && !resolveIdentifier(call.expression);
  const isImport = call.expression.kind === ts.SyntaxKind.ImportKeyword;
  return isRequire || isImport ? { module: argument.text, path } : undefined;
}
