import path from "node:path";
import { dependsOn, type PackageManifests } from "./package-manifests.js";
import { escapeRegExp } from "./text-scan.js";

export interface ProjectImportSources {
  /** The linted files. */
  files: readonly string[];
  text: (filePath: string) => string | undefined;
  /** The expected packages a linted file names in quotes, when known without reading it (from --cache). */
  quoted?: (filePath: string) => readonly string[] | undefined;
  manifests: PackageManifests;
  /** The monorepo a folder belongs to, and its packages as `name folder`. */
  workspace: (dir: string) => { root: string; packages: readonly string[] };
}

/**
 * Whether the project may use a package: a linted file names it in quotes, or the package of a
 * linted file, or any package of its monorepo (which may hand out the package's objects through
 * an import), depends on it. Yes when no files were given (one file linted on its own). The
 * packages named up front are all looked for in one read of the files.
 */
export class ProjectImports {
  private readonly known = new Map<string, boolean>();
  private packageDirs: string[] | undefined;

  constructor(
    private readonly sources: ProjectImportSources,
    private readonly expected: readonly string[],
  ) {}

  mayImport(module: string): boolean {
    const known = this.known.get(module);
    if (known !== undefined) return known;
    const modules = this.expected.includes(module) ? this.expected.filter((expected) => !this.known.has(expected)) : [module];
    const quoted = this.quotedIn(modules);
    for (const each of modules) this.known.set(each, this.sources.files.length === 0 || quoted.has(each) || this.dependedOn(each));
    return this.known.get(module)!;
  }

  /** The modules some linted file names in quotes (`"fastq"`, `'fs/promises'`). */
  private quotedIn(modules: readonly string[]): Set<string> {
    const found = new Set<string>();
    const pattern = quotesOf(modules);
    const quoted = modules.every((module) => this.expected.includes(module)) ? this.sources.quoted : undefined;
    for (const file of this.sources.files) {
      for (const module of quoted?.(file) ?? modulesQuoted(this.sources.text(file) ?? "", pattern)) found.add(module);
      if (modules.every((module) => found.has(module))) break;
    }
    return found;
  }

  private dependedOn(module: string): boolean {
    const { manifests } = this.sources;
    return this.dirs().some((dir) => {
      const manifest = manifests.nearest(dir)?.manifest;
      return manifest !== undefined && dependsOn(manifest, module);
    });
  }

  /** The folders of the linted files' packages and of every package of their monorepos. */
  private dirs(): string[] {
    if (!this.packageDirs) {
      const { files, manifests, workspace } = this.sources;
      const folders = new Set(files.map((file) => path.dirname(file)));
      const dirs = new Set<string>();
      for (const folder of folders) {
        const dir = manifests.nearest(folder)?.dir;
        if (dir !== undefined) dirs.add(dir);
      }
      for (const root of new Set([...folders].map((folder) => workspace(folder).root))) {
        for (const entry of workspace(root).packages) dirs.add(entry.slice(entry.indexOf(" ") + 1));
      }
      this.packageDirs = [...dirs];
    }
    return this.packageDirs;
  }
}

/** The pattern of `modules` named in quotes, for `modulesQuoted`. */
export function quotesOf(modules: readonly string[]): RegExp {
  return new RegExp(`["'](${modules.map(escapeRegExp).join("|")})["'/]`, "g");
}

/** The modules a text names in quotes, of those `quotes` (from `quotesOf`) looks for. */
export function modulesQuoted(text: string, quotes: RegExp): string[] {
  return [...new Set(Array.from(text.matchAll(quotes), (match) => match[1]!))];
}
