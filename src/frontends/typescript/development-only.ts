import { ts } from "./ts.cjs";
import { flattenAccess, isFunctionNode, skipOuter } from "./syntax.js";

type Environment = "production" | "not production";

/**
 * Whether the code at `node` runs only outside production, as its function reads
 * `process.env.NODE_ENV` (or `global.NODE_ENV`): inside `if (process.env.NODE_ENV !== "production" && ...)`, in the
 * else branch of `if (NODE_ENV === "production")`, or after
 * `if (process.env.NODE_ENV === "production" || ...) return;`.
 */
export function isDevelopmentOnly(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (parent.thenStatement === child && conjunctsSay(parent.expression, "not production")) return true;
      if (parent.elseStatement === child && disjunctsSay(parent.expression, "production")) return true;
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      const before = parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement));
      if (before.some((statement) => ts.isIfStatement(statement) && !statement.elseStatement && leaves(statement.thenStatement) && disjunctsSay(statement.expression, "production"))) return true;
    }
  }
  return false;
}

/**
 * What a condition on `process.env.NODE_ENV` is in production: false for one that holds only
 * outside it (`NODE_ENV === "test"`, `NODE_ENV !== "production" && verbose`), true for one that
 * holds in it (`NODE_ENV === "production" || force`); undefined when the environment does not decide it.
 */
export function valueInProduction(condition: ts.Expression): boolean | undefined {
  if (conjunctsSay(condition, "not production")) return false;
  if (disjunctsSay(condition, "production")) return true;
  return undefined;
}

/** `a && b`: true when one of its conjuncts says so. */
function conjunctsSay(condition: ts.Expression, environment: Environment): boolean {
  const node = skipOuter(condition);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return conjunctsSay(node.left, environment) || conjunctsSay(node.right, environment);
  return environmentTested(node) === environment;
}

/** `a || b`: true when one of its disjuncts says so. */
function disjunctsSay(condition: ts.Expression, environment: Environment): boolean {
  const node = skipOuter(condition);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return disjunctsSay(node.left, environment) || disjunctsSay(node.right, environment);
  return environmentTested(node) === environment;
}

/** What `process.env.NODE_ENV === "production"` (or `!==`, `"development"`, `"test"`) says when true. */
function environmentTested(node: ts.Expression): Environment | undefined {
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const [left, right] = [skipOuter(node.left), skipOuter(node.right)];
  const value = ts.isStringLiteralLike(right) && isNodeEnv(left) ? right.text : ts.isStringLiteralLike(left) && isNodeEnv(right) ? left.text : undefined;
  if (value === undefined) return undefined;
  const saysProduction = value === "production";
  if (!saysProduction && value !== "development" && value !== "test") return undefined;
  return saysProduction === equal ? "production" : "not production";
}

function isNodeEnv(node: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  const { root, path } = flattenAccess(node);
  if (!ts.isIdentifier(root)) return false;
  // `global.NODE_ENV`: a copy some servers keep of it (Kuzzle).
  return (root.text === "process" && path.join(".") === "env.NODE_ENV") || ((root.text === "global" || root.text === "globalThis") && path.join(".") === "NODE_ENV");
}

/** A branch that always leaves the code after it: it returns or throws. */
function leaves(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && leaves(statement.statements[statement.statements.length - 1]!);
}
