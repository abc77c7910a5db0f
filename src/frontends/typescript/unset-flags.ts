import { ts } from "./ts.cjs";
import { assignedInConstructor, fieldOf } from "./classes.js";
import type { FunctionResolver } from "./resolver.js";
import { skipOuter } from "./syntax.js";

/** How often the workspace may set a property of this name to anything but `false`: writes, object keys, quoted names. */
export type PropertyWrites = (name: string, fromFile: string) => number;

/**
 * The value of a condition that reads a flag no code sets: `if (common.read_dummy_data)` where
 * the project class of `common` declares `read_dummy_data = false` (or its constructor sets it
 * to `false`, as compiled code does), and no file of the workspace sets a property of that name
 * to anything but `false`, names it as an object key (`Object.assign(common, { read_dummy_data:
 * true })`) or quotes it (a loader setting `common[key]`). The branch it guards never runs. Also
 * `!common.read_dummy_data`.
 */
export function unsetFlagValue(condition: ts.Expression, resolver: FunctionResolver, writes: PropertyWrites): { value: boolean } | undefined {
  const node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = unsetFlagValue(node.operand, resolver, writes);
    return operand && { value: !operand.value };
  }
  if (!ts.isPropertyAccessExpression(node) || ts.isPrivateIdentifier(node.name)) return undefined;
  const owner = resolver.instanceClassOf(node.expression);
  const name = node.name.text;
  const field = owner && fieldOf(owner, name);
  // A decorated class (a component whose template may set the field) or field is set by its framework.
  if (!owner || !field || !ts.isPropertyDeclaration(field) || ts.getDecorators(field)?.length || ts.getDecorators(owner)?.length) return undefined;
  const startsFalse = isFalse(field.initializer) || (field.initializer === undefined && isFalse(assignedInConstructor(owner, name)));
  return startsFalse && writes(name, owner.getSourceFile().fileName) === 0 ? { value: false } : undefined;
}

function isFalse(expression: ts.Expression | undefined): boolean {
  return expression !== undefined && skipOuter(expression).kind === ts.SyntaxKind.FalseKeyword;
}

/**
 * Counts how many places of a text may set a property `name` to something else than `false`: `x.name =
 * ...` (and `+=`, `||=`, `++`...), a field or variable of that name given a value, `name:` (an
 * object key; `name: boolean` is a type), `{ name }` shorthand, `[x.name] = ...`, `"name"` quoted.
 */
export function propertyWriteCounter(name: string): (text: string) => number {
  const word = name.replace(/[$]/g, "\\$");
  const setsOtherThanFalse = `=(?!=|>|\\s*false\\s*(?:[;,)}\\]]|$))`;
  const pattern = new RegExp(
    [
      // `x.flag = true`, `x.flag! = v`, and a field or variable of that name given a value (a subclass's `flag = true`)
      `(?<![\\w$])${word}\\s*!?\\s*(?::\\s*boolean\\s*)?${setsOtherThanFalse}`,
      `\\.\\s*${word}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)=`,
      `\\.\\s*${word}\\s*(?:\\+\\+|--)`,
      `(?:\\+\\+|--)\\s*[\\w$.]*\\.${word}\\b`,
      // an object key (`{ flag: true }`, also a destructuring target), a shorthand, a quoted name
      `(?<![\\w$.])${word}\\s*:(?!\\s*boolean\\b)`,
      `[{,]\\s*${word}\\s*[,}]`,
      `\\.\\s*${word}\\s*[\\],}]`,
      `["'\`]${word}["'\`]`,
    ].join("|"),
    "gm",
  );
  return (text) => (text.includes(name) ? (text.match(pattern)?.length ?? 0) : 0);
}
