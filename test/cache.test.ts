import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { makeProject, runCli, UNGUARDED } from "./helpers/run-cli.js";

const CALLER = 'import { load } from "./settings";\nexport function start() {\n  setInterval(() => load(), 1000);\n}\n';
const SAFE_CALLEE = "export function load() {\n  return 1;\n}\n";
const THROWING_CALLEE = 'export function load() {\n  return JSON.parse("{");\n}\n';

/** Runs with --cache and --debug timing: the output, and how many files came from the cache and were parsed. */
function cached(root: string, extra: string[] = []) {
  const run = runCli(["--cache", "--debug", "timing", ...extra], root);
  const counter = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(run.stderr)?.[1] ?? 0);
  return { code: run.code, stdout: run.stdout, fromCache: counter("files from cache"), parsed: counter("files parsed") };
}

/** Clean on the first cached run; after the edit, the warm run reports what a run without the cache does. */
function expectFindingAfterEdit(root: string, file: string, text: string) {
  expect(cached(root)).toMatchObject({ code: 0, stdout: "" });
  writeFileSync(path.join(root, file), text);
  const warm = cached(root);
  expect(warm.code).toBe(1);
  expect(warm.stdout).toBe(runCli([], root).stdout);
}

describe("--cache", () => {
  test("the first run writes the cache; the second gives the same output without linting again", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED, "src/b.ts": "export const b = 1;\n" });
    const cold = cached(root);
    expect(existsSync(path.join(root, ".bgtasklintcache"))).toBe(true);
    expect(cold).toMatchObject({ code: 1, fromCache: 0 });
    expect(cold.parsed).toBeGreaterThan(0);
    const warm = cached(root);
    expect(warm).toMatchObject({ code: 1, stdout: cold.stdout, fromCache: 2, parsed: 0 });
    expect(runCli([], root).stdout).toBe(warm.stdout);
  });

  test("a callee edited in another file changes its caller's findings on the warm run, both ways", () => {
    const root = makeProject({ "src/job.ts": CALLER, "src/settings.ts": SAFE_CALLEE, "src/other.ts": "export const other = 1;\n" });
    expect(cached(root).code).toBe(0);
    writeFileSync(path.join(root, "src/settings.ts"), THROWING_CALLEE);
    const broken = cached(root);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("src/job.ts\n  3:15  error  setInterval callback can throw: it calls load()");
    expect(broken.fromCache).toBe(1);
    writeFileSync(path.join(root, "src/settings.ts"), SAFE_CALLEE);
    expect(cached(root)).toMatchObject({ code: 0, stdout: "" });
  });

  test("an edited file re-lints only the files whose findings were worked out from it, not every importer", () => {
    const root = makeProject({
      "src/job.ts": 'import { load } from "./settings";\nimport { label } from "./labels";\nexport const name = label;\nexport function start() {\n  setInterval(() => load(), 1000);\n}\n',
      "src/settings.ts": SAFE_CALLEE,
      "src/labels.ts": 'export const label = "job";\n',
    });
    expect(cached(root).code).toBe(0);
    writeFileSync(path.join(root, "src/labels.ts"), 'export const label = "renamed";\n');
    expect(cached(root)).toMatchObject({ code: 0, fromCache: 2 });
    writeFileSync(path.join(root, "src/settings.ts"), THROWING_CALLEE);
    expect(cached(root)).toMatchObject({ code: 1, fromCache: 1 });
  });

  test("a file whose size and time are as stored is taken as unchanged without reading it; an edit that keeps the size is seen", () => {
    const root = makeProject({ "src/job.ts": CALLER, "src/settings.ts": SAFE_CALLEE });
    const settings = path.join(root, "src/settings.ts");
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const file of ["src/job.ts", "src/settings.ts"]) utimesSync(path.join(root, file), anHourAgo, anHourAgo);
    expect(cached(root).code).toBe(0);
    const sameSizeThrowing = SAFE_CALLEE.replace("return 1;", "throw 11;");
    expect(sameSizeThrowing.length).toBe(SAFE_CALLEE.length);
    writeFileSync(settings, sameSizeThrowing);
    utimesSync(settings, anHourAgo, anHourAgo);
    expect(cached(root)).toMatchObject({ code: 0, fromCache: 2 });
    writeFileSync(settings, sameSizeThrowing);
    expect(cached(root)).toMatchObject({ code: 1, fromCache: 0 });
  });

  test("a result reused from another file's analysis carries what its cycle of calls read", () => {
    // early.ts is linted first: a() is analysed inside b()'s cycle and reused for job.ts, so job.ts depends on c.ts too.
    const root = makeProject({
      "src/early.ts": 'import { b } from "./b";\nexport function begin() {\n  setInterval(() => b(), 1000);\n}\n',
      "src/job.ts": 'import { a } from "./a";\nexport function start() {\n  setInterval(() => a(), 1000);\n}\n',
      "src/a.ts": 'import { b } from "./b";\nexport function a(): void {\n  b();\n}\n',
      "src/b.ts": 'import { a } from "./a";\nimport { c } from "./c";\nexport function b(): void {\n  if (Math.random() > 2) a();\n  c();\n}\n',
      "src/c.ts": "export function c() {\n  return 1;\n}\n",
    });
    expect(cached(root).code).toBe(0);
    writeFileSync(path.join(root, "src/c.ts"), 'export function c() {\n  return JSON.parse("{");\n}\n');
    const warm = cached(root);
    expect(warm.stdout).toContain("src/early.ts\n  3:15  error");
    expect(warm.stdout).toContain("src/job.ts\n  3:15  error");
    expect(warm.stdout).toBe(runCli([], root).stdout);
  });

  test("a process-wide handler added in another file of the package clears the package's findings", () => {
    const root = makeProject({ "package.json": "{}", "src/a.ts": UNGUARDED, "src/main.ts": "export const main = 1;\n" });
    expect(cached(root).code).toBe(1);
    writeFileSync(path.join(root, "src/main.ts"), 'process.on("uncaughtException", (error) => console.error(error));\n');
    expect(cached(root)).toMatchObject({ code: 0, stdout: "" });
  });

  test("a handler installed by a module of another package that a file imports counts, and its removal is seen", () => {
    const handler = 'export const log = console;\nprocess.on("uncaughtException", (error) => console.error(error));\n';
    const root = makeProject({
      "package.json": '{ "workspaces": ["packages/*"] }',
      "packages/logger/package.json": '{ "name": "@acme/logger", "main": "./src/index.ts" }',
      "packages/logger/src/index.ts": 'export { log } from "./handlers";\n',
      "packages/logger/src/handlers.ts": handler,
      "packages/app/package.json": '{ "name": "app" }',
      "packages/app/src/a.ts": `import { log } from "@acme/logger";\nlog.info("up");\n${UNGUARDED}`,
    });
    expectFindingAfterEdit(root, "packages/logger/src/index.ts", "export const log = console;\n");
  });

  test("a private package covered by the handlers of the apps that run it is linted again when an app's file changes them", () => {
    const root = makeProject({
      "package.json": '{ "workspaces": ["apps/*", "packages/*"] }',
      "packages/db/package.json": '{ "name": "@acme/db", "private": true }',
      "packages/db/src/a.ts": UNGUARDED,
      "apps/api/package.json": '{ "name": "api", "dependencies": { "@acme/db": "*" } }',
      "apps/api/src/main.ts": 'process.on("uncaughtException", (error) => console.error(error));\n',
      "apps/api/src/crash.ts": "export const crash = 1;\n",
    });
    expectFindingAfterEdit(root, "apps/api/src/crash.ts", 'process.on("uncaughtException", () => process.exit(1));\n');
  });

  test("a handler function imported by the file that installs it, changed to exit, re-lints the package", () => {
    const root = makeProject({
      "package.json": "{}",
      "src/a.ts": UNGUARDED,
      "src/main.ts": 'import { onCrash } from "./on-crash";\nprocess.on("uncaughtException", onCrash);\n',
      "src/on-crash.ts": "export function onCrash(error: unknown) {\n  console.error(error);\n}\n",
    });
    expectFindingAfterEdit(root, "src/on-crash.ts", "export function onCrash(error: unknown) {\n  console.error(error);\n  process.exit(1);\n}\n");
  });

  test("a listener of an emitter that awaits its listeners is linted again when another file starts to emit its event plainly", () => {
    const root = makeProject({
      "src/app.ts": 'import { EventEmitter } from "node:events";\nexport class App extends EventEmitter {\n  declare emitAsync: (event: string) => Promise<boolean>;\n}\n',
      "src/plugin.ts": 'import { App } from "./app";\nexport function install(app: App) {\n  app.on("ready", async () => {\n    JSON.parse("{");\n  });\n}\n',
      "src/start.ts": 'import { App } from "./app";\nexport async function start(app: App) {\n  await app.emitAsync("ready");\n}\n',
    });
    expectFindingAfterEdit(root, "src/start.ts", 'import { App } from "./app";\nexport function start(app: App) {\n  app.emit("ready");\n}\n');
  });

  test("a listener on an emitter the linter cannot see is linted again when the file that awaited its emit() stops", () => {
    const root = makeProject({
      "src/plugin.js": 'export function install(context) {\n  context.appEvents.on("ready", async () => {\n    JSON.parse("{");\n  });\n}\n',
      "src/start.js": 'export async function start(context) {\n  await context.appEvents.emit("ready");\n}\n',
    });
    expectFindingAfterEdit(root, "src/start.js", 'export function start(context) {\n  context.appEvents.emit("ready");\n}\n');
  });

  test("a call through an interface is linted again when another file starts to implement it", () => {
    const root = makeProject({
      "src/store.d.ts": "export interface Store {\n  load(key: string): Promise<string>;\n}\n",
      "src/memory-store.ts": 'import type { Store } from "./store";\nexport class MemoryStore implements Store {\n  async load(key: string) {\n    return key;\n  }\n}\n',
      "src/sync.ts": 'import type { Store } from "./store";\nexport function start(store: Store) {\n  setInterval(async () => {\n    await store.load("a");\n  }, 1000);\n}\n',
      "src/http-store.ts": "export const pending: string[] = [];\n",
    });
    expectFindingAfterEdit(root, "src/http-store.ts", 'import type { Store } from "./store";\nexport class HttpStore implements Store {\n  async load(key: string) {\n    return (await fetch(key)).text();\n  }\n}\n');
  });

  test("a browser package that another file turns into a Node one is linted again", () => {
    const root = makeProject({
      "package.json": '{ "name": "sdk" }',
      "src/a.ts": UNGUARDED,
      "src/storage.ts": 'export const saved = localStorage.getItem("k");\n',
    });
    expectFindingAfterEdit(root, "src/storage.ts", 'import { readFileSync } from "node:fs";\nexport const saved = readFileSync("k", "utf8");\n');
  });

  test("a file that a web bundle stops loading only, when the server starts to import it, is linted again; a web webpack config added is seen", () => {
    const root = makeProject({
      "package.json": "{}",
      "webpack.config.js": 'module.exports = { target: "web", entry: "./client/main.ts" };\n',
      "client/main.ts": 'import "./a";\n',
      "client/a.ts": UNGUARDED,
      "server/index.ts": "export const port = 3000;\n",
    });
    expectFindingAfterEdit(root, "server/index.ts", 'import "../client/a";\nexport const port = 3000;\n');
    writeFileSync(path.join(root, "server/index.ts"), "export const port = 3000;\n");
    rmSync(path.join(root, "webpack.config.js"));
    expect(cached(root).code).toBe(1);
    writeFileSync(path.join(root, "webpack.config.js"), 'module.exports = { target: "web", entry: "./client/main.ts" };\n');
    expect(cached(root)).toMatchObject({ code: 0, stdout: "" });
  });

  test("a changed config, and a changed package.json, re-lint everything; warnings are kept like errors", () => {
    const root = makeProject({ "package.json": "{}", "src/a.ts": UNGUARDED });
    expect(cached(root).stdout).toContain("error");
    writeFileSync(path.join(root, ".bgtasklintrc.json"), '{ "rules": { "unguarded-timer-callback": "warn" } }');
    const warned = cached(root);
    expect(warned).toMatchObject({ code: 0, fromCache: 0 });
    expect(warned.stdout).toContain("1:12  warning");
    expect(cached(root)).toMatchObject({ stdout: warned.stdout, fromCache: 1 });
    writeFileSync(path.join(root, "package.json"), '{ "name": "renamed" }');
    expect(cached(root).fromCache).toBe(0);
  });

  test("an installed package whose version decides whether a method can reject re-lints its callers when it changes", () => {
    const service = 'import type { Cache } from "cache-manager";\nexport class Prices {\n  constructor(private readonly cache: Cache) {}\n  async remember(price: number) {\n    await this.cache.get("price");\n  }\n  quote(price: number) {\n    this.remember(price);\n  }\n}\n';
    const manifest = (version: string) => `{ "name": "cache-manager", "version": "${version}", "types": "index.d.ts" }`;
    const root = makeProject({
      "package.json": "{}",
      "src/prices.ts": service,
      "node_modules/cache-manager/package.json": manifest("7.2.8"),
      "node_modules/cache-manager/index.d.ts": "export type Cache = { get<T>(key: string): Promise<T | undefined> };\n",
    });
    expectFindingAfterEdit(root, "node_modules/cache-manager/package.json", manifest("5.7.6"));
  });

  test("a corrupt or foreign cache file is ignored and rewritten", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED });
    const expected = runCli([], root);
    for (const junk of ["{ not json", '{"format": 999, "key": "x", "environment": {}, "files": {}}', '{"format": 1}']) {
      writeFileSync(path.join(root, ".bgtasklintcache"), junk);
      expect(cached(root)).toMatchObject({ code: expected.code, stdout: expected.stdout, fromCache: 0 });
      expect(() => JSON.parse(readFileSync(path.join(root, ".bgtasklintcache"), "utf8"))).not.toThrow();
    }
  });

  test("an import that starts to resolve (generated code, a new workspace package) re-lints its importer", () => {
    const generated = 'import { helper } from "../generated/client";\nexport function run(raw: string) {\n  setTimeout(() => helper(raw), 10);\n}\n';
    const fromPackage = generated.replace("../generated/client", "@acme/util");
    const helper = "export function helper(raw: string) {\n  return JSON.parse(raw);\n}\n";
    const root = makeProject({
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["packages/*"] }),
      "packages/app/package.json": JSON.stringify({ name: "app" }),
      "packages/app/src/gen.ts": generated,
      "packages/app/src/pkg.ts": fromPackage,
    });
    expect(cached(root)).toMatchObject({ code: 0 });
    mkdirSync(path.join(root, "packages/app/generated"));
    writeFileSync(path.join(root, "packages/app/generated/client.ts"), helper);
    mkdirSync(path.join(root, "packages/util/src"), { recursive: true });
    writeFileSync(path.join(root, "packages/util/package.json"), JSON.stringify({ name: "@acme/util", main: "src/index.ts" }));
    writeFileSync(path.join(root, "packages/util/src/index.ts"), helper);
    const warm = cached(root, ["packages/app/src"]);
    expect(warm.stdout).toBe(runCli(["packages/app/src"], root).stdout);
    expect(warm.stdout).toContain("gen.ts");
    expect(warm.stdout).toContain("pkg.ts");
  });

  test("a cache whose stored findings are malformed is ignored, not reported from", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED });
    const expected = runCli([], root);
    cached(root);
    const file = path.join(root, ".bgtasklintcache");
    const stored = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, { findings?: unknown[] }> };
    for (const entry of Object.values(stored.files)) if (entry.findings) entry.findings = [null];
    writeFileSync(file, JSON.stringify(stored));
    expect(cached(root)).toMatchObject({ code: expected.code, stdout: expected.stdout, fromCache: 0 });
  });

  test("a cache that cannot be written is a one-line notice, and the findings are reported all the same", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED, "blocker": "a file, not a folder\n" });
    const run = runCli(["--cache", "--cache-location", "blocker/sub/cache.json"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(runCli([], root).stdout);
    expect(run.stderr).toMatch(/^bgtask-lint: cannot write the cache .*blocker\/sub\/cache\.json: ENOTDIR; the findings are not kept for the next run\n$/);
  });

  test("a script run by hand is linted again when a file of another package comes to mention it", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ workspaces: ["packages/*"] }),
      "tsconfig.json": JSON.stringify({ include: ["packages"] }),
      "release.js": UNGUARDED,
      "packages/app/package.json": "{}",
      "packages/app/src/a.ts": "export const a = 1;\n",
    });
    expectFindingAfterEdit(root, "packages/app/src/a.ts", 'import { fork } from "node:child_process";\nexport const start = () => fork("../../../release.js");\n');
  });

  test("a deleted file disappears from the results", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED, "src/b.ts": UNGUARDED });
    expect(cached(root, ["--format", "json"]).stdout).toContain("b.ts");
    rmSync(path.join(root, "src/b.ts"));
    const warm = cached(root, ["--format", "json"]);
    expect(warm.stdout).toContain("a.ts");
    expect(warm.stdout).not.toContain("b.ts");
  });

  test("--cache-location names the cache file, or a folder to keep it in", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED });
    cached(root, ["--cache-location", "cache-file.json"]);
    expect(existsSync(path.join(root, "cache-file.json"))).toBe(true);
    expect(cached(root, ["--cache-location", "cache-file.json"]).fromCache).toBe(1);
    cached(root, ["--cache-location", "caches/"]);
    expect(existsSync(path.join(root, "caches/.bgtasklintcache"))).toBe(true);
    expect(existsSync(path.join(root, ".bgtasklintcache"))).toBe(false);
  });

  test("--fix does not read or write the cache", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED });
    runCli(["--cache", "--fix"], root);
    expect(existsSync(path.join(root, ".bgtasklintcache"))).toBe(false);
  });
});
