/**
 * One entry of the catalog of scheduling APIs: where the function comes from, which argument is
 * the task, and what happens to an error that escapes the task. Entries are data; a frontend
 * matches them against calls in its language.
 */
export interface TaskApi {
  /** How the task is named in messages: "setTimeout callback". */
  label: string;
  /** Any one of these names the API. */
  sources: readonly ApiSource[];
  /** Zero-based index of the argument that is the task function. */
  taskArgument: number;
  /** What an error escaping the task does. */
  onError: "crash";
}

export type ApiSource =
  /** A global, possibly a property path: "setTimeout", "process.nextTick". */
  | { global: string }
  /** An export of a module: { module: "timers", export: "setTimeout" } ("node:" prefixes are the same module). */
  | { module: string; export: string };
