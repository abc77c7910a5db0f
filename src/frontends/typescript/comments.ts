import { ts } from "./ts.cjs";
import type { SourceComment } from "../../core/suppressions.js";

/** Every comment of a file, found through the syntax tree so that strings and regexes are never mistaken for comments. */
export function collectComments(sourceFile: ts.SourceFile): SourceComment[] {
  const text = sourceFile.text;
  const seen = new Set<number>();
  const comments: SourceComment[] = [];
  const add = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const raw = text.slice(range.pos, range.end);
      const body = range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? raw.slice(2) : raw.slice(2, -2);
      comments.push({
        text: body,
        line: sourceFile.getLineAndCharacterOfPosition(range.pos).line + 1,
        endLine: sourceFile.getLineAndCharacterOfPosition(range.end).line + 1,
      });
    }
  };
  const visit = (node: ts.Node): void => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  add(ts.getLeadingCommentRanges(text, sourceFile.endOfFileToken.pos));
  return comments.sort((a, b) => a.line - b.line);
}

/** The comments that open a file's text, after a shebang: where tools write what made the file. */
export function openingComments(text: string): ts.CommentRange[] {
  return ts.getLeadingCommentRanges(text, ts.getShebang(text)?.length ?? 0) ?? [];
}
