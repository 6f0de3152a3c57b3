/**
 * Structural equality for the small derived values selectors build (lists of leaders,
 * owners, node states): two values that print the same are the same.
 */
export function sameJson<T>(a: T, b: T): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
