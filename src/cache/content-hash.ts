import { createHash } from "node:crypto";

/** A short fingerprint of a text or of any JSON value; equal inputs, equal hashes. */
export function contentHash(value: string): string {
  return createHash("sha1").update(value).digest("base64url");
}
