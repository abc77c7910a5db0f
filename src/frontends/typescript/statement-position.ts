import { isWordChar, skipSpace, skipSpaceBack } from "./text-scan.js";

/**
 * Whether the call whose callee name starts at `index` of `text` may stand in statement
 * position (`save();`, `void this.repo.save();`, `a && save();`), judged from the text alone:
 * walk back over the member chain before the name (`this.repo.`, `a.b(x).`, `a!.`, `a?.`) and
 * look at what comes before it. Only what certainly uses the value says no: `await`, `return`,
 * an assignment, an argument list, an operand. Anything unclear says yes.
 */
export function mayBeStatementCall(text: string, index: number): boolean {
  if (isDeclaration(text, index)) return false;
  const start = chainStart(text, index);
  if (start === undefined) return true;
  let position = skipSpaceBack(text, start - 1);
  if (position < 0) return true;
  const char = text[position]!;
  const onNewLine = text.slice(position + 1, start).includes("\n");
  if (isWordChar(char)) {
    const wordEnd = position + 1;
    while (position > 0 && isWordChar(text[position - 1]!)) position--;
    const word = text.slice(position, wordEnd);
    // `return` ends at a line break: the call below it is a statement of its own.
    return !VALUE_KEYWORDS.has(word) || (onNewLine && word === "return");
  }
  // Without semicolons a line break ends `count++`, `x!`, `Array<T>`, `/re/`: the call starts a statement.
  if (onNewLine && (char === "!" || char === ">" || char === "/" || ((char === "+" || char === "-") && text[position - 1] === char))) return true;
  if (char === ":") return onNewLine || isCaseLabel(text, position);
  // `=> save()`: an arrow's value is returned to whatever runs it, which may drop it (`items.forEach(x => save(x))`).
  if (char === ">" && text[position - 1] === "=") return true;
  return !VALUE_PUNCTUATION.has(char);
}

/**
 * `case 1: save(x);` / `default: save(x);`: the colon ends a switch label. Any other colon
 * with the call on its line (`key: save(x)`) is taken for an object's value or a
 * conditional's branch; a label (`outer: save(x)`) is the one shape this gets wrong.
 */
function isCaseLabel(text: string, colon: number): boolean {
  const lineStart = text.lastIndexOf("\n", colon) + 1;
  return /^\s*(?:case\b|default\s*$)/.test(text.slice(lineStart, colon));
}

/** Keywords after which a call's value is used, not dropped, or a name is declared, not called. */
const VALUE_KEYWORDS = new Set(["await", "return", "yield", "throw", "new", "typeof", "in", "of", "instanceof", "delete", "case", "function", "async", "get", "set", "static", "public", "private", "protected", "override", "abstract"]);
/** Punctuation after which a call is an argument, an element, an operand or a spread. */
const VALUE_PUNCTUATION = new Set(["=", "(", ",", "[", ".", "+", "-", "*", "/", "%", "<", ">", "!", "~", "^"]);
const CHAIN_LIMIT = 2000;

/** Where the member chain ending at the name starting at `index` begins; undefined when the text is too tangled to tell. */
function chainStart(text: string, index: number): number | undefined {
  let start = index;
  for (let steps = 0; steps < CHAIN_LIMIT; steps++) {
    let position = skipSpaceBack(text, start - 1);
    if (text[position] !== ".") return start;
    position--;
    if (text[position] === "?") position--;
    position = skipSpaceBack(text, position);
    while (text[position] === "!") position--;
    if (text[position] === ")" || text[position] === "]") {
      const open = matchingOpen(text, position);
      if (open === undefined) return undefined;
      position = skipSpaceBack(text, open - 1);
      // `(await load()).save()`: the group opens the chain.
      if (!isWordChar(text[position] ?? "")) return open;
    }
    if (!isWordChar(text[position] ?? "")) return undefined;
    while (position > 0 && isWordChar(text[position - 1]!)) position--;
    start = position;
  }
  return undefined;
}

/** `save(email: string) {`: a method declared, not a call (its parameter list is followed by a body). */
function isDeclaration(text: string, index: number): boolean {
  const open = text.indexOf("(", index);
  if (open < 0) return false;
  let depth = 0;
  for (let position = open; position < text.length && position - open < CHAIN_LIMIT; position++) {
    const char = text[position];
    if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return text[skipSpace(text, position + 1)] === "{";
  }
  return false;
}

/** The `(` or `[` that opens the group closing at `close`, counting brackets only. */
function matchingOpen(text: string, close: number): number | undefined {
  let depth = 0;
  for (let position = close; position >= 0 && close - position < CHAIN_LIMIT; position--) {
    const char = text[position]!;
    if (char === ")" || char === "]") depth++;
    else if ((char === "(" || char === "[") && --depth === 0) return position;
  }
  return undefined;
}
