import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The core, config, reporters and linter know nothing of TypeScript, so another language's frontend can plug in. */
test.each(["core", "config", "reporters", "discovery"].flatMap((dir) => sources(path.join(SRC, dir))).concat(path.join(SRC, "linter.ts")))(
  "%s imports neither ts-morph nor the TypeScript frontend",
  (file) => {
    const text = readFileSync(file, "utf8");
    expect(text).not.toMatch(/from "ts-morph"|from "typescript"|frontends\/typescript/);
  },
);
