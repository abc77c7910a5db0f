import path from "node:path";
import type { Manifest, PackageManifests } from "./package-manifests.js";
import { compareVersions, lowestVersion, type FoundVersion, type PackageVersions } from "./package-versions.js";
import type { ProcessEvent, ProcessHandler } from "./process-handlers.js";
import { launcherOf, runsOnItsOwn, scriptsRunning } from "./package-scripts.js";

/**
 * Packages that install process-wide handlers, by package and version: servers that install
 * them when they start, libraries that install them when loaded, and a runtime the code runs in
 * (Electron, VS Code's extension host). Handlers that log and let
 * the process go on, or that drop the error silently and go on. The first entry that matches a
 * package and an event decides.
 */
export interface ServerHandlerEntry {
  package: string;
  since: string;
  below?: string;
  /** Only for a package whose start script runs something other than this command: its own server (`node server.js`). */
  when?: { startRunsOtherThan: string };
  effect: "logs" | "drops";
  /** The events it handles; both when not said. */
  events?: readonly ProcessEvent[];
  /** Loading the package installs them, not a server it starts. */
  onLoad?: true;
  /**
   * The runtime the package's code runs in: a dependency, dev or not (`electron`), or an engine
   * the manifest names (`"engines": { "vscode": "^1.69.0" }`), whose lowest version counts;
   * `command` is the program that starts it, when a package script can run a file in it
   * (`"start": "electron main.js"`).
   */
  runtime?: { name: string; declaredAs: "dependency" | "engine"; command?: string };
}

export const SERVER_HANDLER_PACKAGES: readonly ServerHandlerEntry[] = [
  // NextNodeServer (`next start`, custom servers, standalone output) since 15.4.0
  // (vercel/next.js#77997: a late-awaited prefetch must not crash the server; read in 15.4.1,
  // 16.0.0 and 16.3.0).
  { package: "next", since: "15.4.0", effect: "logs" },
  // Before that, a custom server (a start script that is not `next start`) runs the router
  // server's handlers, which log since 15.1.0 (read in 15.1.0, 15.2.0, 15.3.0) and before that
  // log only in development and do nothing otherwise (read in 13.5.1, 14.0.0, 15.0.0).
  { package: "next", since: "15.1.0", below: "15.4.0", when: { startRunsOtherThan: "next start" }, effect: "logs" },
  { package: "next", since: "13.5.1", below: "15.1.0", when: { startRunsOtherThan: "next start" }, effect: "drops" },
  // Its initializer module logs an unhandled rejection with its logger, when loaded, since 1.12.8
  // ("Fixed 'Unhandled Rejection' that was killing the application"; read in 1.12.8 and 2.3.1).
  { package: "@wppconnect-team/wppconnect", since: "1.12.8", effect: "logs", events: ["unhandledRejection"], onLoad: true },
  // Loading it runs init(), whose error catching (on by default) logs an unhandled rejection and
  // goes on, except in a pm2 cluster-mode worker (read in 3.0.0, where it came in, 4.0.0, 5.0.0
  // and 6.1.0). Its uncaughtException handler exits when it is the only one: not counted.
  { package: "@pm2/io", since: "3.0.0", effect: "logs", events: ["unhandledRejection"], onLoad: true },
  // Electron's main process warns of an unhandled rejection and goes on: before 14 under Node's
  // own default (warn, Node 14 and older), since then set on purpose (electron/electron#29244,
  // "warn-with-error-code" since #37464 in 22-24, which only adds an exit code).
  { package: "electron", since: "1.0.0", effect: "logs", events: ["unhandledRejection"], runtime: { name: "Electron", declaredAs: "dependency", command: "electron" } },
  // A Scrypted plugin runs in a child process the Scrypted server forks for it, which installs
  // handlers for both events that log to the plugin's console and go on ("plugins should never
  // crash"; read in server/src/scrypted-main-exports.ts and plugin/plugin-remote-worker.ts on
  // main, 2026-11). The handlers come with the server, whatever the SDK's version.
  { package: "@scrypted/sdk", since: "0.0.0", effect: "logs", runtime: { name: "the Scrypted plugin host, with @scrypted/sdk", declaredAs: "dependency" } },
  // VS Code's extension host logs both and goes on (extensionHostProcess.ts, then
  // errorTelemetry.ts: "rejected promise not handled within 1 second", onUnexpectedError).
  { package: "vscode", since: "1.0.0", effect: "logs", runtime: { name: "the extension host of VS Code", declaredAs: "engine" } },
];

/**
 * The handler a server installs for the files of a package that runs it: the package.json lists
 * the server's package among its dependencies (not dev or peer ones: a library is not the app),
 * in a version known to install one. A file a script of the package runs with another command
 * (`"worker": "tsx src/worker.ts"`), or that its `bin` names, runs in a process of its own, which
 * the server does not cover.
 */
/** A package's handler, with the command of the runtime that installs it, if one does (`electron`). */
interface PackageHandler {
  handler: ProcessHandler;
  command?: string;
}

export class ServerHandlers {
  private readonly byPackage = new Map<string, PackageHandler | null>();

  constructor(
    private readonly manifests: PackageManifests,
    private readonly versions: PackageVersions,
  ) {}

  handlerFor(filePath: string, event: ProcessEvent): ProcessHandler | undefined {
    const nearest = this.manifests.nearest(path.dirname(filePath));
    if (!nearest) return undefined;
    const found = this.packageHandler(nearest.dir, filePath, event);
    if (!found || !runsOnItsOwn(nearest, filePath)) return found?.handler;
    // `"start": "electron main.js"` runs the file in the runtime itself.
    const scripts = scriptsRunning(nearest, filePath);
    const inRuntime = scripts.length > 0 && scripts.every((name) => launcherOf(nearest, name, filePath) === found.command);
    return found.command && inRuntime ? found.handler : undefined;
  }

  /** One handler per package, so that --debug names it once. */
  private packageHandler(dir: string, filePath: string, event: ProcessEvent): PackageHandler | undefined {
    const key = `${event} ${dir}`;
    if (!this.byPackage.has(key)) this.byPackage.set(key, this.findHandler(dir, filePath, event) ?? null);
    return this.byPackage.get(key) ?? undefined;
  }

  private findHandler(dir: string, filePath: string, event: ProcessEvent): PackageHandler | undefined {
    const manifest = this.manifests.nearest(dir)?.manifest;
    for (const server of SERVER_HANDLER_PACKAGES) {
      if (!lists(manifest, server) || (server.when && !startsOwnServer(manifest?.scripts ?? {}, server.when))) continue;
      if (server.events && !server.events.includes(event)) continue;
      const found = server.runtime?.declaredAs === "engine" ? engineVersion(manifest, server.package) : this.versions.find(server.package, filePath);
      if (!found || compareVersions(found.version, server.since) < 0 || (server.below && compareVersions(found.version, server.below) >= 0)) continue;
      const where = { file: path.join(dir, "package.json"), line: 1 };
      if (server.onLoad) return { handler: { ...where, by: `${server.package} ${found.version} installs one that logs them when it is loaded` } };
      if (server.runtime) {
        const handler = { ...where, by: `the package runs in ${server.runtime.name} ${found.version}, which logs them and goes on` };
        return server.runtime.command ? { handler, command: server.runtime.command } : { handler };
      }
      if (server.effect === "logs") return { handler: { ...where, by: `${server.package} ${found.version} starts a server that logs them` } };
      return { handler: { ...where, by: `${server.package} ${found.version} starts a server whose handlers drop them outside development`, drops: `${server.package} ${found.version}'s server` } };
    }
    return undefined;
  }
}

function lists(manifest: Manifest | undefined, server: ServerHandlerEntry): boolean {
  if (server.runtime?.declaredAs === "engine") return typeof manifest?.engines?.[server.package] === "string";
  return server.package in (manifest?.dependencies ?? {}) || (server.runtime !== undefined && server.package in (manifest?.devDependencies ?? {}));
}

function engineVersion(manifest: Manifest | undefined, engine: string): FoundVersion | undefined {
  const range = manifest?.engines?.[engine];
  const version = typeof range === "string" ? lowestVersion(range) : undefined;
  return version === undefined ? undefined : { version, source: `package.json engines (${range})` };
}

/** The start script runs something other than the server's own command: `node server.js`, not `next start`. */
function startsOwnServer(scripts: Record<string, unknown>, when: NonNullable<ServerHandlerEntry["when"]>): boolean {
  return typeof scripts.start === "string" && !scripts.start.includes(when.startRunsOtherThan);
}
