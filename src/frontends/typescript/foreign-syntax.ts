import path from "node:path";
import { ts } from "./ts.cjs";

/** What the comments opening a Flow file say: `// @flow`, `/* @flow strict */`, `// flow-typed signature: ...`. */
const FLOW_MARKER = /@flow\b|\bflow-typed signature\b/;

/**
 * A file written for another tool than the TypeScript compiler, whose syntax error is the
 * tool's syntax and not a mistake, so it is not reported:
 * - a template, named so (`config.tpl.js`, `handler.template.ts`) or holding EJS tags
 *   (`if (!q.<%= name %>)`), that holds placeholders a generator fills in (`basePath: '%BASE_PATH%'`);
 * - Flow, as the comments opening the file say (`// @flow`) or in a `flow-typed` folder: its
 *   exact object types (`{| id: string |}`) and variance signs are no TypeScript.
 */
export function isForeignSyntax(filePath: string, text: string): boolean {
  return isTemplateFile(filePath, text) || isFlowFile(filePath, text);
}

function isTemplateFile(filePath: string, text: string): boolean {
  return /\.(?:tpl|template)\.[cm]?[jt]sx?$/i.test(path.basename(filePath)) || /<%[=_-]?[^%]*%>/.test(text);
}

function isFlowFile(filePath: string, text: string): boolean {
  if (filePath.split(/[\\/]/).includes("flow-typed")) return true;
  const start = ts.getShebang(text)?.length ?? 0;
  const comments = ts.getLeadingCommentRanges(text, start) ?? [];
  return comments.some((comment) => FLOW_MARKER.test(text.slice(comment.pos, comment.end)));
}
