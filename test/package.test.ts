import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { makeProject, UNGUARDED } from "./helpers/run-cli.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const ROOT = path.resolve(import.meta.dirname, "..");

test("the npm pack tarball ships only what runs, installs into an empty folder, lints there and keeps its compile cache in node_modules/.cache", { timeout: 180_000 }, () => {
  const packDir = makeTempDir("pack");
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  ) as [{ filename: string; files: { path: string }[] }];
  const shipped = packed[0].files.map((file) => file.path);
  expect(shipped).toContain("bin/bgtask-lint.js");
  expect(shipped).toContain("dist/src/cli.js");
  expect(shipped).toContain("rules/unguarded-timer-callback/README.md");
  expect(shipped.filter((file) => /^(src|test|fixtures)\//.test(file) || file.endsWith(".ts.map"))).toEqual([]);

  const project = makeProject({ "src/job.ts": UNGUARDED });
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(packDir, packed[0].filename)], {
    cwd: project,
    stdio: "ignore",
  });
  const run = spawnSync("npx", ["bgtask-lint", "--format", "json", "src"], { cwd: project, encoding: "utf8" });
  expect(run.status).toBe(1);
  const [result] = JSON.parse(run.stdout);
  expect(result.filePath).toBe(path.join(project, "src/job.ts"));
  expect(result.messages.map((message: { line: number; column: number; ruleId: string }) => [message.ruleId, message.line, message.column])).toEqual([
    ["unguarded-timer-callback", 1, 12],
  ]);
  expect(readdirSync(path.join(project, "node_modules/.cache/bgtask-lint")).filter((name) => name.endsWith(".v8cache"))).toHaveLength(3);
});
