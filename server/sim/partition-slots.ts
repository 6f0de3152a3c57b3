/**
 * A Map from partition to number over the dense range 0..n-1, for per-partition state
 * that hot paths set and delete on every fetch and commit. V8's Map rehashes its table
 * after a few set/delete cycles on the same keys, which made those two calls a tenth of
 * the small benchmark's time; here they are array writes. Iteration keeps the Map's
 * order (first insertion since the key was last absent), so callers that iterate send
 * their messages in the same order as before.
 */
export class PartitionSlots {
  /**
   * Per partition p: its insertion stamp at `slots[2p]` (-1 when absent) and its value at
   * `slots[2p + 1]`. One array with the two side by side rather than an array of each: a
   * consumer reads both on every fetch and response, and in the large benchmark case
   * (144 members) they are rarely in cache; two arrays were two more objects and two more
   * lines to fetch on each read.
   */
  private readonly slots: Float64Array;
  private stamp = 0;

  constructor(partitions: number) {
    this.slots = new Float64Array(2 * partitions);
    this.clear();
  }

  has(partition: number): boolean {
    return this.slots[2 * partition]! >= 0;
  }

  /** The value, or `fallback` when the partition has none. */
  get(partition: number, fallback: number): number {
    const slots = this.slots;
    return slots[2 * partition]! >= 0 ? slots[2 * partition + 1]! : fallback;
  }

  set(partition: number, value: number): void {
    const slots = this.slots;
    if (slots[2 * partition]! < 0) slots[2 * partition] = this.stamp++;
    slots[2 * partition + 1] = value;
  }

  delete(partition: number): void {
    this.slots[2 * partition] = -1;
  }

  clear(): void {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i += 2) slots[i] = -1;
  }

  /** How many partitions there are (present or not): has() and get() take 0 to this, exclusive. */
  get partitions(): number {
    return this.slots.length >> 1;
  }

  /** The partitions present, in insertion order (as a Map would iterate them). */
  keys(): number[] {
    const slots = this.slots;
    const out: number[] = [];
    for (let p = 0; p < slots.length >> 1; p++) if (slots[2 * p]! >= 0) out.push(p);
    return out.sort((a, b) => slots[2 * a]! - slots[2 * b]!);
  }
}
