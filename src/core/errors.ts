/**
 * An error the user can fix (bad flag, bad config, missing file): the CLI prints its message on
 * one line and exits 2, without a stack trace.
 */
export class UsageError extends Error {
  override name = "UsageError";
}
