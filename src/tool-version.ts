import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The version in the package.json nearest to this module (in the sources and in the build alike). */
export function toolVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
    } catch (error) {
      if (path.dirname(dir) === dir || (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}
