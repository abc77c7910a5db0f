import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LintOptions } from "../api.js";
import { UsageError } from "../core/errors.js";
import type { FileResult } from "../core/finding.js";
import type { TimingSnapshot } from "../core/timing.js";

/** Below this many files per thread, starting a worker costs more than it saves. */
const MIN_FILES_PER_THREAD = 100;
const WORKER_SCRIPT = new URL("./lint-worker.js", import.meta.url);

/** What a worker thread is given: the options that survive a structured clone, its files, all files linted. */
export interface WorkerInput {
  options: Pick<LintOptions, "cache" | "cwd" | "configFile" | "ignorePatterns" | "maxDepth" | "patterns"> & { debug: boolean; timing: boolean };
  chunk: string[];
  files: string[];
}

export type WorkerMessage =
  | { kind: "warn" | "debug"; message: string }
  | { kind: "done"; results: FileResult[]; timing?: TimingSnapshot }
  | { kind: "failed"; message: string; usage: boolean };

/** How many threads to use: as asked, fewer for a small project, one when the worker script is not built (tests run the sources). */
export function threadsFor(asked: number, files: number): number {
  if (!existsSync(fileURLToPath(WORKER_SCRIPT))) return 1;
  return Math.max(1, Math.min(asked, Math.floor(files / MIN_FILES_PER_THREAD)));
}

/**
 * Lints the files in `threads` worker threads, each with its own syntax trees and analysis,
 * given a contiguous run of the sorted files of about equal size (neighbouring files share
 * imports, so each worker parses fewer files it does not lint). Results come back in order.
 * `toLint`: the files whose findings are wanted (the rest come from the cache), default all.
 */
export async function lintInWorkers(options: LintOptions, files: string[], threads: number, toLint: string[] = files): Promise<FileResult[]> {
  const chunks = splitBySize(toLint, threads);
  const warned = new Set<string>();
  const warn = options.warn ?? ((message: string) => process.stderr.write(`bgtask-lint: ${message}\n`));
  const input = (chunk: string[]): WorkerInput => ({
    options: {
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
      ...(options.ignorePatterns !== undefined ? { ignorePatterns: options.ignorePatterns } : {}),
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      ...(options.patterns !== undefined ? { patterns: options.patterns } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      debug: options.debug !== undefined,
      timing: options.timing !== undefined,
    },
    chunk,
    files,
  });
  const runs = chunks.map(
    (chunk) =>
      new Promise<FileResult[]>((resolve, reject) => {
        const worker = new Worker(WORKER_SCRIPT, { workerData: input(chunk) });
        worker.on("message", (message: WorkerMessage) => {
          if (message.kind === "warn" && !warned.has(message.message)) {
            warned.add(message.message);
            warn(message.message);
          } else if (message.kind === "debug" && !warned.has(message.message)) {
            warned.add(message.message);
            options.debug?.(message.message);
          } else if (message.kind === "done") {
            if (message.timing) options.timing?.merge(message.timing);
            resolve(message.results);
          } else if (message.kind === "failed") {
            reject(message.usage ? new UsageError(message.message) : new Error(message.message));
          }
        });
        worker.on("error", reject);
      }),
  );
  return (await Promise.all(runs)).flat();
}

/** Contiguous runs of `files`, one per thread, of about equal total size. */
function splitBySize(files: string[], threads: number): string[][] {
  const sizes = files.map((file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  });
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const chunks: string[][] = [[]];
  let filled = 0;
  files.forEach((file, index) => {
    const target = (total * chunks.length) / threads;
    if (filled >= target && chunks.length < threads) chunks.push([]);
    chunks[chunks.length - 1]!.push(file);
    filled += sizes[index]!;
  });
  return chunks.filter((chunk) => chunk.length > 0);
}
