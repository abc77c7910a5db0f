import { ts } from "./ts.cjs";
import { constructorStoredValue, staticFieldDeclaration, thisFieldDeclaration } from "./classes.js";
import { originOf } from "./origin.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter } from "./syntax.js";
import { LOGGING_MODULES, type ValueKind } from "./safe-calls.js";

const KIND_BY_CLASS: Record<string, ValueKind> = {
  Map: "map",
  WeakMap: "map",
  ReadonlyMap: "map",
  Set: "set",
  WeakSet: "set",
  ReadonlySet: "set",
  Array: "array",
  ReadonlyArray: "array",
};

const ARRAY_MAKING_METHODS = new Set(["filter", "map", "flatMap", "slice", "concat", "flat", "sort", "reverse", "toSorted", "toReversed"]);
const TIMER_TYPES = new Set(["NodeJS.Timeout", "NodeJS.Timer", "NodeJS.Immediate", "Timeout", "Immediate"]);
const TIMER_FUNCTIONS = new Set(["setTimeout", "setInterval", "setImmediate"]);

/**
 * What kind of value a receiver holds, when the code shows it: a variable or class field
 * initialised with `new Map()`, `[]`, `new Blob(parts)` or `setTimeout(...)`, or declared with
 * such a type (not `Blob`).
 */
export function valueKindOf(receiver: ts.Expression): ValueKind | undefined {
  const node = skipOuter(receiver);
  if (ts.isNewExpression(node) && !node.arguments?.length && isGlobal(node.expression, "Date")) return "date";
  if (ts.isNewExpression(node) && isBlobClass(node.expression)) return "blob";
  if (ts.isCallExpression(node)) return isArrayMade(node) ? "array" : undefined;
  const declaration = declarationOfReceiver(node);
  if (!declaration) return undefined;
  return (declaration.type && kindOfType(declaration.type)) || (declaration.initializer && kindOfValue(declaration.initializer));
}

type Declared = { type?: ts.TypeNode | undefined; initializer?: ts.Expression | undefined };

function declarationOfReceiver(receiver: ts.Expression): Declared | undefined {
  if (ts.isIdentifier(receiver)) {
    const declaration = resolveIdentifier(receiver);
    if (declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration))) return declaration;
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(receiver)) return undefined;
  const owner = ts.isIdentifier(receiver.expression) ? resolveIdentifier(receiver.expression) : undefined;
  if (owner && ts.isClassDeclaration(owner)) return staticFieldDeclaration(receiver, owner);
  const field = thisFieldDeclaration(receiver);
  const stored = field ? undefined : constructorStoredValue(receiver);
  return stored ? { initializer: stored } : field;
}

/** Globals that return a new array; awaited, `Promise.all` and `Promise.allSettled` give one too. */
const ARRAY_MAKING_GLOBALS = ["Array.from", "Array.of", "Object.keys", "Object.values", "Object.entries"];
const ARRAY_SETTLING_GLOBALS = ["Promise.all", "Promise.allSettled"];

/** `Array.from(set)`, and `items.filter(Boolean).sort()` on an array the code shows: a new array. */
function isArrayMade(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  if (ARRAY_MAKING_GLOBALS.some((name) => isGlobal(callee, name))) return true;
  return ts.isPropertyAccessExpression(callee) && ARRAY_MAKING_METHODS.has(callee.name.text) && valueKindOf(callee.expression) === "array";
}

/** The global `Blob`, or `node:buffer`'s, which is the same class. */
function isBlobClass(expression: ts.Expression): boolean {
  const origin = originOf(expression);
  if (origin.kind === "global") return origin.path.join(".") === "Blob";
  return origin.kind === "module" && origin.module === "buffer" && origin.path.join(".") === "Blob";
}

function isGlobal(expression: ts.Expression, name: string): boolean {
  const origin = originOf(expression);
  return origin.kind === "global" && origin.path.join(".") === name;
}

function kindOfValue(initializer: ts.Expression): ValueKind | undefined {
  const value = skipOuter(initializer);
  if (ts.isArrayLiteralExpression(value)) return "array";
  if (ts.isCallExpression(value) && isArrayMade(value)) return "array";
  // `const matches = await Promise.all(items.map(check))`.
  const awaited = ts.isAwaitExpression(value) ? skipOuter(value.expression) : undefined;
  if (awaited && ts.isCallExpression(awaited) && ARRAY_SETTLING_GLOBALS.some((name) => isGlobal(skipOuter(awaited.expression), name))) return "array";
  if ((ts.isNewExpression(value) || ts.isCallExpression(value)) && isFromLoggingLibrary(value.expression)) return "logger";
  if (ts.isNewExpression(value) && ts.isIdentifier(value.expression)) {
    // Only a Blob made here is known to hold its bytes in memory (`fs.openAsBlob()` reads a file).
    if (isBlobClass(value.expression)) return "blob";
    const origin = originOf(value.expression);
    return origin.kind === "global" ? KIND_BY_CLASS[origin.path.join(".")] : undefined;
  }
  if (ts.isCallExpression(value)) {
    const origin = originOf(value.expression);
    const name = origin.kind === "global" || (origin.kind === "module" && origin.module === "timers") ? origin.path.join(".") : "";
    return TIMER_FUNCTIONS.has(name) ? "timer" : undefined;
  }
  return undefined;
}

function kindOfType(type: ts.TypeNode): ValueKind | undefined {
  if (ts.isArrayTypeNode(type)) return "array";
  if (ts.isTypeOperatorNode(type)) return kindOfType(type.type);
  if (ts.isUnionTypeNode(type)) {
    const kinds = new Set(
      type.types
        .filter((member) => !isNullish(member))
        .map((member) => kindOfType(member)),
    );
    return kinds.size === 1 ? [...kinds][0] : undefined;
  }
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const name = entityName(type.typeName);
  if (TIMER_TYPES.has(name)) return "timer";
  if (isFromLoggingLibrary(type.typeName)) return "logger";
  if (name === "ReturnType" && type.typeArguments?.length === 1) {
    const argument = type.typeArguments[0]!;
    if (ts.isTypeQueryNode(argument) && TIMER_FUNCTIONS.has(entityName(argument.exprName))) return "timer";
  }
  return KIND_BY_CLASS[name];
}

/**
 * `new Logger()` from @nestjs/common, `pino()`, `winston.createLogger()`, `require("debug")("app")`,
 * a `Logger` type imported from one of them.
 */
function isFromLoggingLibrary(name: ts.Expression | ts.EntityName): boolean {
  let root: ts.Node = name;
  while (ts.isQualifiedName(root)) root = root.left;
  const origin = ts.isIdentifier(root) || ts.isPropertyAccessExpression(root) || ts.isCallExpression(root) ? originOf(root as ts.Expression) : undefined;
  return origin?.kind === "module" && LOGGING_MODULES.includes(origin.module);
}

function isNullish(type: ts.TypeNode): boolean {
  return (
    type.kind === ts.SyntaxKind.UndefinedKeyword ||
    (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

function entityName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : `${entityName(name.left)}.${name.right.text}`;
}
