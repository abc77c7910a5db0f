import { applyEdits, type Fix, type TextEdit } from "../core/fix.js";
import type { FileResult, Finding } from "../core/finding.js";

/** ESLint's limit: fixes that overlap go in later passes, at most this many. */
const MAX_FIX_PASSES = 10;

/** A fix that was not applied, or was applied and then undone, and why. */
export interface FixFailure {
  filePath: string;
  finding: Finding;
  reason: string;
}

export interface FixPassesInput {
  /** The text of a file as it is on disk. */
  read(filePath: string): string;
  /** Lints every file, reading changed files from `texts`. */
  lint(texts: ReadonlyMap<string, string>): FileResult[];
}

export interface FixPassesOutput {
  /** The new text of every file a fix changed. */
  texts: Map<string, string>;
  /** The findings that remain in the fixed text. */
  results: FileResult[];
  failures: FixFailure[];
}

interface AppliedFix {
  filePath: string;
  finding: Finding;
  fix: Fix;
  /** Where the finding starts in the text the fix was made for. */
  offset: number;
}

/**
 * Applies fixes in passes, as ESLint does: each pass lints, takes every fix that does not
 * overlap one already taken (identical edits, such as the same import, count once), and
 * applies them. The next pass checks the last one: a changed file that no longer parses is put
 * back and left alone; a fix whose finding is still there is put back with its file's other
 * fixes of that pass, left out, and the others are tried again.
 */
export function runFixPasses(input: FixPassesInput): FixPassesOutput {
  const texts = new Map<string, string>();
  const frozen = new Set<string>();
  const banned = new Set<string>();
  const failures: FixFailure[] = [];
  const textOf = (filePath: string): string => texts.get(filePath) ?? input.read(filePath);
  let applied: AppliedFix[] = [];
  let before = new Map<string, string>();
  let editsByFile = new Map<string, TextEdit[]>();
  for (let pass = 0; ; ) {
    const results = input.lint(texts);
    const broken = brokenFiles(applied, results, editsByFile, textOf);
    if (broken.size > 0) {
      for (const [filePath, { reason, culprits }] of broken) {
        texts.delete(filePath);
        const previous = before.get(filePath);
        if (previous !== undefined && previous !== input.read(filePath)) texts.set(filePath, previous);
        // A known culprit is left out and the other fixes are tried again; when the culprit is
        // unknown (the text does not parse), the file is left alone.
        if (!culprits) frozen.add(filePath);
        for (const fix of applied) {
          if (!fix.fix.changes.some((change) => change.filePath === filePath)) continue;
          if (culprits && !culprits.has(fix)) continue;
          banned.add(banKey(fix.filePath, fix.finding, fix.fix, textOf));
          failures.push({ filePath: fix.filePath, finding: fix.finding, reason });
        }
      }
      applied = [];
      editsByFile = new Map();
      continue;
    }
    if (pass === MAX_FIX_PASSES) return { texts, results, failures };
    const chosen = chooseFixes(results, frozen, banned, textOf);
    if (chosen.fixes.length === 0) return { texts, results, failures };
    before = new Map();
    for (const [filePath, edits] of chosen.editsByFile) {
      const current = textOf(filePath);
      before.set(filePath, current);
      texts.set(filePath, applyEdits(current, edits));
    }
    applied = chosen.fixes;
    editsByFile = chosen.editsByFile;
    pass++;
  }
}

function chooseFixes(
  results: readonly FileResult[],
  frozen: ReadonlySet<string>,
  banned: ReadonlySet<string>,
  textOf: (filePath: string) => string,
): { fixes: AppliedFix[]; editsByFile: Map<string, TextEdit[]> } {
  const fixes: AppliedFix[] = [];
  const editsByFile = new Map<string, TextEdit[]>();
  for (const result of results) {
    for (const finding of result.findings) {
      const fix = finding.fix;
      if (!fix || banned.has(banKey(result.filePath, finding, fix, textOf)) || fix.changes.some((change) => frozen.has(change.filePath))) continue;
      const fits = fix.changes.every((change) => {
        const taken = editsByFile.get(change.filePath) ?? [];
        return change.edits.every((edit) => taken.some((other) => sameEdit(edit, other)) || !taken.some((other) => overlaps(edit, other)));
      });
      if (!fits) continue;
      for (const change of fix.changes) {
        const taken = editsByFile.get(change.filePath) ?? [];
        for (const edit of change.edits) if (!taken.some((other) => sameEdit(edit, other))) taken.push(edit);
        editsByFile.set(change.filePath, taken);
      }
      fixes.push({ filePath: result.filePath, finding, fix, offset: offsetOf(textOf(result.filePath), finding.range.line, finding.range.column) });
    }
  }
  return { fixes, editsByFile };
}

/**
 * A fix, recognisable in a later pass even when other fixes moved it: its rule, what it does,
 * the line it was found on and the text its edits replace (not their offsets, which move).
 */
function banKey(filePath: string, finding: Finding, fix: Fix, textOf: (filePath: string) => string): string {
  const line = textOf(filePath).split("\n")[finding.range.line - 1]?.trim() ?? "";
  const replaced = fix.changes.flatMap((change) => change.edits.map((edit) => textOf(change.filePath).slice(edit.start, edit.end)));
  return JSON.stringify([filePath, finding.ruleId, fix.description, line, replaced]);
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

/** Insertions at the same point overlap too: their order would be a guess. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/**
 * Files the last pass broke, with the reason: the text does not parse, or a finding whose fix
 * was applied is still reported at the same place for the same reason.
 */
function brokenFiles(
  applied: readonly AppliedFix[],
  results: readonly FileResult[],
  editsByFile: ReadonlyMap<string, readonly TextEdit[]>,
  textOf: (filePath: string) => string,
): Map<string, Breakage> {
  const broken = new Map<string, Breakage>();
  const byFile = new Map(results.map((result) => [result.filePath, result]));
  for (const filePath of editsByFile.keys()) {
    const parseError = byFile.get(filePath)?.findings.find((finding) => finding.fatal);
    if (parseError) broken.set(filePath, { reason: `the fixed text does not parse (${parseError.message}); file left unchanged`, culprits: undefined });
  }
  for (const fix of applied) {
    const text = textOf(fix.filePath);
    const edits = editsByFile.get(fix.filePath) ?? [];
    // An insertion right at the finding (an opening parenthesis) may or may not belong to it.
    const places = new Set([shiftedOffset(fix.offset, edits, true), shiftedOffset(fix.offset, edits, false)]);
    const stillThere = byFile.get(fix.filePath)?.findings.some(
      (finding) =>
        finding.ruleId === fix.finding.ruleId &&
        places.has(offsetOf(text, finding.range.line, finding.range.column)) &&
        // The same failure, or one the same fix would be tried for again (a handler that rethrows).
        (siteOf(finding) === siteOf(fix.finding) || finding.fix?.description === fix.fix.description),
    );
    if (!stillThere) continue;
    for (const change of fix.fix.changes) {
      const known = broken.get(change.filePath) ?? { reason: "the finding is still there after the fix; not applied", culprits: new Set<AppliedFix>() };
      known.culprits?.add(fix);
      broken.set(change.filePath, known);
    }
  }
  return broken;
}

/** Why a file's fixes were undone, and which of them caused it (all of them when unknown). */
interface Breakage {
  reason: string;
  culprits: Set<AppliedFix> | undefined;
}

function siteOf(finding: Finding): string | undefined {
  return finding.trace[finding.trace.length - 1]?.text;
}

/** Where an offset of the old text is in the new text, given the edits made to it. */
function shiftedOffset(offset: number, edits: readonly TextEdit[], insertionsAtOffsetBefore: boolean): number {
  let shifted = offset;
  for (const edit of edits) {
    const before = edit.end < offset || (edit.end === offset && (edit.start < offset || insertionsAtOffsetBefore));
    if (before) shifted += edit.text.length - (edit.end - edit.start);
  }
  return shifted;
}

/** The offset of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let position = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", position);
    if (next === -1) return text.length;
    position = next + 1;
  }
  return position + column - 1;
}
