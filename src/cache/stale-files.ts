import type { FileFacts } from "../core/frontend.js";

export interface StaleInput {
  /** Files whose text differs from the stored one, is new, or is gone. */
  changed: ReadonlySet<string>;
  /** Stored facts: for an unchanged file, its facts now. */
  previous: ReadonlyMap<string, FileFacts>;
  /** Facts of every file known now. */
  current: ReadonlyMap<string, FileFacts>;
}

/**
 * The files whose stored findings may no longer hold: the changed files, every file that imports
 * one of them directly or through other files, and every file of a group where a group-wide
 * file (a process-wide handler's) is among those.
 */
export function staleFiles({ changed, previous, current }: StaleInput): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [file, facts] of previous) {
    if (changed.has(file)) continue;
    for (const imported of facts.imports) {
      const known = importers.get(imported);
      if (known) known.push(file);
      else importers.set(imported, [file]);
    }
  }
  const stale = new Set(changed);
  const queue = [...changed];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const importer of importers.get(file) ?? []) {
      if (!stale.has(importer)) {
        stale.add(importer);
        queue.push(importer);
      }
    }
  }
  const groups = new Set<string>();
  for (const file of stale) {
    for (const facts of [previous.get(file), current.get(file)]) if (facts?.affectsGroup) groups.add(facts.group);
  }
  for (const [file, facts] of current) if (groups.has(facts.group)) stale.add(file);
  return stale;
}
