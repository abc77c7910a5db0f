import { readTextOrUndefined } from "../../core/source-texts.js";
import path from "node:path";
import { linkedFolder } from "./package-manifests.js";
import { escapeRegExp } from "./text-scan.js";

/** Where a version came from, for --debug. */
export interface FoundVersion {
  version: string;
  source: string;
}

/**
 * The version of an npm package a file would load: from the installed
 * `node_modules/<name>/package.json`, else the nearest lockfile (npm, pnpm, yarn), else the
 * lowest version the nearest package.json's range allows. Folders are searched upwards.
 */
export class PackageVersions {
  private readonly cache = new Map<string, FoundVersion | null>();

  find(name: string, fromFile: string): FoundVersion | undefined {
    const dir = path.dirname(fromFile);
    const key = `${name}\0${dir}`;
    if (!this.cache.has(key)) this.cache.set(key, this.search(name, dir) ?? null);
    return this.cache.get(key) ?? undefined;
  }

  private search(name: string, start: string): FoundVersion | undefined {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const found = installed(name, dir) ?? fromLockfiles(name, dir) ?? fromManifestRange(name, dir);
      if (found) return found;
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  const text = readTextOrUndefined(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function installed(name: string, dir: string): FoundVersion | undefined {
  const file = path.join(dir, "node_modules", name, "package.json");
  const version = readJson(file)?.version;
  return typeof version === "string" ? { version, source: file } : undefined;
}

function fromLockfiles(name: string, dir: string): FoundVersion | undefined {
  const npmLock = path.join(dir, "package-lock.json");
  const packages = readJson(npmLock)?.packages as Record<string, { version?: string }> | undefined;
  const npmVersion = packages?.[`node_modules/${name}`]?.version;
  if (npmVersion) return { version: npmVersion, source: npmLock };
  const escaped = escapeRegExp(name);
  const pnpmLock = path.join(dir, "pnpm-lock.yaml");
  const pnpm = readTextOrUndefined(pnpmLock)?.match(new RegExp(`^\\s+/?'?${escaped}@(\\d+\\.\\d+\\.\\d+[^:('"]*)`, "m"));
  if (pnpm?.[1]) return { version: pnpm[1], source: pnpmLock };
  const yarnLock = path.join(dir, "yarn.lock");
  const yarn = readTextOrUndefined(yarnLock)?.match(new RegExp(`^"?${escaped}@[^\\n]*\\n\\s+version:? "?(\\d+\\.\\d+\\.\\d+)`, "m"));
  if (yarn?.[1]) return { version: yarn[1], source: yarnLock };
  return undefined;
}

function fromManifestRange(name: string, dir: string): FoundVersion | undefined {
  const manifest = path.join(dir, "package.json");
  const json = readJson(manifest);
  if (!json) return undefined;
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    const range = (json[field] as Record<string, string> | undefined)?.[name];
    if (typeof range !== "string") continue;
    const linked = linkedVersion(range, dir);
    if (linked) return linked;
    const lowest = lowestVersion(range);
    if (lowest) return { version: lowest, source: `${manifest} (range ${range})` };
  }
  return undefined;
}

/** A dependency given as a folder (see linkedFolder) installs that folder: its package.json's version. */
function linkedVersion(range: string, dir: string): FoundVersion | undefined {
  const folder = linkedFolder(range, dir);
  const file = folder === undefined ? undefined : path.join(folder, "package.json");
  const version = file && readJson(file)?.version;
  return file && typeof version === "string" ? { version, source: file } : undefined;
}

/** The lowest version a range allows, read as its first version number: `^1.69` is 1.69.0. */
export function lowestVersion(range: string): string | undefined {
  const lowest = range.match(/(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
  return lowest ? `${lowest[1]}.${lowest[2] ?? 0}.${lowest[3] ?? 0}` : undefined;
}

/** Compares the numeric parts of two versions: negative when a < b. Pre-release tags are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.+-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let index = 0; index < 3; index++) {
    const difference = (x[index] ?? 0) - (y[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
