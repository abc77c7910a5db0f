import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { supportsColor } from "chalk";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { rules } from "../rules/index.js";
import path from "node:path";
import { fixFiles, lintFiles, Timing, type FixOutcome, type LintOptions } from "./api.js";
import { toolVersion } from "./tool-version.js";
import { writeAtomically } from "./fixing/write-atomically.js";
import { unifiedDiff } from "./reporters/diff.js";
import { UsageError } from "./core/errors.js";
import { countResults, type FileResult } from "./core/finding.js";
import { formatters, type FormatterName } from "./reporters/index.js";

interface CliOptions {
  format: FormatterName;
  config?: string;
  quiet?: boolean;
  maxWarnings?: number;
  ignorePattern: string[];
  maxDepth?: number;
  color?: boolean;
  /** true for --debug; "timing" for --debug timing. */
  debug?: boolean | string;
  fix?: boolean;
  threads: number;
  fixDryRun?: boolean;
  diff?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError("expected a whole number, 0 or more");
  return count;
}

function parsePositive(value: string): number {
  const depth = parseCount(value);
  if (depth < 1) throw new InvalidArgumentError("expected a whole number, 1 or more");
  return depth;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildProgram(): Command {
  const ruleLines = rules.map((rule) => `  ${rule.meta.id.padEnd(28)} ${rule.meta.description}`).join("\n");
  return new Command("bgtask-lint")
    .description("Find background tasks (timer callbacks, listeners, queued jobs) whose errors nobody catches.")
    .argument("[paths...]", "files, folders or globs to lint", ["."])
    .addOption(new Option("-f, --format <name>", "output format").choices(Object.keys(formatters)).default("stylish"))
    .option("-c, --config <file>", "use this config file instead of searching for one")
    .option("--quiet", "report errors only, not warnings")
    .option("--max-warnings <n>", "exit 1 when there are more than n warnings (default: no limit)", parseCount)
    .option("--ignore-pattern <glob>", "skip files matching this gitignore-style pattern (repeatable)", collect, [])
    .option("--max-depth <n>", "follow calls this many levels deep; deeper calls count as able to throw (default 32)", parsePositive)
    .option("--threads <n>", `lint in this many worker threads, for big projects on many cores (this machine has ${availableParallelism()})`, parsePositive, 1)
    .option("--cache", "reuse the findings of files whose dependencies have not changed since the last --cache run (not with --fix, --fix-dry-run, --diff: those lint everything)")
    .option("--cache-location <path>", "the cache file, or a folder to keep .bgtasklintcache in (default: .bgtasklintcache in the working folder)")
    .option("--fix", "wrap unguarded task bodies in try/catch (or add .catch()) and write the files")
    .option("--fix-dry-run", "fix in memory and report as if fixed, writing nothing (JSON output carries each file's output)")
    .option("--diff", "print the fixes as a unified diff, writing nothing; exit 1 when anything would change")
    .option("--color", "force coloured output")
    .option("--no-color", "never colour the output")
    .option("--debug [timing]", "print stack traces of internal errors and notices such as assumed package versions; --debug timing prints where the time went")
    .version(toolVersion(), "-v, --version")
    .helpOption("-h, --help", "show this help")
    .addHelpText(
      "after",
      `\nRules:\n${ruleLines}\n\nExit codes: 0 no errors (and warnings within --max-warnings), 1 findings, 2 bad arguments, bad config or internal failure.`,
    )
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(message.split("\n")[0]! + "\n") });
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // `bgtask-lint | head`: a reader that stops reading is not an error of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT_CLEAN);
    throw error;
  });
  const program = buildProgram();
  let paths: string[];
  let options: CliOptions;
  try {
    program.parse(argv as string[], { from: "user" });
    paths = program.args;
    options = program.opts<CliOptions>();
    // `--debug src/`: the optional value was a path, not a topic.
    if (typeof options.debug === "string" && options.debug !== "timing") {
      paths = [options.debug, ...paths];
      options.debug = true;
    }
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    throw error;
  }
  try {
    const timing = options.debug === "timing" ? new Timing() : undefined;
    const lintOptions: LintOptions = {
      patterns: paths,
      configFile: options.config,
      ignorePatterns: options.ignorePattern,
      maxDepth: options.maxDepth,
      ...(options.debug === true ? { debug: (message: string) => process.stderr.write(`bgtask-lint: debug: ${message}\n`) } : {}),
      ...(timing ? { timing } : {}),
      threads: options.threads,
      cache: options.cache === true,
      ...(options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    };
    if (options.fix || options.fixDryRun || options.diff) return fix(await fixFiles(lintOptions), options);
    const results = await lintFiles(lintOptions);
    const code = timing ? timing.time("report", () => report(results, options)) : report(results, options);
    if (timing) process.stderr.write(timing.format(process.cwd()));
    return code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bgtask-lint: ${error.message}\n`);
    } else if (options.debug) {
      process.stderr.write(`bgtask-lint: internal error\n${(error as Error).stack ?? String(error)}\n`);
    } else {
      process.stderr.write(`bgtask-lint: internal error: ${(error as Error).message} (run with --debug for details)\n`);
    }
    return EXIT_ERROR;
  }
}

/** Writes (--fix), shows (--diff) or only reports (--fix-dry-run) the fixes, then what is left. */
function fix(outcome: FixOutcome, options: CliOptions): number {
  const cwd = process.cwd();
  const changed = outcome.results.filter((result) => result.output !== undefined);
  for (const failure of outcome.failures) {
    const { line, column } = failure.finding.range;
    process.stderr.write(`bgtask-lint: could not fix ${path.relative(cwd, failure.filePath)}:${line}:${column} (${failure.finding.ruleId}): ${failure.reason}\n`);
  }
  for (const result of outcome.results) {
    for (const finding of result.findings) {
      if (!finding.fixUnavailable) continue;
      const { line, column } = finding.range;
      process.stderr.write(`bgtask-lint: no fix for ${path.relative(cwd, result.filePath)}:${line}:${column} (${finding.ruleId}): ${finding.fixUnavailable}\n`);
    }
  }
  if (options.diff) {
    for (const result of changed) process.stdout.write(unifiedDiff(result.filePath, readFileSync(result.filePath, "utf8"), result.output!, cwd));
    return changed.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  }
  if (options.fix) {
    for (const result of changed) writeAtomically(result.filePath, result.output!);
  }
  return report(options.fixDryRun ? outcome.results : outcome.results.map(({ output: _output, ...rest }) => rest), options);
}

function report(results: FileResult[], options: CliOptions): number {
  const counts = countResults(results);
  const shown = options.quiet
    ? results.map((result) => ({ ...result, findings: result.findings.filter((finding) => finding.severity === "error") }))
    : results;
  const color = options.color ?? (supportsColor !== false && options.format === "stylish");
  process.stdout.write(formatters[options.format](shown, { cwd: process.cwd(), color }));
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings;
  if (tooManyWarnings) {
    process.stderr.write(`bgtask-lint found too many warnings (${counts.warningCount}; maximum: ${options.maxWarnings}).\n`);
  }
  return counts.errorCount > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_CLEAN;
}
