import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ALWAYS_SKIPPED_DIRS, readEntries } from "../../discovery/ignore-rules.js";
import { linkedFolder, type NearestManifest } from "./package-manifests.js";

const SOURCE_FILE = /\.(m|c)?[jt]sx?$/;
const DECLARATION_FILE = /\.d\.(m|c)?ts$/;
const MAX_DEPTH = 4;

interface WorkspacePackage {
  dir: string;
  manifest: { exports?: unknown; main?: string; module?: string; source?: string };
}

/**
 * The packages of a monorepo, by name, found from their package.json files below the folder the
 * linter runs in. An import of a sibling package (`@acme/core/v3/fetch`) then resolves to its
 * source, as it would through the workspace's node_modules links once installed: the export's
 * condition that names a source file (`"@acme/source": "./src/v3/fetch.ts"`), else the built
 * file's source twin: under the package's tsconfig `rootDir` as it is under `outDir`
 * (`dist/index.js` -> `lib/index.ts`), or by convention (`dist/esm/v3/fetch.js` -> `src/v3/fetch.ts`).
 * A package that was never built has only the twin, and its code runs from there once it is.
 */
export class WorkspacePackages {
  private byName: Map<string, WorkspacePackage> | undefined;
  private readonly byDir = new Map<string, WorkspacePackage>();
  private listed: string[] | undefined;

  constructor(
    private readonly root: string,
    /** The compiler's `rootDir` and `outDir` (absolute) for a package's folder, when its tsconfig sets them. */
    private readonly buildDirs: (packageDir: string) => { rootDir?: string; outDir?: string } = () => ({}),
  ) {}

  /** The source file of a sibling package's module, by its name or by the name the importer's package links it as. */
  resolve(specifier: string, importer: NearestManifest | undefined): string | undefined {
    if (specifier.startsWith(".") || path.isAbsolute(specifier)) return undefined;
    const parts = specifier.split("/");
    const nameLength = specifier.startsWith("@") ? 2 : 1;
    const name = parts.slice(0, nameLength).join("/");
    // The folder the importer's package.json names wins over a sibling that shares the name: npm installs the folder.
    const found = this.linked(name, importer) ?? this.packages().get(name);
    if (!found) return undefined;
    const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join("/")}` : ".";
    for (const target of this.targets(found, subpath)) {
      const source = sourceOf(path.resolve(found.dir, target), this.buildDirs(found.dir));
      if (source) return source;
    }
    return undefined;
  }

  /** The folder of the package of that name. */
  folderOf(name: string): string | undefined {
    return this.packages().get(name)?.dir;
  }

  /** Every package found, as `name folder`, sorted. */
  list(): readonly string[] {
    this.listed ??= [...this.packages()].map(([name, found]) => `${name} ${found.dir}`).sort();
    return this.listed;
  }

  private targets(found: WorkspacePackage, subpath: string): string[] {
    const { exports, main, module, source } = found.manifest;
    const entry = exports && typeof exports === "object" && !Array.isArray(exports) ? (exports as Record<string, unknown>)[subpath] ?? (subpath === "." && !Object.keys(exports).some((key) => key.startsWith(".")) ? exports : undefined) : typeof exports === "string" && subpath === "." ? exports : undefined;
    const fromExports = strings(entry);
    const fallback = subpath === "." ? [source, module, main, "./src/index.ts"].filter((value): value is string => typeof value === "string") : [`./src/${subpath.slice(2)}`, subpath];
    return [...fromExports.filter((target) => !DECLARATION_FILE.test(target)), ...fallback];
  }

  /**
   * A package the importer's package.json names as a local folder (`"@acme/runner": "file:../runner"`,
   * `link:`, see linkedFolder), which npm installs under that name whatever the folder's own package.json calls it.
   */
  private linked(name: string, importer: NearestManifest | undefined): WorkspacePackage | undefined {
    const { manifest, dir } = importer ?? {};
    const spec = manifest && [manifest.dependencies, manifest.devDependencies, manifest.optionalDependencies].map((list) => (list && Object.hasOwn(list, name) ? list[name] : undefined)).find((value) => value !== undefined);
    const folder = spec && dir ? linkedFolder(spec, dir) : undefined;
    if (!folder) return undefined;
    this.packages();
    return this.byDir.get(folder);
  }

  private packages(): Map<string, WorkspacePackage> {
    if (!this.byName) {
      this.byName = new Map();
      this.collect(this.root, 0);
    }
    return this.byName;
  }

  private collect(dir: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const manifestPath = path.join(dir, "package.json");
    if (depth > 0 && existsSync(manifestPath)) {
      try {
        const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as WorkspacePackage["manifest"] & { name?: string };
        this.byDir.set(dir, { dir, manifest });
        if (manifest.name && !this.byName!.has(manifest.name)) this.byName!.set(manifest.name, this.byDir.get(dir)!);
      } catch {
        // A package.json that does not parse names no package.
      }
    }
    for (const entry of readEntries(dir)) {
      if (entry.isDirectory() && !ALWAYS_SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) this.collect(path.join(dir, entry.name), depth + 1);
    }
  }
}

/** Conditions of an `exports` entry for other runtimes than Node: tried after the others, for a package that has nothing else. */
const NOT_NODE_CONDITIONS = new Set(["browser", "react-native", "deno", "worker", "workerd", "edge-light"]);

/** The paths an `exports` entry names, Node's first (`"browser": "./dist/index.browser.js"` last). */
function strings(entry: unknown): string[] {
  if (typeof entry === "string") return [entry];
  if (Array.isArray(entry)) return entry.flatMap(strings);
  if (!entry || typeof entry !== "object") return [];
  const conditions = Object.entries(entry);
  const forNode = conditions.filter(([condition]) => !NOT_NODE_CONDITIONS.has(condition));
  const elsewhere = conditions.filter(([condition]) => NOT_NODE_CONDITIONS.has(condition));
  return [...forNode, ...elsewhere].flatMap(([, value]) => strings(value));
}

/** The source file a target names: itself, its source twin under rootDir or src/, or with a source extension or /index. */
function sourceOf(target: string, { rootDir, outDir }: { rootDir?: string; outDir?: string }): string | undefined {
  const underOutDir = rootDir !== undefined && outDir !== undefined && !path.relative(outDir, target).startsWith("..");
  const twins = [target, ...(underOutDir ? [path.join(rootDir, path.relative(outDir, target))] : []), target.replace(/([\\/])dist[\\/](esm[\\/]|commonjs[\\/]|cjs[\\/])?/, "$1src$1")];
  for (const twin of twins) {
    const stem = twin.replace(/\.(m|c)?js$/, "");
    const candidates = [twin, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.cts`, `${stem}.js`, path.join(twin, "index.ts"), path.join(twin, "index.js")];
    const found = candidates.find((candidate) => SOURCE_FILE.test(candidate) && !DECLARATION_FILE.test(candidate) && existsSync(candidate) && !candidate.includes(`${path.sep}node_modules${path.sep}`));
    if (found) return found;
  }
  return undefined;
}
