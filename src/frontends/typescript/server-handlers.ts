import path from "node:path";
import type { PackageManifests } from "./package-manifests.js";
import { compareVersions, type PackageVersions } from "./package-versions.js";
import type { ProcessHandler } from "./process-handlers.js";
import { scriptsNaming } from "./package-scripts.js";

/**
 * Servers that install process-wide handlers for both events when they start, handlers that
 * log and let the process go on: by package, from the first version that does. Next.js's
 * NextNodeServer (`next start`, custom servers, standalone output) since 15.4.0
 * (vercel/next.js#77997: a late-awaited prefetch must not crash the server).
 */
export const SERVER_HANDLER_PACKAGES: readonly { package: string; since: string }[] = [{ package: "next", since: "15.4.0" }];

/**
 * The handler a server installs for the files of a package that runs it: the package.json lists
 * the server's package among its dependencies (not dev or peer ones: a library is not the app),
 * in a version known to install one. A file a script of the package runs with another command
 * (`"worker": "tsx src/worker.ts"`) runs in a process of its own, which the server does not cover.
 */
export class ServerHandlers {
  private readonly byPackage = new Map<string, ProcessHandler | null>();

  constructor(
    private readonly manifests: PackageManifests,
    private readonly versions: PackageVersions,
  ) {}

  handlerFor(filePath: string): ProcessHandler | undefined {
    const nearest = this.manifests.nearest(path.dirname(filePath));
    if (!nearest) return undefined;
    const handler = this.packageHandler(nearest.dir, filePath);
    return handler && scriptsNaming(nearest, filePath).length === 0 ? handler : undefined;
  }

  /** One handler per package, so that --debug names it once. */
  private packageHandler(dir: string, filePath: string): ProcessHandler | undefined {
    if (!this.byPackage.has(dir)) this.byPackage.set(dir, this.findHandler(dir, filePath) ?? null);
    return this.byPackage.get(dir) ?? undefined;
  }

  private findHandler(dir: string, filePath: string): ProcessHandler | undefined {
    const dependencies = this.manifests.nearest(dir)?.manifest.dependencies ?? {};
    for (const server of SERVER_HANDLER_PACKAGES) {
      if (!(server.package in dependencies)) continue;
      const found = this.versions.find(server.package, filePath);
      if (found && compareVersions(found.version, server.since) >= 0) return { file: path.join(dir, "package.json"), line: 1, by: `${server.package} ${found.version} starts a server that logs them` };
    }
    return undefined;
  }
}
