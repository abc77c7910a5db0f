import { readFileSync } from "node:fs";
import path from "node:path";

/** The fields of a package.json that the frontend reads. */
export interface Manifest {
  name?: string;
  private?: boolean;
  bin?: unknown;
  main?: unknown;
  type?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, unknown>;
  engines?: Record<string, unknown>;
}

/** The package lists `name` among any of its dependencies. */
export function dependsOn(manifest: Manifest, name: string): boolean {
  return [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies].some((list) => list !== undefined && name in list);
}

/**
 * The folder a dependency given as a local folder installs (`"file:../runner"`, `"link:../sdk"`,
 * or a bare `"../../sdk"`, which npm reads as `file:`), resolved from the manifest's folder.
 */
export function linkedFolder(spec: unknown, manifestDir: string): string | undefined {
  if (typeof spec !== "string") return undefined;
  const folder = spec.replace(/^(file|link):/, "");
  return /^(\.{1,2}\/|\/)/.test(folder) ? path.resolve(manifestDir, folder) : undefined;
}

export interface NearestManifest {
  /** The folder of the package.json. */
  dir: string;
  /** Its contents; empty when it does not parse. */
  manifest: Manifest;
}

/** The package a file belongs to: the nearest package.json at or above a folder, cached per folder. */
export class PackageManifests {
  private readonly byDir = new Map<string, NearestManifest | null>();
  private readonly dependencyNames = new WeakMap<NearestManifest, ReadonlySet<string>>();

  nearest(dir: string): NearestManifest | undefined {
    const known = this.byDir.get(dir);
    if (known !== undefined) return known ?? undefined;
    let found: NearestManifest | undefined;
    try {
      const text = readFileSync(path.join(dir, "package.json"), "utf8");
      found = { dir, manifest: parse(text) };
    } catch {
      const parent = path.dirname(dir);
      found = parent === dir ? undefined : this.nearest(parent);
    }
    this.byDir.set(dir, found ?? null);
    return found;
  }

  /** The modules the nearest package.json lists among its `dependencies` (installed with it). */
  dependenciesOf(dir: string): ReadonlySet<string> {
    const found = this.nearest(dir);
    if (!found) return NONE;
    let names = this.dependencyNames.get(found);
    if (!names) {
      names = new Set(Object.keys(found.manifest.dependencies ?? {}));
      this.dependencyNames.set(found, names);
    }
    return names;
  }
}

const NONE: ReadonlySet<string> = new Set();

function parse(text: string): Manifest {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Manifest) : {};
  } catch {
    return {};
  }
}
