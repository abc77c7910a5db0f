import { ts } from "../ts.cjs";
import type { FixSettings, TextEdit } from "../../../core/fix.js";
import { isAsyncFunction, isFunctionNode, isMemberOperand, skipOuter, type FunctionNode } from "../syntax.js";
import { catchVariableName, handlerLines, namesUsedIn } from "./handler-text.js";
import { indentAt, reindented, startsLine, verbatimSpans, type TextLayout } from "./text-layout.js";

/**
 * The edit that wraps a function's body in try/catch, keeping its comments and returned value:
 * a block body's statements move into `try`, indented one level deeper; an expression body
 * becomes `{ try { return <expression>; } catch ... }`. In an async function every `return x`
 * becomes `return await x`, so that a returned promise's rejection is caught too.
 */
export function wrapBodyEdit(fn: FunctionNode, sourceFile: ts.SourceFile, layout: TextLayout, settings: FixSettings, explicitReturns: boolean): TextEdit | undefined {
  const body = fn.body;
  if (!body) return undefined;
  const text = sourceFile.text;
  const { eol, unit } = layout;
  const isAsync = isAsyncFunction(fn);
  const name = catchVariableName(namesUsedIn(fn), settings);
  const verbatim = verbatimSpans(body, sourceFile);
  // Under noImplicitReturns a function that returns a value must return on the error path too.
  const returnsAfterHandler = explicitReturns && returnsValue(fn);
  /** `{ try { <lines> } catch (name) { <handler> } }`, the braces at `base`. */
  const block = (base: string, tryLines: string[]): string => {
    const inner = base + unit;
    return [
      "{",
      `${inner}try {`,
      ...tryLines,
      `${inner}} catch (${name}) {`,
      ...handlerLines(settings, name, inner + unit),
      ...(returnsAfterHandler ? [`${inner}${unit}return undefined;`] : []),
      `${inner}}`,
      `${base}}`,
    ].join(eol);
  };
  if (ts.isBlock(body)) {
    const open = body.getStart(sourceFile);
    const close = body.getEnd() - 1;
    const base = startsLine(text, close) ? indentAt(text, close) : indentAt(text, open);
    const awaits = isAsync ? awaitInsertions(body, sourceFile) : new Map<number, string>();
    return { start: open, end: body.getEnd(), text: block(base, bodyLines(text, open + 1, close, base + unit + unit, unit, verbatim, awaits)) };
  }
  const start = body.getStart(sourceFile);
  const base = indentAt(text, fn.getStart(sourceFile));
  const expression = reindented(text, start, body.getEnd(), unit, verbatim);
  const returned = isAsync && mayBePromise(body) ? (isMemberOperand(body) ? `await ${expression}` : `await (${expression})`) : expression;
  const wrapped = block(base, [`${base}${unit}${unit}return ${returned};`]);
  // `() =>\n    work()`: the block opens on the line of the arrow, as one would write it.
  const arrowEnd = ts.isArrowFunction(fn) ? fn.equalsGreaterThanToken.getEnd() : start;
  if (arrowEnd < start && text.slice(arrowEnd, start).trim() === "" && text.slice(arrowEnd, start).includes("\n")) {
    return { start: arrowEnd, end: body.getEnd(), text: ` ${wrapped}` };
  }
  return { start, end: body.getEnd(), text: wrapped };
}

/**
 * The lines between a block's braces, ready to go inside `try`: text on the line of `{` or of
 * `}` gets a line of its own at `indent`; the lines between keep their layout, one `unit` deeper.
 */
function bodyLines(
  text: string,
  from: number,
  to: number,
  indent: string,
  unit: string,
  verbatim: ReadonlyArray<[number, number]>,
  insertions: ReadonlyMap<number, string>,
): string[] {
  const firstBreak = text.indexOf("\n", from);
  const lastBreak = text.lastIndexOf("\n", to - 1);
  const inVerbatim = (position: number) => verbatim.some(([start, end]) => start < position && position < end);
  if (firstBreak === -1 || firstBreak >= to || inVerbatim(firstBreak) || inVerbatim(lastBreak)) {
    return [indent + reindented(text, from, to, unit, verbatim, insertions).trim()];
  }
  const lines: string[] = [];
  const head = reindented(text, from, firstBreak, unit, verbatim, insertions).trim();
  if (head) lines.push(indent + head);
  const middle = reindented(text, firstBreak + 1, lastBreak, unit, verbatim, insertions);
  if (middle.trim()) lines.push((/^[ \t]*\r?\n/.test(middle) ? "" : unit) + middle.replace(/\r$/, ""));
  const tail = reindented(text, lastBreak + 1, to, unit, verbatim, insertions).trim();
  if (tail) lines.push(indent + tail);
  return lines;
}

/** Where `await ` goes in each `return <promise>` of the function itself (not of functions inside it). */
function awaitInsertions(body: ts.Block, sourceFile: ts.SourceFile): Map<number, string> {
  const insertions = new Map<number, string>();
  const visit = (node: ts.Node): void => {
    if (isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression && mayBePromise(node.expression)) {
      // `return x ? a() : b()` -> `return await (x ? a() : b())`: await binds tighter.
      const tight = isMemberOperand(node.expression);
      insertions.set(node.expression.getStart(sourceFile), tight ? "await " : "await (");
      if (!tight) insertions.set(node.expression.getEnd(), ")");
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return insertions;
}

/** True when the function returns a value somewhere: an expression body, or `return <value>` of its own. */
export function returnsValue(fn: FunctionNode): boolean {
  const body = fn.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return true;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found = true;
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** `return value`: a literal, an object or a function is never a promise, so it needs no `await`. */
function mayBePromise(expression: ts.Expression): boolean {
  const node = skipOuter(expression);
  return !(
    ts.isAwaitExpression(node) ||
    ts.isLiteralExpression(node) ||
    ts.isTemplateExpression(node) ||
    ts.isObjectLiteralExpression(node) ||
    ts.isArrayLiteralExpression(node) ||
    isFunctionNode(node) ||
    [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.UndefinedKeyword].includes(node.kind) ||
    (ts.isIdentifier(node) && node.text === "undefined")
  );
}
