import { DEFAULT_MAX_DEPTH, type AnalysisSettings } from "../core/analysis-settings.js";
import { UsageError } from "../core/errors.js";
import type { RuleSetting } from "../core/rule.js";
import { DEFAULT_FIX_SETTINGS, type FixImport, type FixSettings } from "../core/fix.js";
import { CONFIG_KEYS } from "./config.js";
import type { SchedulerConfig } from "./schedulers.js";

const SETTINGS: Record<string, RuleSetting> = { off: "off", warn: "warn", error: "error", 0: "off", 1: "warn", 2: "error" };

export interface CheckedConfig {
  rules: Record<string, RuleSetting>;
  ignores: string[];
  analysis: AnalysisSettings;
  schedulers: SchedulerConfig[];
  lintTests: boolean;
  lintExamples: boolean;
  /** Imports' relative `from` are still relative to the config file here. */
  fix: FixSettings;
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
  const ignores = stringList(raw.ignores, source, "ignores", "glob strings");
  const safeCalls = stringList(raw.safeCalls, source, "safeCalls", 'call names such as "logger.info" or "metrics.*"');
  const guards = stringList(raw.guards, source, "guards", 'function names such as "withErrorBoundary"');
  let maxDepth = DEFAULT_MAX_DEPTH;
  let strictCalls = false;
  if (raw.analysis !== undefined) {
    if (!isRecord(raw.analysis)) fail(source, "analysis", "expected an object such as { \"maxDepth\": 32 }");
    for (const key of Object.keys(raw.analysis)) {
      if (key !== "maxDepth" && key !== "strictCalls") fail(source, `analysis.${key}`, "unknown key (known keys: maxDepth, strictCalls)");
    }
    if (raw.analysis.strictCalls !== undefined) {
      if (typeof raw.analysis.strictCalls !== "boolean") fail(source, "analysis.strictCalls", `expected true or false, got ${JSON.stringify(raw.analysis.strictCalls)}`);
      strictCalls = raw.analysis.strictCalls;
    }
    if (raw.analysis.maxDepth !== undefined) {
      const value = raw.analysis.maxDepth;
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) fail(source, "analysis.maxDepth", `expected a whole number, 1 or more, got ${JSON.stringify(value)}`);
      maxDepth = value;
    }
  }
  const schedulers = schedulerList(raw.schedulers, source);
  const lintTests = flag(raw, "lintTests", source);
  const lintExamples = flag(raw, "lintExamples", source);
  const fix = fixSettings(raw.fix, source);
  return { rules, ignores, analysis: { safeCalls, guards, maxDepth, strictCalls }, schedulers, lintTests, lintExamples, fix };
}

const SCHEDULER_EXAMPLE = '{ "module": "@acme/jobs", "export": "enqueue", "task": 1, "kind": "crash" }';

function schedulerList(value: unknown, source: string): SchedulerConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(source, "schedulers", `expected an array of entries such as ${SCHEDULER_EXAMPLE}`);
  return value.map((entry: unknown, index) => {
    const key = `schedulers[${index}]`;
    if (!isRecord(entry)) fail(source, key, `expected an object such as ${SCHEDULER_EXAMPLE}`);
    const text = (name: string): string => {
      const field = entry[name];
      if (typeof field !== "string" || field.length === 0) fail(source, `${key}.${name}`, "expected a non-empty string");
      return field;
    };
    const task = entry.task;
    if (typeof task !== "number" || !Number.isInteger(task)) fail(source, `${key}.task`, "expected the index of the task argument (0 is the first)");
    const kind = entry.kind ?? "crash";
    if (kind !== "crash" && kind !== "lost") fail(source, `${key}.kind`, `expected "crash" or "lost", got ${JSON.stringify(kind)}`);
    const allowed = "export" in entry ? ["module", "export", "task", "kind"] : ["module", "class", "method", "task", "kind"];
    for (const name of Object.keys(entry)) {
      if (!allowed.includes(name)) fail(source, `${key}.${name}`, `unknown key (known keys: ${allowed.join(", ")})`);
    }
    if ("export" in entry) return { module: text("module"), export: text("export"), task, kind };
    return { module: text("module"), class: text("class"), method: text("method"), task, kind };
  });
}

const FIX_EXAMPLE = `{ "handler": "logger.error({ err: $error }, 'background task failed');", "imports": [{ "from": "./lib/logger", "named": ["logger"] }] }`;

/** A true/false key; false when absent. */
function flag(raw: Record<string, unknown>, key: string, source: string): boolean {
  const value = raw[key];
  if (value !== undefined && typeof value !== "boolean") fail(source, key, `expected true or false, got ${JSON.stringify(value)}`);
  return value === true;
}

function fixSettings(value: unknown, source: string): FixSettings {
  if (value === undefined) return DEFAULT_FIX_SETTINGS;
  if (!isRecord(value)) fail(source, "fix", `expected an object such as ${FIX_EXAMPLE}`);
  for (const key of Object.keys(value)) {
    if (key !== "handler" && key !== "imports") fail(source, `fix.${key}`, "unknown key (known keys: handler, imports)");
  }
  const handler = value.handler ?? DEFAULT_FIX_SETTINGS.handler;
  if (typeof handler !== "string" || handler.trim() === "") fail(source, "fix.handler", "expected a statement such as \"logger.error($error);\" ($error stands for the caught value)");
  if (value.imports !== undefined && !Array.isArray(value.imports)) fail(source, "fix.imports", `expected an array such as [{ "from": "./lib/logger", "named": ["logger"] }]`);
  const imports = ((value.imports ?? []) as unknown[]).map((entry, index): FixImport => {
    const key = `fix.imports[${index}]`;
    if (!isRecord(entry) || typeof entry.from !== "string" || entry.from === "") fail(source, `${key}.from`, "expected a module name or a path relative to the config file");
    const named = stringList(entry.named, source, `${key}.named`, "names to import");
    if (named.length === 0) fail(source, `${key}.named`, "expected at least one name");
    return { from: entry.from, named };
  });
  return { handler, imports };
}

function stringList(value: unknown, source: string, key: string, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item.length > 0)) fail(source, key, `expected an array of ${what}`);
  return value;
}
