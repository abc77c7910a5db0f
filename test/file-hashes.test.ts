import { utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import type { CachedFile } from "../src/cache/cache-file.js";
import { FileHashes } from "../src/cache/file-hashes.js";
import { readTextOrUndefined } from "../src/core/source-texts.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const anHourAgo = () => new Date(Date.now() - 3_600_000);

function oldFile(text: string): string {
  const file = path.join(makeTempDir("hashes"), "a.ts");
  writeFileSync(file, text);
  utimesSync(file, anHourAgo(), anHourAgo());
  return file;
}

/** The entry the cache would keep for the file after a run with these hashes. */
function entryAfter(hashes: FileHashes, file: string): Map<string, CachedFile> {
  const stamp = hashes.storable(file);
  return new Map([[file, { hash: hashes.of(file)!, ...(stamp ? { stamp } : {}), facts: { imports: [], group: "", affectsGroup: false } }]]);
}

test("a file whose stamp is as stored is not read again; its stored hash is used", () => {
  const file = oldFile("export const a = 1;\n");
  const first = new FileHashes(new Map(), readTextOrUndefined);
  const stored = entryAfter(first, file);
  expect(stored.get(file)!.stamp).toMatch(/^\d+:\d/);
  let reads = 0;
  const second = new FileHashes(stored, (name) => (reads++, readTextOrUndefined(name)));
  expect(second.of(file)).toBe(first.of(file));
  expect(reads).toBe(0);
});

test("a file edited while the run reads it keeps the stamp from before the read, so the next run reads it again", () => {
  const file = oldFile("export const a = 1;\n");
  const duringRun = new FileHashes(new Map(), (name) => {
    const text = readTextOrUndefined(name);
    writeFileSync(name, "export const a = 22;\n");
    utimesSync(name, anHourAgo(), new Date(Date.now() - 1_800_000));
    return text;
  });
  const stored = entryAfter(duringRun, file);
  const next = new FileHashes(stored, readTextOrUndefined);
  expect(next.of(file)).not.toBe(stored.get(file)!.hash);
});

test("a file changed just before it was looked at gets no stamp: it is read and hashed next time", () => {
  const file = oldFile("export const a = 1;\n");
  writeFileSync(file, "export const a = 2;\n");
  expect(new FileHashes(new Map(), readTextOrUndefined).storable(file)).toBeUndefined();
});
