import { ts } from "./ts.cjs";

/**
 * The file system as module resolution reads it, with what exists remembered for the run:
 * resolving imports asks about the same folders and files again and again (each folder up to the
 * root for node_modules, candidate extensions), and a stat call each time cost trigger.dev's cold
 * run about 130 ms. Nothing a run lints is created or removed while it runs.
 */
export function rememberingResolutionHost(): ts.ModuleResolutionHost {
  return { ...ts.sys, fileExists: remembered(ts.sys.fileExists), directoryExists: remembered(ts.sys.directoryExists) };
}

function remembered(exists: (path: string) => boolean): (path: string) => boolean {
  const known = new Map<string, boolean>();
  return (path) => {
    let found = known.get(path);
    if (found === undefined) {
      found = exists(path);
      known.set(path, found);
    }
    return found;
  };
}
