import { ts } from "./ts.cjs";
import { SERVER_RUNTIME_TYPES } from "./browser-code.js";
import { namedModules } from "./import-graph.js";

/** Modules whose servers run in workerd: a PartyKit party, Cloudflare's partyserver. */
const WORKERD_SERVER_MODULES = new Set(["partykit/server", "partyserver"]);
/** The global types of Cloudflare Workers. */
const WORKERS_TYPES = /^@cloudflare\/workers-types(?:\/|$)/;

/**
 * Code that runs in workerd, Cloudflare Workers' runtime: a file importing a `cloudflare:`
 * module (`cloudflare:workers`, `cloudflare:sockets`), which only workerd provides, or a party
 * server's module (`partykit/server`, `partyserver`), or one whose
 * tsconfig gives it Cloudflare's global types and no Node-like runtime's. workerd logs an
 * uncaught exception or an unhandled rejection (to the inspector, so `wrangler dev` prints it,
 * to Workers Logs and tail workers) and the isolate goes on: no process crashes, so the rules'
 * verdicts, which are Node's, do not hold.
 */
export function runsInWorkerd(sourceFile: ts.SourceFile, options: ts.CompilerOptions): boolean {
  if (namedModules(sourceFile.text).some((specifier) => specifier.startsWith("cloudflare:") || WORKERD_SERVER_MODULES.has(specifier))) return true;
  const types = options.types ?? [];
  return types.some((name) => WORKERS_TYPES.test(name)) && !types.some((name) => SERVER_RUNTIME_TYPES.test(name));
}
