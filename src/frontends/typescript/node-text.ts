import { ts } from "ts-morph";
import type { SourceRange, TraceStep } from "../../core/finding.js";

const MAX_TEXT = 50;

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Long callees keep their end, which names the function: `...signal.removeEventListener`. */
function shortenCallee(node: ts.Node, sourceFile: ts.SourceFile): string {
  const text = collapse(node.getText(sourceFile));
  return text.length <= MAX_TEXT ? text : `...${text.slice(text.length - (MAX_TEXT - 3))}`;
}

/**
 * How a place that can fail is named in messages: the whole expression when it is short
 * (`JSON.parse(raw)`), else its callee with the arguments elided (`db.query(...)`).
 */
export function describeNode(node: ts.Node, sourceFile: ts.SourceFile): string {
  if (ts.isThrowStatement(node)) return `throw ${describeNode(node.expression, sourceFile)}`;
  const whole = collapse(node.getText(sourceFile));
  if (whole.length <= MAX_TEXT) return whole;
  if (ts.isCallExpression(node)) return `${shortenCallee(node.expression, sourceFile)}(...)`;
  if (ts.isNewExpression(node)) return `new ${shortenCallee(node.expression, sourceFile)}(...)`;
  if (ts.isAwaitExpression(node)) return `await ${describeNode(node.expression, sourceFile)}`;
  return `${whole.slice(0, MAX_TEXT - 3)}...`;
}

export function rangeOf(node: ts.Node, sourceFile: ts.SourceFile): SourceRange {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function traceStep(node: ts.Node, sourceFile: ts.SourceFile): TraceStep {
  const { line, column } = rangeOf(node, sourceFile);
  return { file: sourceFile.fileName, line, column, text: describeNode(node, sourceFile) };
}
