import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { makeProject, runCli } from "./helpers/run-cli.js";
import { makeTempDir } from "./helpers/temp-dir.js";

function runNode(file: string, cwd: string) {
  const run = spawnSync(process.execPath, [file], { cwd, encoding: "utf8", timeout: 10_000 });
  return { code: run.status, stderr: run.stderr };
}

/** Small programs whose background task fails, run with the real node before and after --fix. */
const PROGRAMS: Record<string, Record<string, string>> = {
  "a timer": {
    "main.mjs": 'setTimeout(() => { JSON.parse("{"); }, 1);\n',
  },
  "an async listener": {
    "main.mjs": [
      'import { EventEmitter } from "node:events";',
      "const bus = new EventEmitter();",
      'bus.on("order", async (raw) => { await Promise.resolve(); JSON.parse(raw); });',
      'bus.emit("order", "{");',
      "",
    ].join("\n"),
  },
  "a waitUntil promise": {
    "main.mjs": [
      'import { waitUntil } from "@vercel/functions";',
      'async function record(raw) { await Promise.resolve(); return JSON.parse(raw); }',
      'waitUntil(record("{"));',
      "",
    ].join("\n"),
    "node_modules/@vercel/functions/package.json": JSON.stringify({ name: "@vercel/functions", version: "1.5.0", type: "module", main: "index.js" }),
    "node_modules/@vercel/functions/index.js": "export function waitUntil(promise) { globalThis.pending = promise; }\n",
  },
  "a floating call": {
    "main.mjs": [
      'async function sendEmail(raw) { await Promise.resolve(); return JSON.parse(raw); }',
      'export function handler(raw) { sendEmail(raw); }',
      'handler("{");',
      "",
    ].join("\n"),
  },
};

describe("--fix changes what happens at run time", () => {
  for (const [name, files] of Object.entries(PROGRAMS)) {
    test(`${name}: crashes before, logs the error and exits 0 after`, () => {
      const root = makeProject({ ...files, "package.json": JSON.stringify({ name: "program", private: true, type: "module" }) });
      const before = runNode("main.mjs", root);
      expect(before.code).not.toBe(0);
      expect(runCli(["--fix", "main.mjs"], root)).toMatchObject({ code: 0, stdout: "" });
      const after = runNode("main.mjs", root);
      expect(after).toMatchObject({ code: 0 });
      expect(after.stderr).toContain("Background task failed: SyntaxError");
    });
  }
});

describe("--fix keeps the project compiling", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");
  const typeRoots = path.resolve(import.meta.dirname, "../node_modules/@types");
  const compile = (root: string): string[] => {
    const run = spawnSync(process.execPath, [tsc, "-p", root], { encoding: "utf8" });
    return run.stdout.split("\n").filter((line) => line.includes("error TS")).map((line) => line.replace(/\(\d+,\d+\)/, ""));
  };

  test.each(["unguarded-timer-callback/fix-wrap-bodies", "unguarded-timer-callback/fix-referenced-function", "unguarded-async-listener/fix-listeners", "floating-task/fix-custom-handler"])(
    "tsc --noEmit (strict, noImplicitReturns) reports no new errors after fixing %s",
    (fixture) => {
      const root = makeTempDir("tsc");
      cpSync(path.resolve(import.meta.dirname, "../fixtures", fixture, "input"), root, { recursive: true });
      const compilerOptions = { strict: true, noImplicitReturns: true, noEmit: true, experimentalDecorators: true, jsx: "preserve", module: "nodenext", target: "es2022", types: ["node"], typeRoots: [typeRoots], skipLibCheck: true };
      writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
      const before = compile(root);
      const sources = () => readdirSync(path.join(root, "src"), { recursive: true, encoding: "utf8" }).map((file) => statSync(path.join(root, "src", file)).isFile() && readFileSync(path.join(root, "src", file), "utf8"));
      const original = sources();
      expect(runCli(["--fix", "."], root).stderr).not.toContain("could not fix");
      expect(sources()).not.toEqual(original);
      expect(compile(root)).toEqual(before);
    },
    30_000,
  );
});
