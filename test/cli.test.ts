import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { BIN, GUARDED, makeProject, runCli, UNGUARDED } from "./helpers/run-cli.js";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The JSON output's messages, each up to its first colon ("Parsing error"), by file name. */
function messageHeadsByFile(stdout: string): Record<string, string[]> {
  const results: { filePath: string; messages: { message: string }[] }[] = JSON.parse(stdout);
  return Object.fromEntries(results.map((result) => [path.basename(result.filePath), result.messages.map((message) => message.message.split(":")[0]!)]));
}
const RULE = "unguarded-timer-callback";

describe("the demo project", () => {
  test("stylish output lists each finding with its position, message and rule, and exits 1", () => {
    const run = runCli(["fixtures/demo"], ROOT);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("fixtures/demo/src/cache.ts\n  7:22  error  setInterval callback can reject: readFile(path, \"utf8\") (line 8) is outside try/catch");
    expect(run.stdout).toContain(`  17:16  error  setImmediate callback can throw: it calls renderWelcome(name) (line 18), which calls readFileSync("templates/welcome.txt", "utf8") (line 11) outside try/catch; the error will crash the process (uncaughtException). Catch the error inside the callback.  ${RULE}`);
    expect(run.stdout).not.toContain("sleep.ts");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("\u2716 2 problems (2 errors, 0 warnings)");
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stderr).toBe("");
  });

  test("--format json prints ESLint's JSON shape on stdout and nothing else", () => {
    const run = runCli(["--format", "json", "fixtures/demo"], ROOT);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results.map((result: { filePath: string }) => result.filePath)).toEqual([
      path.join(ROOT, "fixtures/demo/src/cache.ts"),
      path.join(ROOT, "fixtures/demo/src/mailer.ts"),
    ]);
    const [cache] = results;
    expect(cache).toMatchObject({ errorCount: 1, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 });
    expect(cache.messages[0]).toMatchObject({ ruleId: RULE, severity: 2, line: 7, column: 22, endLine: 10, endColumn: 4 });
    expect(cache.messages[0].trace).toEqual([
      { file: path.join(ROOT, "fixtures/demo/src/cache.ts"), line: 8, column: 23, text: 'readFile(path, "utf8")', kind: "call" },
    ]);
  });

  test("--color colours the stylish output", () => {
    const run = runCli(["--color", "fixtures/demo"], ROOT);
    expect(run.stdout).toMatch(/\u001b\[31merror/);
  });
});

describe("exit codes and output", () => {
  test("a clean project exits 0 and prints nothing; JSON prints []", () => {
    const root = makeProject({ "src/a.ts": GUARDED });
    expect(runCli(["src"], root)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(runCli(["--format", "json"], root)).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  test("the default path is the working folder", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED });
    const run = runCli([], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("src/a.ts\n  1:12  error");
  });

  test("an import named like an Object property (\"constructor\") is an unknown package, not a dependency entry", () => {
    const root = makeProject({ "package.json": '{ "name": "p", "dependencies": { "left-pad": "1.3.0" } }', "src/a.ts": `import constructor from "constructor";\nconsole.log(constructor);\n${UNGUARDED}` });
    const run = runCli(["src"], root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("src/a.ts\n  3:12  error");
  });

  test("an unknown option is one line on stderr and exit 2", () => {
    const run = runCli(["--frobnicate"], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown option '--frobnicate'\n");
    expect(run.stdout).toBe("");
  });

  test("an unknown format is exit 2", () => {
    const run = runCli(["--format", "xml", "fixtures/demo"], ROOT);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: option '-f, --format <name>' argument 'xml' is invalid/);
  });

  test("a path that does not exist is exit 2 with its name", () => {
    const run = runCli(["no/such/dir"], ROOT);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "bgtask-lint: no such file or folder: no/such/dir\n" });
  });

  test("--version and --help exit 0", () => {
    expect(runCli(["--version"], ROOT)).toMatchObject({ code: 0, stdout: "0.1.0\n" });
    const help = runCli(["--help"], ROOT);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--max-warnings <n>");
    expect(help.stdout).toContain(RULE);
  });

  test("a file that does not parse is a fatal error finding", () => {
    const root = makeProject({ "a.ts": "setTimeout(() => {\n" });
    const run = runCli(["--format", "json", "a.ts"], root);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)[0].messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, message: "Parsing error: '}' expected." });
  });

  test("a template file (config.tpl.js, or one with %%NAME%% placeholders) that does not parse holds a generator's placeholders: no parse error; a template that parses is linted", () => {
    const template = "module.exports = {\n  frameworks: [%FRAMEWORKS%],\n};\nsetTimeout(() => JSON.parse(process.argv[2]), 0);\n";
    const parsed = "setTimeout(() => JSON.parse(process.argv[2]), 0);\n";
    const served = "Client.prototype.defaults = function () {\n  %%DEFAULTS%%\n};\nsetTimeout(() => JSON.parse(process.argv[2]), 0);\n";
    const root = makeProject({ "config.tpl.js": template, "job.template.js": parsed, "config.js": template, "client/Client.js": served });
    const run = runCli(["--format", "json", "."], root);
    expect(messageHeadsByFile(run.stdout)).toEqual({ "config.js": ["Parsing error"], "job.template.js": ["setTimeout callback can throw"] });
  });

  test("a Flow file that does not parse (an exact object type) gives no parse error, nor one in a flow-typed folder; a Flow file that parses is linted", () => {
    const exact = "type Args = {|\n  id: string,\n|};\nsetTimeout(() => JSON.parse(process.argv[2]), 0);\n";
    const parsed = "// @flow\nsetTimeout(() => JSON.parse(process.argv[2]), 0);\n";
    const root = makeProject({ "channel.js": `// @flow\n${exact}`, "flow-typed/npm/jest.js": exact, "job.js": parsed, "plain.js": exact });
    const run = runCli(["--format", "json", "."], root);
    expect(messageHeadsByFile(run.stdout)).toEqual({ "plain.js": ["Parsing error"], "job.js": ["setTimeout callback can throw"] });
  });

  test("a bare unnamed function (a CouchDB view's map function) gives no parse error; a named one that does not parse does", () => {
    const view = "function(doc) {\n  if (doc.type === 'user') emit(doc._id);\n}\n";
    // A project function named like CouchDB's emit() makes the views worth parsing.
    const events = "export async function emit(name) {\n  await fetch(name);\n}\n";
    const root = makeProject({ "ddocs/users/views/by_id/map.js": `/* global emit */\n${view}`, "src/events.js": events, "broken.js": "function load(doc {\n  emit(doc);\n}\n" });
    const run = runCli(["--format", "json", "."], root);
    expect(messageHeadsByFile(run.stdout)).toEqual({ "broken.js": ["Parsing error"] });
  });

  test("a legacy octal literal is a parse error in strict code only: not in a CommonJS script without \"use strict\"", () => {
    const body = 'var fs = require("fs");\nsetTimeout(function () { try { fs.chmodSync("x", 0755); } catch (e) {} }, 0);\n';
    const root = makeProject({ "sloppy.js": body, "strict.js": `"use strict";\n${body}` });
    const run = runCli(["--format", "json", "sloppy.js", "strict.js"], root);
    const messages = Object.fromEntries(JSON.parse(run.stdout).map((result: { filePath: string; messages: { message: string }[] }) => [path.basename(result.filePath), result.messages.map((message) => message.message)]));
    expect(messages).toEqual({ "strict.js": ["Parsing error: Octal literals are not allowed. Use the syntax '0o755'."] });
  });
});

describe("config", () => {
  test("a rule set to warn reports warnings: exit 0, or 1 past --max-warnings; --quiet hides them", () => {
    const root = makeProject({ "a.ts": UNGUARDED, ".bgtasklintrc.json": JSON.stringify({ rules: { [RULE]: "warn" } }) });
    const run = runCli([], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1:12  warning  setTimeout callback can throw");
    expect(run.stdout).toContain("\u2716 1 problem (0 errors, 1 warning)");
    const strict = runCli(["--max-warnings", "0"], root);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe("bgtask-lint found too many warnings (1; maximum: 0).\n");
    expect(runCli(["--quiet"], root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("a rule switched off in package.json reports nothing", () => {
    const root = makeProject({ "a.ts": UNGUARDED, "package.json": JSON.stringify({ name: "x", "bgtask-lint": { rules: { [RULE]: "off" } } }) });
    expect(runCli([], root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("YAML .bgtasklintrc and an ESM config file are read", () => {
    const yaml = makeProject({ "a.ts": UNGUARDED, ".bgtasklintrc": `rules:\n  ${RULE}: off\n` });
    expect(runCli([], yaml).code).toBe(0);
    const esm = makeProject({ "a.ts": UNGUARDED, "bgtask-lint.config.mjs": `export default { rules: { "${RULE}": "off" } };\n` });
    expect(runCli([], esm).code).toBe(0);
  });

  test("--config names the file to use", () => {
    const root = makeProject({ "a.ts": UNGUARDED, "configs/quiet.json": JSON.stringify({ rules: { [RULE]: "off" } }) });
    expect(runCli(["--config", "configs/quiet.json"], root).code).toBe(0);
    expect(runCli(["--config", "configs/missing.json"], root)).toEqual({
      code: 2,
      stdout: "",
      stderr: "bgtask-lint: cannot read config configs/missing.json: file not found\n",
    });
  });

  test.each([
    [{ rules: { "no-such-rule": "error" } }, `.bgtasklintrc.json: rules.no-such-rule: unknown rule (known rules: ${RULE}, unguarded-async-listener, unguarded-wait-until, unguarded-cron-job, unhandled-queue-error, floating-task, unguarded-scheduled-task)`],
    [{ rules: { [RULE]: "loud" } }, `.bgtasklintrc.json: rules.${RULE}: expected "off", "warn" or "error", got "loud"`],
    [{ ignores: "dist" }, ".bgtasklintrc.json: ignores: expected an array of glob strings"],
    [{ rulez: {} }, ".bgtasklintrc.json: rulez: unknown key (known keys: rules, ignores, safeCalls, guards, analysis, schedulers, lintTests, lintExamples, fix)"],
    [{ lintTests: "yes" }, '.bgtasklintrc.json: lintTests: expected true or false, got "yes"'],
    [{ safeCalls: "logger.info" }, '.bgtasklintrc.json: safeCalls: expected an array of call names such as "logger.info" or "metrics.*"'],
    [{ analysis: { maxDepth: 0 } }, ".bgtasklintrc.json: analysis.maxDepth: expected a whole number, 1 or more, got 0"],
    [{ analysis: { strictCalls: "yes" } }, '.bgtasklintrc.json: analysis.strictCalls: expected true or false, got "yes"'],
    [{ analysis: { depth: 3 } }, ".bgtasklintrc.json: analysis.depth: unknown key (known keys: maxDepth, strictCalls)"],
    [{ schedulers: [{ module: "@acme/jobs", export: "enqueue", task: "1" }] }, ".bgtasklintrc.json: schedulers[0].task: expected the index of the task argument (0 is the first)"],
    [{ schedulers: [{ module: "@acme/jobs", export: "enqueue", task: 1, kind: "explode" }] }, '.bgtasklintrc.json: schedulers[0].kind: expected "crash" or "lost", got "explode"'],
  ])("a bad config %j is exit 2 naming the file and key", (config, message) => {
    const root = makeProject({ "a.ts": UNGUARDED, ".bgtasklintrc.json": JSON.stringify(config) });
    expect(runCli([], root)).toEqual({ code: 2, stdout: "", stderr: `bgtask-lint: ${message}\n` });
  });

  test("a config that does not parse is exit 2 with one line", () => {
    const root = makeProject({ "a.ts": UNGUARDED, ".bgtasklintrc.json": "{ rules: " });
    const run = runCli([], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^bgtask-lint: cannot read config file: .*\.bgtasklintrc\.json/);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("analysis settings", () => {
  const deepCall = [
    "function level3() { return 1; }",
    "function level2() { return level3(); }",
    "function level1() { return level2(); }",
    "setTimeout(() => level1(), 10);",
    "",
  ].join("\n");

  test("--max-depth: a call deeper than the limit counts as one that can throw", () => {
    const root = makeProject({ "a.ts": deepCall });
    expect(runCli([], root).code).toBe(0);
    const shallow = runCli(["--max-depth", "2"], root);
    expect(shallow.code).toBe(1);
    expect(shallow.stdout).toContain("it calls level1() (line 4), which calls level2() (line 3), which calls level3() (line 2) outside try/catch");
    expect(runCli(["--max-depth", "0"], root)).toMatchObject({ code: 2, stderr: "error: option '--max-depth <n>' argument '0' is invalid. expected a whole number, 1 or more\n" });
  });

  test("safeCalls and guards from the config", () => {
    const root = makeProject({
      "a.ts": [
        "import { metrics, withErrorBoundary } from 'telemetry';",
        "setInterval(async () => { await metrics.flush(); }, 1000);",
        "setTimeout(withErrorBoundary(() => JSON.parse('{')), 10);",
        "",
      ].join("\n"),
    });
    expect(runCli(["--format", "json"], root).code).toBe(1);
    const configured = path.join(root, ".bgtasklintrc.json");
    writeFileSync(configured, JSON.stringify({ safeCalls: ["metrics.*"], guards: ["withErrorBoundary"] }));
    expect(runCli([], root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("file discovery", () => {
  const project = () =>
    makeProject({
      "src/a.ts": UNGUARDED,
      "src/b.mjs": UNGUARDED,
      "src/types.d.ts": UNGUARDED,
      "src/notes.md": UNGUARDED,
      "src/generated/c.ts": UNGUARDED,
      "src/legacy/.gitignore": "old.js\n",
      "src/legacy/old.js": UNGUARDED,
      "src/legacy/kept.cjs": UNGUARDED,
      "lib/plugin.ts": UNGUARDED,
      "lib/plugin.js": UNGUARDED,
      "lib/worker.mts": UNGUARDED,
      "lib/worker.mjs": UNGUARDED,
      "lib/shim.ts": UNGUARDED,
      "lib/shim.cjs": UNGUARDED,
      "node_modules/pkg/index.js": UNGUARDED,
      ".yarn/releases/yarn-4.9.1.cjs": UNGUARDED,
      ".pnp.cjs": UNGUARDED,
      "libraries/knockout.min.js": UNGUARDED,
      "dist/a.js": UNGUARDED,
      ".gitignore": "src/generated/\n",
    });
  const files = (stdout: string) => stdout.split("\n").filter((line) => /^\S.*\.\w+$/.test(line));

  test("walks folders, skipping dependencies, Yarn's own files, minified files, build output, JavaScript compiled beside its TypeScript, declaration files and .gitignore'd paths (nested too)", () => {
    const run = runCli(["."], project());
    expect(files(run.stdout)).toEqual(["lib/plugin.ts", "lib/shim.cjs", "lib/shim.ts", "lib/worker.mts", "src/a.ts", "src/b.mjs", "src/legacy/kept.cjs"]);
  });

  test("a file named on the command line is linted even when ignored", () => {
    const run = runCli(["src/legacy/old.js", "dist/a.js", "libraries/knockout.min.js", "lib/plugin.js"], project());
    expect(files(run.stdout)).toEqual(["dist/a.js", "lib/plugin.js", "libraries/knockout.min.js", "src/legacy/old.js"]);
  });

  test("--ignore-pattern and the config's ignores skip files", () => {
    const root = project();
    expect(files(runCli(["--ignore-pattern", "*.mjs", "--ignore-pattern", "legacy/"], root).stdout)).toEqual(["lib/plugin.ts", "lib/shim.cjs", "lib/shim.ts", "lib/worker.mts", "src/a.ts"]);
    const configured = makeProject({ "src/a.ts": UNGUARDED, "src/b.ts": UNGUARDED, ".bgtasklintrc.json": JSON.stringify({ ignores: ["src/b.ts"] }) });
    expect(files(runCli([], configured).stdout)).toEqual(["src/a.ts"]);
  });

  test("test files and folders are left out unless the config sets lintTests", () => {
    const tests = {
      "src/a.ts": UNGUARDED,
      "src/a.test.ts": UNGUARDED,
      "src/b.spec.mjs": UNGUARDED,
      "src/types.test-d.ts": UNGUARDED,
      "src/__tests__/c.ts": UNGUARDED,
      "test/d.ts": UNGUARDED,
      "e2e/e.mjs": UNGUARDED,
      "spec/util/f.js": UNGUARDED,
      "testHelpers/g.js": UNGUARDED,
      "test-e2e/framework/rpc.ts": UNGUARDED,
      "packages/api/integration-tests/k.ts": UNGUARDED,
      "scripts/stress-test/n.js": UNGUARDED,
      "packages/interface-compliance-tests/src/o.ts": UNGUARDED,
      "util/util-internal-testing/src/p.ts": UNGUARDED,
      "simulation-test/apps/q.ts": UNGUARDED,
      "src/contest-results/m.ts": UNGUARDED,
      "src/sentinel/test-util.ts": UNGUARDED,
      "packages/testing/src/h.ts": UNGUARDED,
    };
    expect(files(runCli([], makeProject(tests)).stdout)).toEqual(["src/a.ts", "src/contest-results/m.ts"]);
    expect(files(runCli(["src/a.test.ts"], makeProject(tests)).stdout)).toEqual(["src/a.test.ts"]);
    const linted = makeProject({ ...tests, ".bgtasklintrc.json": JSON.stringify({ lintTests: true }) });
    expect(files(runCli([], linted).stdout)).toEqual(["e2e/e.mjs", "packages/api/integration-tests/k.ts", "packages/interface-compliance-tests/src/o.ts", "packages/testing/src/h.ts", "scripts/stress-test/n.js", "simulation-test/apps/q.ts", "spec/util/f.js", "src/__tests__/c.ts", "src/a.test.ts", "src/a.ts", "src/b.spec.mjs", "src/contest-results/m.ts", "src/sentinel/test-util.ts", "src/types.test-d.ts", "test-e2e/framework/rpc.ts", "test/d.ts", "testHelpers/g.js", "util/util-internal-testing/src/p.ts"]);
  });

  test("a file that declares a test suite is a test file whatever its name; a local describe is not a suite", () => {
    const suite = `describe("drivers/bigquery", function () {\n  before(function () {\n    ${UNGUARDED}  });\n});\n`;
    const sources = {
      "src/drivers/test.js": suite,
      "src/checks.ts": `import { describe } from "vitest";\n${suite}`,
      "src/docs.ts": `function describe(name: string, body: () => void) {\n  body();\n}\n${suite}`,
    };
    expect(files(runCli([], makeProject(sources)).stdout)).toEqual(["src/docs.ts"]);
    const linted = makeProject({ ...sources, ".bgtasklintrc.json": JSON.stringify({ lintTests: true }) });
    expect(files(runCli([], linted).stdout)).toEqual(["src/checks.ts", "src/docs.ts", "src/drivers/test.js"]);
  });

  test("a file whose opening comments say a tool wrote it, webpack's output, or a compiler's (with Babel's or tsc's async helper) is not linted; a template's syntax error is not reported", () => {
    const sources = {
      "src/bundle.ts": `// This code was bundled using \`deno bundle\` and it's not recommended to edit it manually\n${UNGUARDED}`,
      "src/pb.ts": `#!/usr/bin/env node\n/* Code generated by protoc-gen-ts. DO NOT EDIT. */\n${UNGUARDED}`,
      "overrides/frida/bridge.js": `// Primarily generated with:\n// npx frida-compile global-objc.js -o overrides/frida/bridge.js\n${UNGUARDED}`,
      "studio/main.js": `/******/ (() => { // webpackBootstrap\n${UNGUARDED}\n})();\n`,
      "studio/main_dev.js": `// webpackBootstrap is what webpack names its runtime.\n${UNGUARDED}`,
      "src/own.ts": `// Schedules the retry loop.\n${UNGUARDED}`,
      "src/sessions.ts": `/** Session store. Session ids are generated with nanoid. */\n${UNGUARDED}`,
      "es5.js": `/**\n  * This file contains the full library compiled to ES5.\n  */\n${UNGUARDED}`,
      "lib/group.js": `"use strict";\n\nfunction _asyncToGenerator(fn) { return function () { return new Promise(function (resolve, reject) { fn(resolve, reject); }); }; }\n${UNGUARDED}`,
      "src/patterns.ts": `// Glob patterns compiled to regular expressions once, at start-up.\n${UNGUARDED}`,
      "src/templates.ts": `// Templates compiled with Handlebars.\n${UNGUARDED}`,
      "lib/tsc.js": `"use strict";\nvar __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return new P(function () {}); };\n${UNGUARDED}`,
      "src/plugin/index.mjs": "export default function ({ q }) {\n  setTimeout(() => q.<%= name %>(), 10);\n}\n",
      "cli/templates/controller.ts": "import { /* upperFirstCamelName */, User } from '/* entitiesPath */';\nsetTimeout(() => console.log(User), 10);\n",
      "src/broken.mjs": "export default function ({ q }) {\n  setTimeout(() => q.(), 10);\n}\n",
    };
    expect(files(runCli([], makeProject(sources)).stdout)).toEqual(["src/broken.mjs", "src/own.ts", "src/patterns.ts", "src/sessions.ts", "src/templates.ts", "studio/main_dev.js"]);
  });

  test("a script run by hand is left out only when its package's own tsconfig.json compiles a known part of the package without it", () => {
    const script = (include: object) => ({ "package.json": "{}", "tsconfig.json": JSON.stringify(include), "scripts/sync.js": UNGUARDED, "src/a.ts": "export const a = 1;\n" });
    const project = (name: string, include: object) => Object.fromEntries(Object.entries(script(include)).map(([file, text]) => [`${name}/${file}`, text]));
    const root = makeProject({
      ...project("left-out", { include: ["src"] }),
      ...project("listed", { files: ["scripts/sync.js"] }),
      ...project("inherited", { extends: "./base.json", files: ["src/a.ts"] }),
      ...project("solution", { files: [], references: [{ path: "./tsconfig.node.json" }] }),
      ...project("site.io", { include: ["."] }),
    });
    expect(files(runCli([], root).stdout)).toEqual(["inherited/scripts/sync.js", "listed/scripts/sync.js", "site.io/scripts/sync.js", "solution/scripts/sync.js"]);
  });

  test("a package's folders of examples, samples, demos, benchmarks, docs and dev, its benchmark files, snippet files (*.examples.ts), and packages that are examples, are left out unless the config sets lintExamples", () => {
    const sources = {
      "package.json": "{}",
      "src/a.ts": UNGUARDED,
      "bench.ts": UNGUARDED,
      "src/bench.ts": UNGUARDED,
      "examples/basic.ts": UNGUARDED,
      "Example/socket.ts": UNGUARDED,
      "samples/quickstart.js": UNGUARDED,
      "code-samples/sequelize/app.js": UNGUARDED,
      "benchmark/run.js": UNGUARDED,
      "dev/play.ts": UNGUARDED,
      "playground/hmr/vite.config.ts": UNGUARDED,
      "packages/core/package.json": "{}",
      "packages/core/demo/app.ts": UNGUARDED,
      "packages/client-samples/package.json": "{}",
      "packages/client-samples/poll.ts": UNGUARDED,
      "packages/samples-kit/package.json": "{}",
      "packages/samples-kit/index.ts": UNGUARDED,
      "docs/guides/scraper.mjs": UNGUARDED,
      "website/package.json": "{}",
      "website/versioned_docs/v3/scraper.mjs": UNGUARDED,
      "src/services/benchmark/service.ts": UNGUARDED,
      "src/dev/tools.ts": UNGUARDED,
      "src/server.examples.ts": UNGUARDED,
    };
    expect(files(runCli([], makeProject(sources)).stdout)).toEqual(["packages/samples-kit/index.ts", "src/a.ts", "src/bench.ts", "src/dev/tools.ts", "src/services/benchmark/service.ts"]);
    expect(files(runCli(["examples/basic.ts"], makeProject(sources)).stdout)).toEqual(["examples/basic.ts"]);
    const linted = makeProject({ ...sources, ".bgtasklintrc.json": JSON.stringify({ lintExamples: true }) });
    expect(files(runCli([], linted).stdout)).toEqual([
      "Example/socket.ts",
      "bench.ts",
      "benchmark/run.js",
      "code-samples/sequelize/app.js",
      "dev/play.ts",
      "docs/guides/scraper.mjs",
      "examples/basic.ts",
      "packages/client-samples/poll.ts",
      "packages/core/demo/app.ts",
      "packages/samples-kit/index.ts",
      "playground/hmr/vite.config.ts",
      "samples/quickstart.js",
      "src/a.ts",
      "src/bench.ts",
      "src/dev/tools.ts",
      "src/server.examples.ts",
      "src/services/benchmark/service.ts",
      "website/versioned_docs/v3/scraper.mjs",
    ]);
    expect(runCli([], makeProject({ ...sources, ".bgtasklintrc.json": JSON.stringify({ lintExamples: "no" }) })).code).toBe(2);
  });

  test("globs match files below their base folder", () => {
    const run = runCli(["src/**/*.ts"], project());
    expect(files(run.stdout)).toEqual(["src/a.ts"]);
    expect(runCli(["src/**/*.tsx"], project())).toMatchObject({ code: 2, stderr: 'bgtask-lint: no files match the pattern "src/**/*.tsx"\n' });
  });
});

describe("suppression comments", () => {
  test("disable-next-line, disable-line and a file-level block comment, with rule lists and reasons", () => {
    const root = makeProject({
      "a.ts": [
        `// bgtask-lint-disable-next-line ${RULE} -- the parser never throws here`,
        UNGUARDED.trim(),
        `${UNGUARDED.trim()} // bgtask-lint-disable-line`,
        "// bgtask-lint-disable-next-line some-other-rule",
        UNGUARDED.trim(),
      ].join("\n"),
      "b.ts": `/* bgtask-lint-disable ${RULE} */\n${UNGUARDED}${UNGUARDED}`,
    });
    const run = runCli(["--format", "json"], root);
    const results = JSON.parse(run.stdout);
    expect(results).toHaveLength(1);
    expect(results[0].messages.map((message: { line: number }) => message.line)).toEqual([5]);
  });
});

describe("fixing", () => {
  const FIXED = [
    "setTimeout(() => {",
    "  try {",
    '    return JSON.parse("{");',
    "  } catch (error) {",
    '    console.error("Background task failed:", error);',
    "  }",
    "}, 10);",
    "",
  ].join("\n");

  test("--fix writes the fixed file, keeps its mode, reports what is left and exits 0 when nothing is", () => {
    const root = makeProject({ "a.ts": UNGUARDED });
    chmodSync(path.join(root, "a.ts"), 0o640);
    expect(runCli(["--fix", "."], root)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(path.join(root, "a.ts"), "utf8")).toBe(FIXED);
    expect(statSync(path.join(root, "a.ts")).mode & 0o777).toBe(0o640);
    expect(readdirSync(root).sort()).toEqual(["a.ts"]);
    expect(runCli(["--fix", "."], root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("--fix-dry-run writes nothing; the JSON output carries each fixed file's output", () => {
    const root = makeProject({ "a.ts": UNGUARDED });
    const run = runCli(["--fix-dry-run", "--format", "json"], root);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ filePath: path.join(root, "a.ts"), messages: [], output: FIXED })]);
    expect(readFileSync(path.join(root, "a.ts"), "utf8")).toBe(UNGUARDED);
  });

  test("--diff prints a unified diff, writes nothing and exits 1 when something would change", () => {
    const root = makeProject({ "a.ts": UNGUARDED });
    const run = runCli(["--diff"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "--- a/a.ts",
        "+++ b/a.ts",
        "@@ -1,1 +1,7 @@",
        '-setTimeout(() => JSON.parse("{"), 10);',
        "+setTimeout(() => {",
        "+  try {",
        '+    return JSON.parse("{");',
        "+  } catch (error) {",
        '+    console.error("Background task failed:", error);',
        "+  }",
        "+}, 10);",
        "",
      ].join("\n"),
    );
    expect(readFileSync(path.join(root, "a.ts"), "utf8")).toBe(UNGUARDED);
    expect(runCli(["--diff"], makeProject({ "a.ts": GUARDED }))).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("a fix that leaves the finding in place is undone, named on stderr, and the finding is reported", () => {
    const root = makeProject({ "a.ts": UNGUARDED, ".bgtasklintrc.json": JSON.stringify({ fix: { handler: "throw $error;" } }) });
    const run = runCli(["--fix", "."], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("bgtask-lint: could not fix a.ts:1:12 (unguarded-timer-callback): the finding is still there after the fix; not applied\n");
    expect(run.stdout).toContain("1:12  error  setTimeout callback can throw");
    expect(readFileSync(path.join(root, "a.ts"), "utf8")).toBe(UNGUARDED);
  });

  test("a function passed by name is not wrapped when code outside the linted paths calls it", () => {
    const tick = 'import { readFileSync } from "node:fs";\nexport function tick() {\n  readFileSync("/tmp/state");\n}\n';
    const root = makeProject({
      "src/jobs/tick.ts": tick,
      "src/jobs/main.ts": 'import { tick } from "./tick.js";\nsetInterval(tick, 1000);\n',
      "src/api/status.ts": 'import { tick } from "../jobs/tick.js";\nexport function status() {\n  tick();\n}\n',
    });
    const run = runCli(["--fix", "src/jobs"], root);
    expect(run.stderr).toBe("bgtask-lint: no fix for src/jobs/main.ts:2:13 (unguarded-timer-callback): tick is also used at status.ts:3; wrapping its body would hide its errors there, so catch the error in the task instead\n");
    expect(readFileSync(path.join(root, "src/jobs/tick.ts"), "utf8")).toBe(tick);
  });

  test("a promise an arrow returns to a timer gets .catch(); an expression body that can throw is wrapped", () => {
    const root = makeProject({ "a.ts": 'export function start(url: string, raw: string) {\n  setTimeout(() => fetch(url), 10);\n  setTimeout(() => JSON.parse(raw), 10);\n}\n' });
    expect(runCli(["--fix", "."], root)).toEqual({ code: 0, stdout: "", stderr: "" });
    const fixed = readFileSync(path.join(root, "a.ts"), "utf8");
    expect(fixed).toContain('  setTimeout(() => fetch(url).catch((error) => {\n    console.error("Background task failed:", error);\n  }), 10);\n');
    expect(fixed).toContain("    try {\n      return JSON.parse(raw);\n");
  });

  test("a handler that does not parse is a config error", () => {
    const root = makeProject({ "a.ts": UNGUARDED, ".bgtasklintrc.json": JSON.stringify({ fix: { handler: "logger.error($error" } }) });
    expect(runCli(["--fix", "."], root)).toEqual({ code: 2, stdout: "", stderr: "bgtask-lint: .bgtasklintrc.json: fix.handler: does not parse: ',' expected.\n" });
  });
});

describe("worker threads", () => {
  test("--threads 2 gives the same output as one thread", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 240; i++) files[`src/f${String(i).padStart(3, "0")}.ts`] = i % 40 === 0 ? UNGUARDED : `export const value${i} = ${i};\n`;
    const root = makeProject(files);
    const one = runCli(["--format", "json", "--threads", "1"], root);
    const two = runCli(["--format", "json", "--threads", "2", "--debug"], root);
    expect(JSON.parse(one.stdout)).toHaveLength(6);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toContain("bgtask-lint: debug: linting 240 files in 2 worker threads\n");
  });
});

describe("--debug", () => {
  test("a path after --debug is a path, not a topic", () => {
    const root = makeProject({ "src/a.ts": UNGUARDED, "b.ts": UNGUARDED });
    const run = runCli(["--debug", "src/", "--format", "json"], root);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).map((result: { filePath: string }) => path.relative(root, result.filePath))).toEqual(["src/a.ts"]);
  });
});

const MAIL = "export async function send(to: string) {\n  await fetch(to);\n}\n";

/** Projects with files the text pre-filter leaves unparsed, the findings the parsed ones give, and how many files are parsed. */
const PREFILTER_CASES: Array<{ title: string; files: Record<string, string>; reported: string[]; seen: number; parsed: number }> = [
  {
    title: "files whose calls are all awaited, assigned or returned (comments and strings aside) are not parsed",
    files: {
      "mail.ts": MAIL,
      "used.ts": 'import { send } from "./mail.js";\nexport async function a() {\n  // send("a comment") is no call\n  await send("x");\n  const pending = send("y");\n  console.error(`send(${1})`, "send(2)");\n  return pending;\n}\n',
      "dropped.ts": 'import { send } from "./mail.js";\nexport function b() {\n  send("z");\n}\n',
      // `.push(` hands a task to an async or fastq queue, which this project never imports
      "list.ts": "export function collect(items: number[]) {\n  items.push(1);\n}\n",
    },
    reported: ["dropped.ts:3:3"],
    seen: 4,
    parsed: 2,
  },
  {
    title: "a logging call (`logger.error(`) is no reason to parse a file, even where the project has an async method of that name",
    files: {
      "reporter.ts": "export class Reporter {\n  async error(message: string) {\n    await fetch(message);\n  }\n}\n",
      "reports.ts": 'import type { Reporter } from "./reporter.js";\nexport function report(reporter: Reporter) {\n  reporter.error("x");\n}\n',
      "logs.ts": 'export function log(logger: Console, service: { logger?: Console }) {\n  logger.error("x");\n  service.logger!\n    ?.error("y");\n}\n',
    },
    reported: ["reports.ts:3:3"],
    seen: 3,
    parsed: 2,
  },
  {
    title: "a JSX file whose text quotes no Node module is browser code, never reported, so it is not parsed",
    files: {
      "mail.ts": MAIL,
      "view.tsx": 'import { send } from "./mail.js";\nexport function View() {\n  send("x");\n  return <p>sent</p>;\n}\n',
      "page.tsx": 'import { readFile } from "node:fs/promises";\nimport { send } from "./mail.js";\nexport function Page() {\n  send("y");\n  return <p>{String(readFile)}</p>;\n}\n',
    },
    reported: ["page.tsx:4:3"],
    seen: 3,
    parsed: 2,
  },
  {
    title: "a file whose import declarations name a UI framework is browser code, not parsed, so syntax only Babel reads is no parse error there",
    files: {
      "mail.ts": MAIL,
      "form.js": 'import React from "react";\nimport { send } from "./mail.js";\nexport class Form extends React.Component {\n  submit() {\n    send("x");\n  }\n  render() {\n    return <form onSubmit={::this.submit} />;\n  }\n}\n',
      "job.js": '// import React from "react";\nimport { send } from "./mail.js";\nexport function job() {\n  send("y");\n  return ::console.log;\n}\n',
    },
    reported: ["job.js:5:10"],
    seen: 3,
    parsed: 1,
  },
];

describe("--debug timing", () => {
  test.each(PREFILTER_CASES)("$title", ({ files, reported, seen, parsed }) => {
    const root = makeProject(files);
    const run = runCli(["--format", "json", "--debug", "timing"], root);
    const results: Array<{ filePath: string; messages: Array<{ line: number; column: number }> }> = JSON.parse(run.stdout);
    expect(results.flatMap((result) => result.messages.map((message) => `${path.relative(root, result.filePath)}:${message.line}:${message.column}`))).toEqual(reported);
    expect(run.stderr).toContain(`files seen: ${seen}\nfiles parsed: ${parsed}\n`);
  });
});

describe("a part of a monorepo", () => {
  test("a queue another workspace package makes and hands out is looked for in the part linted", () => {
    const root = makeProject({
      "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["packages/*"] }),
      "packages/queue/package.json": JSON.stringify({ name: "@acme/queue", main: "src/index.ts", dependencies: { fastq: "^1.20.1" } }),
      "packages/queue/src/index.ts": 'import fastq from "fastq";\nasync function reindex(id: string): Promise<void> {\n  if (!id) throw new Error("no id");\n}\nexport const reindexQueue = fastq.promise(reindex, 4);\n',
      "packages/app/package.json": JSON.stringify({ name: "@acme/app", dependencies: { "@acme/queue": "*" } }),
      "packages/app/src/queue.ts": 'export { reindexQueue } from "@acme/queue";\n',
      "packages/app/src/jobs.ts": 'import { reindexQueue } from "./queue";\nexport function scheduleReindex(id: string) {\n  reindexQueue.push(id);\n}\n',
    });
    const run = runCli(["packages/app"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("3:3  error  fastq worker can reject");
  });
});

describe("output", () => {
  test("a reader that stops reading early (bgtask-lint --help | head -1) gets no stack trace", async () => {
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" --help | head -1`], { encoding: "utf8" });
    expect(run.stdout).toBe("Usage: bgtask-lint [options] [paths...]\n");
    expect(run.stderr).toBe("");
  });
});
