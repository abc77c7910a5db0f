import type { Rule } from "../../core/rule.js";
import type { ApiSource, ReceiverSource, TaskApi } from "../../core/task-api.js";
import { normalizeModule, type Origin } from "./origin.js";
import { escapeRegExp } from "./text-scan.js";

export interface ApiMatch {
  rule: Rule;
  api: TaskApi;
  /** For a method source: what the receiver must be or be made by (any receiver when absent). */
  receiver?: readonly ReceiverSource[];
}

function pathKey(source: ApiSource): string | undefined {
  if ("global" in source) return `global:${source.global}`;
  if ("module" in source) return `module:${normalizeModule(source.module)}:${source.export}`;
  return undefined;
}

function originKey(origin: Origin): string | undefined {
  if (origin.kind === "global") return `global:${origin.path.join(".")}`;
  if (origin.kind === "module") return `module:${origin.module}:${origin.path.length === 0 ? "default" : origin.path.join(".")}`;
  return undefined;
}

/** A pattern group matching any of the words; one that never matches when there are none. */
function anyOf(words: Iterable<string>): string {
  const escaped = [...words].map(escapeRegExp);
  return escaped.length > 0 ? `(?:${escaped.join("|")})` : "(?!)";
}

function lastName(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}

/** The scheduling APIs of a set of rules, looked up by where a callee comes from or by method name. */
export class ApiIndex {
  private readonly byPath = new Map<string, ApiMatch[]>();
  private readonly byMethod = new Map<string, ApiMatch[]>();
  /** Methods that hand over a task whatever the receiver (`on`, `waitUntil`). */
  private readonly anyReceiverMethods = new Set<string>();
  /** The last name of every API: a call whose callee ends in none of these cannot match. */
  readonly names = new Set<string>();
  /** What a file that calls an API must contain: a global's name, or a module's name and one of its exports' names. */
  private readonly globalNames = new Set<string>();
  private readonly exportNamesByModule = new Map<string, string[]>();
  /** Made on first use: which methods count depends on the packages the project uses. */
  private textPatterns: { globalName: RegExp; methodCall: RegExp } | undefined;
  private lastAsked: { text: string; answer: boolean } | undefined;

  /**
   * `mayBeImported`: whether the project may use a package at all. A method API whose receiver
   * must come from packages the project never names (`.push(` on an async queue) is not looked
   * for in a file's text, since the same method of an array is everywhere.
   */
  constructor(
    rules: readonly Rule[],
    private readonly mayBeImported: (module: string) => boolean = () => true,
  ) {
    for (const rule of rules) {
      for (const api of rule.apis) {
        for (const source of api.sources) this.add(rule, api, source);
      }
    }
  }

  private add(rule: Rule, api: TaskApi, source: ApiSource): void {
    if ("method" in source) {
      const matches = this.byMethod.get(source.method) ?? [];
      matches.push({ rule, api, ...(source.receiver ? { receiver: source.receiver } : {}) });
      this.byMethod.set(source.method, matches);
      this.names.add(source.method);
      if (!source.receiver) this.anyReceiverMethods.add(source.method);
      return;
    }
    const key = pathKey(source)!;
    const matches = this.byPath.get(key) ?? [];
    matches.push({ rule, api });
    this.byPath.set(key, matches);
    this.names.add(lastName("global" in source ? source.global : source.export === "default" ? normalizeModule(source.module) : source.export));
    if ("global" in source) {
      this.globalNames.add(lastName(source.global));
      return;
    }
    const module = normalizeModule(source.module);
    const name = source.export === "default" ? module : source.export.split(".")[0]!;
    const names = this.exportNamesByModule.get(module) ?? [];
    if (!names.includes(name)) names.push(name);
    this.exportNamesByModule.set(module, names);
  }

  /**
   * A cheap test of a file's text: can it call any of the APIs? A global's name must appear; a
   * module's export can only be called where the module is imported or required, so the
   * module's name and the export's must; a method must appear as a call (`.on(`, `?.add<T>(`),
   * since `on` or `add` alone is in nearly every file.
   */
  mayCall(text: string): boolean {
    // Asked twice of the file being linted: by the pre-filter, then before looking for calls.
    if (this.lastAsked?.text !== text) this.lastAsked = { text, answer: this.textMayCall(text) };
    return this.lastAsked.answer;
  }

  private textMayCall(text: string): boolean {
    this.textPatterns ??= this.makeTextPatterns();
    // One pattern for all globals: a single pass over the text instead of one per name.
    if (this.textPatterns.globalName.test(text)) return true;
    for (const [module, names] of this.exportNamesByModule) {
      if (text.includes(module) && names.some((name) => text.includes(name))) return true;
    }
    return this.textPatterns.methodCall.test(text);
  }

  private makeTextPatterns(): { globalName: RegExp; methodCall: RegExp } {
    const possible = [...this.byMethod].filter(([, matches]) => matches.some(({ receiver }) => !receiver || receiver.some((source) => "global" in source || this.mayBeImported(source.module))));
    return { globalName: new RegExp(anyOf(this.globalNames)), methodCall: new RegExp(`\\.\\s*${anyOf(possible.map(([name]) => name))}\\s*[(<]`) };
  }

  /** APIs named by where the callee comes from: a global, a module export. */
  lookup(origin: Origin): readonly ApiMatch[] {
    const key = originKey(origin);
    return (key && this.byPath.get(key)) || [];
  }

  /** APIs that are a method of that name, on any receiver or on an instance of a given class. */
  lookupMethod(name: string): readonly ApiMatch[] {
    return this.byMethod.get(name) ?? [];
  }

  /** A call that hands a task over (`setTimeout`, `emitter.on`) does not run it, so it does not throw. */
  isScheduling(origin: Origin, method: string | undefined): boolean {
    return this.lookup(origin).length > 0 || (method !== undefined && this.anyReceiverMethods.has(method));
  }
}
