// npm run bench [-- --sizes 1000,5000 --runs 5 <project folder>...]
// Times bgtask-lint (cold, one process per run, and warm with --cache: nothing changed, one file changed) against the read-and-parse floor on generated
// projects and on any project folders given, and, when installed in bench/node_modules, against
// ESLint + typescript-eslint, oxlint and Biome. Prints a Markdown table of medians.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generate } from "./generate.mjs";

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, "..");
const BIN = path.join(ROOT, "bin/bgtask-lint.js");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function options(argv) {
  const parsed = { sizes: [1000, 5000], runs: 5, projects: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--sizes") parsed.sizes = argv[++i].split(",").filter(Boolean).map(Number);
    else if (argv[i] === "--runs") parsed.runs = Number(argv[++i]);
    else parsed.projects.push(path.resolve(argv[i]));
  }
  return parsed;
}

/** Runs a command once: wall seconds, peak resident memory in MB (when /usr/bin/time exists), stderr. */
function measure(command, args, cwd, env = {}) {
  const wrapped = TIME ? [TIME, ["-f", "bench-peak-kb %M", command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(wrapped[0], wrapped[1], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const seconds = (performance.now() - start) / 1000;
  const peak = /bench-peak-kb (\d+)/.exec(run.stderr ?? "");
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}: ${run.stderr}`);
  return { seconds, peakMb: peak ? Number(peak[1]) / 1024 : undefined, stdout: run.stdout ?? "", stderr: run.stderr ?? "" };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function repeat(runs, once) {
  const results = Array.from({ length: runs }, once);
  const seconds = median(results.map((result) => result.seconds));
  const peaks = results.map((result) => result.peakMb).filter((value) => value !== undefined);
  return { seconds, peakMb: peaks.length ? median(peaks) : undefined, last: results[results.length - 1] };
}

/** Peers, when their packages are installed in bench/: the command and arguments for a folder. */
const PEERS = [
  { name: "ESLint + typescript-eslint", bin: "eslint", args: (dir) => ["--no-config-lookup", "-c", path.join(HERE, "peers/eslint.config.mjs"), dir] },
  // oxlint looks for tsgolint in the linted project's node_modules unless told where it is.
  { name: "oxlint (type-aware)", bin: "oxlint", args: (dir) => ["--type-aware", "-A", "all", "-D", "typescript/no-floating-promises", "-D", "typescript/no-misused-promises", dir], env: { OXLINT_TSGOLINT_PATH: path.join(HERE, "node_modules/.bin/tsgolint") } },
  { name: "Biome", bin: "biome", args: (dir) => ["lint", "--config-path", path.join(HERE, "peers"), dir] },
].map((peer) => ({ ...peer, path: path.join(HERE, "node_modules/.bin", peer.bin) }));

function benchmark(label, dir, runs) {
  const floor = repeat(runs, () => measure(process.execPath, [path.join(HERE, "parse-floor.mjs"), dir], dir));
  const { files } = JSON.parse(floor.last.stdout);
  const lint = repeat(runs, () => measure(process.execPath, [BIN, ".", "--format", "json", "--debug", "timing"], dir));
  const seen = /files seen: (\d+)/.exec(lint.last.stderr)?.[1] ?? "?";
  const parsed = /files parsed: (\d+)/.exec(lint.last.stderr)?.[1] ?? "?";
  const row = { label, files, floor: floor.seconds, lint: lint.seconds, peakMb: lint.peakMb, parsed: `${parsed} / ${seen}`, ...warm(dir, runs), peers: {} };
  for (const peer of PEERS) {
    if (!existsSync(peer.path)) continue;
    try {
      const result = repeat(runs, () => measure(peer.path, peer.args(dir), dir, peer.env));
      row.peers[peer.name] = { seconds: result.seconds, peakMb: result.peakMb };
    } catch (error) {
      // A peer that cannot lint this project (no tsconfig for its type checker, say) is shown as failed.
      row.peers[peer.name] = { failed: error.message.split("\n").find((line) => line.includes("Error")) ?? "failed" };
    }
  }
  return row;
}

/**
 * Warm runs with --cache, the cache kept outside the project: with nothing changed, and with one
 * file changed (the middle one of the linted files, a comment appended and removed afterwards).
 */
function warm(dir, runs) {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), "bgtask-lint-bench-cache-"));
  const cache = path.join(cacheDir, "cache.json");
  const args = [BIN, ".", "--format", "json", "--debug", "timing", "--cache", "--cache-location", cache];
  measure(process.execPath, args, dir);
  const unchanged = repeat(runs, () => measure(process.execPath, args, dir));
  const linted = Object.entries(JSON.parse(readFileSync(cache, "utf8")).files).filter(([, entry]) => entry.findings).map(([file]) => file).sort();
  const changed = linted[Math.floor(linted.length / 2)];
  const original = readFileSync(changed, "utf8");
  try {
    const edited = repeat(runs, () => {
      appendFileSync(changed, `\n// bench edit ${Math.random()}\n`);
      return measure(process.execPath, args, dir);
    });
    const fromCache = /files from cache: (\d+)/.exec(edited.last.stderr)?.[1] ?? "?";
    return { warm: unchanged.seconds, warmEdited: edited.seconds, changed: path.relative(dir, changed), relinted: `${linted.length - Number(fromCache)} / ${linted.length}` };
  } finally {
    writeFileSync(changed, original);
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function peerCell({ seconds, peakMb, failed }, ours) {
  if (failed !== undefined) return "failed";
  return `${seconds.toFixed(2)} s, ${peakMb === undefined ? "n/a" : `${peakMb.toFixed(0)} MB`} (${(seconds / ours).toFixed(1)}x our time)`;
}

function table(rows) {
  const peers = PEERS.filter((peer) => rows.some((row) => peer.name in row.peers)).map((peer) => peer.name);
  const header = ["project", "files", "read + parse floor", "bgtask-lint (cold)", "ratio to floor", "peak memory", "parsed / seen", "warm, unchanged", "warm, 1 file changed", "re-linted / linted", ...peers];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => " --- ").join("|")}|`];
  for (const row of rows) {
    const cells = [
      row.label,
      String(row.files),
      `${row.floor.toFixed(2)} s`,
      `${row.lint.toFixed(2)} s`,
      `${(row.lint / row.floor).toFixed(2)}x`,
      row.peakMb === undefined ? "n/a" : `${row.peakMb.toFixed(0)} MB`,
      row.parsed,
      `${row.warm.toFixed(2)} s`,
      `${row.warmEdited.toFixed(2)} s`,
      row.relinted,
      ...peers.map((name) => (name in row.peers ? peerCell(row.peers[name], row.lint) : "not installed")),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

const settings = options(process.argv.slice(2));
if (!existsSync(path.join(ROOT, "dist/src/cli.js"))) spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
const rows = [];
for (const size of settings.sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bgtask-lint-bench-${size}-`));
  generate(dir, size);
  rows.push(benchmark(`generated ${size}`, dir, settings.runs));
  rmSync(dir, { recursive: true, force: true });
}
for (const dir of settings.projects) rows.push(benchmark(path.basename(dir), dir, settings.runs));
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`bgtask-lint benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, Node ${process.version}, medians of ${settings.runs} runs`);
console.log("Warm: --cache with the cache filled; \"1 file changed\" appends a comment to the middle linted file, and \"re-linted\" counts the files linted again: it and the files whose findings were worked out from it.\n");
console.log(table(rows));
for (const row of rows) console.log(`${row.label}: changed ${row.changed}`);
for (const row of rows) for (const [name, peer] of Object.entries(row.peers)) if (peer.failed) console.log(`${row.label}: ${name} failed: ${peer.failed}`);
