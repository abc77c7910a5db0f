/** Small steps for reading source text without parsing it (the text pre-filters). */

export function isWordChar(char: string): boolean {
  return /[\w$#]/.test(char);
}

/** The last position at or before `position` that is not white space; -1 when there is none. */
export function skipSpaceBack(text: string, position: number): number {
  while (position >= 0 && /\s/.test(text[position]!)) position--;
  return position;
}

/** The first position at or after `position` that is not white space. */
export function skipSpace(text: string, position: number): number {
  while (position < text.length && /\s/.test(text[position]!)) position++;
  return position;
}

/** Where the word that ends just before `position` (white space between allowed) starts and ends; undefined when none does. */
export function wordBefore(text: string, position: number): { start: number; end: number } | undefined {
  const end = skipSpaceBack(text, position - 1) + 1;
  let start = end;
  while (start > 0 && isWordChar(text[start - 1]!)) start--;
  return start < end ? { start, end } : undefined;
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
