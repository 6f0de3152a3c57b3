import type { LogRecord } from "../model";
import { ExampleList } from "./examples";

/**
 * Lost acknowledged writes: a record a producer saw acknowledged that is absent from
 * the partition's authoritative log (the controller's current leader). Checked when
 * the ack arrives (a zombie leader's ack is lost at once), when leadership changes and
 * when the authoritative replica is truncated (power loss); a record can come back if
 * a later leader turns out to hold it.
 */
export class LostAckedWrites {
  /** Per partition: acked event ids and their offsets, kept sorted by offset. */
  private readonly ids: number[][];
  private readonly offsets: number[][];
  private readonly lost = new Set<number>();
  private readonly lostPartition = new Map<number, number>();
  readonly examples = new ExampleList();

  constructor(partitions: number) {
    this.ids = Array.from({ length: partitions }, () => []);
    this.offsets = Array.from({ length: partitions }, () => []);
  }

  get count(): number {
    return this.lost.size;
  }

  isLost(eventId: number): boolean {
    return this.lost.has(eventId);
  }

  onAcked(eventId: number, partition: number, offset: number, log: readonly LogRecord[]): void {
    const ids = this.ids[partition]!;
    const offs = this.offsets[partition]!;
    let i = ids.length;
    while (i > 0 && offs[i - 1]! > offset) i--;
    if (i === ids.length) {
      // Acks nearly always arrive in offset order: an append, without splice's copy.
      ids.push(eventId);
      offs.push(offset);
    } else {
      ids.splice(i, 0, eventId);
      offs.splice(i, 0, offset);
    }
    this.evaluate(eventId, partition, offset, log, null);
  }

  /** Re-checks every acked record at or above `fromOffset`, and every one already lost, against `log`. */
  recheck(partition: number, fromOffset: number, log: readonly LogRecord[]): void {
    const ids = this.ids[partition]!;
    const offs = this.offsets[partition]!;
    let suffix: Set<number> | null = null;
    const suffixFrom = Math.max(0, Math.min(fromOffset, log.length));
    const inSuffix = (id: number) => {
      if (suffix === null) {
        suffix = new Set();
        for (let o = suffixFrom; o < log.length; o++) suffix.add(log[o]!.eventId);
      }
      return suffix.has(id);
    };
    for (let i = ids.length - 1; i >= 0 && offs[i]! >= fromOffset; i--) {
      this.evaluate(ids[i]!, partition, offs[i]!, log, inSuffix);
    }
    for (const [id, p] of this.lostPartition) {
      if (p !== partition) continue;
      const at = offs[ids.indexOf(id)] ?? -1;
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
