/**
 * A Map from partition to number over the dense range 0..n-1, for per-partition state
 * that hot paths set and delete on every fetch and commit. V8's Map rehashes its table
 * after a few set/delete cycles on the same keys, which made those two calls a tenth of
 * the small benchmark's time; here they are array writes. Iteration keeps the Map's
 * order (first insertion since the key was last absent), so callers that iterate send
 * their messages in the same order as before.
 */
export class PartitionSlots {
  private readonly values: Float64Array;
  /** Insertion stamp per partition, or -1 when absent. */
  private readonly order: Float64Array;
  private stamp = 0;

  constructor(partitions: number) {
    this.values = new Float64Array(partitions);
    this.order = new Float64Array(partitions).fill(-1);
  }

  has(partition: number): boolean {
    return this.order[partition]! >= 0;
  }

  /** The value, or `fallback` when the partition has none. */
  get(partition: number, fallback: number): number {
    return this.order[partition]! >= 0 ? this.values[partition]! : fallback;
  }

  set(partition: number, value: number): void {
    if (this.order[partition]! < 0) this.order[partition] = this.stamp++;
    this.values[partition] = value;
  }

  delete(partition: number): void {
    this.order[partition] = -1;
  }

  clear(): void {
    this.order.fill(-1);
  }

  /** How many partitions there are (present or not): has() and get() take 0 to this, exclusive. */
  get partitions(): number {
    return this.order.length;
  }

  /** The partitions present, in insertion order (as a Map would iterate them). */
  keys(): number[] {
    const out: number[] = [];
    for (let p = 0; p < this.order.length; p++) if (this.order[p]! >= 0) out.push(p);
    return out.sort((a, b) => this.order[a]! - this.order[b]!);
  }
}
