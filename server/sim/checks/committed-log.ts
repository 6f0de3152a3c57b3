import type { LogRecord } from "../model";
import type { EventTable } from "../events";
import { GrowableInt32 } from "../growable";
import { ExampleList } from "./examples";
import { frozenItems, truncateFrozen } from "../frozen-items";

/**
 * Follows each partition's committed log (the authoritative leader's records below
 * its HW) as it grows, and checks it:
 * - duplicates in the log: one event id at two offsets (a retry without idempotence);
 * - per-key order: one producer's events for one partition (so for one key) must
 *   first appear in the order the producer created them.
 * It keeps a view of the committed records, which the effect checkers fold.
 * An unclean election can rewrite committed history: the view is then cut back to
 * where the new leader's log agrees and followed again.
 */
export interface RollbackListener {
  onCommittedRollback(partition: number, to: number, removed: readonly LogRecord[]): void;
}

export class CommittedLog {
  readonly view: LogRecord[][];
  /** Event id -> 1 + the offset of its first occurrence in its partition's committed log. */
  private readonly firstAt = new GrowableInt32();
  private readonly duplicateOffsets: number[][];
  private readonly lastSeqNo: Map<number, number>[];
  readonly duplicateExamples = new ExampleList();
  readonly orderExamples = new ExampleList();
  duplicates = 0;
  orderViolations = 0;
  /**
   * Told when committed history is cut back, with the records that are gone. An object, not
   * a closure: a checkpoint or fork copies it with the rest of the state, where a closure
   * would still point into the run it was copied from.
   */
  rollbackListener: RollbackListener | null = null;

  constructor(
    partitions: number,
    private readonly events: EventTable,
  ) {
    this.view = Array.from({ length: partitions }, () => frozenItems<LogRecord>([]));
    this.duplicateOffsets = Array.from({ length: partitions }, () => []);
    this.lastSeqNo = Array.from({ length: partitions }, () => new Map());
  }

  /** Follows the authoritative log up to `hw`, first cutting back where it disagrees with the view. */
  follow(partition: number, log: readonly LogRecord[], hw: number): void {
    const view = this.view[partition]!;
    const agree = agreeingPrefix(view, log);
    if (agree < view.length) this.rollback(partition, agree);
    for (let o = view.length; o < hw && o < log.length; o++) this.scan(partition, o, log[o]!);
  }

  private scan(partition: number, offset: number, rec: LogRecord): void {
    this.view[partition]!.push(rec);
    const first = this.firstAt.get(rec.eventId);
    if (first > 0) {
      this.duplicates++;
      this.duplicateOffsets[partition]!.push(offset);
      this.duplicateExamples.add(rec.eventId);
      return;
    }
    this.firstAt.set(rec.eventId, offset + 1);
    const producer = this.events.producer.get(rec.eventId);
    const seqNo = this.events.producerSeqNo.get(rec.eventId);
    const last = this.lastSeqNo[partition]!.get(producer) ?? -1;
    if (seqNo < last) {
      this.orderViolations++;
      this.orderExamples.add(rec.eventId);
    } else this.lastSeqNo[partition]!.set(producer, seqNo);
  }

  private rollback(partition: number, to: number): void {
    const view = this.view[partition]!;
    this.rollbackListener?.onCommittedRollback(partition, to, view.slice(to));
    for (let o = view.length - 1; o >= to; o--) {
      const id = view[o]!.eventId;
      if (this.firstAt.get(id) === o + 1) this.firstAt.set(id, 0);
    }
    const dups = this.duplicateOffsets[partition]!;
    while (dups.length > 0 && dups[dups.length - 1]! >= to) {
      dups.pop();
      this.duplicates--;
    }
    truncateFrozen(view, to);
    // Per-producer order restarts from what the surviving prefix says.
    const seq = this.lastSeqNo[partition]!;
    seq.clear();
    for (const r of view) {
      const p = this.events.producer.get(r.eventId);
      seq.set(p, Math.max(seq.get(p) ?? -1, this.events.producerSeqNo.get(r.eventId)));
    }
  }

  isCommitted(eventId: number): boolean {
    return this.firstAt.get(eventId) > 0;
  }
}

/** Length of the common prefix; logs share record objects, so after they diverge they never agree again. */
export function agreeingPrefix(a: readonly LogRecord[], b: readonly LogRecord[]): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  if (hi === 0 || a[hi - 1] === b[hi - 1]) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === b[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
