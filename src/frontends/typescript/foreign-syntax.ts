import path from "node:path";
import { ts } from "./ts.cjs";
import { openingComments } from "./comments.js";

/** What the comments opening a Flow file say: `// @flow`, `/* @flow strict */`, `// flow-typed signature: ...`. */
const FLOW_MARKER = /@flow\b|\bflow-typed signature\b/;
const TEMPLATE_FOLDERS = new Set(["templates", "template"]);

/**
 * A file written for another tool than the TypeScript compiler, whose syntax error is the
 * tool's syntax and not a mistake, so it is not reported:
 * - a template, named so (`config.tpl.js`, `handler.template.ts`), kept in a `templates` folder or
 *   holding EJS tags (`if (!q.<%= name %>)`) or double-percent placeholders (`%%DEFAULTS%%`, which
 *   a server replaces before it serves the file), that holds placeholders a generator fills in
 *   (`basePath: '%BASE_PATH%'`, `const /* camelName *\/Schema`);
 * - Flow, as the comments opening the file say (`// @flow`) or in a `flow-typed` folder: its
 *   exact object types (`{| id: string |}`) and variance signs are no TypeScript;
 * - a bare unnamed function (`function(doc) { emit(doc._id); }`), which another program reads and
 *   evaluates: a CouchDB design document's view, filter or validation function.
 */
export function isForeignSyntax(filePath: string, text: string): boolean {
  return isTemplateFile(filePath, text) || isFlowFile(filePath, text) || isBareFunction(text);
}

function isBareFunction(text: string): boolean {
  return /^function\s*\(/.test(text.slice(endOfOpeningComments(text)));
}

function isTemplateFile(filePath: string, text: string): boolean {
  if (filePath.split(/[\\/]/).slice(0, -1).some((folder) => TEMPLATE_FOLDERS.has(folder.toLowerCase()))) return true;
  return /\.(?:tpl|template)\.[cm]?[jt]sx?$/i.test(path.basename(filePath)) || /<%[=_-]?[^%]*%>|%%[A-Z][A-Z0-9_]*%%/.test(text);
}

function isFlowFile(filePath: string, text: string): boolean {
  if (filePath.split(/[\\/]/).includes("flow-typed")) return true;
  return openingComments(text).some((comment) => FLOW_MARKER.test(text.slice(comment.pos, comment.end)));
}

/** Where the code starts, after a shebang, the opening comments and the white space around them. */
function endOfOpeningComments(text: string): number {
  const end = openingComments(text).at(-1)?.end ?? ts.getShebang(text)?.length ?? 0;
  return end + (/^\s*/.exec(text.slice(end))?.[0].length ?? 0);
}
