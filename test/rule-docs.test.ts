import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { rules } from "../rules/index.js";
import { fixFiles } from "../src/api.js";
import type { SchedulerConfig } from "../src/config/schedulers.js";
import { lintText } from "./helpers/lint-text.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SECTIONS = ["What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "Options", "References"];

/** The fenced code blocks of one `## heading` section of a Markdown page. */
function codeBlocks(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return [];
  const end = markdown.indexOf("\n## ", start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** The `schedulers` of the config shown in a page's Options section, for rules that need one. */
function configuredSchedulers(markdown: string): SchedulerConfig[] {
  const options = markdown.slice(markdown.indexOf("\n## Options\n"));
  const json = /```json\n([\s\S]*?)```/.exec(options)?.[1];
  return json ? ((JSON.parse(json) as { schedulers?: SchedulerConfig[] }).schedulers ?? []) : [];
}

/** A rule's doc page is its contract: its sections exist and its examples behave as they say. */
for (const rule of rules) {
  const docPath = path.join(ROOT, "rules", rule.meta.id, "README.md");
  const doc = readFileSync(docPath, "utf8");

  describe(`${rule.meta.id} docs`, () => {
    test("have the title and every section", () => {
      expect(doc.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      for (const section of SECTIONS) expect(doc).toContain(`\n## ${section}\n`);
    });

    test("'Example' gives exactly one finding of the rule", () => {
      const [example] = codeBlocks(doc, "Example");
      expect(example).toBeDefined();
      const findings = lintText(path.join(ROOT, "example.ts"), example!, [rule.meta.id], configuredSchedulers(doc));
      expect(findings.map((finding) => finding.ruleId)).toEqual([rule.meta.id]);
    });

    test("'Use instead' gives no finding", () => {
      const [fixed] = codeBlocks(doc, "Use instead");
      expect(fixed).toBeDefined();
      expect(lintText(path.join(ROOT, "example.ts"), fixed!, [rule.meta.id], configuredSchedulers(doc))).toEqual([]);
    });

    test("'Fix safety' shows what --fix does: its 'Before' becomes its 'After'", async () => {
      const [before, after] = codeBlocks(doc, "Fix safety");
      expect(before).toBeDefined();
      const root = makeTempDir("doc");
      writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "doc", private: true }));
      writeFileSync(path.join(root, ".bgtasklintrc.json"), JSON.stringify({ schedulers: configuredSchedulers(doc) }));
      writeFileSync(path.join(root, "example.ts"), before!);
      const { results, failures } = await fixFiles({ cwd: root, patterns: ["."] });
      expect(failures).toEqual([]);
      expect(results[0]!.output).toBe(after);
      expect(rule.meta.fixable).toBe(true);
    });

    test("is listed in the README's rules table", () => {
      const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
      expect(readme.includes(`[${rule.meta.id}](rules/${rule.meta.id}/README.md)`), "README rules table row").toBe(true);
    });
  });
}

describe("the README's API table", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("### Supported APIs"), readme.indexOf("## In CI"));

  const entries = new Set(rules.flatMap((rule) => rule.apis.map((api) => JSON.stringify([api.label, api.package ?? "", api.checkedVersion ?? ""]))));
  test.each([...entries].map((entry) => JSON.parse(entry) as [string, string, string]))(
    "lists %s (%s %s) with the version it was checked against",
    (label, pkg, version) => {
      expect(table).toContain(label);
      if (pkg) expect(table).toContain(`${pkg} (${version})`);
    },
  );
});
