import { builtinModules } from "node:module";
import path from "node:path";
import { ts } from "ts-morph";

const UI_FRAMEWORK = /^(react|react-dom|preact|solid-js|vue|svelte|@angular\/core|lit|@remix-run\/react|next\/(link|navigation|router|image)|prosemirror-[a-z]+|@tiptap\/[a-z-]+|mobx-react(-lite)?)(\/|$)/;
/** Globals only a browser has, used as objects (`typeof window` guards of shared code do not count). */
const BROWSER_GLOBAL = /(?<![\w$.])(window|document|navigator|localStorage|sessionStorage)\.[A-Za-z_$]/;
const NODE_BUILTINS = new Set(builtinModules);

/**
 * True for code that runs in a browser: files importing a UI framework or an editor toolkit,
 * files using `window.`/`document.`/`navigator.`, files under a `public/` folder, and JSX files
 * that import nothing from Node. There an uncaught error or unhandled
 * rejection is logged to the console and the page goes on; no process crashes, so the rules'
 * verdicts do not hold.
 */
export function isBrowserCode(sourceFile: ts.SourceFile): boolean {
  if (sourceFile.fileName.split(path.sep).includes("public")) return true;
  const imported = sourceFile.statements.flatMap((statement) =>
    ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
  );
  if (imported.some((module) => UI_FRAMEWORK.test(module)) || BROWSER_GLOBAL.test(sourceFile.text)) return true;
  const extension = path.extname(sourceFile.fileName);
  return (extension === ".tsx" || extension === ".jsx") && !imported.some((module) => module.startsWith("node:") || NODE_BUILTINS.has(module));
}
