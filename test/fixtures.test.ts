import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { rules } from "../rules/index.js";
import { lintText } from "./helpers/lint-text.js";
import { readMarkers } from "./helpers/markers.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const CASE_FILE = /^(valid|invalid)-.+\.[cm]?[jt]sx?$/;

/**
 * Every `fixtures/<rule>/invalid-*` file must give exactly the findings its markers name (rule,
 * line, column) and their messages must match the snapshot; every `valid-*` file must give none.
 * Adding a case is adding a file or a marked line.
 */
for (const rule of rules) {
  const dir = path.join(FIXTURES, rule.meta.id);
  const files = readdirSync(dir).filter((name) => CASE_FILE.test(name)).sort();

  describe(rule.meta.id, () => {
    test("has invalid and valid fixtures", () => {
      expect(files.some((name) => name.startsWith("invalid-"))).toBe(true);
      expect(files.some((name) => name.startsWith("valid-"))).toBe(true);
    });

    for (const name of files) {
      test(name, () => {
        const filePath = path.join(dir, name);
        const text = readFileSync(filePath, "utf8");
        const expected = readMarkers(text);
        const findings = lintText(filePath, text, [rule.meta.id]);
        const actual = findings.map((finding) => ({ ruleId: finding.ruleId, line: finding.range.line, column: finding.range.column }));
        expect(actual).toEqual(expected);
        if (name.startsWith("valid-")) {
          expect(expected).toEqual([]);
        } else {
          expect(expected.length).toBeGreaterThan(0);
          expect(findings.map((finding) => `${finding.range.line}:${finding.range.column} ${finding.message}`)).toMatchSnapshot();
        }
      });
    }
  });
}
