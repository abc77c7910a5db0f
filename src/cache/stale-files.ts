import type { FileFacts } from "../core/frontend.js";

export interface StaleInput {
  /** Files whose text differs from the stored one, is new, or is gone. */
  changed: ReadonlySet<string>;
  /** Per file linted last time, the other files its findings were worked out from; undefined when not known. */
  reads: ReadonlyMap<string, readonly string[] | undefined>;
  /** Per file linted last time, the groups its findings were worked out from as a whole. */
  readGroups: ReadonlyMap<string, readonly string[]>;
  /** Stored facts: for an unchanged file, its facts now. */
  previous: ReadonlyMap<string, FileFacts>;
  /** Facts of every file known now. */
  current: ReadonlyMap<string, FileFacts>;
}

/**
 * The files whose stored findings may no longer hold: the changed files, every file whose
 * findings were worked out from one of them (any file at all, when that is not known) or from a
 * group holding one, and every
 * file of a group where a group-wide file (a process-wide handler's), or a file it imports, changed.
 */
export function staleFiles({ changed, reads, readGroups, previous, current }: StaleInput): Set<string> {
  const stale = new Set(changed);
  const changedGroups = new Set([...changed].flatMap((file) => [previous.get(file)?.group, current.get(file)?.group].filter((group) => group !== undefined)));
  for (const [file, fileReads] of reads) {
    if (fileReads === undefined ? changed.size > 0 : fileReads.some((read) => changed.has(read))) stale.add(file);
  }
  for (const [file, groups] of readGroups) if (groups.some((group) => changedGroups.has(group))) stale.add(file);
  // A handler is installed by its file's text, with a handler function it may import: only a
  // changed file, or a group-wide file importing one, can add, remove or change a handler.
  const groups = new Set<string>();
  for (const file of changed) {
    for (const facts of [previous.get(file), current.get(file)]) if (facts?.affectsGroup) groups.add(facts.group);
  }
  for (const facts of current.values()) {
    if (facts.affectsGroup && facts.imports.some((imported) => changed.has(imported))) groups.add(facts.group);
  }
  for (const [file, facts] of current) if (groups.has(facts.group)) stale.add(file);
  return stale;
}
