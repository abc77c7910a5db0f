import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { escapeRegExp } from "./text-scan.js";

const NODE_BUILTINS = new Set(builtinModules);

/** `fs`, `node:fs`: a module of Node itself. */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || NODE_BUILTINS.has(specifier);
}

/** A quoted name of a module of Node (`"fs"`, `'node:path'`), or a quoted text with an escape, which could spell one. */
const NODE_BUILTIN_LITERAL = new RegExp(`["'](?:node:|(?:${[...NODE_BUILTINS].map(escapeRegExp).join("|")})["']|[^"'\\n]*\\\\)`);

/** Whether a file's text may import a module of Node, read without parsing: no import can name one without quoting its name. */
export function mayImportNodeBuiltin(text: string): boolean {
  return NODE_BUILTIN_LITERAL.test(text);
}

/**
 * Module specifiers a file's text names: `from "m"` (imports and re-exports), `import "m"` (for
 * its side effects), `require("m")`, `import("m")`, in any quotes. Read from the text, comments
 * included: naming too many files only costs the cache a re-lint, missing one would reuse stale
 * findings.
 */
const SPECIFIER = /(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport)\s*(?:"([^"\n]+)"|'([^'\n]+)'|`([^`$\n]+)`)/g;

/** The module specifiers a file's text names (see SPECIFIER). */
export function namedModules(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/**
 * The project files a file imports, resolved as the analysis resolves them, and for a relative
 * import that resolves nowhere (a generated folder not made yet) the nearest folder that exists
 * on its way, whose listing changes when the target appears.
 */
export function importedFiles(filePath: string, text: string, resolve: (specifier: string, fromFile: string) => string | undefined): { files: string[]; watches: string[] } {
  const files = new Set<string>();
  const watches = new Set<string>();
  for (const specifier of namedModules(text)) {
    if (isNodeBuiltin(specifier)) continue;
    const target = resolve(specifier, filePath);
    if (target !== undefined && target !== filePath) files.add(target);
    else if (target === undefined && specifier.startsWith(".")) watches.add(nearestFolder(path.resolve(path.dirname(filePath), specifier)));
  }
  return { files: [...files], watches: [...watches] };
}

const LOADABLE_EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json", ".node"];

/**
 * The relative imports of a file that name nothing on disk, with any extension or as a folder's
 * index (`./logger` when there is no logger.ts, logger.js, logger/index.ts...). A `.js` specifier
 * also stands for its `.ts` source.
 */
export function missingRelativeImports(filePath: string, text: string): string[] {
  const missing = new Set<string>();
  for (const specifier of namedModules(text)) {
    if (!specifier.startsWith(".")) continue;
    const target = path.resolve(path.dirname(filePath), specifier);
    const stem = target.replace(/\.(m|c)?jsx?$/, "");
    const exists = [target, stem].some((base) => LOADABLE_EXTENSIONS.some((extension) => existsSync(base + extension) || (extension !== "" && existsSync(path.join(base, `index${extension}`)))));
    if (!exists) missing.add(specifier);
  }
  return [...missing];
}

function nearestFolder(target: string): string {
  let folder = path.dirname(target);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
}
