import { ts } from "./ts.cjs";
import type { FunctionResolver } from "./resolver.js";
import { IN_MEMORY_ADAPTER_CALLS } from "./safe-calls.js";
import { resolveIdentifier } from "./scope.js";
import { skipOuter } from "./syntax.js";
import { packageClassOf } from "./value-provenance.js";
import { originOf } from "./origin.js";

const SOCKET_IO = "socket.io";

/**
 * Events socket.io's `emit()` refuses, by throwing: its own (read in socket.io 4.8.1,
 * lib/socket.ts and lib/broadcast-operator.ts, RESERVED_EVENTS). Any other name, `"error"` too,
 * is a message to the client.
 */
const RESERVED_EVENTS = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);

/**
 * `socket.emit("error", "Unauthorized")` on the socket a socket.io server's connection listener
 * was given: it sends a message to the client, unlike a Node emitter's `emit("error")`, which
 * throws when nothing listens.
 */
export function sendsToClient(call: ts.CallExpression, resolver: FunctionResolver): boolean {
  const callee = skipOuter(call.expression);
  const [event] = call.arguments;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "emit" || !event || !ts.isStringLiteralLike(event) || RESERVED_EVENTS.has(event.text)) return false;
  const server = connectingServer(callee.expression);
  return server !== undefined && isSocketIoServer(server, resolver);
}

/**
 * A socket.io server: an instance of its `Server` (`new Server(httpServer)`), or what its default
 * export makes (`const io = require("socket.io")(httpServer)`, `socketIo(httpServer)`).
 */
export function isSocketIoServer(expression: ts.Expression, resolver: FunctionResolver): boolean {
  if (packageClassOf(expression, resolver) === IN_MEMORY_ADAPTER_CALLS.server) return true;
  const node = skipOuter(expression);
  const declaration = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  const made = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipOuter(declaration.initializer) : undefined;
  if (!made || !ts.isCallExpression(made)) return false;
  const origin = originOf(made.expression);
  return origin.kind === "module" && origin.module === SOCKET_IO && origin.path.length === 0;
}

/**
 * For the socket a connection listener is given (`io.on("connection", (socket) => ...)`), the
 * expression it was registered on (`io`); else undefined.
 */
export function connectingServer(receiver: ts.Expression): ts.Expression | undefined {
  const node = skipOuter(receiver);
  const parameter = ts.isIdentifier(node) ? resolveIdentifier(node) : undefined;
  const listener = parameter && ts.isParameter(parameter) && parameter.parent.parameters[0] === parameter ? parameter.parent : undefined;
  const registration = listener?.parent;
  if (!registration || !ts.isCallExpression(registration) || registration.arguments[1] !== listener) return undefined;
  const [event] = registration.arguments;
  const on = skipOuter(registration.expression);
  const isConnection = event !== undefined && ts.isStringLiteralLike(event) && IN_MEMORY_ADAPTER_CALLS.connectionEvents.includes(event.text);
  return isConnection && ts.isPropertyAccessExpression(on) && on.name.text === "on" ? on.expression : undefined;
}
