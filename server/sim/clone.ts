/**
 * A deep copy of the simulation's state that keeps what plain JSON or structuredClone
 * would lose: class prototypes, Maps and Sets, typed arrays, shared references (two
 * replicas holding the same record stay sharing one copy) and cycles. Frozen objects
 * are immutable and are shared, not copied: log records are frozen when they are made.
 * Arrays of frozen records are handled as frozen-items.ts describes (a fork copies them
 * with one slice, a checkpoint keeps them as prefixes). Objects are copied by generated
 * copiers that give the copies the hidden classes V8 gave the originals (see below).
 * Functions are kept by reference; state must hold no closures (a test checks it).
 */
import { FrozenPrefix, frozenItems, isFrozenItems, prefixOf } from "./frozen-items";

/** Set while a checkpoint is being copied: frozen-item arrays become prefixes. */
let checkpointing = false;

/**
 * A method an object may define to copy itself (it holds no references into the rest of the
 * state): growable tables copy only the part in use.
 */
export const copySelf = Symbol("copySelf");

interface SelfCopying {
  [copySelf](): unknown;
}

/** Marks everything reachable from `root` as shared: immutable inputs such as the scenario. */
export function shareDeep(root: unknown, memo: Map<object, unknown>): void {
  if (typeof root !== "object" || root === null || memo.has(root)) return;
  memo.set(root, root);
  for (const v of Array.isArray(root) ? root : Object.values(root)) shareDeep(v, memo);
}

/**
 * A deep copy of `root`. A `checkpoint` copy is only ever copied from again, never run: it
 * keeps its frozen-item arrays as prefixes of the originals (see frozen-items.ts).
 */
export function deepClone<T>(
  root: T,
  memo = new Map<object, unknown>(),
  kind: "run" | "checkpoint" = "run",
): T {
  checkpointing = kind === "checkpoint";
  try {
    return copy(root, memo) as T;
  } finally {
    checkpointing = false;
  }
}

function copy(value: unknown, memo: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  // Frozen objects are shared. isExtensible is a bit on the object's map, where isFrozen
  // inspects every property; nothing in the state is sealed or non-extensible but frozen.
  if (!Object.isExtensible(value)) return value;
  const seen = memo.get(value);
  if (seen !== undefined) return seen;
  if (value instanceof FrozenPrefix) {
    // A checkpoint's log: a run continuing from the checkpoint gets the items themselves.
    const out = checkpointing ? value : value.items();
    memo.set(value, out);
    return out;
  }
  if (Array.isArray(value)) {
    if (checkpointing && isFrozenItems(value)) {
      const prefix = prefixOf(value);
      memo.set(value, prefix);
      return prefix;
    }
    // slice() copies the elements in one go (a memcpy for packed arrays); only elements
    // that are mutable objects need a deep copy. Replica logs, the largest arrays, hold
    // frozen records only: a fork copies them with the slice alone.
    const out = (value as unknown[]).slice();
    memo.set(value, out);
    if (isFrozenItems(value)) return frozenItems(out);
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
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === Object.prototype) return literalCopierFor(value)(value, memo, copy);
  return copierFor(proto, value)(value, memo, copy);
}

/**
 * Objects whose keys are data (a dictionary, not a record) would make a copier per key set:
 * past this many shapes with one first key or prototype, they are copied key by key.
 */
const MAX_VARIANTS = 16;

function copyByKeys(src: object, memo: Map<object, unknown>, copyFn: CopyFn): object {
  const out = Object.create(Object.getPrototypeOf(src) as object | null) as Record<string, unknown>;
  memo.set(src, out);
  for (const key of Object.keys(src))
    out[key] = copyFn((src as Record<string, unknown>)[key], memo);
  return out;
}

type Copier = (src: object, memo: Map<object, unknown>, copy: CopyFn) => object;
type CopyFn = (value: unknown, memo: Map<object, unknown>) => unknown;

/**
 * Class instances are copied by a function made once per class and field list, which
 * creates the object and stores its fields by name in one fixed order. Every copy of a
 * class then has one and the same hidden class, however many generations of copies a run
 * goes through (seek after seek), and stays in fast mode. Copying field by field with
 * computed keys instead left objects with many fields (the Simulation, producers, group
 * members) in dictionary mode, and each generation with new hidden classes: a run that
 * had been seeked simulated 2 to 3 times slower.
 */
const copiers = new Map<object | null, { keys: readonly string[]; fn: Copier }[]>();

function copierFor(proto: object | null, value: object): Copier {
  return cached(copiers, proto, Object.keys(value), (keys) => instanceCopier(proto, keys));
}

function instanceCopier(proto: object | null, keys: readonly string[]): Copier {
  const stores = keys
    .map((k) => `o[${JSON.stringify(k)}] = copy(src[${JSON.stringify(k)}], memo);`)
    .join("\n");
  // Generated once per class and field list: stores by constant name give one hidden class.
  const fn = new Function(
    "proto",
    `return function copyInstance(src, memo, copy) {
      const o = Object.create(proto);
      memo.set(src, o);
      ${stores}
      return o;
    };`,
  )(proto) as Copier;
  return fn;
}

/**
 * Plain objects are copied by an object literal with the same keys in the same order: V8
 * gives such a literal the hidden class the original literal has, so code that handled the
 * original handles the copy, and a run that continues from a copy creates new objects of
 * the very classes its copied objects have.
 */
const literalCopierIndex = new Map<string, { keys: readonly string[]; fn: Copier }[]>();

function literalCopierFor(value: object): Copier {
  const keys = Object.keys(value);
  // Indexed by the first key: plain objects of every shape share one prototype.
  return cached(literalCopierIndex, keys.length === 0 ? "" : keys[0]!, keys, literalCopier);
}

function literalCopier(keys: readonly string[]): Copier {
  const names = keys.map((k) => JSON.stringify(k));
  const shallow = names.map((n) => `${n}: src[${n}]`).join(", ");
  const deep = names
    .map((n) => `x = o[${n}]; if (typeof x === "object" && x !== null) o[${n}] = copy(x, memo);`)
    .join("\n");
  // Generated once per key list: a literal gives the original's hidden class.
  const fn = new Function(
    `return function copyLiteral(src, memo, copy) {
      const o = { ${shallow} };
      memo.set(src, o);
      let x;
      ${deep}
      return o;
    };`,
  )() as Copier;
  return fn;
}

/** The copier made for this key list under `index`, made now if there is none yet. */
function cached<K>(
  cache: Map<K, { keys: readonly string[]; fn: Copier }[]>,
  index: K,
  keys: readonly string[],
  make: (keys: readonly string[]) => Copier,
): Copier {
  let variants = cache.get(index);
  if (variants === undefined) cache.set(index, (variants = []));
  for (const v of variants) if (sameKeys(v.keys, keys)) return v.fn;
  if (variants.length >= MAX_VARIANTS) return copyByKeys;
  const fn = make(keys);
  variants.push({ keys, fn });
  return fn;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How many copiers have been made (one per class or literal shape): for tests. */
export function copierShapes(): number {
  let n = 0;
  for (const v of copiers.values()) n += v.length;
  for (const v of literalCopierIndex.values()) n += v.length;
  return n;
}
