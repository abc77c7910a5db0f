import { ts } from "./ts.cjs";
import { resolveIdentifier } from "./scope.js";
import { accessedName, flattenAccess, skipOuter } from "./syntax.js";
import { readsOwnFiles } from "./callee-facts.js";
import { originOf } from "./origin.js";

const MAX_HOPS = 4;

/**
 * True when an expression may carry data from outside: a parameter (an event's payload, a
 * request), a value read or received at run time, a variable assigned later. False when it is
 * built only from literals, constants and the object's own state (`this.url`,
 * `this.buildUrl()`, set up and usually validated when it was made): parsing those fails the
 * same way on every run, as does a file the package ships beside the code
 * (`fs.readFileSync(path.join(__dirname, "../package.json")).toString()`). `process.env` read in
 * the task counts as input: nothing validated it.
 */
export function mayCarryInput(expression: ts.Expression, hops = 0): boolean {
  if (hops > MAX_HOPS) return true;
  const node = skipOuter(expression);
  if (ts.isLiteralExpression(node) || ts.isNoSubstitutionTemplateLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) {
    return false;
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.some((span) => mayCarryInput(span.expression, hops + 1));
  if (ts.isBinaryExpression(node)) return mayCarryInput(node.left, hops + 1) || mayCarryInput(node.right, hops + 1);
  if (ts.isConditionalExpression(node)) return mayCarryInput(node.whenTrue, hops + 1) || mayCarryInput(node.whenFalse, hops + 1);
  if (ts.isCallExpression(node)) {
    if (readsShippedFile(node)) return false;
    const { root } = flattenAccess(node.expression);
    return root.kind !== ts.SyntaxKind.ThisKeyword || node.arguments.some((argument) => mayCarryInput(argument, hops + 1));
  }
  const { root } = flattenAccess(node);
  if (root.kind === ts.SyntaxKind.ThisKeyword) return false;
  if (!ts.isIdentifier(root)) return true;
  const declaration = resolveIdentifier(root);
  if (!declaration) return root.text !== "undefined";
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) return false;
  if (ts.isVariableDeclaration(declaration)) {
    const isConst = (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
    if (isConst && declaration.initializer) return mayCarryInput(declaration.initializer, hops + 1);
    // A `let` or `var` may be assigned anything later.
    return true;
  }
  return true;
}

const PARSERS: Record<string, (...inputs: string[]) => unknown> = {
  "JSON.parse": (text) => JSON.parse(text!),
  decodeURIComponent: (text) => decodeURIComponent(text!),
  decodeURI: (text) => decodeURI(text!),
  atob: (text) => atob(text!),
  URL: (url, base) => new URL(url!, base),
};

/**
 * Whether a parser fails on its arguments: "throws" or "parses" when they are all string
 * literals (the linter runs the parser on them), "unknown" otherwise.
 */
export function parseOfLiterals(parser: string, args: readonly ts.Expression[]): "throws" | "parses" | "unknown" {
  const run = PARSERS[parser];
  const texts = args.map((argument) => skipOuter(argument)).map((argument) => (ts.isStringLiteralLike(argument) ? argument.text : undefined));
  if (!run || texts.length === 0 || texts.some((text) => text === undefined)) return "unknown";
  try {
    run(...(texts as string[]));
    return "parses";
  } catch {
    return "throws";
  }
}

/** `fs.readFileSync(path.join(__dirname, "../package.json"))`, also as text (`.toString()`). */
function readsShippedFile(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (accessedName(callee) === "toString" && ts.isPropertyAccessExpression(callee)) {
    const read = skipOuter(callee.expression);
    return ts.isCallExpression(read) && readsShippedFile(read);
  }
  return readsOwnFiles(originOf(callee), call.arguments);
}
