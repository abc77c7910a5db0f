import { existsSync } from "node:fs";
import path from "node:path";
import { ts } from "./ts.cjs";
import { resolveIdentifier } from "./scope.js";
import { flattenAccess } from "./syntax.js";

const HELPER_EXTENSIONS = [".js", ".ts"];

/**
 * The module of a Sails helper a call names: `sails.helpers.utils.sendEmail(...)` (or
 * `.with({...})`) runs the `fn` of `api/helpers/utils/send-email.js` of the Sails app (the
 * folder holding `api/helpers`), which Sails finds by the kebab-case of each name. As a
 * specifier relative to the calling file, for the resolver's loader; undefined when `sails` is
 * not the global or no such file exists.
 */
export function sailsHelperSpecifier(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  const { root, path: names } = flattenAccess(access);
  if (!root || !ts.isIdentifier(root) || root.text !== "sails" || resolveIdentifier(root) !== undefined) return undefined;
  const [helpers, ...rest] = names;
  const helperPath = rest.at(-1) === "with" ? rest.slice(0, -1) : rest;
  if (helpers !== "helpers" || helperPath.length === 0) return undefined;
  const fromDir = path.dirname(access.getSourceFile().fileName);
  const appDir = sailsAppOf(fromDir);
  if (appDir === undefined) return undefined;
  const base = path.join(appDir, "api", "helpers", ...helperPath.map(kebabCase));
  const file = HELPER_EXTENSIONS.map((extension) => base + extension).find(existsSync);
  if (file === undefined) return undefined;
  const relative = path.relative(fromDir, file).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

const appDirs = new Map<string, string | null>();

function sailsAppOf(dir: string): string | undefined {
  let known = appDirs.get(dir);
  if (known === undefined) {
    const parent = path.dirname(dir);
    known = existsSync(path.join(dir, "api", "helpers")) ? dir : parent === dir ? null : (sailsAppOf(parent) ?? null);
    appDirs.set(dir, known);
  }
  return known ?? undefined;
}

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
