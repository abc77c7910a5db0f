import { ts } from "./ts.cjs";
import type { FunctionResolver } from "./resolver.js";
import { IN_MEMORY_ADAPTER_CALLS } from "./safe-calls.js";
import { skipOuter } from "./syntax.js";
import { connectingServer, isSocketIoServer } from "./socket-io.js";

/**
 * `io.in(room).fetchSockets()`, or `socket.leave(room)` on a socket a connection listener of
 * `io` was given, where `io` is a socket.io server and the file's package depends on no adapter
 * package: the in-memory adapter answers, and does not reject (see IN_MEMORY_ADAPTER_CALLS).
 */
export function answersFromInMemoryAdapter(
  method: string,
  receiver: ts.Expression,
  resolver: FunctionResolver,
  dependencies: (filePath: string) => ReadonlySet<string> | undefined,
): boolean {
  const server = IN_MEMORY_ADAPTER_CALLS.methods.includes(method) ? receiver : IN_MEMORY_ADAPTER_CALLS.socketMethods.includes(method) ? connectingServer(receiver) : undefined;
  if (!server || !isSocketIoServer(selectedServer(server), resolver)) return false;
  const listed = dependencies(receiver.getSourceFile().fileName);
  return listed !== undefined && ![...listed].some((name) => IN_MEMORY_ADAPTER_CALLS.adapterPackage.test(name));
}

/** The server under a selection of its sockets: `io` of `io.of("/chat").in(room)`. */
function selectedServer(receiver: ts.Expression): ts.Expression {
  let server = skipOuter(receiver);
  for (;;) {
    const selector = ts.isCallExpression(server) ? skipOuter(server.expression) : server;
    if (!ts.isPropertyAccessExpression(selector) || !IN_MEMORY_ADAPTER_CALLS.selectors.includes(selector.name.text)) return server;
    server = skipOuter(selector.expression);
  }
}
