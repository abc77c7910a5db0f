import { toolVersion } from "../tool-version.js";
import { contentHash } from "./content-hash.js";

/** The key of a run's settings: stored findings are reused only under the same tool version, folder and settings. */
export function cacheKey(settings: unknown): string {
  return contentHash(JSON.stringify({ version: toolVersion(), settings }));
}
