import { ts } from "./ts.cjs";
import type { SourceRange, TraceStep } from "../../core/finding.js";

const MAX_TEXT = 50;

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A compact form of an expression for messages: names and short arguments stay, long arguments
 * become `...`: `this.pool.query(...).finally(...)`.
 */
function compact(node: ts.Node, sourceFile: ts.SourceFile): string {
  const whole = collapse(node.getText(sourceFile));
  if (whole.length <= MAX_TEXT) return whole;
  if (ts.isCallExpression(node)) return `${compact(node.expression, sourceFile)}(...)`;
  if (ts.isNewExpression(node)) return `new ${compact(node.expression, sourceFile)}(...)`;
  if (ts.isPropertyAccessExpression(node)) return `${compact(node.expression, sourceFile)}${node.questionDotToken ? "?." : "."}${node.name.text}`;
  if (ts.isAwaitExpression(node)) return `await ${compact(node.expression, sourceFile)}`;
  if (ts.isThrowStatement(node)) return `throw ${compact(node.expression, sourceFile)}`;
  if (ts.isParenthesizedExpression(node)) return `(${compact(node.expression, sourceFile)})`;
  if (ts.isNonNullExpression(node)) return compact(node.expression, sourceFile);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    const isAsync = ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Async;
    return `${isAsync ? "async " : ""}${ts.isArrowFunction(node) ? "() => {...}" : "function () {...}"}`;
  }
  return "...";
}

/**
 * How a place that can fail is named in messages: the whole expression when it is short
 * (`JSON.parse(raw)`), else with long arguments elided (`db.query(...)`).
 */
function describeNode(node: ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isThrowStatement(node)) return `throw ${compact(node.expression, sourceFile)}`;
  return compact(node, sourceFile);
}

export function rangeOf(node: ts.Node, sourceFile: ts.SourceFile): SourceRange {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function traceStep(node: ts.Node): TraceStep {
  const sourceFile = node.getSourceFile();
  const { line, column } = rangeOf(node, sourceFile);
  return { file: sourceFile.fileName, line, column, text: describeNode(node, sourceFile) };
}
