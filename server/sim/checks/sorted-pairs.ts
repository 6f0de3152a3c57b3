import { copySelf } from "../clone";

/**
 * (event id, offset) pairs kept sorted by offset, in typed arrays: one per acknowledged
 * record, so hundreds of thousands in a long run. Typed arrays cost a checkpoint one copy
 * of the used part, and a garbage collection nothing to scan, where arrays of numbers
 * cost both a pointer-sized slot per entry.
 */
export class SortedPairs {
  private ids = new Int32Array(256);
  private offsets = new Int32Array(256);
  length = 0;

  idAt(i: number): number {
    return this.ids[i]!;
  }

  offsetAt(i: number): number {
    return this.offsets[i]!;
  }

  /** Inserts after every pair with an offset at or below `offset` (acks arrive nearly in order). */
  insert(id: number, offset: number): void {
    if (this.length === this.ids.length) this.grow();
    let i = this.length;
    while (i > 0 && this.offsets[i - 1]! > offset) i--;
    if (i < this.length) {
      this.ids.copyWithin(i + 1, i, this.length);
      this.offsets.copyWithin(i + 1, i, this.length);
    }
    this.ids[i] = id;
    this.offsets[i] = offset;
    this.length++;
  }

  /** The index of `id`, or -1. */
  indexOfId(id: number): number {
    for (let i = 0; i < this.length; i++) if (this.ids[i] === id) return i;
    return -1;
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    const offsets = new Int32Array(this.offsets.length * 2);
    ids.set(this.ids);
    offsets.set(this.offsets);
    this.ids = ids;
    this.offsets = offsets;
  }

  [copySelf](): SortedPairs {
    const out = new SortedPairs();
    const capacity = Math.max(256, this.length);
    out.ids = new Int32Array(capacity);
    out.offsets = new Int32Array(capacity);
    out.ids.set(this.ids.subarray(0, this.length));
    out.offsets.set(this.offsets.subarray(0, this.length));
    out.length = this.length;
    return out;
  }
}
