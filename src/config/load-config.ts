import path from "node:path";
import { cosmiconfig } from "cosmiconfig";
import { DEFAULT_ANALYSIS_SETTINGS } from "../core/analysis-settings.js";
import { UsageError } from "../core/errors.js";
import { DEFAULT_FIX_SETTINGS } from "../core/fix.js";
import type { ResolvedConfig } from "./config.js";
import { validateConfig } from "./validate-config.js";

const MODULE_NAME = "bgtask-lint";

const SEARCH_PLACES = [
  "package.json",
  ".bgtasklintrc",
  ".bgtasklintrc.json",
  ".bgtasklintrc.yaml",
  ".bgtasklintrc.yml",
  ".bgtasklintrc.js",
  ".bgtasklintrc.cjs",
  ".bgtasklintrc.mjs",
  "bgtask-lint.config.js",
  "bgtask-lint.config.cjs",
  "bgtask-lint.config.mjs",
];

/**
 * Reads the config named by --config, or the first one found from `cwd` up to the folder of
 * the nearest package.json. No config at all means every rule at its default.
 */
export async function loadConfig(cwd: string, knownRules: readonly string[], configFile?: string): Promise<ResolvedConfig> {
  const explorer = cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, searchStrategy: "project", cache: false });
  let found: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    found = configFile ? await explorer.load(path.resolve(cwd, configFile)) : await explorer.search(cwd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : (error as Error).message.split("\n")[0];
    throw new UsageError(`cannot read config ${configFile ?? "file"}: ${reason}`);
  }
  if (!found || found.isEmpty) {
    return { filePath: found?.filepath, rules: {}, ignores: [], baseDir: found ? path.dirname(found.filepath) : cwd, analysis: DEFAULT_ANALYSIS_SETTINGS, schedulers: [], lintTests: false, lintExamples: false, fix: DEFAULT_FIX_SETTINGS };
  }
  const source = path.relative(cwd, found.filepath) || found.filepath;
  const checked = validateConfig(found.config, source, knownRules);
  const baseDir = path.dirname(found.filepath);
  // A relative import is relative to the config file; each fixed file gets its own path to it.
  const imports = checked.fix.imports.map((entry) => (entry.from.startsWith(".") ? { ...entry, from: path.resolve(baseDir, entry.from) } : entry));
  return { filePath: found.filepath, ...checked, fix: { ...checked.fix, imports }, baseDir };
}
