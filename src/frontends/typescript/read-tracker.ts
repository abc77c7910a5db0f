interface ReadFrame {
  reads: Set<string>;
  /** Worked out from an assumption about an unfinished computation, or from a result whose reads are not known yet. */
  exact: boolean;
}

/**
 * Which files' syntax a linted file's findings were worked out from, for --cache: the files the
 * analysis opened while linting it, and those that went into every memoised result it reused
 * (a callee's summary, worked out while linting another file).
 *
 * A memoised computation runs in its own frame. When it relied on an unfinished one (a cycle of
 * calls, assumed not to fail) or on a result whose reads are not known yet, its own reads may
 * miss files that decided it; such results get the reads of the whole file being linted, which
 * holds every computation of the cycle.
 */
export class ReadTracker {
  private readonly frames: ReadFrame[] = [];
  private readonly resultReads = new Map<unknown, ReadonlySet<string>>();
  private pending: unknown[] = [];

  /** The file's syntax was read. */
  note(filePath: string): void {
    this.frames.at(-1)?.reads.add(filePath);
  }

  /** The memoised result `key` was reused. */
  reuse(key: unknown): void {
    const frame = this.frames.at(-1);
    if (!frame) return;
    const reads = this.resultReads.get(key);
    if (!reads) {
      frame.exact = false;
      return;
    }
    for (const file of reads) frame.reads.add(file);
  }

  /** The current computation assumes the result of an unfinished one. */
  assume(): void {
    const frame = this.frames.at(-1);
    if (frame) frame.exact = false;
  }

  /** Runs the computation of memoised result `key` in a frame of its own. */
  compute<T>(key: unknown, run: () => T): T {
    this.frames.push({ reads: new Set(), exact: true });
    try {
      return run();
    } finally {
      const frame = this.end();
      if (frame.exact) this.resultReads.set(key, frame.reads);
      else this.pending.push(key);
    }
  }

  /** Lints one file; returns what it gives and the other files its findings were worked out from. */
  lintFile<T>(filePath: string, lint: () => T): { output: T; reads: string[] } {
    const frame: ReadFrame = { reads: new Set(), exact: true };
    this.frames.push(frame);
    try {
      const output = lint();
      return { output, reads: [...frame.reads].filter((file) => file !== filePath).sort() };
    } finally {
      this.end();
      for (const key of this.pending) this.resultReads.set(key, frame.reads);
      this.pending = [];
    }
  }

  private end(): ReadFrame {
    const frame = this.frames.pop()!;
    const outer = this.frames.at(-1);
    if (outer) {
      for (const file of frame.reads) outer.reads.add(file);
      if (!frame.exact) outer.exact = false;
    }
    return frame;
  }
}
