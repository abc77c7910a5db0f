import { ts } from "./ts.cjs";
import { normalizeModule, originOf } from "./origin.js";
import { isFunctionNode, skipOuter } from "./syntax.js";

/** Functions that declare a suite of tests: Mocha's, Jest's and Vitest's `describe`, Mocha's TDD `suite`. */
const SUITE_FUNCTIONS = new Set(["describe", "suite"]);

/** `describe.only(...)`, `describe.skip(...)`: the same suite, run or not. */
const SUITE_MODIFIERS = new Set(["only", "skip", "concurrent", "sequential"]);

/** Modules that export them, when they are not the runner's globals. */
const TEST_MODULES = new Set(["vitest", "@jest/globals", "mocha", "node:test"].map(normalizeModule));

/**
 * A test file by its content, whatever its name (`drivers/bigquery/test.js`): one whose module
 * body declares a suite, `describe("drivers/bigquery", function () { ... })`, with the test
 * runner's global or an import from a test module. A test runner catches what its hooks and
 * tests throw; such a file is left out like a test file found by its name.
 */
export function isTestSuite(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((statement) => ts.isExpressionStatement(statement) && declaresSuite(skipOuter(statement.expression)));
}

function declaresSuite(expression: ts.Expression): boolean {
  if (!ts.isCallExpression(expression)) return false;
  let callee = skipOuter(expression.expression);
  if (ts.isPropertyAccessExpression(callee) && SUITE_MODIFIERS.has(callee.name.text)) callee = skipOuter(callee.expression);
  if (!ts.isIdentifier(callee) || !SUITE_FUNCTIONS.has(callee.text)) return false;
  const [name, body] = expression.arguments;
  if (!name || !body || !(ts.isStringLiteralLike(name) || ts.isTemplateExpression(name)) || !isFunctionNode(skipOuter(body))) return false;
  const origin = originOf(callee);
  return origin.kind === "global" || (origin.kind === "module" && TEST_MODULES.has(origin.module));
}
