import { existsSync } from "node:fs";
import path from "node:path";
import { ts } from "./ts.cjs";
import { isNodeBuiltin, mayImportNodeBuiltin, namedModules } from "./import-graph.js";
import type { Manifest, PackageManifests } from "./package-manifests.js";
import { resolveIdentifier } from "./scope.js";
import { firstDescendant } from "./syntax.js";

const UI_FRAMEWORK = /^(react|react-dom|react-native|react-native-(?!dotenv)[a-z0-9-]+|@react-native-community\/(?!cli)[a-z0-9-]+|expo|expo-[a-z0-9-]+|preact|solid-js|vue|svelte|@angular\/core|lit|@remix-run\/react|next\/(link|navigation|router|image)|prosemirror-[a-z]+|@tiptap\/[a-z-]+|@codemirror\/view|@floating-ui\/dom|@popperjs\/core|mobx-react(-lite)?)(\/|$)/;
/** A stylesheet, which only a bundler for a page can import (`import Style from "./style.css"`). */
const STYLESHEET = /\.(?:css|scss|sass|less|styl)(?:\?[\w=&-]*)?$/;
/** An import declaration's module, read from text: `import x from "m"`, `import "m"`, at a line's start. */
const IMPORT_DECLARATION = /^[ \t]*import\s+(?:[\w$*{][^'";]*?\sfrom\s*)?["']([^"'\n]+)["']/gm;
/** Globals only a browser has, `chrome` being a browser extension's API (`typeof window` guards of shared code do not count). */
const BROWSER_GLOBAL = /(?<![\w$.])(window|document|navigator|localStorage|sessionStorage|indexedDB|chrome)\b/;
/** Uses only a browser has, read from text; `document` is left out, a common name for a database record. */
const BROWSER_ONLY_ACCESS = /(?<![\w$.])(?:window|navigator|localStorage|sessionStorage)\s*\./;
/**
 * A listener for a service worker's own events on its global scope: only a browser fires them (a
 * Cloudflare worker written in the service-worker format has `fetch`, `scheduled` and `queue`).
 */
/** Global types a bundler gives the code it bundles for a page. */
const BUNDLER_CLIENT_TYPES = /^(?:vite\/client|webpack-env|@types\/webpack-env|[\w@./-]+\/client)$/;
/** Global types of a server runtime, or of a package that brings Node's. */
export const SERVER_RUNTIME_TYPES = /(?:^|[/@])(?:node|bun|bun-types|deno)(?:\/|$)/;
const SERVICE_WORKER_EVENT = /(?<![\w$.])(?:self\s*\.\s*)?addEventListener\(\s*["'](?:install|activate|push|pushsubscriptionchange|notificationclick|notificationclose|sync|periodicsync|backgroundfetch[a-z]*)["']/;
/** Build and test tooling a package keeps beside its code (`vite.config.ts`, `.eslintrc.cjs`, `vitest.setup.ts`): it runs in Node, the package may not. */
const TOOL_FILE = /^\.|\.config\.[cm]?[jt]s$|\.setup\.[cm]?[jt]s$/;
const BROWSER_GLOBALS = new Set(["window", "document", "navigator", "localStorage", "sessionStorage", "indexedDB", "chrome"]);
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


export interface BrowserCodeSources {
  /** The linted files, and how to read them, for what a whole package does. */
  files: readonly string[];
  text: (filePath: string) => string | undefined;
  /** The compiler options that apply to a file (its nearest tsconfig.json's). */
  compilerOptions: (filePath: string) => ts.CompilerOptions;
  /** Told what a verdict on a whole package read, each time it is given: one file, or all of the package (its folder). */
  onConsult?: (read: PackageRead) => void;
}

/**
 * Tells code that runs in a browser: files importing a UI framework or an editor toolkit (React
 * Native and Expo apps included) or a stylesheet, files using `window.`/`document.`/`navigator.`/`indexedDB.`
 * or a browser extension's `chrome.` API, service workers, files under a `public/` folder or a Meteor app's
 * `client/` folder, JSX files that import nothing from Node, files importing nothing from Node
 * whose tsconfig is a browser's (see `compiledForBrowser`), and every file of a package that
 * depends on a UI framework and on no server framework (a Vue or React single-page app). There an uncaught error or unhandled rejection is
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
    private readonly sources: BrowserCodeSources,
  ) {}

  has(sourceFile: ts.SourceFile): boolean {
    if (this.inPublicFolder(sourceFile.fileName) || this.inMeteorClientFolder(sourceFile.fileName)) return true;
    const imported = sourceFile.statements.flatMap((statement) =>
      ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) ? [statement.moduleSpecifier.text] : [],
    );
    if (imported.some(isBrowserModule) || (BROWSER_GLOBAL.test(sourceFile.text) && usesBrowserGlobal(sourceFile))) return true;
    if (SERVICE_WORKER_EVENT.test(sourceFile.text)) return true;
    if (imported.some(isNodeBuiltin)) return false;
    return isJsxFile(sourceFile.fileName) || compiledForBrowser(this.sources.compilerOptions(sourceFile.fileName)) || this.isBrowserApp(path.dirname(sourceFile.fileName));
  }

  /**
   * What `has` will say of a file, told from its path and text before it is parsed: true only
   * where it certainly says yes (a file under `public/`, a file whose import declarations name a
   * UI framework, a JSX file whose text quotes no name of a Node module). A file's own facts only,
   * so the pre-filter's verdict stays one of its text; and a file it skips is not parsed, so a
   * React file written in syntax only Babel reads (`::this.submit`) is no parse error.
   */
  hasByText(filePath: string, text: string): boolean {
    return this.inPublicFolder(filePath) || importsUiFramework(text) || (isJsxFile(filePath) && !mayImportNodeBuiltin(text));
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
    if (verdict.read) this.sources.onConsult?.(verdict.read);
    return verdict.browser;
  }

  private judgePackage(dir: string, manifest: Manifest): PackageVerdict {
    if (dependsOnServer(manifest)) return { browser: false };
    const files = (this.packageFiles().get(dir) ?? []).filter((file) => !TOOL_FILE.test(path.basename(file)));
    const nodeFile = files.find((file) => namedModules(this.sources.text(file) ?? "").some(isNodeBuiltin));
    if (nodeFile) return { browser: false, read: { file: nodeFile } };
    return { browser: files.some((file) => BROWSER_ONLY_ACCESS.test(this.sources.text(file) ?? "")), read: { packageDir: dir } };
  }

  private packageFiles(): Map<string, string[]> {
    if (!this.filesByPackage) {
      this.filesByPackage = new Map();
      for (const file of this.sources.files) {
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

function importsUiFramework(text: string): boolean {
  return [...text.matchAll(IMPORT_DECLARATION)].some((match) => isBrowserModule(match[1]!));
}

/** A UI framework, an editor toolkit or a stylesheet: what only code for a page imports. */
function isBrowserModule(module: string): boolean {
  return UI_FRAMEWORK.test(module) || STYLESHEET.test(module);
}

function isJsxFile(filePath: string): boolean {
  const extension = path.extname(filePath);
  return extension === ".tsx" || extension === ".jsx";
}

/**
 * A tsconfig that gives its files the DOM's library and, of global types, a bundler's client
 * typings (`vite/client`, `webpack-env`) and no server runtime's (`node`, `bun`,
 * `@react-router/node`): code compiled with it cannot name `process` or `Buffer`, so Node does
 * not run it.
 */
function compiledForBrowser(options: ts.CompilerOptions): boolean {
  const types = options.types ?? [];
  return (
    (options.lib?.some((lib) => /^lib\.dom\./i.test(path.basename(lib))) ?? false) &&
    types.some((name) => BUNDLER_CLIENT_TYPES.test(name)) &&
    !types.some((name) => SERVER_RUNTIME_TYPES.test(name))
  );
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
