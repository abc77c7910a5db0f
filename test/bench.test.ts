import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
// @ts-expect-error: the bench is plain JavaScript, outside the typed sources
import { generate } from "../bench/generate.mjs";
import { makeTempDir } from "./helpers/temp-dir.js";

const ROOT = path.resolve(import.meta.dirname, "..");

test("the benchmark's generator writes the asked number of files, with tasks to find", () => {
  const dir = makeTempDir("gen");
  expect(generate(dir, 50)).toEqual({ helpers: 40, asyncs: 5, tasks: 5 });
  const count = (sub: string) => readdirSync(path.join(dir, "src", sub)).length;
  expect(count("lib") + count("data") + count("tasks")).toBe(50);
});

test("npm run bench prints the comparison table", () => {
  const run = spawnSync("npm", ["run", "--silent", "bench", "--", "--sizes", "30", "--runs", "1"], { cwd: ROOT, encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/\| project \| files \| read \+ parse floor \| bgtask-lint \(cold\) \| ratio to floor \| peak memory \| parsed \/ seen \|/);
  expect(run.stdout).toMatch(/\| generated 30 \| 30 \| [\d.]+ s \| [\d.]+ s \| [\d.]+x | (\d+ MB|n\/a) \| \d+ \/ 30 \|/);
}, 60_000);
