import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { rules } from "../rules/index.js";
import { lintFiles } from "../src/api.js";
import { lintText } from "./helpers/lint-text.js";
import { readMarkers } from "./helpers/markers.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const CASE_FILE = /^(valid|invalid)-.+\.[cm]?[jt]sx?$/;
const PROJECT_DIR = /^project-/;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** The source files of a fixture project, relative to it, without its stub node_modules. */
function projectFiles(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : projectFiles(dir, relative);
    return SOURCE_FILE.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/**
 * Every `fixtures/<rule>/invalid-*` file must give exactly the findings its markers name (rule,
 * line, column) and their messages must match the snapshot; every `valid-*` file must give none.
 * A `fixtures/<rule>/project-*` folder is linted as a whole project (the way the CLI lints a
 * folder, so calls are followed across its files): every file in it must give exactly the
 * findings its markers name. Adding a case is adding a file or a marked line.
 */
for (const rule of rules) {
  const dir = path.join(FIXTURES, rule.meta.id);
  const entries = existsSync(dir) ? readdirSync(dir) : [];
  const files = entries.filter((name) => CASE_FILE.test(name)).sort();
  const projects = entries.filter((name) => PROJECT_DIR.test(name) && statSync(path.join(dir, name)).isDirectory()).sort();

  describe(rule.meta.id, () => {
    test("has invalid and valid fixtures", () => {
      expect(files.some((name) => name.startsWith("invalid-")) || projects.length > 0).toBe(true);
      expect(files.some((name) => name.startsWith("valid-")) || projects.length > 0).toBe(true);
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

    for (const project of projects) {
      test(`${project}/ (linted as a project)`, async () => {
        const root = path.join(dir, project);
        const results = await lintFiles({ cwd: root, patterns: ["."], warn: (message) => expect.fail(message) });
        const only = new Set([rule.meta.id, null]);
        const actual = results.flatMap((result) =>
          result.findings
            .filter((finding) => only.has(finding.ruleId))
            .map((finding) => ({ file: path.relative(root, result.filePath), ruleId: finding.ruleId, line: finding.range.line, column: finding.range.column })),
        );
        const expected = projectFiles(root)
          .sort()
          .flatMap((file) => readMarkers(readFileSync(path.join(root, file), "utf8")).map((marker) => ({ file, ...marker })));
        expect(actual).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
        const messages = results.flatMap((result) =>
          result.findings.map((finding) => `${path.relative(root, result.filePath)}:${finding.range.line}:${finding.range.column} ${finding.message}`),
        );
        expect(messages).toMatchSnapshot();
      });
    }
  });
}
