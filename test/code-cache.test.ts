import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { makeTempDir } from "./helpers/temp-dir.js";

const CODE_CACHE = path.resolve(import.meta.dirname, "../dist/src/frontends/typescript/code-cache.cjs");

/** Preloads `module.cjs` with the code cache in `cache/`, then requires it, in a fresh Node process. */
function loadInChild(dir: string): string {
  const script = `
    const { preloadWithCodeCache } = require(${JSON.stringify(CODE_CACHE)});
    const file = ${JSON.stringify(path.join(dir, "module.cjs"))};
    preloadWithCodeCache(file, ${JSON.stringify(path.join(dir, "cache"))});
    process.stdout.write(require(file).greet("cache"));`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  return run.stdout;
}

function cacheFiles(dir: string): string[] {
  return readdirSync(path.join(dir, "cache")).map((name) => path.join(dir, "cache", name));
}

test("a preloaded module is what require returns, and its code cache is written once and then reused", () => {
  const dir = makeTempDir("code-cache");
  writeFileSync(path.join(dir, "module.cjs"), `exports.greet = (name) => "hello " + name + " from " + require("node:path").basename(__filename);`);
  expect(loadInChild(dir)).toBe("hello cache from module.cjs");
  const [cacheFile] = cacheFiles(dir);
  expect(cacheFiles(dir)).toHaveLength(1);
  const written = statSync(cacheFile!).mtimeMs;
  expect(loadInChild(dir)).toBe("hello cache from module.cjs");
  // Not written again: V8 took the data.
  expect(statSync(cacheFile!).mtimeMs).toBe(written);
});

test("a damaged code cache is ignored and written anew", () => {
  const dir = makeTempDir("code-cache");
  writeFileSync(path.join(dir, "module.cjs"), `exports.greet = (name) => "hi " + name;`);
  loadInChild(dir);
  const [cacheFile] = cacheFiles(dir);
  writeFileSync(cacheFile!, "not V8 code cache data");
  expect(loadInChild(dir)).toBe("hi cache");
  expect(readFileSync(cacheFile!, "utf8")).not.toBe("not V8 code cache data");
  expect(cacheFiles(dir)).toEqual([cacheFile]);
});
