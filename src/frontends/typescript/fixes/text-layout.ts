import { ts } from "../ts.cjs";

/** The way a file writes line ends and indentation, so that inserted code looks hand-written. */
export interface TextLayout {
  eol: string;
  /** One level of indentation: a tab or some spaces. */
  unit: string;
}

export function layoutOf(text: string): TextLayout {
  return { eol: text.includes("\r\n") ? "\r\n" : "\n", unit: indentUnit(text) };
}

/**
 * Tabs when most indented lines use them, else the greatest common divisor of the space
 * indents (2 for 2/4/6, 4 for 4/8). Comment continuation lines (` * text`) do not count.
 */
function indentUnit(text: string): string {
  let tabs = 0;
  let unit = 0;
  let spaced = 0;
  for (const match of text.matchAll(/^([ \t]+)[^\s*]/gm)) {
    const indent = match[1]!;
    if (indent.startsWith("\t")) tabs++;
    else {
      spaced++;
      unit = greatestCommonDivisor(unit, indent.length);
    }
  }
  if (tabs > spaced) return "\t";
  return " ".repeat(unit >= 2 && unit <= 8 ? unit : 2);
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** The whitespace at the start of the line holding `position`. */
export function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** True when only whitespace stands between the start of its line and `position`. */
export function startsLine(text: string, position: number): boolean {
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  return text.slice(lineStart, position).trim() === "";
}

/** Spans whose text must not change, even its indentation: template and string literals. */
export function verbatimSpans(node: ts.Node, sourceFile: ts.SourceFile): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const visit = (child: ts.Node): void => {
    if (ts.isTemplateExpression(child) || ts.isNoSubstitutionTemplateLiteral(child) || ts.isStringLiteral(child)) {
      spans.push([child.getStart(sourceFile), child.getEnd()]);
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return spans;
}

/**
 * `text[start, end)` with `insertions` (offset -> text) made and every line that starts in the
 * range indented by `extra`, except blank lines and lines that start inside a verbatim span.
 * The first line is not indented: it continues the line before `start`.
 */
export function reindented(
  text: string,
  start: number,
  end: number,
  extra: string,
  verbatim: ReadonlyArray<[number, number]>,
  insertions: ReadonlyMap<number, string> = new Map(),
): string {
  let output = "";
  for (let position = start; position < end; position++) {
    output += insertions.get(position) ?? "";
    const char = text[position]!;
    output += char;
    const next = position + 1;
    if (char === "\n" && next < end && !isBlankFrom(text, next, end) && !verbatim.some(([from, to]) => from < next && next < to)) output += extra;
  }
  return output;
}

function isBlankFrom(text: string, position: number, end: number): boolean {
  const lineEnd = text.indexOf("\n", position);
  return text.slice(position, lineEnd === -1 || lineEnd > end ? end : lineEnd).trim() === "";
}
