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
 * Whether a file's text is a webpack config that bundles for a browser: a name like
 * `webpack.config.js` and an object with `target: "web"` (or `"webworker"`,
 * `"electron-renderer"`) written out. The default target is left alone: Google's Node libraries
 * keep a `webpack.config.js` with none that bundles their Node code for a browser build.
 */
export function isWebBundleConfig(filePath: string, text: string): boolean {
  return WEBPACK_CONFIG.test(path.basename(filePath)) && /\btarget\s*:/.test(text) && webEntries(filePath, text).length > 0;
}

/**
 * Files only a web bundle loads: those a webpack config with a browser target (see
 * isWebBundleConfig) reaches from its entries (`entry: { main: "app/client/app" }`, resolved from
 * its package's folder) through project imports, less any that a linted file outside that set
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
      const entries = webEntries(config, this.sources.text(config) ?? "").flatMap((entry) => resolveEntry(packageDir, entry, linted));
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

/** The module names a config's browser-targeted objects give as `entry`: a string, an array, or an object of them (`{ import: "./a" }` too). */
function webEntries(filePath: string, text: string): string[] {
  const sourceFile = ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node) && WEB_TARGETS.has(stringProperty(node, "target") ?? "")) {
      const entry = propertyValue(node, "entry");
      if (entry) found.push(...entryNames(entry));
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
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

/** An entry as webpack finds it from the package's folder: `./src/main`, `app/client/app`, with or without its extension. */
function resolveEntry(packageDir: string, entry: string, linted: ReadonlySet<string>): string[] {
  const base = path.resolve(packageDir, entry);
  const found = ENTRY_EXTENSIONS.map((extension) => base + extension).find((candidate) => linted.has(candidate));
  return found ? [found] : [];
}
