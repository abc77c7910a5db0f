import { statSync } from "node:fs";
import type { CachedFile } from "./cache-file.js";
import { contentHash } from "./content-hash.js";

/** Files changed this close to when they were looked at may change again unseen within their time's resolution: they get no stamp. */
const SETTLE_MS = 2000;

interface Stat {
  stamp: string;
  mtimeMs: number;
  /** When the stat was taken. */
  at: number;
}

/**
 * Each file's content hash for one run. A file whose size and modification time (its stamp) are
 * those the cache stored is taken as unchanged without being read, as ESLint's "metadata" cache
 * strategy; any other is read and hashed. The stamp kept for the next run is the one taken
 * before the file was read, so an edit made while the run reads it is seen next time.
 */
export class FileHashes {
  private readonly stats = new Map<string, Stat | undefined>();
  private readonly hashes = new Map<string, string>();

  constructor(
    private readonly stored: ReadonlyMap<string, CachedFile>,
    private readonly read: (file: string) => string | undefined,
  ) {}

  /** The file's hash; undefined when it cannot be read. */
  of(file: string): string | undefined {
    if (!this.hashes.has(file)) {
      const before = this.stored.get(file);
      const stamp = this.stat(file)?.stamp;
      if (before?.stamp !== undefined && before.stamp === stamp) this.hashes.set(file, before.hash);
      else {
        const text = this.read(file);
        if (text !== undefined) this.hashes.set(file, contentHash(text));
      }
    }
    return this.hashes.get(file);
  }

  /** The stamp to keep with the file's hash, unless it had changed too recently to trust it then. */
  storable(file: string): string | undefined {
    const stat = this.stat(file);
    return stat && stat.at - stat.mtimeMs > SETTLE_MS ? stat.stamp : undefined;
  }

  private stat(file: string): Stat | undefined {
    if (!this.stats.has(file)) {
      try {
        const { size, mtimeMs } = statSync(file);
        this.stats.set(file, { stamp: `${size}:${mtimeMs}`, mtimeMs, at: Date.now() });
      } catch {
        this.stats.set(file, undefined);
      }
    }
    return this.stats.get(file);
  }
}
