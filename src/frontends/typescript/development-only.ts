import { ts } from "./ts.cjs";
import { flattenAccess, isFunctionNode, returnedExpressions, skipOuter, type FunctionNode } from "./syntax.js";

/** "production": the Node process of a deployed program; "not production": development, tests or a browser. */
type Environment = "production" | "not production";

/** The project function a call runs, for a test kept in a helper (`isNode()`); none when unknown. */
export type CalleeOf = (callee: ts.Expression) => FunctionNode | undefined;

/**
 * Whether the code at `node` never runs in production's Node process, as its function reads
 * `process.env.NODE_ENV` (or `global.NODE_ENV`) or whether a browser's `window` exists: inside
 * `if (process.env.NODE_ENV !== "production" && ...)` or `if (typeof window !== "undefined")`, in
 * the else branch of `if (NODE_ENV === "production")`, or after
 * `if (process.env.NODE_ENV === "production" || ...) return;`. A helper whose one return is
 * such a test (`const isNode = () => typeof window === "undefined"`) counts as the test.
 */
export function neverRunsInProduction(node: ts.Node, calleeOf?: CalleeOf): boolean {
  const says = new Tests(calleeOf);
  for (let child = node, parent = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (parent.thenStatement === child && says.conjuncts(parent.expression, "not production")) return true;
      if (parent.elseStatement === child && says.disjuncts(parent.expression, "production")) return true;
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      const before = parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement));
      if (before.some((statement) => ts.isIfStatement(statement) && !statement.elseStatement && leaves(statement.thenStatement) && says.disjuncts(statement.expression, "production"))) return true;
    }
  }
  return false;
}

/**
 * What a condition on the environment is in production: false for one that holds only outside
 * it (`NODE_ENV === "test"`, `NODE_ENV !== "production" && verbose`, `!isNode()`), true for one
 * that holds in it (`NODE_ENV === "production" || force`); undefined when the environment does not decide it.
 */
export function valueInProduction(condition: ts.Expression, calleeOf?: CalleeOf): boolean | undefined {
  const says = new Tests(calleeOf);
  if (says.conjuncts(condition, "not production")) return false;
  if (says.disjuncts(condition, "production")) return true;
  return undefined;
}

/** How many helpers deep a test is followed (`isServer()` returning `isNode()`). */
const MAX_HELPERS = 2;

class Tests {
  constructor(private readonly calleeOf: CalleeOf | undefined) {}

  /** `a && b`: true when one of its conjuncts says so. */
  conjuncts(condition: ts.Expression, environment: Environment): boolean {
    const node = skipOuter(condition);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return this.conjuncts(node.left, environment) || this.conjuncts(node.right, environment);
    return this.tested(node, 0) === environment;
  }

  /** `a || b`: true when one of its disjuncts says so. */
  disjuncts(condition: ts.Expression, environment: Environment): boolean {
    const node = skipOuter(condition);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return this.disjuncts(node.left, environment) || this.disjuncts(node.right, environment);
    return this.tested(node, 0) === environment;
  }

  /** What a test says when true: of `NODE_ENV`, of `typeof window`, negated, or kept in a helper. */
  private tested(condition: ts.Expression, helpers: number): Environment | undefined {
    const node = skipOuter(condition);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const operand = this.tested(node.operand, helpers);
      return operand && (operand === "production" ? "not production" : "production");
    }
    if (ts.isCallExpression(node) && node.arguments.length === 0 && helpers < MAX_HELPERS) {
      const returned = this.calleeOf?.(node.expression);
      const [only, ...others] = returned ? returnedExpressions(returned) : [];
      return only && others.length === 0 ? this.tested(only, helpers + 1) : undefined;
    }
    return environmentTested(node) ?? windowTested(node);
  }
}

/** `typeof window === "undefined"` holds in Node, `typeof window !== "undefined"` only in a browser. */
function windowTested(node: ts.Expression): Environment | undefined {
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  const [left, right] = [skipOuter(node.left), skipOuter(node.right)];
  const [test, literal] = ts.isTypeOfExpression(left) ? [left, right] : [right, left];
  const isWindow = ts.isTypeOfExpression(test) && ts.isIdentifier(test.expression) && test.expression.text === "window";
  if (!isWindow || !ts.isStringLiteralLike(literal) || literal.text !== "undefined" || (!equal && !notEqual)) return undefined;
  return equal ? "production" : "not production";
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
