/**
 * Arrays that hold only frozen objects: the replica logs and the committed view, the
 * largest things in a run (hundreds of thousands of records an hour). They are registered
 * where they are made, and they only ever grow at the end or are cut back with
 * `truncateFrozen`. That lets a copy of the state treat them specially:
 * - a fork copies one with a single slice(), never looking at its records;
 * - a checkpoint does not copy it at all. It keeps a `FrozenPrefix`: the array and the
 *   length it had. Appending later leaves that prefix as it was; a truncation into it
 *   first copies the prefix out. A checkpoint then costs a few words per log instead of a
 *   pointer per record, and dozens of checkpoints no longer make every full collection
 *   walk millions of pointers (those pauses were most of the slowest seeks).
 */
const registered = new WeakSet<readonly unknown[]>();

/** Checkpoint views of each live array that a truncation could still change. */
const pending = new WeakMap<readonly unknown[], FrozenPrefix[]>();

/** Registers an array whose elements are, and will stay, frozen objects or primitives. */
export function frozenItems<T>(array: T[]): T[] {
  registered.add(array);
  return array;
}

export function isFrozenItems(value: readonly unknown[]): boolean {
  return registered.has(value);
}

/** The first `length` items of a registered array, as they were when it was taken. */
export class FrozenPrefix {
  private copied: unknown[] | null = null;
  constructor(
    private readonly source: readonly unknown[],
    readonly length: number,
  ) {}

  /** A new registered array with the items: what a run continuing from here starts with. */
  items(): unknown[] {
    return frozenItems(
      this.copied !== null ? this.copied.slice() : this.source.slice(0, this.length),
    );
  }

  /** Called before the source is cut back below this prefix's length. */
  settle(): void {
    this.copied = this.source.slice(0, this.length);
  }
}

/** The prefix view of a registered array as it is now (shared with an equal earlier one). */
export function prefixOf(array: readonly unknown[]): FrozenPrefix {
  let list = pending.get(array);
  if (list === undefined) pending.set(array, (list = []));
  const last = list[list.length - 1];
  if (last !== undefined && last.length === array.length) return last;
  const prefix = new FrozenPrefix(array, array.length);
  list.push(prefix);
  return prefix;
}

/** Cuts a registered array back to `length`; returns what was removed. */
export function truncateFrozen<T>(array: T[], length: number): T[] {
  const list = pending.get(array);
  if (list !== undefined) {
    // Prefixes longer than the new length are copied out; shorter ones are unaffected.
    let keep = list.length;
    while (keep > 0 && list[keep - 1]!.length > length) list[--keep]!.settle();
    list.length = keep;
  }
  return array.splice(length);
}
