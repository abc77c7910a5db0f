import { ts } from "./ts.cjs";
import { propertyOfObject } from "./exports.js";
import { originOf } from "./origin.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter } from "./syntax.js";

/** winston's calls that make or set up a logger from options: winston 3's `createLogger` and `configure`, winston 2's `new Logger`. */
const LOGGER_MAKERS = new Set(["createLogger", "configure", "Logger"]);
/** Words a file that sets up such a logger names (see mayInstallHandler). */
export const WINSTON_HANDLER_WORDS = ["handleExceptions", "exceptionHandlers"];

/**
 * A winston logger set up to handle uncaught exceptions and not to exit on them:
 * `createLogger({ exitOnError: false, transports: [new transports.File({ handleExceptions: true })] })`,
 * or with `exceptionHandlers: [...]`. winston then listens for `uncaughtException`, logs the
 * error to those transports and, with `exitOnError` false, lets the process go on (its
 * ExceptionHandler, read in 3.x; winston 2 documents the same). With `exitOnError` true, the
 * default, it exits.
 */
export function installsWinstonHandler(node: ts.CallExpression | ts.NewExpression): boolean {
  const origin = originOf(node.expression);
  if (origin.kind !== "module" || origin.module !== "winston" || origin.path.length !== 1 || !LOGGER_MAKERS.has(origin.path[0]!)) return false;
  const options = objectLiteralOf(node.arguments?.[0]);
  if (!options || propertyOfObject(options, "exitOnError")?.kind !== ts.SyntaxKind.FalseKeyword) return false;
  const handlers = propertyOfObject(options, "exceptionHandlers");
  if (handlers && ts.isArrayLiteralExpression(handlers) && handlers.elements.length > 0) return true;
  const transports = propertyOfObject(options, "transports");
  const listed = transports && ts.isArrayLiteralExpression(transports) ? [...transports.elements] : transports && ts.isExpression(transports) ? [transports] : [];
  return listed.some(handlesExceptions);
}

/** `new transports.Console({ handleExceptions: true })`, its options written there or held in a variable. */
function handlesExceptions(transport: ts.Expression): boolean {
  const node = skipOuter(transport);
  const options = ts.isNewExpression(node) ? objectLiteralOf(node.arguments?.[0]) : undefined;
  return options !== undefined && propertyOfObject(options, "handleExceptions")?.kind === ts.SyntaxKind.TrueKeyword;
}

/** The object literal an expression is, or names: a variable of this file holding one, or a property of one (`options.console`). */
function objectLiteralOf(expression: ts.Node | undefined, hops = 0): ts.ObjectLiteralExpression | undefined {
  if (!expression || hops > 4) return undefined;
  const node = ts.isExpression(expression) ? skipOuter(expression) : expression;
  if (ts.isObjectLiteralExpression(node)) return node;
  if (ts.isIdentifier(node)) {
    const declaration = resolveIdentifier(node);
    return declaration && ts.isVariableDeclaration(declaration) ? objectLiteralOf(declaration.initializer, hops + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(node)) {
    const owner = objectLiteralOf(node.expression, hops + 1);
    return owner && objectLiteralOf(propertyOfObject(owner, node.name.text), hops + 1);
  }
  return undefined;
}
