import path from "node:path";
import type { TraceStep } from "./finding.js";

/**
 * How a place in a task can fail: `throw`/`call`/`await`/`new` throw (or reject) where they
 * stand; `floating` starts a promise that can reject and that nothing awaits or catches, so no
 * try/catch around it helps; `returned` is a promise returned without `await` from inside a
 * try block, whose catch therefore never sees the rejection; `rejects` is a promise made to
 * reject (`new Promise` calling reject, `Promise.reject`); `rethrow` is a throw in a catch
 * clause, which passes the error on; `elsewhere` is code the linter cannot see that runs on its
 * own (a worker thread's script).
 */
export type FailureKind = "throw" | "rethrow" | "call" | "new" | "await" | "floating" | "returned" | "rejects" | "elsewhere";

/**
 * Why a task can fail: the chain of calls from the task to the first place that can throw or
 * reject, and that place. Frontends produce it; rules word it.
 */
export interface Failure {
  /** The calls into other functions that lead to the site, outermost first. */
  calls: TraceStep[];
  site: TraceStep & { kind: FailureKind };
  /** True when the error leaves the task as a rejected promise rather than a synchronous throw. */
  rejects: boolean;
  /** The promise of the first call is neither awaited nor caught, so no try/catch around it helps. */
  floats?: boolean;
}

interface Origin {
  file: string;
  cwd: string;
}

function where(step: TraceStep, from: Origin): string {
  return step.file === from.file ? `line ${step.line}` : `${path.relative(from.cwd, step.file).split(path.sep).join("/")}:${step.line}`;
}

function describeSite(failure: Failure, from: Origin, nested: boolean): string {
  const { site } = failure;
  const at = `${site.text} (${where(site, from)})`;
  switch (site.kind) {
    case "floating":
      return nested ? `which starts ${at} and never handles its rejection` : `${at} starts a promise that can reject and nothing handles it`;
    case "returned":
      return nested
        ? `which returns ${at} without await inside try, so its catch never sees the rejection`
        : `${at} is returned without await inside try, so the catch never sees its rejection`;
    case "rejects":
      return nested ? `which returns ${at}, a promise that can reject` : `${at} can reject and nothing handles it`;
    case "call":
      return nested ? `which calls ${at} outside try/catch` : `${at} is outside try/catch`;
    case "rethrow":
      return nested ? `which has ${at} in a catch clause, passing the error on` : `${at} in a catch clause passes the error on, and nothing catches it`;
    case "elsewhere":
      return `its script ${at} runs in another thread, and an error there is emitted as "error" on the Worker, where nothing listens`;
    default:
      return nested ? `which has ${at} outside try/catch` : `${at} is outside try/catch`;
  }
}

/**
 * "JSON.parse(raw) (line 14) is outside try/catch", or through calls:
 * "it calls tick() (line 5), which calls JSON.parse(raw) (line 14) outside try/catch".
 * Locations in `file` are given as lines, others as file:line relative to `cwd`.
 */
export function explainFailure(failure: Failure, file: string, cwd: string): string {
  const from = { file, cwd };
  if (failure.calls.length === 0) return describeSite(failure, from, false);
  const [first, ...rest] = failure.calls;
  const parts = [`it calls ${first!.text} (${where(first!, from)})`];
  for (const call of rest) parts.push(`which calls ${call.text} (${where(call, from)})`);
  parts.push(describeSite(failure, from, true));
  if (failure.floats) parts.push(`and the promise ${first!.text} returns is neither awaited nor caught`);
  return parts.join(", ");
}
