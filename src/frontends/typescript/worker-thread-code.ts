import { ts } from "./ts.cjs";
import { normalizeModule, requiredModule } from "./origin.js";

/** What only a worker thread's script takes from `worker_threads`: its port to the parent, its data. */
const WORKER_SIDE_BINDINGS = new Set(["parentPort", "workerData"]);

/**
 * A worker thread's script: a file that takes `parentPort` or `workerData` from `worker_threads`
 * (by an import, or by destructuring its `require`) and never asks `isMainThread` (a file that
 * does may run as the main script too). An uncaught exception or unhandled rejection there ends
 * the worker thread, not the process: Node emits it as an `"error"` event on the parent's
 * `Worker` object, whose listener unhandled-queue-error checks.
 */
export function runsInWorkerThread(sourceFile: ts.SourceFile): boolean {
  if (!sourceFile.text.includes("worker_threads") || /\bisMainThread\b/.test(sourceFile.text)) return false;
  return sourceFile.statements.some((statement) => workerSideNames(statement).some((name) => WORKER_SIDE_BINDINGS.has(name)));
}

/** The names a top-level statement takes from `worker_threads`. */
function workerSideNames(statement: ts.Statement): string[] {
  if (ts.isImportDeclaration(statement)) {
    const bindings = statement.importClause?.namedBindings;
    const fromWorkerThreads = ts.isStringLiteral(statement.moduleSpecifier) && normalizeModule(statement.moduleSpecifier.text) === "worker_threads";
    return fromWorkerThreads && bindings && ts.isNamedImports(bindings) ? bindings.elements.map((element) => (element.propertyName ?? element.name).text) : [];
  }
  if (!ts.isVariableStatement(statement)) return [];
  return statement.declarationList.declarations.flatMap((declaration) => {
    const required = declaration.initializer && requiredModule(declaration.initializer);
    const fromWorkerThreads = required !== undefined && required.path.length === 0 && normalizeModule(required.module) === "worker_threads";
    if (!fromWorkerThreads || !ts.isObjectBindingPattern(declaration.name)) return [];
    return declaration.name.elements.flatMap((element) => {
      const name = element.propertyName ?? element.name;
      return ts.isIdentifier(name) ? [name.text] : [];
    });
  });
}
