import { describe, expect, test } from "vitest";
import type { FileResult, Finding } from "../src/core/finding.js";
import type { Fix } from "../src/core/fix.js";
import { runFixPasses } from "../src/fixing/fix-passes.js";
import { writeAtomically } from "../src/fixing/write-atomically.js";

const FILE = "/project/a.ts";

function finding(line: number, column: number, fix?: Fix, fatal = false): Finding {
  return {
    ruleId: fatal ? null : "rule",
    messageId: "m",
    severity: "error",
    message: fatal ? "Parsing error: ';' expected." : "task can throw",
    range: { line, column, endLine: line, endColumn: column },
    trace: [],
    ...(fix ? { fix } : {}),
    ...(fatal ? { fatal } : {}),
  };
}

/** A toy language: each `!` is a finding whose fix replaces it with `ok`; `(` does not parse. */
function lintToy(text: string, replacement: (offset: number) => string): FileResult {
  if (text.includes("(")) return { filePath: FILE, findings: [finding(1, text.indexOf("(") + 1, undefined, true)] };
  const findings = [...text.matchAll(/!/g)].map((match) =>
    finding(1, match.index + 1, { description: `fix ${match.index}`, changes: [{ filePath: FILE, edits: [{ start: match.index, end: match.index + 1, text: replacement(match.index) }] }] }),
  );
  return { filePath: FILE, findings };
}

describe("fix passes", () => {
  test("applies every fix, re-lints, and stops when nothing is left", () => {
    const output = runFixPasses({ read: () => "a!b!", lint: (texts) => [lintToy(texts.get(FILE) ?? "a!b!", () => "ok")] });
    expect(output.texts.get(FILE)).toBe("aokbok");
    expect(output.results[0]!.findings).toEqual([]);
    expect(output.failures).toEqual([]);
  });

  test("a fixed text that does not parse is put back and reported", () => {
    const output = runFixPasses({ read: () => "a!", lint: (texts) => [lintToy(texts.get(FILE) ?? "a!", () => "(")] });
    expect(output.texts.has(FILE)).toBe(false);
    expect(output.failures.map((failure) => failure.reason)).toEqual(["the fixed text does not parse (Parsing error: ';' expected.); file left unchanged"]);
    expect(output.results[0]!.findings.map((found) => found.range.column)).toEqual([2]);
  });

  test("a fix that does not remove its finding is undone, never applied twice", () => {
    const output = runFixPasses({ read: () => "a!", lint: (texts) => [lintToy(texts.get(FILE) ?? "a!", () => "!!")] });
    expect(output.texts.has(FILE)).toBe(false);
    expect(output.failures.map((failure) => failure.reason)).toEqual(["the finding is still there after the fix; not applied"]);
  });

  test("a fix that leaves its finding is left out; the other fixes of the file are applied", () => {
    // `!` is fixed to `ok`; the fix of `?` writes `?` again, so its finding stays. Two lines, so
    // that fixing the first moves the second's offset but not its line.
    const lint = (texts: ReadonlyMap<string, string>): FileResult[] => {
      const text = texts.get(FILE) ?? "a!\nb?";
      const findings = [...text.matchAll(/[!?]/g)].map((match) => {
        const line = text.slice(0, match.index).split("\n").length;
        const column = match.index - text.lastIndexOf("\n", match.index - 1);
        const edits = [{ start: match.index, end: match.index + 1, text: match[0] === "!" ? "ok" : "?" }];
        return finding(line, column, { description: `fix ${match[0]}`, changes: [{ filePath: FILE, edits }] });
      });
      return [{ filePath: FILE, findings }];
    };
    const output = runFixPasses({ read: () => "a!\nb?", lint });
    expect(output.texts.get(FILE)).toBe("aok\nb?");
    expect(output.failures.map((failure) => `${failure.finding.range.line}:${failure.finding.range.column} ${failure.reason}`)).toEqual(["2:2 the finding is still there after the fix; not applied"]);
  });

  test("overlapping fixes wait for a later pass; identical edits count once", () => {
    // Two findings: each fix adds the same import at 0 and rewrites an overlapping span.
    const read = () => "ab";
    const lint = (texts: ReadonlyMap<string, string>): FileResult[] => {
      const text = texts.get(FILE) ?? read();
      const findings: Finding[] = [];
      const importEdit = { start: 0, end: 0, text: "import x;" };
      const offset = text.startsWith("import x;") ? "import x;".length : 0;
      const body = text.slice(offset);
      if (body.includes("a")) findings.push(finding(1, offset + body.indexOf("a") + 1, { description: "fix a", changes: [{ filePath: FILE, edits: [...(offset ? [] : [importEdit]), { start: offset, end: offset + 2, text: body.replace("a", "A") }] }] }));
      if (body.includes("b")) findings.push(finding(1, offset + body.indexOf("b") + 1, { description: "fix b", changes: [{ filePath: FILE, edits: [...(offset ? [] : [importEdit]), { start: offset + 1, end: offset + 2, text: "B" }] }] }));
      return [{ filePath: FILE, findings }];
    };
    const output = runFixPasses({ read, lint });
    expect(output.texts.get(FILE)).toBe("import x;AB");
    expect(output.failures).toEqual([]);
  });
});

describe("writing a fixed file", () => {
  test("a file that cannot be written is a one-line error naming it", () => {
    expect(() => writeAtomically("/nonexistent-folder/a.ts", "x")).toThrow("cannot write /nonexistent-folder/a.ts: ENOENT");
  });
});
