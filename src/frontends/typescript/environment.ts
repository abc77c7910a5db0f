import type { Dirent } from "node:fs";
import { readTextOrUndefined } from "../../core/source-texts.js";
import path from "node:path";
import { contentHash } from "../../cache/content-hash.js";
import { readEntries } from "../../discovery/ignore-rules.js";

/** Files whose contents the analysis reads from a folder or any folder above: manifests, lockfiles, workspace and compiler settings. */
const MARKERS = ["package.json", "tsconfig.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock", "pnpm-workspace.yaml", "lerna.json", ".git", "node_modules"];
/** Entries of a folder that an import can resolve to, or through. */
const RESOLVABLE = /\.(m|c)?[jt]sx?$|\.json$/;

export interface EnvironmentSources {
  /** Packages whose installed version decides an outcome. */
  packages: readonly string[];
  /** The compiler options that apply to a file (its tsconfig's, `extends` followed). */
  compilerOptions: (filePath: string) => object;
  /** The monorepo a folder belongs to and its packages (names and folders): a new package can make an import resolve. */
  workspace: (dir: string) => { root: string; packages: readonly string[] };
}

/**
 * What every verdict on the files depends on besides source texts, as entry -> hash: in each of
 * their folders, the entries an import could resolve to (a new or deleted file can change what
 * an import names) and the compiler options; in those folders and every folder above them, the
 * manifests, lockfiles and workspace files there are, and the installed versions of `packages`.
 */
export function environmentOf(files: readonly string[], sources: EnvironmentSources, watchedFolders: readonly string[] = []): Record<string, string> {
  const entries: Record<string, string> = {};
  const fileDirs = new Set(files.map((file) => path.dirname(file)));
  for (const folder of watchedFolders) entries[`folder ${folder}`] = folderHash(readEntries(folder));
  const dirs = new Set<string>();
  for (const dir of fileDirs) {
    for (let current = dir; !dirs.has(current); current = path.dirname(current)) dirs.add(current);
  }
  const optionHashes = new Map<object, string>();
  for (const dir of dirs) {
    const listing = readEntries(dir);
    const names = new Set(listing.map((entry) => entry.name));
    if (fileDirs.has(dir)) {
      entries[`folder ${dir}`] = folderHash(listing);
      const workspace = sources.workspace(dir);
      entries[`workspace ${workspace.root}`] ??= contentHash(workspace.packages.join("\n"));
      const options = sources.compilerOptions(path.join(dir, "file.ts"));
      if (!optionHashes.has(options)) optionHashes.set(options, contentHash(JSON.stringify(options)));
      entries[`compiler options ${dir}`] = optionHashes.get(options)!;
    }
    const present = MARKERS.filter((marker) => names.has(marker));
    entries[`markers ${dir}`] = present.join(",");
    for (const marker of present) {
      if (marker !== ".git" && marker !== "node_modules") entries[path.join(dir, marker)] = contentHash(readTextOrUndefined(path.join(dir, marker)) ?? "");
    }
    if (names.has("node_modules")) {
      for (const name of sources.packages) {
        const manifest = path.join(dir, "node_modules", name, "package.json");
        entries[manifest] = contentHash(readTextOrUndefined(manifest) ?? "");
      }
    }
  }
  return entries;
}

/** The entries of a folder an import can resolve to, or through. */
function folderHash(listing: readonly Dirent[]): string {
  return contentHash(listing.filter((entry) => entry.isDirectory() || RESOLVABLE.test(entry.name)).map((entry) => entry.name).sort().join("\n"));
}
