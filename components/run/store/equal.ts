/**
 * Structural equality for the small derived values selectors build (lists of leaders,
 * owners, node states, the automation element's numbers): two values that would print
 * the same as JSON are the same. Compared in place, without printing them: selectors run
 * at every frame, and printing both sides each time was a steady stream of garbage.
 */
export function sameJson<T>(a: T, b: T): boolean {
  return same(a, b);
}

/** JSON prints NaN and the infinities as null. */
const asPrinted = (v: unknown) => (typeof v === "number" && !isFinite(v) ? null : v);

function same(a: unknown, b: unknown): boolean {
  a = asPrinted(a);
  b = asPrinted(b);
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameItem(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // JSON leaves out properties that are undefined (or functions): so does this.
  let kx = 0;
  for (const k in x) {
    if (!printed(x[k])) continue;
    kx++;
    if (!printed(y[k]) || !same(x[k], y[k])) return false;
  }
  let ky = 0;
  for (const k in y) if (printed(y[k])) ky++;
  return kx === ky;
}

/** In an array, JSON prints undefined and functions as null. */
function sameItem(a: unknown, b: unknown): boolean {
  return same(printed(a) ? a : null, printed(b) ? b : null);
}

function printed(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}
