/**
 * The text with comments and the contents of string and template literals replaced by spaces
 * (line breaks kept), so that a text search for calls sees code only and positions stay valid.
 * A lexer in one pass, not a parser: a `/` starts a regular expression where an operand may
 * start (after a line break or a block too), and a quote not closed on its line is no string
 * (an apostrophe in JSX text). Its mistakes can hide a call from the pre-filters, so when unsure
 * it leaves text as code: a stray quote blanks at most the rest of its line.
 */
export function codeText(text: string): string {
  const pieces: string[] = [];
  let copied = 0;
  const blank = (from: number, to: number): void => {
    pieces.push(text.slice(copied, from), spacesKeepingLineBreaks(text, from, to));
    copied = to;
  };
  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(text); match; match = SPECIAL.exec(text)) {
    const position = match.index;
    const char = text[position]!;
    const next = text[position + 1];
    let end = position + 1;
    if (char === "/" && next === "/") {
      end = lineEnd(text, position);
      blank(position, end);
    } else if (char === "/" && next === "*") {
      const close = text.indexOf("*/", position + 2);
      end = close < 0 ? text.length : close + 2;
      blank(position, end);
    } else if (char === '"' || char === "'") {
      end = stringEnd(text, position, char);
      // An unclosed quote on its line is no string: an apostrophe in JSX text (`<p>Don't</p>`).
      if (text[end - 1] === char) blank(position + 1, Math.max(position + 1, end - 1));
      else end = position + 1;
    } else if (char === "`") {
      end = templateEnd(text, position);
      blank(position + 1, Math.max(position + 1, end - 1));
    } else if (startsOperand(text, position)) {
      end = regexEnd(text, position);
    }
    SPECIAL.lastIndex = end;
  }
  pieces.push(text.slice(copied));
  return pieces.join("");
}

const SPECIAL = /[/"'`]/g;

/** As many spaces as `text` has characters from `from` to `to`, with its line breaks where they were. */
function spacesKeepingLineBreaks(text: string, from: number, to: number): string {
  let spaces = "";
  let lineStart = from;
  for (let lineBreak = text.indexOf("\n", from); lineBreak >= 0 && lineBreak < to; lineBreak = text.indexOf("\n", lineBreak + 1)) {
    spaces += " ".repeat(lineBreak - lineStart) + "\n";
    lineStart = lineBreak + 1;
  }
  return spaces + " ".repeat(to - lineStart);
}

/** After the closing quote; a string ends at its line's end at the latest. */
function stringEnd(text: string, open: number, quote: string): number {
  for (let position = open + 1; position < text.length; position++) {
    const char = text[position];
    if (char === "\\") position++;
    else if (char === quote) return position + 1;
    else if (char === "\n") return position;
  }
  return text.length;
}

/** After the closing backtick, skipping `${...}` with its own nesting. */
function templateEnd(text: string, open: number): number {
  let depth = 0;
  for (let position = open + 1; position < text.length; position++) {
    const char = text[position];
    if (char === "\\") position++;
    else if (depth === 0 && char === "`") return position + 1;
    else if (char === "$" && text[position + 1] === "{") {
      depth++;
      position++;
    } else if (char === "}" && depth > 0) depth--;
  }
  return text.length;
}

function regexEnd(text: string, open: number): number {
  let inClass = false;
  for (let position = open + 1; position < text.length; position++) {
    const char = text[position];
    if (char === "\\") position++;
    else if (char === "[") inClass = true;
    else if (char === "]") inClass = false;
    else if (char === "/" && !inClass) return position + 1;
    else if (char === "\n") return position;
  }
  return text.length;
}

/** A `/` here begins a regular expression: what precedes it cannot end an operand. */
function startsOperand(text: string, slash: number): boolean {
  let position = slash - 1;
  while (position >= 0 && (text[position] === " " || text[position] === "\t")) position--;
  if (position < 0) return true;
  const char = text[position]!;
  // After a line break or a block a `/` starts a regular expression (`}\n/x/.test(s)`).
  if (char === "\n" || char === "}") return true;
  if (/[\w$)\]]/.test(char)) return /\b(?:return|typeof|case|do|else|in|of|void|yield|await)$/.test(text.slice(Math.max(0, position - 6), position + 1));
  return true;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}
