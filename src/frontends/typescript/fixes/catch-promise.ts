import { ts } from "../ts.cjs";
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
