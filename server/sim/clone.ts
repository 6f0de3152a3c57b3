/**
 * A deep copy of the simulation's state that keeps what plain JSON or structuredClone
 * would lose: class prototypes, Maps and Sets, typed arrays, shared references (two
 * replicas holding the same record stay sharing one copy) and cycles. Frozen objects
 * are immutable and are shared, not copied: log records are frozen when they are made,
 * so a checkpoint costs the arrays that hold them, not the records.
 * Functions are kept by reference; state must not hold closures over `this`.
 */
/**
 * Arrays that hold only frozen objects (replica logs, the committed view): registered
 * where they are made, so a clone copies them with one slice() and no look at each of
 * their hundreds of thousands of records. The clone's copy is registered too.
 */
const frozenItemArrays = new WeakSet<readonly unknown[]>();

/** Registers an array whose elements are, and will stay, frozen objects or primitives. */
export function frozenItems<T>(array: T[]): T[] {
  frozenItemArrays.add(array);
  return array;
}

/**
 * A method an object may define to copy itself (it holds no references into the rest of the
 * state): growable tables copy only the part in use.
 */
export const copySelf = Symbol("copySelf");

interface SelfCopying {
  [copySelf](): unknown;
}

export function deepClone<T>(root: T, memo = new Map<object, unknown>()): T {
  return copy(root, memo) as T;
}

function copy(value: unknown, memo: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  // Frozen objects are shared. isExtensible is a bit on the object's map, where isFrozen
  // inspects every property; nothing in the state is sealed or non-extensible but frozen.
  if (!Object.isExtensible(value)) return value;
  const seen = memo.get(value);
  if (seen !== undefined) return seen;
  if (Array.isArray(value)) {
    // slice() copies the elements in one go (a memcpy for packed arrays); only elements
    // that are mutable objects need a deep copy. Replica logs, the largest arrays, hold
    // frozen records only, so this is most of a checkpoint's cost.
    const out = (value as unknown[]).slice();
    memo.set(value, out);
    if (frozenItemArrays.has(value)) {
      frozenItemArrays.add(out);
      return out;
    }
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      if (typeof x === "object" && x !== null && Object.isExtensible(x)) out[i] = copy(x, memo);
    }
    return out;
  }
  if (ArrayBuffer.isView(value)) {
    const out = (value as unknown as { slice(): unknown }).slice();
    memo.set(value, out);
    return out;
  }
  if (copySelf in value) {
    const out = (value as SelfCopying)[copySelf]();
    memo.set(value, out);
    return out;
  }
  if (value instanceof Map) {
    const out = new Map();
    memo.set(value, out);
    for (const [k, v] of value) out.set(copy(k, memo), copy(v, memo));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    memo.set(value, out);
    for (const v of value) out.add(copy(v, memo));
    return out;
  }
  // A spread copy keeps fast properties: V8 clones the source's layout into in-object
  // fields. Object.create(proto) followed by one store per field would leave objects with
  // many fields (the Simulation, producers, group members) in dictionary mode, and every
  // later access to them slow: a cloned run simulated 2-3 times slower than its original.
  // The prototype is set once, on the fresh object, before any code has seen it.
  const out = { ...(value as Record<string, unknown>) };
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype) Object.setPrototypeOf(out, proto);
  memo.set(value, out);
  for (const key of Object.keys(out)) {
    const x = out[key];
    if (typeof x === "object" && x !== null) out[key] = copy(x, memo);
  }
  return out;
}
