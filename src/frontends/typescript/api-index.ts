import type { Rule } from "../../core/rule.js";
import type { ApiSource, ReceiverSource, TaskApi } from "../../core/task-api.js";
import { normalizeModule, type Origin } from "./origin.js";

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

  constructor(rules: readonly Rule[]) {
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
