import path from "node:path";
import type { CacheSupport, FileFacts } from "../../core/frontend.js";
import type { Rule } from "../../core/rule.js";
import { environmentOf } from "./environment.js";
import { importedFiles } from "./import-graph.js";
import type { PackageManifests } from "./package-manifests.js";
import { mayInstallHandler, packageOf } from "./process-handlers.js";
import { modulesQuoted, quotesOf } from "./project-imports.js";
import { emitFactsOf, type EmitFacts } from "./awaited-listeners.js";
import { contentHash } from "../../cache/content-hash.js";
import { heritageNames } from "./interface-dispatch.js";
import { promiseNameFacts, type PromiseNameFacts } from "./promise-names.js";
import { SERVER_HANDLER_PACKAGES } from "./server-handlers.js";
import { VERSIONED_SAFE_INSTANCE_METHODS } from "./safe-calls.js";
import type { SourceHost } from "./source-host.js";
import { isWebBundleConfig } from "./web-bundles.js";

export interface TypeScriptCacheSources {
  host: SourceHost;
  manifests: PackageManifests;
  /** Every rule there is, for the packages whose installed versions decide outcomes (with those that decide whether a method can reject). */
  allRules: readonly Rule[];
  /** What the frontend's text pre-filter decides for a file (see CacheSupport.view). */
  view: (filePath: string, text: string, rules: readonly Rule[]) => string;
  /** Choices the pre-filter makes from every linted file at once (which packages the project uses). */
  projectChoices: () => string;
  /** The packages whose use the choices look for in the files' texts (quoted names). */
  choicePackages: readonly string[];
}

/** What the cache keeps of a file for this frontend: its part of the promise-name index, the choice packages it names, what it says about emitters. */
interface OwnFacts {
  promises: PromiseNameFacts;
  quoted: string[];
  emits: EmitFacts;
  heritage: string[];
}

/**
 * --cache for JavaScript and TypeScript. A file's findings depend on its text, on the files its
 * analysis followed calls into, the modules searched for a handler it imports and the files a
 * browser-package verdict read (told with its findings, see ReadTracker and readGroups), on its
 * package's process-wide handlers (found in the package's files that name a process event, a
 * group-wide fact), on whether the
 * pre-filter lets it through (read from an index of every linted file's promise-returning
 * names), on which of the events it listens to some linted file emits plainly and which of
 * the emitters it listens on some linted file awaits the `emit()` of (see AwaitedListeners), and on manifests, lockfiles, installed versions, compiler options and
 * folder contents. It also keeps each file's part of those indexes and the packages it names,
 * so a warm run reads none again.
 */
export class TypeScriptCacheSupport implements CacheSupport {
  private readonly nameFacts = new Map<string, PromiseNameFacts>();
  private readonly quoted = new Map<string, readonly string[]>();
  private readonly emits = new Map<string, EmitFacts>();
  private readonly heritage = new Map<string, readonly string[]>();
  private readonly imports = new Map<string, readonly string[]>();
  private readonly installs = new Map<string, boolean>();
  private readonly packages: string[];
  private readonly quotes: RegExp;

  constructor(private readonly sources: TypeScriptCacheSources) {
    const servers = SERVER_HANDLER_PACKAGES.map((server) => server.package);
    const safeFromVersion = VERSIONED_SAFE_INSTANCE_METHODS.flatMap((entry) => entry.requires.map((required) => required.module));
    this.packages = [...new Set([...sources.allRules.flatMap((rule) => rule.apis.flatMap((api) => (api.package ? [api.package] : []))), ...servers, ...safeFromVersion])];
    this.quotes = quotesOf(sources.choicePackages);
  }

  factsOf(filePath: string, text: string): FileFacts {
    const { host, manifests } = this.sources;
    const own: OwnFacts = { promises: promiseNameFacts(text), quoted: modulesQuoted(text, this.quotes), emits: emitFactsOf(text), heritage: heritageNames(text) };
    this.nameFacts.set(filePath, own.promises);
    this.quoted.set(filePath, own.quoted);
    this.emits.set(filePath, own.emits);
    this.heritage.set(filePath, own.heritage);
    const { files, watches } = importedFiles(filePath, text, (specifier, from) => host.resolveModule(specifier, from));
    this.imports.set(filePath, files);
    this.installs.set(filePath, mayInstallHandler(text));
    return {
      imports: files,
      group: packageOf(manifests, path.dirname(filePath)),
      affectsGroup: this.installs.get(filePath)! || isWebBundleConfig(filePath, text),
      own,
      ...(watches.length > 0 ? { watches } : {}),
    };
  }

  /** True once a cached run handed over its facts: only then are views asked for. */
  get active(): boolean {
    return this.imports.size > 0 || this.nameFacts.size > 0;
  }

  useFacts(facts: ReadonlyMap<string, FileFacts>): void {
    for (const known of [this.nameFacts, this.quoted, this.emits, this.heritage, this.imports, this.installs]) known.clear();
    for (const [file, { own, imports, affectsGroup }] of facts) {
      this.installs.set(file, affectsGroup);
      if (isOwnFacts(own)) {
        this.nameFacts.set(file, own.promises);
        this.quoted.set(file, own.quoted);
        this.emits.set(file, own.emits);
        this.heritage.set(file, own.heritage);
      }
      this.imports.set(file, imports);
    }
  }

  /** Whether a file's text may install a process-wide handler (`mayInstallHandler`), when its facts are known. */
  installsHandler(filePath: string): boolean | undefined {
    return this.installs.get(filePath);
  }

  /** The choice packages a file names in quotes, when its facts are known. */
  quotedIn(filePath: string): readonly string[] | undefined {
    return this.quoted.get(filePath);
  }

  /** The project files a file imports, when the cache knows them (read back or just worked out). */
  importsOf(filePath: string): readonly string[] | undefined {
    return this.imports.get(filePath);
  }

  /** The interface names a file's classes implement and the classes they extend: as stored, else from its text. */
  heritageIn(filePath: string): readonly string[] | undefined {
    const known = this.heritage.get(filePath);
    if (known) return known;
    const text = this.sources.host.text(filePath);
    return text === undefined ? undefined : heritageNames(text);
  }

  /** What a file says about emitters (see emitFactsOf): as stored, else from its text. */
  emitsOf(filePath: string): EmitFacts | undefined {
    const known = this.emits.get(filePath);
    if (known) return known;
    const text = this.sources.host.text(filePath);
    return text === undefined ? undefined : emitFactsOf(text);
  }

  /** A file's part of the promise-name index: as stored, else from its text. */
  promiseNameFactsOf(filePath: string): PromiseNameFacts | undefined {
    const known = this.nameFacts.get(filePath);
    if (known) return known;
    const text = this.sources.host.text(filePath);
    return text === undefined ? undefined : promiseNameFacts(text);
  }

  view(filePath: string, text: string, rules: readonly Rule[]): string {
    return this.sources.view(filePath, text, rules);
  }

  environment(files: readonly string[], watchedFolders: readonly string[]): Record<string, string> {
    const { host } = this.sources;
    const entries = environmentOf(files, { packages: this.packages, compilerOptions: (file) => host.compilerOptions(file), workspace: (dir) => host.workspace(dir) }, watchedFolders);
    // A class that starts or stops implementing an interface changes what a call through it may run, anywhere.
    const implementations = [...this.heritage].flatMap(([file, names]) => names.map((name) => `${name} ${file}`)).sort();
    return { ...entries, "pre-filter choices": this.sources.projectChoices(), "interface implementations": contentHash(implementations.join("\n")) };
  }
}

function isOwnFacts(value: unknown): value is OwnFacts {
  const own = value as Partial<OwnFacts> | null;
  return typeof own === "object" && own !== null && isNameFacts(own.promises) && isStrings(own.quoted) && isEmitFacts(own.emits) && isStrings(own.heritage);
}

function isEmitFacts(value: unknown): value is EmitFacts {
  const facts = value as Partial<EmitFacts> | null;
  return typeof facts === "object" && facts !== null && isStrings(facts.plain) && isStrings(facts.awaited);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isNameFacts(value: unknown): value is PromiseNameFacts {
  const facts = value as Partial<PromiseNameFacts> | null;
  const { wrapper } = facts ?? {};
  const aliases = facts?.aliases;
  return (
    typeof facts === "object" &&
    facts !== null &&
    Array.isArray(facts.names) &&
    (wrapper === undefined || (Array.isArray(wrapper.declared) && Array.isArray(wrapper.returnedCalls))) &&
    (aliases === undefined || (Array.isArray(aliases) && aliases.every((pair) => Array.isArray(pair) && pair.length === 2)))
  );
}
