import { ts } from "ts-morph";
import type { FixSettings, TextEdit } from "../../../core/fix.js";
import { catchVariableName, handlerLines, namesUsedIn } from "./handler-text.js";
import { indentAt, type TextLayout } from "./text-layout.js";

/** `promise` -> `promise.catch((error) => { <handler> })`. */
export function catchPromiseEdits(promise: ts.Expression, sourceFile: ts.SourceFile, layout: TextLayout, settings: FixSettings): TextEdit[] {
  const text = sourceFile.text;
  const end = promise.getEnd();
  const indent = indentAt(text, promise.getStart(sourceFile));
  const name = catchVariableName(namesUsedIn(promise), settings);
  const body = handlerLines(settings, name, indent + layout.unit).join(layout.eol);
  const handler = `.catch((${name}) => {${layout.eol}${body}${layout.eol}${indent}})`;
  return [{ start: end, end, text: handler }];
}

/**
 * True when `.catch()` can be appended as it is. `a && b()` or `a ?? b()` may not be a promise
 * at all (`false.catch` throws), and a leading `(` can join the line before: no fix for those.
 */
export function bindsAsMember(node: ts.Expression): boolean {
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
