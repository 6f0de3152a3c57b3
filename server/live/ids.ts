import { randomBytes, timingSafeEqual } from "node:crypto";

/** A run id: short, URL-safe, unguessable enough that runs are not enumerated. */
export function newRunId(): string {
  return randomBytes(9).toString("base64url");
}

/** The operator secret: whoever holds it steers the run. */
export function newSecret(): string {
  return randomBytes(24).toString("base64url");
}

/** Compares secrets in constant time, so that timing does not reveal a prefix. */
export function secretMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
