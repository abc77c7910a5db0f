/** Replace the text from `start` to `end` (offsets into the file's text) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The edits a fix makes to one file. */
export interface FileEdits {
  filePath: string;
  edits: TextEdit[];
}

/**
 * How to fix one finding: edits to one or more files, applied all together or not at all. A
 * fix of a referenced function edits the file that declares it, which may not be the file of
 * the finding.
 */
export interface Fix {
  /** What the fix does, for --fix-dry-run and fix failure notices: "wrap the body of tick in try/catch". */
  description: string;
  changes: FileEdits[];
}

/** A fix, or why there is none ("tick is also called at src/a.ts:12; wrapping it would hide its errors there"). */
export type FixProposal = { fix: Fix } | { unavailable: string };

/** What the inserted handler does with the caught error, from the config's `fix`. */
export interface FixSettings {
  /** A statement; `$error` stands for the caught value. */
  handler: string;
  /** Names the handler needs, imported into each fixed file unless already in scope. */
  imports: readonly FixImport[];
}

export interface FixImport {
  /** A package name, or an absolute path for a module of the project. */
  from: string;
  named: readonly string[];
}

export const DEFAULT_FIX_SETTINGS: FixSettings = { handler: 'console.error("Background task failed:", $error);', imports: [] };

/** The text with the edits applied; edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let output = "";
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position) throw new Error(`overlapping edits at offset ${edit.start}`);
    output += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return output + text.slice(position);
}
