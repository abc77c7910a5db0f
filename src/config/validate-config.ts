import { UsageError } from "../core/errors.js";
import type { RuleSetting } from "../core/rule.js";
import { CONFIG_KEYS } from "./config.js";

const SETTINGS: Record<string, RuleSetting> = { off: "off", warn: "warn", error: "error", 0: "off", 1: "warn", 2: "error" };

export interface CheckedConfig {
  rules: Record<string, RuleSetting>;
  ignores: string[];
}

function fail(source: string, key: string, problem: string): never {
  throw new UsageError(`${source}: ${key}: ${problem}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks a raw config object; every problem names the file and the key. */
export function validateConfig(raw: unknown, source: string, knownRules: readonly string[]): CheckedConfig {
  if (!isRecord(raw)) fail(source, "(top level)", "expected an object");
  for (const key of Object.keys(raw)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) fail(source, key, `unknown key (known keys: ${CONFIG_KEYS.join(", ")})`);
  }
  const rules: Record<string, RuleSetting> = {};
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) fail(source, "rules", 'expected an object such as { "unguarded-timer-callback": "warn" }');
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!knownRules.includes(id)) fail(source, `rules.${id}`, `unknown rule (known rules: ${knownRules.join(", ")})`);
      const setting = typeof value === "string" || typeof value === "number" ? SETTINGS[value] : undefined;
      if (!setting) fail(source, `rules.${id}`, `expected "off", "warn" or "error", got ${JSON.stringify(value)}`);
      rules[id] = setting;
    }
  }
  let ignores: string[] = [];
  if (raw.ignores !== undefined) {
    if (!Array.isArray(raw.ignores) || !raw.ignores.every((item) => typeof item === "string")) {
      fail(source, "ignores", "expected an array of glob strings");
    }
    ignores = raw.ignores;
  }
  return { rules, ignores };
}
