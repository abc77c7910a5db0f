import path from "node:path";
import { rules as allRules } from "../../rules/index.js";
import { unguardedScheduledTask } from "../../rules/unguarded-scheduled-task/index.js";
import { withConfiguredSchedulers, type SchedulerConfig } from "../../src/config/schedulers.js";
import { DEFAULT_ANALYSIS_SETTINGS } from "../../src/core/analysis-settings.js";
import type { Finding } from "../../src/core/finding.js";
import type { RuleSetting } from "../../src/core/rule.js";
import { TypeScriptFrontend } from "../../src/frontends/typescript/index.js";
import { enabledRules, Linter } from "../../src/linter.js";

/**
 * Lints one text as the CLI would, with only the given rules switched on (all rules when none are
 * given), and the schedulers a config would declare.
 */
export function lintText(filePath: string, text: string, only?: readonly string[], schedulers: readonly SchedulerConfig[] = []): Finding[] {
  const rules = withConfiguredSchedulers(allRules, schedulers, unguardedScheduledTask.meta.id);
  const settings: Record<string, RuleSetting> = {};
  for (const rule of rules) {
    if (only && !only.includes(rule.meta.id)) settings[rule.meta.id] = "off";
  }
  const warn = (message: string): void => {
    throw new Error(message);
  };
  const cwd = path.dirname(filePath);
  const frontend = new TypeScriptFrontend({ cwd, allRules: rules, analysis: DEFAULT_ANALYSIS_SETTINGS, warn });
  return new Linter([frontend], enabledRules(rules, settings), cwd).lintText(filePath, text).findings;
}
