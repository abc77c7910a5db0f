import path from "node:path";

const SLOWEST_FILES = 10;

export interface TimingSnapshot {
  phases: Array<[string, number]>;
  counters: Array<[string, number]>;
  files: Array<{ file: string; ms: number }>;
}

/**
 * Where a run's time goes, for `--debug timing` (like ESLint's TIMING=1): time per phase,
 * counters (files seen, files parsed) and the slowest files. Parsing happens inside linting,
 * whenever the analysis first reaches a file, so "lint" minus "parse" is the analysis.
 */
export class Timing {
  private readonly phases = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private readonly files: Array<{ file: string; ms: number }> = [];

  time<T>(phase: string, run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.add(phase, performance.now() - start);
    }
  }

  add(phase: string, ms: number): void {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + ms);
  }

  count(counter: string, by = 1): void {
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + by);
  }

  fileTime(file: string, ms: number): void {
    this.files.push({ file, ms });
  }

  /** What a worker thread measured, to send to the main thread. */
  snapshot(): TimingSnapshot {
    return { phases: [...this.phases], counters: [...this.counters], files: this.files };
  }

  /** Adds what a worker thread measured (its times add up as CPU time). */
  merge(snapshot: TimingSnapshot): void {
    for (const [phase, ms] of snapshot.phases) this.add(phase, ms);
    for (const [counter, value] of snapshot.counters) this.count(counter, value);
    this.files.push(...snapshot.files);
  }

  /** The table, paths relative to `cwd`. */
  format(cwd: string): string {
    const lint = this.phases.get("lint") ?? 0;
    const parse = this.phases.get("parse") ?? 0;
    const rows: Array<[string, number]> = [
      ["config", this.phases.get("config") ?? 0],
      ["discovery", this.phases.get("discovery") ?? 0],
      ["parse", parse],
      ["analysis", Math.max(0, lint - parse)],
      ["report", this.phases.get("report") ?? 0],
      ...(this.phases.has("cache") ? [["cache", this.phases.get("cache")!] as [string, number]] : []),
    ];
    const lines = ["phase        time (ms)"];
    for (const [name, ms] of rows) lines.push(`${name.padEnd(12)} ${ms.toFixed(0).padStart(9)}`);
    for (const [name, value] of this.counters) lines.push(`${name}: ${value}`);
    const slowest = [...this.files].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_FILES);
    if (slowest.length > 0) lines.push("slowest files (ms, parsing included):");
    for (const { file, ms } of slowest) lines.push(`${ms.toFixed(0).padStart(7)}  ${path.relative(cwd, file)}`);
    return `${lines.join("\n")}\n`;
  }
}
