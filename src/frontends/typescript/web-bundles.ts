import path from "node:path";
import { ts } from "./ts.cjs";
import { propertyOfObject } from "./exports.js";
import type { PackageManifests } from "./package-manifests.js";

/** A webpack config's file name: `webpack.config.js`, `webpack.prod.js`, `webpack.api.config.ts`. */
const WEBPACK_CONFIG = /^webpack(?:\.[\w-]+)*\.[cm]?[jt]s$/;
/** Targets whose bundles run in a page or a browser worker, never in Node's process. */
const WEB_TARGETS = new Set(["web", "webworker", "electron-renderer"]);
const ENTRY_EXTENSIONS = ["", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", "/index.ts", "/index.tsx", "/index.js", "/index.jsx"];

export interface WebBundleSources {
  /** The linted files: where configs are looked for, and every importer that counts. */
  files: readonly string[];
  text: (filePath: string) => string | undefined;
  /** The project files a file imports. */
  importsOf: (filePath: string) => readonly string[];
  manifests: PackageManifests;
  /** Told of the package whose every file a verdict read. */
  onConsultPackage?: (packageDir: string) => void;
}

/**
 * Whether a file's text is a webpack config that may bundle for a browser: a name like
 * `webpack.config.js` and an object with an `entry` and `target: "web"` (or `"webworker"`,
 * `"electron-renderer"`), or no target. With no target, webpack's default, only an entry that
 * sets a `window` global makes it a page's bundle (see setsWindowGlobal): Google's Node libraries
 * keep a `webpack.config.js` with none that bundles their Node code for a browser build.
 */
export function isWebBundleConfig(filePath: string, text: string): boolean {
  if (!WEBPACK_CONFIG.test(path.basename(filePath))) return false;
  const { web, untargeted } = configEntries(filePath, text);
  return web.length > 0 || untargeted.length > 0;
}

/**
 * Files only a web bundle loads: those a webpack config with a browser target (see
 * isWebBundleConfig) reaches from its entries (`entry: { main: "app/client/app" }`, resolved from
 * its package's folder or its own) through project imports, less any that a linted file outside that set
 * imports (code shared with the server, and what it imports in turn). They run in a page, where
 * an uncaught error is logged to the console and no Node process ends: grist-core's
 * `app/client`, a client without a UI framework in a package that also holds an Express server.
 */
export class WebBundles {
  private browserOnly: Map<string, string> | undefined;

  constructor(private readonly sources: WebBundleSources) {}

  has(filePath: string): boolean {
    const bundles = this.bundles();
    const packageDir = bundles.get(filePath);
    if (packageDir !== undefined) this.sources.onConsultPackage?.(packageDir);
    return packageDir !== undefined;
  }

  /** Per browser-only file, the folder of the package whose config bundles it. */
  private bundles(): Map<string, string> {
    if (this.browserOnly) return this.browserOnly;
    this.browserOnly = new Map();
    const linted = new Set(this.sources.files);
    for (const config of this.sources.files.filter((file) => WEBPACK_CONFIG.test(path.basename(file)))) {
      const packageDir = this.sources.manifests.nearest(path.dirname(config))?.dir;
      if (packageDir === undefined) continue;
      const { web, untargeted } = configEntries(config, this.sources.text(config) ?? "");
      const resolve = (entry: string) => resolveEntry([packageDir, path.dirname(config)], entry, linted);
      const pageScripts = untargeted.flatMap(resolve).filter((entry) => setsWindowGlobal(entry, this.sources.text(entry) ?? ""));
      const entries = [...web.flatMap(resolve), ...pageScripts];
      for (const file of this.onlyBundled(entries)) this.browserOnly.set(file, packageDir);
    }
    return this.browserOnly;
  }

  /**
   * What the entries reach, less what a file outside it imports, and so on. A file in an entry's
   * folder is the client's own even when no entry reaches it (a module loaded by name, a
   * leftover), so it does not count as outside.
   */
  private onlyBundled(entries: readonly string[]): Set<string> {
    const reached = new Set(entries);
    for (let layer = [...entries]; layer.length > 0; ) {
      layer = layer.flatMap((file) => this.sources.importsOf(file)).filter((file) => !reached.has(file) && reached.add(file));
    }
    const clientFolders = [...new Set(entries.map((entry) => path.dirname(entry) + path.sep))];
    const outside = (file: string) => !reached.has(file) && !clientFolders.some((folder) => file.startsWith(folder));
    for (let changed = true; changed; ) {
      changed = false;
      for (const file of this.sources.files) {
        if (!outside(file)) continue;
        for (const imported of this.sources.importsOf(file)) changed = reached.delete(imported) || changed;
      }
    }
    return reached;
  }
}

/**
 * The module names a config's objects give as `entry` (a string, an array, or an object of them,
 * `{ import: "./a" }` too): those with a browser target, and those with no target, webpack's
 * default, which bundles a Node library as readily as a page's script.
 */
function configEntries(filePath: string, text: string): { web: string[]; untargeted: string[] } {
  const sourceFile = ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, false);
  const found = { web: [] as string[], untargeted: [] as string[] };
  const visit = (node: ts.Node): void => {
    const entry = ts.isObjectLiteralExpression(node) ? propertyValue(node, "entry") : undefined;
    if (entry && ts.isObjectLiteralExpression(node)) {
      const target = propertyValue(node, "target");
      if (!target) found.untargeted.push(...entryNames(entry));
      else if (WEB_TARGETS.has(stringProperty(node, "target") ?? "")) found.web.push(...entryNames(entry));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * An entry that sets a property of `window` as a statement of its module (`window.WAPI = {}`):
 * loading it outside a page throws, so its bundle is a page's script (venom's `wapi.js`, which
 * puppeteer adds to a page), whatever the config's target.
 */
function setsWindowGlobal(filePath: string, text: string): boolean {
  if (!/(?<![\w$.])window\s*[.[]/.test(text)) return false;
  const sourceFile = ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, false);
  return sourceFile.statements.some((statement) => {
    const expression = ts.isExpressionStatement(statement) ? statement.expression : undefined;
    if (!expression || !ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const target = expression.left;
    return (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && ts.isIdentifier(target.expression) && target.expression.text === "window";
  });
}

function entryNames(value: ts.Expression): string[] {
  if (ts.isStringLiteralLike(value)) return [value.text];
  if (ts.isArrayLiteralExpression(value)) return value.elements.flatMap(entryNames);
  if (!ts.isObjectLiteralExpression(value)) return [];
  return value.properties.flatMap((property) => {
    if (!ts.isPropertyAssignment(property)) return [];
    const described = ts.isObjectLiteralExpression(property.initializer) ? propertyValue(property.initializer, "import") : undefined;
    return entryNames(described ?? property.initializer);
  });
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const value = propertyOfObject(object, name);
  return value && ts.isExpression(value) ? value : undefined;
}

function stringProperty(object: ts.ObjectLiteralExpression, name: string): string | undefined {
  const value = propertyValue(object, name);
  return value && ts.isStringLiteralLike(value) ? value.text : undefined;
}

/**
 * An entry as webpack finds it from the folder it runs in, the package's (`./src/main`,
 * `app/client/app`) or the config's (`cd src/lib/wapi && webpack`), with or without its extension.
 */
function resolveEntry(folders: readonly string[], entry: string, linted: ReadonlySet<string>): string[] {
  const candidates = folders.flatMap((folder) => ENTRY_EXTENSIONS.map((extension) => path.resolve(folder, entry) + extension));
  const found = candidates.find((candidate) => linted.has(candidate));
  return found ? [found] : [];
}
