import { existsSync, readFileSync } from "node:fs";
import { readTextOrUndefined } from "../../core/source-texts.js";
import path from "node:path";
import { ts } from "./ts.cjs";
import { ALWAYS_SKIPPED_DIRS, readEntries } from "../../discovery/ignore-rules.js";
import { setParents } from "./parent-links.js";
import { rememberingResolutionHost } from "./resolution-host.js";
import { dependsOn, PackageManifests } from "./package-manifests.js";
import { WorkspacePackages } from "./workspace-packages.js";

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

export const TYPESCRIPT_EXTENSIONS = Object.keys(SCRIPT_KINDS);

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  jsx: ts.JsxEmit.Preserve,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/** A `node_modules` folder, or a scope's in it: the resolver looks inside only if it exists, and an uninstalled link may be there (see uninstalledLink). */
const NODE_MODULES_FOLDER = /[\\/]node_modules([\\/]@[^\\/]+)?$/;

/** Where a function may be used: scripts, and the components of Vue, Svelte and Astro that import them. */
const SOURCE_FILE = /\.((m|c)?[jt]sx?|vue|svelte|astro)$/;

function collectSources(dir: string, into: string[]): void {
  for (const entry of readEntries(dir)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!ALWAYS_SKIPPED_DIRS.has(entry.name)) collectSources(full, into);
    } else if (SOURCE_FILE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
      into.push(full);
    }
  }
}

/** The folders a tsconfig.json's `include` patterns start from, and the files it lists. */
interface CompiledPaths {
  folders: readonly string[];
  files: readonly string[];
}

const GLOB_SEGMENT = /[*?{[]/;

/**
 * What a tsconfig.json compiles, from its raw JSON; undefined when that is its whole folder or
 * cannot be told: no `include` (or one inherited through `extends`), or a solution file that
 * hands the work to the configs it `references`. Its `exclude` is not read: a file it excludes
 * counts as compiled, which only keeps that file linted.
 */
function compiledPaths(raw: { include?: unknown; files?: unknown; extends?: unknown; references?: unknown } | undefined, dir: string): CompiledPaths | undefined {
  const strings = (value: unknown) => (Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : undefined);
  const include = strings(raw?.include);
  const files = strings(raw?.files);
  if (raw?.references !== undefined || (!include && (!files || raw?.extends !== undefined))) return undefined;
  const folders: string[] = [];
  const listed = (files ?? []).map((file) => path.resolve(dir, file));
  for (const pattern of include ?? []) {
    const segments = pattern.split("/");
    const firstGlob = segments.findIndex((segment) => GLOB_SEGMENT.test(segment));
    const literal = firstGlob === -1 ? segments : segments.slice(0, firstGlob);
    const last = segments.at(-1) ?? "";
    const namesFile = firstGlob === -1 && last !== "." && last !== ".." && path.extname(last) !== "";
    (namesFile ? listed : folders).push(path.resolve(dir, ...literal));
  }
  return listed.length + folders.length > 0 ? { folders, files: listed } : undefined;
}

/** A monorepo's root: pnpm or lerna workspace files, package.json `workspaces`, or the top of a git checkout. */
function isWorkspaceRoot(dir: string): boolean {
  if (existsSync(path.join(dir, "pnpm-workspace.yaml")) || existsSync(path.join(dir, "lerna.json")) || existsSync(path.join(dir, ".git"))) return true;
  try {
    return "workspaces" in (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as object);
  } catch {
    return false;
  }
}

/**
 * Owns the parsed sources: the files being linted, and the files the analysis follows imports
 * into, parsed only when first needed. Imports are resolved with the compiler options of the
 * nearest tsconfig.json (path aliases, baseUrl); no type-checked program is ever built. Files are
 * parsed with the compiler ts-morph ships, straight to syntax trees: the analysis reads compiler
 * nodes only, and a ts-morph Project's wrappers and language-service source files cost about as
 * much again as the parse itself (measured on trigger.dev: 9.6 s of 11 s).
 */
export class SourceHost {
  private readonly sources = new Map<string, ts.SourceFile | null>();
  private readonly optionsByDir = new Map<string, ts.CompilerOptions>();
  private readonly optionsByConfig = new Map<string, ts.CompilerOptions>();
  /** What each tsconfig.json compiles, as written (see compiledPaths). */
  private readonly compiledByConfig = new Map<string, CompiledPaths | undefined>();
  private readonly resolutionCaches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  private readonly resolutionHost = rememberingResolutionHost();

  private readonly workspaces = new Map<string, WorkspacePackages>();
  private readonly workspaceRoots = new Map<string, string>();
  private readonly workspaceFiles = new Map<string, string[]>();
  /** Resolved imports by folder and specifier: every file of a folder resolves a specifier the same way. */
  private readonly resolved = new Map<string, string | null>();

  private readonly texts = new Map<string, string | undefined>();
  /** The package.json files of the project, shared with everything that reads them. */
  readonly manifests = new PackageManifests();

  constructor(
    private readonly cwd: string,
    private readonly warn: (message: string) => void,
    /** A file's text as the run reads it (with fixes applied in memory); undefined: read from disk. */
    private readonly overlay: (filePath: string) => string | undefined = () => undefined,
    /** Told how long each parse took. */
    private readonly onParse: (ms: number) => void = () => undefined,
    /** Told of every file whose syntax is handed out. */
    private readonly onRead: (filePath: string) => void = () => undefined,
  ) {}

  /** A file's text, read once: from the overlay, else the disk; undefined when it cannot be read. */
  text(filePath: string): string | undefined {
    const parsed = this.sources.get(filePath);
    if (parsed) return parsed.text;
    if (this.texts.has(filePath)) return this.texts.get(filePath);
    const text = this.overlay(filePath) ?? readTextOrUndefined(filePath);
    this.texts.set(filePath, text);
    return text;
  }

  /** The parsed file, from `text` when given, else its text; undefined when it cannot be read. */
  sourceFile(filePath: string, text?: string): ts.SourceFile | undefined {
    this.onRead(filePath);
    const known = this.sources.get(filePath);
    if (known !== undefined) return known ?? undefined;
    const contents = text ?? this.text(filePath);
    if (contents === undefined) {
      this.sources.set(filePath, null);
      return undefined;
    }
    const scriptKind = SCRIPT_KINDS[path.extname(filePath)] ?? ts.ScriptKind.TS;
    const start = performance.now();
    // JSDoc comments are not read as syntax: nothing here looks at them, and skipping them saves parse time and memory.
    const sourceFile = ts.createSourceFile(filePath, contents, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind);
    setParents(sourceFile);
    this.onParse(performance.now() - start);
    this.sources.set(filePath, sourceFile);
    // The parsed file keeps its text; a second copy would double what a big project holds.
    this.texts.delete(filePath);
    return sourceFile;
  }

  /**
   * The project file an import names — also a sibling package of a monorepo, read from its
   * source — or undefined for packages, declaration files and what does not resolve.
   */
  resolveModule(specifier: string, fromFile: string): string | undefined {
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    let target = this.resolved.get(key);
    if (target === undefined) {
      target = this.resolveWithCompilerOptions(specifier, fromFile, false) ?? this.workspaceOf(path.dirname(fromFile)).resolve(specifier, this.manifests.nearest(path.dirname(fromFile))) ?? null;
      this.resolved.set(key, target);
    }
    return target ?? undefined;
  }

  /** The project file a type import names: a module, or a declaration file of the project (`core/index.d.ts`). */
  resolveTypes(specifier: string, fromFile: string): string | undefined {
    return this.resolveWithCompilerOptions(specifier, fromFile, true) ?? this.resolveModule(specifier, fromFile);
  }

  /**
   * Every source file of the workspace (the monorepo, or the checkout) a file belongs to, tests
   * included, without dependencies and build output: where a function may be used.
   */
  sourceFilesOfWorkspace(filePath: string): readonly string[] {
    const root = this.workspaceRoot(path.dirname(filePath));
    let files = this.workspaceFiles.get(root);
    if (!files) {
      files = [];
      collectSources(root, files);
      this.workspaceFiles.set(root, files);
    }
    return files;
  }

  /** The monorepo a folder belongs to (else the working folder) and its packages, as `name folder`. */
  workspace(dir: string): { root: string; packages: readonly string[] } {
    return { root: this.workspaceRoot(dir), packages: this.workspaceOf(dir).list() };
  }

  /** The packages of the monorepo a folder belongs to (its root found upwards), else of the working folder. */
  private workspaceOf(dir: string): WorkspacePackages {
    const root = this.workspaceRoot(dir);
    let workspace = this.workspaces.get(root);
    if (!workspace) {
      workspace = new WorkspacePackages(root, (packageDir) => {
        const { rootDir: written, outDir, configFilePath } = this.optionsFor(packageDir);
        // Unset, TypeScript 6 takes the tsconfig's own folder (5 took the folder common to the sources; `src/` is tried anyway).
        const rootDir = written ?? (outDir && typeof configFilePath === "string" ? path.dirname(configFilePath) : undefined);
        return { ...(rootDir ? { rootDir } : {}), ...(outDir ? { outDir } : {}) };
      });
      this.workspaces.set(root, workspace);
    }
    return workspace;
  }

  /** The root of the monorepo (else the working folder) a file belongs to. */
  workspaceRootOf(filePath: string): string {
    return this.workspaceRoot(path.dirname(filePath));
  }

  private workspaceRoot(dir: string): string {
    const known = this.workspaceRoots.get(dir);
    if (known) return known;
    const parent = path.dirname(dir);
    const root = isWorkspaceRoot(dir) ? dir : parent === dir ? this.cwd : this.workspaceRoot(parent);
    this.workspaceRoots.set(dir, root);
    return root;
  }

  private resolveWithCompilerOptions(specifier: string, fromFile: string, declarations: boolean): string | undefined {
    const options = this.optionsFor(path.dirname(fromFile));
    let cache = this.resolutionCaches.get(options);
    if (!cache) {
      cache = ts.createModuleResolutionCache(this.cwd, (name) => name, options);
      this.resolutionCaches.set(options, cache);
    }
    const resolved = ts.resolveModuleName(specifier, fromFile, options, this.resolutionHost, cache).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport || (resolved.extension.startsWith(".d.") && !declarations)) return undefined;
    if (resolved.resolvedFileName.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
    return path.resolve(resolved.resolvedFileName);
  }

  /**
   * Whether the nearest tsconfig.json at or above the file compiles it, read from its `include`
   * and `files` as written: false when the file lies outside every folder and file they name
   * (`"include": ["src"]` and a `scripts/release.js`); undefined when there is no tsconfig or it
   * compiles its whole folder (no `include`, or one it may inherit through `extends`), and when
   * that tsconfig.json lies above `packageDir` (another project's).
   */
  isCompiled(filePath: string, packageDir: string): boolean | undefined {
    const configPath = this.optionsFor(path.dirname(filePath)).configFilePath;
    if (typeof configPath !== "string" || path.relative(packageDir, configPath).startsWith("..")) return undefined;
    const compiled = this.compiledByConfig.get(configPath);
    if (!compiled) return undefined;
    return compiled.files.includes(filePath) || compiled.folders.some((folder) => filePath.startsWith(folder + path.sep));
  }

  /** The compiler options that apply to a file (its nearest tsconfig.json's). */
  compilerOptions(filePath: string): ts.CompilerOptions {
    return this.optionsFor(path.dirname(filePath));
  }

  /** The compiler options of the nearest tsconfig.json at or above `dir`. */
  private optionsFor(dir: string): ts.CompilerOptions {
    const known = this.optionsByDir.get(dir);
    if (known) return known;
    const configPath = path.join(dir, "tsconfig.json");
    const parent = path.dirname(dir);
    const options = existsSync(configPath)
      ? this.readConfig(configPath)
      : parent === dir
        ? DEFAULT_OPTIONS
        : this.optionsFor(parent);
    this.optionsByDir.set(dir, options);
    return options;
  }

  private readConfig(configPath: string): ts.CompilerOptions {
    const known = this.optionsByConfig.get(configPath);
    if (known) return known;
    let options = DEFAULT_OPTIONS;
    const linked = (file: string) => this.uninstalledLink(file, path.dirname(configPath));
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
      ...ts.sys,
      fileExists: (file) => ts.sys.fileExists(file) || ts.sys.fileExists(linked(file) ?? file),
      directoryExists: (dir) => ts.sys.directoryExists(dir) || NODE_MODULES_FOLDER.test(dir) || ts.sys.directoryExists(linked(dir) ?? dir),
      readFile: (file) => ts.sys.readFile(file) ?? ts.sys.readFile(linked(file) ?? file),
      // Only the options are wanted: listing the files a tsconfig includes would walk the tree.
      readDirectory: () => [],
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        this.warn(`cannot read ${path.relative(this.cwd, configPath) || configPath}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}; using default compiler options`);
      },
    });
    if (parsed) options = { ...parsed.options, allowJs: true };
    this.compiledByConfig.set(configPath, parsed ? compiledPaths(parsed.raw, path.dirname(configPath)) : undefined);
    options = this.withSvelteKitAliases(options, path.dirname(configPath));
    this.optionsByConfig.set(configPath, options);
    return options;
  }

  /**
   * A SvelteKit app's `$lib` alias: `svelte-kit sync` writes it into `.svelte-kit/tsconfig.json`,
   * which the app's tsconfig extends and a checkout lacks until then. Its default is `src/lib`.
   */
  private withSvelteKitAliases(options: ts.CompilerOptions, dir: string): ts.CompilerOptions {
    const manifest = this.manifests.nearest(dir)?.manifest;
    if (!manifest || !dependsOn(manifest, "@sveltejs/kit") || options.paths?.["$lib/*"]) return options;
    const lib = path.join(dir, "src", "lib");
    const base = options.baseUrl === undefined && options["pathsBasePath"] === undefined ? { pathsBasePath: dir } : {};
    return { ...options, ...base, paths: { ...options.paths, $lib: [lib], "$lib/*": [path.join(lib, "*")] } };
  }

  /**
   * For a path into `node_modules/<name>` that is not there, the same path in the monorepo's
   * package of that name: where installing would link it (a tsconfig that extends
   * `@acme/tsconfig/react.json` reads the same options before `npm install` as after).
   */
  private uninstalledLink(file: string, fromDir: string): string | undefined {
    const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)(.*)$/.exec(file);
    const folder = match && this.workspaceOf(fromDir).folderOf(match[1]!.replace(/\\/g, "/"));
    return folder ? path.join(folder, match![2]!) : undefined;
  }
}
