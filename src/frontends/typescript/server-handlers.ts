import path from "node:path";
import { dependsOn, type PackageManifests } from "./package-manifests.js";
import { compareVersions, type PackageVersions } from "./package-versions.js";
import type { ProcessHandler } from "./process-handlers.js";

/**
 * Servers that install process-wide handlers for both events when they start, handlers that
 * log and let the process go on: by package, from the first version that does. Next.js's
 * NextNodeServer (`next start`, custom servers, standalone output) since 15.4.0
 * (vercel/next.js#77997: a late-awaited prefetch must not crash the server).
 */
export const SERVER_HANDLER_PACKAGES: readonly { package: string; since: string }[] = [{ package: "next", since: "15.4.0" }];

/**
 * The handler a server installs for the package of `filePath`: its package.json depends on the
 * server's package, in a version that installs one (a version that cannot be found is taken to
 * be the latest, which does).
 */
export function serverHandlerFor(filePath: string, manifests: PackageManifests, versions: PackageVersions): ProcessHandler | undefined {
  const nearest = manifests.nearest(path.dirname(filePath));
  if (!nearest) return undefined;
  for (const server of SERVER_HANDLER_PACKAGES) {
    if (!dependsOn(nearest.manifest, server.package)) continue;
    const found = versions.find(server.package, filePath);
    if (found && compareVersions(found.version, server.since) < 0) continue;
    return { file: path.join(nearest.dir, "package.json"), line: 1, by: `${server.package} ${found?.version ?? "(version not found, taken as the latest)"} starts a server that logs them` };
  }
  return undefined;
}
