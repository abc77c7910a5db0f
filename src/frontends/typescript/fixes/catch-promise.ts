import { ts } from "ts-morph";
import type { FixSettings, TextEdit } from "../../../core/fix.js";
import { catchVariableName, handlerLines, namesUsedIn } from "./handler-text.js";
import { indentAt, type TextLayout } from "./text-layout.js";

/**
 * `promise` -> `promise.catch((error) => { <handler> })`, parenthesised when the expression
 * binds looser than a member access (`a ?? b()` -> `(a ?? b()).catch(...)`).
 */
export function catchPromiseEdits(promise: ts.Expression, sourceFile: ts.SourceFile, layout: TextLayout, settings: FixSettings): TextEdit[] {
  const text = sourceFile.text;
  const start = promise.getStart(sourceFile);
  const end = promise.getEnd();
  const indent = indentAt(text, start);
  const name = catchVariableName(namesUsedIn(promise), settings);
  const body = handlerLines(settings, name, indent + layout.unit).join(layout.eol);
  const handler = `.catch((${name}) => {${layout.eol}${body}${layout.eol}${indent}})`;
  if (bindsAsMember(promise)) return [{ start: end, end, text: handler }];
  return [
    { start, end: start, text: "(" },
    { start: end, end, text: `)${handler}` },
  ];
}

function bindsAsMember(node: ts.Expression): boolean {
  return (
    ts.isCallExpression(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isIdentifier(node) ||
    ts.isParenthesizedExpression(node) ||
    (ts.isNewExpression(node) && node.arguments !== undefined) ||
    node.kind === ts.SyntaxKind.ThisKeyword
  );
}
