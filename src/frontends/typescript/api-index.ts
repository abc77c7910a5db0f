import type { Rule } from "../../core/rule.js";
import type { ApiSource, TaskApi } from "../../core/task-api.js";
import { normalizeModule, type Origin } from "./origin.js";

export interface ApiMatch {
  rule: Rule;
  api: TaskApi;
}

function sourceKey(source: ApiSource): string {
  return "global" in source ? `global:${source.global}` : `module:${normalizeModule(source.module)}:${source.export}`;
}

function originKey(origin: Origin): string | undefined {
  if (origin.kind === "global") return `global:${origin.path.join(".")}`;
  if (origin.kind === "module") return `module:${origin.module}:${origin.path.join(".")}`;
  return undefined;
}

/** The scheduling APIs of a set of rules, looked up by where a callee comes from. */
export class ApiIndex {
  private readonly byKey = new Map<string, ApiMatch[]>();
  /** The last name of every API path: a call whose callee ends in none of these cannot match. */
  readonly names = new Set<string>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      for (const api of rule.apis) {
        for (const source of api.sources) {
          const key = sourceKey(source);
          const matches = this.byKey.get(key) ?? [];
          matches.push({ rule, api });
          this.byKey.set(key, matches);
          const path = "global" in source ? source.global : source.export;
          this.names.add(path.slice(path.lastIndexOf(".") + 1));
        }
      }
    }
  }

  lookup(origin: Origin): readonly ApiMatch[] {
    const key = originKey(origin);
    return (key && this.byKey.get(key)) || [];
  }
}
