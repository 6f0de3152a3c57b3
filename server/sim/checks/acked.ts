import type { LogRecord } from "../model";
import { ExampleList } from "./examples";
import { SortedPairs } from "./sorted-pairs";

/**
 * Lost acknowledged writes: a record a producer saw acknowledged that is absent from
 * the partition's authoritative log (the controller's current leader). Checked when
 * the ack arrives (a zombie leader's ack is lost at once), when leadership changes and
 * when the authoritative replica is truncated (power loss); a record can come back if
 * a later leader turns out to hold it.
 */
export class LostAckedWrites {
  /** Per partition: acked event ids and their offsets, kept sorted by offset. */
  private readonly acked: SortedPairs[];
  private readonly lost = new Set<number>();
  private readonly lostPartition = new Map<number, number>();
  readonly examples = new ExampleList();

  constructor(partitions: number) {
    this.acked = Array.from({ length: partitions }, () => new SortedPairs());
  }

  get count(): number {
    return this.lost.size;
  }

  isLost(eventId: number): boolean {
    return this.lost.has(eventId);
  }

  onAcked(eventId: number, partition: number, offset: number, log: readonly LogRecord[]): void {
    this.acked[partition]!.insert(eventId, offset);
    this.evaluate(eventId, partition, offset, log, null);
  }

  /** Re-checks every acked record at or above `fromOffset`, and every one already lost, against `log`. */
  recheck(partition: number, fromOffset: number, log: readonly LogRecord[]): void {
    const acked = this.acked[partition]!;
    let suffix: Set<number> | null = null;
    const suffixFrom = Math.max(0, Math.min(fromOffset, log.length));
    const inSuffix = (id: number) => {
      if (suffix === null) {
        suffix = new Set();
        for (let o = suffixFrom; o < log.length; o++) suffix.add(log[o]!.eventId);
      }
      return suffix.has(id);
    };
    for (let i = acked.length - 1; i >= 0 && acked.offsetAt(i) >= fromOffset; i--) {
      this.evaluate(acked.idAt(i), partition, acked.offsetAt(i), log, inSuffix);
    }
    for (const [id, p] of this.lostPartition) {
      if (p !== partition) continue;
      const i = acked.indexOfId(id);
      const at = i < 0 ? -1 : acked.offsetAt(i);
      this.evaluate(id, partition, at, log, (x) => log.some((r) => r.eventId === x));
    }
  }

  private evaluate(
    eventId: number,
    partition: number,
    offset: number,
    log: readonly LogRecord[],
    inSuffix: ((id: number) => boolean) | null,
  ): void {
    const present =
      (offset >= 0 && log[offset]?.eventId === eventId) ||
      (offset < 0 && log.some((r) => r.eventId === eventId)) ||
      (inSuffix !== null && inSuffix(eventId));
    if (present) {
      if (this.lost.size > 0 && this.lost.delete(eventId)) this.lostPartition.delete(eventId);
    } else if (!this.lost.has(eventId)) {
      this.lost.add(eventId);
      this.lostPartition.set(eventId, partition);
      this.examples.add(eventId);
    }
  }

  currentExamples(): number[] {
    return this.examples.filter((id) => this.lost.has(id));
  }
}
