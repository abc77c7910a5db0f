import path from "node:path";
import { ts } from "./ts.cjs";
import { dependsOn, type Manifest, type PackageManifests } from "./package-manifests.js";
import type { FunctionResolver } from "./resolver.js";
import { originOf } from "./origin.js";
import { accessedName, isFunctionNode, skipOuter, statementsOf } from "./syntax.js";
import { endsOnItsPath } from "./termination-listeners.js";
import { neverRunsInProduction, valueInProduction } from "./development-only.js";
import { isLoggingCall } from "./callee-facts.js";
import { isMainEntry, runsOnItsOwn } from "./package-scripts.js";
import { installsWinstonHandler, WINSTON_HANDLER_WORDS } from "./winston-handlers.js";

const EVENTS = ["unhandledRejection", "uncaughtException"] as const;
export type ProcessEvent = (typeof EVENTS)[number];
/**
 * Calls of packages that install both handlers and keep the process running (they log and may
 * show a dialog): electron-log's `catchErrors()` (v4) and `errorHandler.startCatching()` (v5),
 * electron-unhandled's default export. As "module:export path".
 */
const HANDLER_INSTALLERS = new Set(["electron-log:catchErrors", "electron-log/main:catchErrors", "electron-log:errorHandler.startCatching", "electron-log/main:errorHandler.startCatching", "electron-unhandled:"]);
const INSTALLER_WORDS = ["catchErrors", "startCatching", "electron-unhandled"];
/**
 * The same calls on a logger the project re-exports (`import { logger as log } from
 * "@acme/desktop-core"; log.catchErrors()`), in a package that depends on electron-log.
 */
const WRAPPED_INSTALLERS = new Set(["catchErrors", "errorHandler.startCatching"]);

/** A winston logger that handles uncaught exceptions and does not exit (see installsWinstonHandler); rejections reach it as uncaught exceptions. */
const WINSTON_REGISTRATION = { events: ["uncaughtException"] as const, ends: undefined };

/** Runtimes whose package runs in several processes: Electron's main process and its renderers (see endsProcessOf). */
const MULTI_PROCESS_RUNTIMES = ["electron"];

/** How many imports away a module that installs a handler still counts for a file. */
const IMPORT_DEPTH = 3;

const CONSOLE_PRINTERS = new Set(["error", "warn", "log", "info", "debug", "trace"]);

/** `once` handlers do not count: the second rejection finds no handler and crashes. */
const REGISTRATIONS = new Set(["on", "addListener", "prependListener"]);

/**
 * How a handler ends the process: it calls `process.exit()`, or it throws. A throw from an
 * `unhandledRejection` handler becomes an uncaught exception, which an `uncaughtException`
 * handler that keeps running then logs; a throw from that handler is fatal.
 */
type Ending = "exits" | "throws";

/**
 * A package's process-wide handlers: those that keep the process running, and the events that
 * some handler answers by ending it (Node calls every listener), "exits" winning over "throws".
 */
interface PackageHandlers {
  keepRunning: Partial<Record<ProcessEvent, ProcessHandler>>;
  /** Every handler that keeps running, one per file and event: which one covers a file depends on the process (see rejectionAsException, enclosingHandler). */
  installed?: Partial<Record<ProcessEvent, ProcessHandler[]>>;
  ending: Map<ProcessEvent, Ending>;
  /** The files that install the handlers that end the process, by event. */
  endingFiles?: Map<ProcessEvent, string[]>;
}

/** Where a package installs a process-wide handler that keeps the process running. */
export interface ProcessHandler {
  file: string;
  line: number;
  /** Who installs it, when not the code at that line: a server the package runs. */
  by?: string;
  /** Who drops the errors, when the handler does nothing with them: the error is lost, not logged. */
  drops?: string;
}

export interface ProcessHandlerSources {
  /** The linted files: where a package's own handlers are looked for. */
  files: readonly string[];
  sourceFile: (filePath: string) => ts.SourceFile | undefined;
  /** Whether a file's text names a process event or an installer (see `mayInstallHandler`). */
  mayInstall: (filePath: string) => boolean;
  resolver: FunctionResolver;
  manifests: PackageManifests;
  /** The project files a file imports. */
  importsOf?: (filePath: string) => readonly string[];
  /** Told of the files a verdict read, each time it is given. */
  onConsult?: (files: readonly string[]) => void;
  /** The handler a server the file's package runs, or a package it loads, installs (see ServerHandlers). */
  serverHandler?: (filePath: string, event: ProcessEvent) => ProcessHandler | undefined;
  /** The monorepo's packages, as `name folder` (see WorkspacePackages.list). */
  workspacePackages?: (dir: string) => readonly string[];
  /** Told of the packages whose every file a verdict read. */
  onConsultPackage?: (packageDir: string) => void;
}

/**
 * The process-wide handlers each package of the project installs:
 * `process.on("unhandledRejection", (reason) => logger.error(...))`. Such a handler logs what
 * would otherwise crash the process, so a rejection (or an uncaught exception) in that package
 * is neither a crash nor lost. A handler that ends the process (`process.exit()`, a rethrow)
 * is the crash by another name and does not count. Found by a text search of the linted files,
 * parsing only those that name the event.
 */
export class ProcessHandlers {
  private byPackage: Map<string, PackageHandlers> | undefined;
  private readonly byFile = new Map<string, PackageHandlers>();
  /** Per file installing an `uncaughtException` handler, the project files it loads (see loads). */
  private readonly loadedBy = new Map<string, Set<string>>();
  /** Per `uncaughtException` handler, the same handler as rejections find it (one object, so that --debug names it once). */
  private readonly rejectionHandlers = new WeakMap<ProcessHandler, ProcessHandler>();
  private readonly appsByPackage = new Map<string, readonly string[]>();

  constructor(private readonly sources: ProcessHandlerSources) {}

  /**
   * The handler for `event` installed in the package of `filePath`, or else by a module it
   * imports (within a few imports: `import { logger } from "@acme/logger"`, whose module installs
   * one when loaded), or by a server the package runs, if any.
   */
  handlerFor(filePath: string, event: ProcessEvent): ProcessHandler | undefined {
    const handlers = this.handlers().get(this.packageDir(path.dirname(filePath)));
    if (handlers?.ending.has(event) && this.endsProcessOf(handlers, event, filePath)) return survivor(handlers, event);
    return (
      handlers?.keepRunning[event] ??
      this.importedHandler(filePath, event) ??
      this.sources.serverHandler?.(filePath, event) ??
      this.appsHandler(filePath, event) ??
      this.rejectionAsException(handlers, event, filePath) ??
      this.enclosingHandler(filePath, event)
    );
  }

  /**
   * A package nested in the folder of another, whose file that installs a handler loads it,
   * runs in that file's process: Gladys keeps a package.json per service
   * (`server/services/tuya/package.json`, for its dependencies), and the server's entry point,
   * which installs the handlers, requires every service. Not a nested package that runs itself
   * (a command or a start script).
   */
  private enclosingHandler(filePath: string, event: ProcessEvent): ProcessHandler | undefined {
    const own = this.sources.manifests.nearest(path.dirname(filePath));
    if (!own || runsItself(own.manifest)) return undefined;
    for (let outer = own.dir, next = this.packageDir(path.dirname(outer)); next !== outer; outer = next, next = this.packageDir(path.dirname(outer))) {
      const handlers = this.handlers().get(next);
      if (handlers?.ending.has(event)) return undefined;
      const found = (handlers?.installed?.[event] ?? []).find((handler) => this.loads(handler.file, filePath));
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Whether the package's handler that ends the process on `event` runs in the process of
   * `filePath`. An Electron app runs its main entry's modules in the main process and its pages'
   * in renderer processes, which the main process's `process.on(...)` does not reach: there only
   * a handler whose file loads the file, or is loaded by it, counts. Elsewhere the package is one
   * process.
   */
  private endsProcessOf(handlers: PackageHandlers, event: ProcessEvent, filePath: string): boolean {
    const manifest = this.sources.manifests.nearest(path.dirname(filePath))?.manifest;
    if (!manifest || !MULTI_PROCESS_RUNTIMES.some((runtime) => dependsOn(manifest, runtime))) return true;
    return (handlers.endingFiles?.get(event) ?? []).some((file) => this.loads(file, filePath) || this.loads(filePath, file));
  }

  /**
   * With no `unhandledRejection` listener, Node (15 and later) raises an unhandled rejection as
   * an uncaught exception: a package's `uncaughtException` handler that keeps running logs it
   * too, in the process it is installed in: the file that installs it, one it imports, or one that
   * imports it (an entry point's handler covers the modules it loads, and a module that loads the
   * handler's module installs it; not a worker entry point's siblings). The package's main entry
   * (what `start` or `node .` runs) covers, imported or not, every module of the package that is
   * no script of its own (see mainEntryCovers): a framework loads a bot's commands and listeners
   * by reading their folders (discord-tickets' `src/index.js`).
   */
  private rejectionAsException(handlers: PackageHandlers | undefined, event: ProcessEvent, filePath: string): ProcessHandler | undefined {
    if (!handlers || event !== "unhandledRejection" || handlers.ending.has("uncaughtException")) return undefined;
    const handler = (handlers.installed?.uncaughtException ?? []).find((each) => this.loads(each.file, filePath) || this.loads(filePath, each.file) || this.mainEntryCovers(each.file, filePath));
    if (!handler) return undefined;
    let asRejections = this.rejectionHandlers.get(handler);
    if (!asRejections) {
      asRejections = { ...handler, by: `its uncaughtException handler (line ${handler.line}), which Node gives a rejection when nothing listens for unhandledRejection` };
      this.rejectionHandlers.set(handler, asRejections);
    }
    return asRejections;
  }

  /**
   * Whether `entry` is its package's main entry, and `filePath` a module of that package that
   * runs in its process: not one a script or command runs, nor one whose top level runs code (a
   * script run by hand, `node scripts/check_docs.mjs`).
   */
  private mainEntryCovers(entry: string, filePath: string): boolean {
    const nearest = this.sources.manifests.nearest(path.dirname(filePath));
    if (!nearest || nearest.dir !== this.sources.manifests.nearest(path.dirname(entry))?.dir) return false;
    if (!isMainEntry(nearest, entry) || runsOnItsOwn(nearest, filePath)) return false;
    const sourceFile = this.sources.sourceFile(filePath);
    return sourceFile !== undefined && !runsCodeWhenLoaded(sourceFile);
  }

  /** Whether `entry` imports `filePath`, directly or through project modules. */
  private loads(entry: string, filePath: string): boolean {
    let reached = this.loadedBy.get(entry);
    if (!reached) {
      reached = new Set([entry]);
      for (let layer = [entry]; layer.length > 0; ) {
        layer = layer.flatMap((file) => this.sources.importsOf?.(file) ?? []).filter((file) => !reached!.has(file) && reached!.add(file));
      }
      this.loadedBy.set(entry, reached);
    }
    this.sources.onConsult?.([...reached]);
    return reached.has(filePath);
  }

  /**
   * A private package of a monorepo with no command or start script of its own runs only inside
   * the apps that depend on it (see appsRunning). When every one of them has a handler that logs
   * the event and goes on (its own, or its server's), so does the package's code (`packages/db`,
   * used by `apps/api` and `apps/worker`, which both install one).
   */
  private appsHandler(filePath: string, event: ProcessEvent): ProcessHandler | undefined {
    const own = this.sources.manifests.nearest(path.dirname(filePath));
    if (!own?.manifest.private || !own.manifest.name || runsItself(own.manifest) || !this.sources.workspacePackages) return undefined;
    const apps = this.appsRunning(own.manifest.name, this.sources.workspacePackages(own.dir));
    if (apps.length === 0) return undefined;
    let first: ProcessHandler | undefined;
    for (const app of apps) {
      this.sources.onConsultPackage?.(app);
      const handlers = this.handlers().get(app);
      const found = handlers?.ending.has(event) ? survivor(handlers, event) : (handlers?.keepRunning[event] ?? this.sources.serverHandler?.(path.join(app, "package.json"), event));
      if (!found || found.drops) return undefined;
      first ??= found;
    }
    return first && { ...first, by: `every app that runs ${own.manifest.name} (${apps.map((app) => path.basename(app)).join(", ")}) has one like it` };
  }

  /**
   * The folders of the packages that run `name`, following its dependents up: those with a
   * command or start script of their own, and those nothing depends on.
   */
  private appsRunning(name: string, listed: readonly string[]): readonly string[] {
    const known = this.appsByPackage.get(name);
    if (known) return known;
    const packages = listed.map((entry) => {
      const dir = entry.slice(entry.indexOf(" ") + 1);
      return { dir, manifest: this.sources.manifests.nearest(dir)?.manifest ?? {} };
    });
    const dependents = (of: string) => packages.filter(({ manifest }) => manifest.dependencies !== undefined && of in manifest.dependencies);
    const apps = new Set<string>();
    const seen = new Set([name]);
    const queue = [name];
    while (queue.length > 0) {
      const next = dependents(queue.shift()!);
      for (const found of next) {
        const foundName = found.manifest.name;
        if (foundName === undefined || seen.has(foundName)) continue;
        seen.add(foundName);
        if (runsItself(found.manifest) || dependents(foundName).length === 0) apps.add(found.dir);
        queue.push(foundName);
      }
    }
    this.appsByPackage.set(name, [...apps]);
    return [...apps];
  }

  private importedHandler(filePath: string, event: ProcessEvent): ProcessHandler | undefined {
    const seen = new Set([filePath]);
    let layer = [filePath];
    let found: ProcessHandler | undefined;
    for (let depth = 0; depth < IMPORT_DEPTH && layer.length > 0 && !found; depth++) {
      layer = layer.flatMap((file) => (this.sources.importsOf?.(file) ?? [])).filter((file) => !seen.has(file) && seen.add(file));
      for (const file of layer) {
        const handlers = this.handlersOfFile(file);
        found ??= handlers.ending.has(event) ? survivor(handlers, event) : handlers.keepRunning[event];
      }
    }
    this.sources.onConsult?.([...seen]);
    return found;
  }

  /** The handlers a file installs; its text is parsed only when it names a process event or an installer. */
  private handlersOfFile(filePath: string): PackageHandlers {
    let handlers = this.byFile.get(filePath);
    if (!handlers) {
      const sourceFile = this.sources.mayInstall(filePath) ? this.sources.sourceFile(filePath) : undefined;
      handlers = sourceFile ? this.collect(sourceFile) : { keepRunning: {}, ending: new Map() };
      this.byFile.set(filePath, handlers);
    }
    return handlers;
  }

  /** Each package's handlers: those of its linted files, the first registration of an event kept. */
  private handlers(): Map<string, PackageHandlers> {
    if (this.byPackage) return this.byPackage;
    this.byPackage = new Map();
    for (const file of this.sources.files) {
      const { keepRunning, ending } = this.handlersOfFile(file);
      if (ending.size === 0 && Object.keys(keepRunning).length === 0) continue;
      const dir = this.packageDir(path.dirname(file));
      const handlers: PackageHandlers = this.byPackage.get(dir) ?? { keepRunning: {}, ending: new Map() };
      for (const [event, how] of ending) {
        addEnding(handlers, event, how);
        const endingFiles = (handlers.endingFiles ??= new Map());
        endingFiles.set(event, [...(endingFiles.get(event) ?? []), file]);
      }
      for (const event of EVENTS) {
        handlers.keepRunning[event] ??= keepRunning[event];
        if (keepRunning[event]) ((handlers.installed ??= {})[event] ??= []).push(keepRunning[event]);
      }
      this.byPackage.set(dir, handlers);
    }
    return this.byPackage;
  }

  /** The registrations of one file. */
  private collect(sourceFile: ts.SourceFile): PackageHandlers {
    const handlers: PackageHandlers = { keepRunning: {}, ending: new Map() };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const registration = this.installsHandlers(node, sourceFile) ? { events: EVENTS, ends: undefined } : installsWinstonHandler(node) ? WINSTON_REGISTRATION : ts.isCallExpression(node) ? this.registration(node) : undefined;
        if (registration) {
          const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
          for (const event of registration.events) {
            if (registration.ends) addEnding(handlers, event, registration.ends);
            else handlers.keepRunning[event] ??= { file: sourceFile.fileName, line };
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return handlers;
  }

  /** A call of electron-log or electron-unhandled that installs both handlers. */
  private installsHandlers(call: ts.CallExpression | ts.NewExpression, sourceFile: ts.SourceFile): boolean {
    const installer = originOf(call.expression);
    if (installer.kind !== "module") return false;
    const exportPath = installer.path.join(".");
    if (HANDLER_INSTALLERS.has(`${installer.module}:${exportPath}`)) return true;
    const method = [...WRAPPED_INSTALLERS].some((installer) => exportPath === installer || exportPath.endsWith(`.${installer}`));
    const manifest = this.sources.manifests.nearest(path.dirname(sourceFile.fileName))?.manifest;
    return method && manifest !== undefined && dependsOn(manifest, "electron-log");
  }

  /** The event of `process.on("unhandledRejection", handler)`, and how the handler ends the process, if it does. */
  private registration(call: ts.CallExpression): { events: readonly ProcessEvent[]; ends: Ending | undefined } | undefined {
    const method = accessedName(call.expression);
    if (method === undefined || !REGISTRATIONS.has(method)) return undefined;
    const origin = originOf(call.expression);
    if (origin.kind !== "global" || origin.path.join(".") !== `process.${method}`) return undefined;
    const [eventArgument, handlerArgument] = call.arguments;
    const event = eventArgument && ts.isStringLiteralLike(eventArgument) ? EVENTS.find((name) => name === eventArgument.text) : undefined;
    if (event && handlerArgument && isConsoleMethod(handlerArgument)) return { events: [event], ends: undefined };
    const handler = handlerArgument && this.sources.resolver.functionOf(handlerArgument);
    if (!event || !handler) return undefined;
    // `process.on("uncaughtException", (err) => { log(err); shutdown(1); })` where shutdown exits.
    const ends = endsProcess(handler) ?? (endsOnItsPath(handler, this.sources.resolver) ? "exits" : undefined);
    return { events: [event], ends: ends === "exits" && exitsOnlyInSomeState(handler) ? undefined : ends };
  }

  private packageDir(dir: string): string {
    return packageOf(this.sources.manifests, dir);
  }
}

/** `process.on("unhandledRejection", console.error)`: the console's printing methods log and return. */
function isConsoleMethod(handler: ts.Expression): boolean {
  const origin = originOf(skipOuter(handler));
  return origin.kind === "global" && origin.path.length === 2 && origin.path[0] === "console" && CONSOLE_PRINTERS.has(origin.path[1]!);
}

/** The text names a process event or a handler-installing package: it is parsed to look for handlers. */
export function mayInstallHandler(text: string): boolean {
  return [...EVENTS, ...INSTALLER_WORDS, ...WINSTON_HANDLER_WORDS].some((word) => text.includes(word));
}

/** The package whose files a handler installed in `dir` covers: the folder of the nearest package.json. */
export function packageOf(manifests: PackageManifests, dir: string): string {
  return manifests.nearest(dir)?.dir ?? path.parse(dir).root;
}

/**
 * The handler calls `process.exit()`, there or in a callback it hands on (`setTimeout(() =>
 * process.exit(1), 1000)` ends the process a little later): "exits"; else it throws (outside
 * functions it defines, and not only in development): "throws".
 */
function endsProcess(handler: ts.Node): Ending | undefined {
  let ends: Ending | undefined;
  const visit = (node: ts.Node, inCallback: boolean): void => {
    if (ends === "exits") return;
    if (node !== handler && isFunctionNode(node)) {
      if (isCallArgument(node)) ts.forEachChild(node, (child) => visit(child, true));
      return;
    }
    if (ts.isThrowStatement(node) && !inCallback && !neverRunsInProduction(node)) ends = "throws";
    else if (ts.isCallExpression(node)) {
      const origin = originOf(skipOuter(node.expression));
      if (origin.kind === "global" && ["process.exit", "process.abort"].includes(origin.path.join("."))) ends = "exits";
    }
    ts.forEachChild(node, (child) => visit(child, inCallback));
  };
  visit(handler, false);
  return ends;
}

/**
 * `(reason) => { Logger.error(reason); if (stopping) process.exit(1); }`: a handler that only
 * logs, and exits only in some state, logs the others and lets the process go on. The state is an
 * `if` whose branch only logs and exits, on a condition that does not hold in production or that
 * production does not decide and that is not a negation (`if (!exiting)` and `if (error.code !==
 * "EPIPE")` exit for all but one case); its `else if` is another such state, and its last `else`
 * only logs.
 */
function exitsOnlyInSomeState(handler: ts.Node): boolean {
  if (!isFunctionNode(handler) || !handler.body || !ts.isBlock(handler.body)) return false;
  return handler.body.statements.every((statement) => isLoggingStatement(statement) || isExitInSomeState(statement));
}

function isExitInSomeState(statement: ts.Statement): boolean {
  if (!ts.isIfStatement(statement)) return false;
  const branch = statementsOf(statement.thenStatement);
  if (!branch.every((step) => isLoggingStatement(step) || (ts.isExpressionStatement(step) && endsProcess(step) === "exits"))) return false;
  const inProduction = valueInProduction(statement.expression);
  if (!(inProduction === false || (inProduction === undefined && !isNegation(statement.expression)))) return false;
  // `else if (error.code === "EACCES") { ...exit }`, and a last `else` that only logs the others.
  const rest = statement.elseStatement;
  return rest === undefined || isExitInSomeState(rest) || (!ts.isIfStatement(rest) && statementsOf(rest).every(isLoggingStatement));
}

function isNegation(condition: ts.Expression): boolean {
  const node = skipOuter(condition);
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken;
  return ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken);
}

function isLoggingStatement(statement: ts.Statement): boolean {
  const call = ts.isExpressionStatement(statement) ? skipOuter(statement.expression) : undefined;
  return call !== undefined && ts.isCallExpression(call) && (isLoggingCall(call.expression) || isConsoleMethod(call.expression));
}

/** Statements that only declare what a module holds and exports. */
const DECLARING = new Set([
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.EmptyStatement,
]);

/** A module whose top level does more than declare and export (beyond `module.exports = ...` and `"use strict"`): it calls, awaits or loops. */
function runsCodeWhenLoaded(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((statement) => {
    if (DECLARING.has(statement.kind)) return false;
    if (!ts.isExpressionStatement(statement)) return true;
    const expression = skipOuter(statement.expression);
    return !ts.isStringLiteral(expression) && !(ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken);
  });
}

/** A package with a command or a start script is an app of its own. */
function runsItself(manifest: Manifest): boolean {
  return manifest.bin !== undefined || (manifest.scripts !== undefined && "start" in manifest.scripts);
}

function addEnding(handlers: PackageHandlers, event: ProcessEvent, how: Ending): void {
  if (handlers.ending.get(event) !== "exits") handlers.ending.set(event, how);
}

/**
 * What logs an event whose handler ends the process: for a rejection whose handler only
 * rethrows, an `uncaughtException` handler that keeps running (`process.on("unhandledRejection",
 * (reason) => { log(reason); throw reason; })` beside one that logs: the process goes on).
 */
function survivor(handlers: PackageHandlers, event: ProcessEvent): ProcessHandler | undefined {
  if (event !== "unhandledRejection" || handlers.ending.get(event) !== "throws" || handlers.ending.has("uncaughtException")) return undefined;
  return handlers.keepRunning.uncaughtException;
}

function isCallArgument(fn: ts.Node): boolean {
  const parent = fn.parent;
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? []).some((argument) => skipOuter(argument) === fn);
}
