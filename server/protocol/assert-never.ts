/** Ends every switch over a tagged union, so that a new member fails to compile until handled. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
