import path from "node:path";
import { ts } from "ts-morph";
import { isNodeBuiltin } from "./import-graph.js";
import type { PackageManifests } from "./package-manifests.js";
import { resolveIdentifier } from "./scope.js";
import { firstDescendant } from "./syntax.js";

const UI_FRAMEWORK = /^(react|react-dom|preact|solid-js|vue|svelte|@angular\/core|lit|@remix-run\/react|next\/(link|navigation|router|image)|prosemirror-[a-z]+|@tiptap\/[a-z-]+|mobx-react(-lite)?)(\/|$)/;
/** Globals only a browser has (`typeof window` guards of shared code do not count). */
const BROWSER_GLOBAL = /(?<![\w$.])(window|document|navigator|localStorage|sessionStorage)\b/;
const BROWSER_GLOBALS = new Set(["window", "document", "navigator", "localStorage", "sessionStorage"]);
const UI_PACKAGES = ["react", "react-dom", "vue", "svelte", "solid-js", "preact", "@angular/core", "lit"];
/** Dependencies that mean a package also runs code on a server (or in Node, like Electron's main process). */
const SERVER_PACKAGES = [
  "next",
  "nuxt",
  "@sveltejs/kit",
  "astro",
  "@remix-run/node",
  "@remix-run/server-runtime",
  "@react-router/node",
  "@tanstack/react-start",
  "express",
  "koa",
  "fastify",
  "hono",
  "@hapi/hapi",
  "@nestjs/core",
  "electron",
  "ink",
];


/**
 * Tells code that runs in a browser: files importing a UI framework or an editor toolkit, files
 * using `window.`/`document.`/`navigator.`, files under a `public/` folder, JSX files that import
 * nothing from Node, and every file of a package that depends on a UI framework and on no server
 * framework (a Vue or React single-page app). There an uncaught error or unhandled rejection is
 * logged to the console and the page goes on; no process crashes, so the rules' verdicts do not hold.
 */
export class BrowserCode {
  private readonly appPackages = new Map<string, boolean>();

  /** `public/` folders count below `root` only (a checkout under /srv/public is not a web root). */
  constructor(
    private readonly root: string,
    private readonly manifests: PackageManifests,
  ) {}

  has(sourceFile: ts.SourceFile): boolean {
    const relative = path.relative(this.root, sourceFile.fileName);
    if (!relative.startsWith("..") && relative.split(path.sep).includes("public")) return true;
    const imported = sourceFile.statements.flatMap((statement) =>
      ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
    );
    if (imported.some((module) => UI_FRAMEWORK.test(module)) || (BROWSER_GLOBAL.test(sourceFile.text) && usesBrowserGlobal(sourceFile))) return true;
    const importsNode = imported.some(isNodeBuiltin);
    const extension = path.extname(sourceFile.fileName);
    if ((extension === ".tsx" || extension === ".jsx") && !importsNode) return true;
    return !importsNode && this.isBrowserApp(path.dirname(sourceFile.fileName));
  }

  /** The nearest package.json names a UI framework and no server framework. */
  private isBrowserApp(dir: string): boolean {
    const found = this.manifests.nearest(dir);
    if (!found) return false;
    const known = this.appPackages.get(found.dir);
    if (known !== undefined) return known;
    const names = new Set([...Object.keys(found.manifest.dependencies ?? {}), ...Object.keys(found.manifest.devDependencies ?? {})]);
    const answer = UI_PACKAGES.some((name) => names.has(name)) && !SERVER_PACKAGES.some((name) => names.has(name));
    this.appPackages.set(found.dir, answer);
    return answer;
  }
}

/**
 * `window.x`, `document.x`, `(window => ...)(window)`... where the name is the global, not a
 * local (`const document = await Doc.findOne()`), a property name, a comment, or `typeof window`.
 */
function usesBrowserGlobal(sourceFile: ts.SourceFile): boolean {
  return firstDescendant(sourceFile, (node) => ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text) && isGlobalReference(node)) !== undefined;
}

function isGlobalReference(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  const isReceiver = ts.isPropertyAccessExpression(parent) && parent.expression === identifier;
  const isArgument = (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? []).some((argument) => argument === identifier);
  return (isReceiver || isArgument) && resolveIdentifier(identifier) === undefined;
}
