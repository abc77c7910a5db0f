/**
 * The text with comments and the contents of string and template literals replaced by spaces
 * (line breaks kept), so that a text search for calls sees code only and positions stay valid.
 * A lexer in one pass, not a parser: a `/` starts a regular expression only where an operand
 * may start, and a quote inside a regular expression it mistakes for a division blanks at most
 * the rest of its line. Made for pre-filters, where a mistake costs a parse, not a finding.
 */
export function codeText(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number): void => {
    for (let position = from; position < to; position++) if (out[position] !== "\n") out[position] = " ";
  };
  let position = 0;
  while (position < text.length) {
    const char = text[position]!;
    const next = text[position + 1];
    if (char === "/" && next === "/") {
      const end = lineEnd(text, position);
      blank(position, end);
      position = end;
    } else if (char === "/" && next === "*") {
      const close = text.indexOf("*/", position + 2);
      const end = close < 0 ? text.length : close + 2;
      blank(position, end);
      position = end;
    } else if (char === '"' || char === "'") {
      const end = stringEnd(text, position, char);
      blank(position + 1, end - 1);
      position = end;
    } else if (char === "`") {
      const end = templateEnd(text, position);
      blank(position + 1, end - 1);
      position = end;
    } else if (char === "/" && startsOperand(text, position)) {
      position = regexEnd(text, position);
    } else {
      position++;
    }
  }
  return out.join("");
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
  if (/[\w$)\]]/.test(char)) return /\b(?:return|typeof|case|do|else|in|of|void|yield|await)$/.test(text.slice(Math.max(0, position - 6), position + 1));
  return char !== "}" && char !== "\n";
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
}
