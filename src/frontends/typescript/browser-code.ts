import { existsSync } from "node:fs";
import path from "node:path";
import { ts } from "./ts.cjs";
import { isNodeBuiltin, mayImportNodeBuiltin, namedModules } from "./import-graph.js";
import type { Manifest, PackageManifests } from "./package-manifests.js";
import { resolveIdentifier } from "./scope.js";
import { firstDescendant } from "./syntax.js";

const UI_FRAMEWORK = /^(react|react-dom|react-native|expo|expo-[a-z0-9-]+|preact|solid-js|vue|svelte|@angular\/core|lit|@remix-run\/react|next\/(link|navigation|router|image)|prosemirror-[a-z]+|@tiptap\/[a-z-]+|mobx-react(-lite)?)(\/|$)/;
/** Globals only a browser has, `chrome` being a browser extension's API (`typeof window` guards of shared code do not count). */
const BROWSER_GLOBAL = /(?<![\w$.])(window|document|navigator|localStorage|sessionStorage|chrome)\b/;
/** Uses only a browser has, read from text; `document` is left out, a common name for a database record. */
const BROWSER_ONLY_ACCESS = /(?<![\w$.])(?:window|navigator|localStorage|sessionStorage)\s*\./;
/** Build and test tooling a package keeps beside its code (`vite.config.ts`, `.eslintrc.cjs`, `vitest.setup.ts`): it runs in Node, the package may not. */
const TOOL_FILE = /^\.|\.config\.[cm]?[jt]s$|\.setup\.[cm]?[jt]s$/;
const BROWSER_GLOBALS = new Set(["window", "document", "navigator", "localStorage", "sessionStorage", "chrome"]);
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
 * Tells code that runs in a browser: files importing a UI framework or an editor toolkit (React
 * Native and Expo apps included), files using `window.`/`document.`/`navigator.` or a browser
 * extension's `chrome.` API, files under a `public/` folder or a Meteor app's `client/` folder, JSX files that import
 * nothing from Node, and every file of a package that depends on a UI framework and on no server
 * framework (a Vue or React single-page app). There an uncaught error or unhandled rejection is
 * logged to the console and the page goes on; no Node process crashes, so the rules' verdicts,
 * which are Node's, do not hold (nor in a React Native app, which logs an unhandled rejection as a
 * warning and has its own handler for errors).
 */
export class BrowserCode {
  private readonly appPackages = new Map<string, boolean>();
  private readonly meteorApps = new Map<string, boolean>();
  private readonly browserPackages = new Map<string, PackageVerdict>();
  private filesByPackage: Map<string, string[]> | undefined;

  /** `public/` folders count below `root` only (a checkout under /srv/public is not a web root). */
  constructor(
    private readonly root: string,
    private readonly manifests: PackageManifests,
    /** The linted files, and how to read them, for what a whole package does. */
    private readonly files: readonly string[] = [],
    private readonly text: (filePath: string) => string | undefined = () => undefined,
    /** Told what a verdict on a whole package read, each time it is given: one file, or all of the package (its folder). */
    private readonly onConsult: (read: PackageRead) => void = () => undefined,
  ) {}

  has(sourceFile: ts.SourceFile): boolean {
    if (this.inPublicFolder(sourceFile.fileName) || this.inMeteorClientFolder(sourceFile.fileName)) return true;
    const imported = sourceFile.statements.flatMap((statement) =>
      ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
    );
    if (imported.some((module) => UI_FRAMEWORK.test(module)) || (BROWSER_GLOBAL.test(sourceFile.text) && usesBrowserGlobal(sourceFile))) return true;
    const importsNode = imported.some(isNodeBuiltin);
    if (isJsxFile(sourceFile.fileName) && !importsNode) return true;
    return !importsNode && this.isBrowserApp(path.dirname(sourceFile.fileName));
  }

  /**
   * What `has` will say of a file, told from its path and text before it is parsed: true only
   * where it certainly says yes (a file under `public/`, a JSX file whose text quotes no name of
   * a Node module). A file's own facts only, so the pre-filter's verdict stays one of its text.
   */
  hasByText(filePath: string, text: string): boolean {
    return this.inPublicFolder(filePath) || (isJsxFile(filePath) && !mayImportNodeBuiltin(text));
  }

  private inPublicFolder(filePath: string): boolean {
    const relative = path.relative(this.root, filePath);
    return !relative.startsWith("..") && relative.split(path.sep).includes("public");
  }

  /** Meteor loads a folder named `client` of an app (the folder holding `.meteor`) only in the browser. */
  private inMeteorClientFolder(filePath: string): boolean {
    for (let dir = path.dirname(filePath); dir.length >= this.root.length; dir = path.dirname(dir)) {
      if (this.isMeteorApp(dir)) return path.relative(dir, filePath).split(path.sep).includes("client");
      if (dir === path.dirname(dir)) break;
    }
    return false;
  }

  private isMeteorApp(dir: string): boolean {
    let known = this.meteorApps.get(dir);
    if (known === undefined) {
      known = existsSync(path.join(dir, ".meteor"));
      this.meteorApps.set(dir, known);
    }
    return known;
  }

  /**
   * The file's package (its nearest package.json) is a browser SDK or front end without a UI
   * framework: no file of it (build tooling aside) names a module of Node, some use what only a browser has
   * (`window.`, `navigator.`, `localStorage`), and it depends on no server framework.
   */
  inBrowserPackage(filePath: string): boolean {
    const found = this.manifests.nearest(path.dirname(filePath));
    if (!found) return false;
    let verdict = this.browserPackages.get(found.dir);
    if (verdict === undefined) {
      verdict = this.judgePackage(found.dir, found.manifest);
      this.browserPackages.set(found.dir, verdict);
    }
    if (verdict.read) this.onConsult(verdict.read);
    return verdict.browser;
  }

  private judgePackage(dir: string, manifest: Manifest): PackageVerdict {
    if (dependsOnServer(manifest)) return { browser: false };
    const files = (this.packageFiles().get(dir) ?? []).filter((file) => !TOOL_FILE.test(path.basename(file)));
    const nodeFile = files.find((file) => namedModules(this.text(file) ?? "").some(isNodeBuiltin));
    if (nodeFile) return { browser: false, read: { file: nodeFile } };
    return { browser: files.some((file) => BROWSER_ONLY_ACCESS.test(this.text(file) ?? "")), read: { packageDir: dir } };
  }

  private packageFiles(): Map<string, string[]> {
    if (!this.filesByPackage) {
      this.filesByPackage = new Map();
      for (const file of this.files) {
        const dir = this.manifests.nearest(path.dirname(file))?.dir;
        if (dir === undefined) continue;
        const files = this.filesByPackage.get(dir);
        if (files) files.push(file);
        else this.filesByPackage.set(dir, [file]);
      }
    }
    return this.filesByPackage;
  }

  /** The nearest package.json names a UI framework and no server framework. */
  private isBrowserApp(dir: string): boolean {
    const found = this.manifests.nearest(dir);
    if (!found) return false;
    const known = this.appPackages.get(found.dir);
    if (known !== undefined) return known;
    const answer = UI_PACKAGES.some((name) => dependencyNames(found.manifest).has(name)) && !dependsOnServer(found.manifest);
    this.appPackages.set(found.dir, answer);
    return answer;
  }
}

/**
 * A package's verdict, and what it read besides the manifest: one file naming a Node module, or
 * all of the package; nothing when a server framework among its dependencies decided it.
 */
interface PackageVerdict {
  browser: boolean;
  read?: PackageRead;
}

type PackageRead = { file: string } | { packageDir: string };

function isJsxFile(filePath: string): boolean {
  const extension = path.extname(filePath);
  return extension === ".tsx" || extension === ".jsx";
}

function dependencyNames(manifest: Manifest): Set<string> {
  return new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
}

function dependsOnServer(manifest: Manifest): boolean {
  const names = dependencyNames(manifest);
  return SERVER_PACKAGES.some((name) => names.has(name));
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
