import { statSync } from "node:fs";

/** Files changed this recently may change again within their time's resolution unseen: they get no stamp. */
const SETTLE_MS = 2000;

/** Each file's size and modification time, read once per run: equal stamps, an unchanged file. */
export class FileStamps {
  private readonly stats = new Map<string, { size: number; mtimeMs: number } | undefined>();

  of(file: string): string | undefined {
    const stat = this.stat(file);
    return stat && `${stat.size}:${stat.mtimeMs}`;
  }

  /** The stamp to keep for the next run, unless the file changed too recently to trust it then. */
  storable(file: string): string | undefined {
    const stat = this.stat(file);
    return stat && Date.now() - stat.mtimeMs > SETTLE_MS ? this.of(file) : undefined;
  }

  private stat(file: string): { size: number; mtimeMs: number } | undefined {
    if (!this.stats.has(file)) {
      try {
        const { size, mtimeMs } = statSync(file);
        this.stats.set(file, { size, mtimeMs });
      } catch {
        this.stats.set(file, undefined);
      }
    }
    return this.stats.get(file);
  }
}
