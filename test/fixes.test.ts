import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { rules } from "../rules/index.js";
import { fixFiles } from "../src/api.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesBelow(dir, relative) : [relative];
  });
}

/**
 * A `fixtures/<rule>/fix-*` folder holds an `input/` project and the `expected/` text of every
 * file --fix changes, compared byte for byte (tabs, CRLF, comments and all); files missing from
 * `expected/` must come out unchanged. Fixing the fixed project again must change nothing.
 */
for (const rule of rules) {
  const dir = path.join(FIXTURES, rule.meta.id);
  const cases = existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith("fix-") && statSync(path.join(dir, name)).isDirectory()).sort() : [];
  if (cases.length === 0) continue;
  describe(`${rule.meta.id} fixes`, () => {
    for (const name of cases) {
      test(name, async () => {
        const root = makeTempDir("fix");
        cpSync(path.join(dir, name, "input"), root, { recursive: true });
        const outcome = await fixFiles({ cwd: root, patterns: ["."], warn: (message) => expect.fail(message) });
        expect(outcome.failures.map((failure) => failure.reason)).toEqual([]);
        const expectedDir = path.join(dir, name, "expected");
        const outputs = new Map(outcome.results.flatMap((result) => (result.output === undefined ? [] : [[path.relative(root, result.filePath), result.output] as const])));
        expect([...outputs.keys()].sort()).toEqual(filesBelow(expectedDir).sort());
        for (const [file, output] of outputs) expect(output, file).toBe(readFileSync(path.join(expectedDir, file), "utf8"));
        for (const [file, output] of outputs) writeFileSync(path.join(root, file), output);
        const again = await fixFiles({ cwd: root, patterns: ["."], warn: (message) => expect.fail(message) });
        expect(again.results.filter((result) => result.output !== undefined).map((result) => result.filePath)).toEqual([]);
      });
    }
  });
}
