import { ts } from "../ts.cjs";
import type { FixSettings } from "../../../core/fix.js";

const CATCH_NAMES = ["error", "err", "caughtError", "taskError"];

/** Every name written inside `node` (not property names: `console.error` uses `console` only); a catch variable must shadow none. */
export function namesUsedIn(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (child: ts.Node): void => {
    const parent = child.parent;
    const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === child) || (ts.isPropertyAssignment(parent) && parent.name === child);
    if (ts.isIdentifier(child) && !isPropertyName) names.add(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/** A name for the caught value that hides nothing the wrapped code or the handler uses. */
export function catchVariableName(used: ReadonlySet<string>, settings: FixSettings): string {
  const handlerNames = new Set(settings.handler.replaceAll("$error", "").match(/(?<![.\w$])[A-Za-z_$][\w$]*/g) ?? []);
  for (const name of CATCH_NAMES) {
    if (!used.has(name) && !handlerNames.has(name)) return name;
  }
  for (let suffix = 2; ; suffix++) {
    const name = `error${suffix}`;
    if (!used.has(name) && !handlerNames.has(name)) return name;
  }
}

/** The handler's lines with `$error` replaced, each starting with `indent`. */
export function handlerLines(settings: FixSettings, errorName: string, indent: string): string[] {
  return settings.handler
    .replaceAll("$error", errorName)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => indent + line);
}
