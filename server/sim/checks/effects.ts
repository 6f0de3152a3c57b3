import type { LogRecord } from "../model";
import { GrowableInt32 } from "../growable";
import { ExampleList } from "./examples";

/**
 * What one consumer group did to its projection, checked against the committed log:
 * - lost effects: the group's committed offset passed a record it never applied (and
 *   no member still holds it to process);
 * - duplicate effects: one event applied twice;
 * - order: per key, first applications must follow log order;
 * - projection divergence: the projection differs from the reference fold, which is
 *   the committed log folded once per event up to how far the group has got.
 * A replay starts all of it afresh, as it starts the projection afresh.
 */
export class GroupEffects {
  private epoch = 1;
  /**
   * Per event: (epoch << 2) | times applied in that epoch, saturated at 3 (only 0, 1 and
   * "more" matter). One table instead of two: it is a third of this checker's memory.
   */
  private readonly applied = new GrowableInt32();
  private readonly refEpoch = new GrowableInt32();
  readonly reference: Float64Array;
  /** How far the group has got per partition (processed or committed past), and how far the reference has folded. */
  private readonly frontier: number[];
  private readonly refUpTo: number[];
  private readonly committed: number[];
  private readonly lostScan: number[];
  private readonly deliveredUpTo: number[];
  /**
   * Per key (keys are a small dense range): the offset of its last first application,
   * and its last applied event; -1 for none. Arrays, not Maps: both are written on every
   * application.
   */
  private readonly lastFirstOffsetByKey: Int32Array;
  private readonly lastEventByKey: Int32Array;
  /** Committed past but not applied: partition and offset by event id, until judged. */
  readonly candidates = new Map<number, { partition: number; offset: number }>();
  readonly lost = new Set<number>();
  readonly lostExamples = new ExampleList();
  readonly duplicateExamples = new ExampleList();
  readonly orderExamples = new ExampleList();
  duplicateEffects = 0;
  orderViolations = 0;
  deliveries = 0;
  redeliveries = 0;
  projectionDivergence = 0;
  projectionExamples: number[] = [];

  constructor(
    readonly group: number,
    keys: number,
    readonly partitions: number,
  ) {
    this.reference = new Float64Array(keys);
    this.lastFirstOffsetByKey = new Int32Array(keys).fill(-1);
    this.lastEventByKey = new Int32Array(keys).fill(-1);
    this.frontier = new Array<number>(partitions).fill(0);
    this.refUpTo = new Array<number>(partitions).fill(0);
    this.committed = new Array<number>(partitions).fill(0);
    this.lostScan = new Array<number>(partitions).fill(0);
    this.deliveredUpTo = new Array<number>(partitions).fill(0);
  }

  /** Returns true when this delivery is a redelivery (the group has been given this offset before). */
  onDelivered(partition: number, offset: number): boolean {
    this.deliveries++;
    if (offset < this.deliveredUpTo[partition]!) {
      this.redeliveries++;
      return true;
    }
    this.deliveredUpTo[partition] = offset + 1;
    return false;
  }

  private timesApplied(eventId: number): number {
    const v = this.applied.get(eventId);
    return v >>> 2 === this.epoch ? v & 3 : 0;
  }

  onProcessed(
    partition: number,
    offset: number,
    rec: LogRecord,
    applied: boolean,
    view: readonly LogRecord[],
  ): void {
    if (applied) {
      const times = this.timesApplied(rec.eventId) + 1;
      this.applied.set(rec.eventId, (this.epoch << 2) | Math.min(times, 3));
      this.lastEventByKey[rec.key] = rec.eventId;
      if (times > 1) {
        this.duplicateEffects++;
        this.duplicateExamples.add(rec.eventId);
      } else {
        const last = this.lastFirstOffsetByKey[rec.key]!;
        if (offset < last) {
          this.orderViolations++;
          this.orderExamples.add(rec.eventId);
        } else this.lastFirstOffsetByKey[rec.key] = offset;
        // Both are nearly always empty: skip the hash look-ups then.
        if (this.candidates.size > 0) this.candidates.delete(rec.eventId);
        if (this.lost.size > 0) this.lost.delete(rec.eventId);
      }
    }
    if (offset + 1 > this.frontier[partition]!) this.advance(partition, offset + 1, view);
  }

  onCommitted(partition: number, offset: number, view: readonly LogRecord[]): void {
    this.committed[partition] = offset;
    for (let o = this.lostScan[partition]!; o < offset && o < view.length; o++) {
      const id = view[o]!.eventId;
      if (this.timesApplied(id) === 0) this.candidates.set(id, { partition, offset: o });
    }
    if (offset > this.lostScan[partition]!)
      this.lostScan[partition] = Math.min(offset, view.length);
    if (offset > this.frontier[partition]!) this.advance(partition, offset, view);
  }

  private advance(partition: number, to: number, view: readonly LogRecord[]): void {
    this.frontier[partition] = to;
    this.foldReference(partition, view);
  }

  /** Folds the committed view into the reference up to the frontier, each event once. */
  foldReference(partition: number, view: readonly LogRecord[]): void {
    const end = Math.min(this.frontier[partition]!, view.length);
    for (let o = this.refUpTo[partition]!; o < end; o++) {
      const r = view[o]!;
      if (this.refEpoch.get(r.eventId) === this.epoch) continue;
      this.refEpoch.set(r.eventId, this.epoch);
      this.reference[r.key]! += r.value;
    }
    if (end > this.refUpTo[partition]!) this.refUpTo[partition] = end;
  }

  /**
   * Committed history was cut back (every copy of it lost, or an unclean election): the
   * reference forgets the removed records, and the group's progress returns to the cut.
   * Effects the projection already has of them stay: it now differs from the log.
   */
  onRollback(
    partition: number,
    to: number,
    removed: readonly LogRecord[],
    partitionOf: (key: number) => number,
  ): void {
    const refEnd = this.refUpTo[partition]!;
    removed.forEach((r, i) => {
      if (to + i < refEnd && this.refEpoch.get(r.eventId) === this.epoch) {
        this.refEpoch.set(r.eventId, 0);
        this.reference[r.key]! -= r.value;
      }
    });
    this.refUpTo[partition] = Math.min(refEnd, to);
    this.frontier[partition] = Math.min(this.frontier[partition]!, to);
    this.deliveredUpTo[partition] = Math.min(this.deliveredUpTo[partition]!, to);
    this.lostScan[partition] = Math.min(this.lostScan[partition]!, to);
    const firstOffsets = this.lastFirstOffsetByKey;
    for (let key = 0; key < firstOffsets.length; key++) {
      if (firstOffsets[key]! >= to && partitionOf(key) === partition) firstOffsets[key] = -1;
    }
    for (const [id, at] of this.candidates)
      if (at.partition === partition && at.offset >= to) this.candidates.delete(id);
  }

  /** Candidates no member holds any more are lost; call with who still holds what. */
  judgeCandidates(stillHeld: (partition: number, offset: number) => boolean): void {
    for (const [id, at] of this.candidates) {
      if (this.timesApplied(id) > 0) this.candidates.delete(id);
      else if (!stillHeld(at.partition, at.offset)) {
        this.candidates.delete(id);
        this.lost.add(id);
        this.lostExamples.add(id);
      }
    }
  }

  compareProjection(balances: Float64Array): void {
    let differing = 0;
    const examples: number[] = [];
    for (let k = 0; k < balances.length; k++) {
      if (balances[k] !== this.reference[k]) {
        differing++;
        const ev = this.lastEventByKey[k]!;
        if (ev >= 0 && examples.length < 10) examples.push(ev);
      }
    }
    this.projectionDivergence = differing;
    this.projectionExamples = examples;
  }

  /** True when the reference has folded everything up to `hw` in every partition. */
  caughtUpTo(partition: number, hw: number): boolean {
    return this.frontier[partition]! >= hw && this.committed[partition]! >= hw;
  }

  reset(): void {
    this.epoch++;
    this.reference.fill(0);
    this.frontier.fill(0);
    this.refUpTo.fill(0);
    this.committed.fill(0);
    this.lostScan.fill(0);
    this.deliveredUpTo.fill(0);
    this.lastFirstOffsetByKey.fill(-1);
    this.lastEventByKey.fill(-1);
    this.candidates.clear();
    this.lost.clear();
    this.lostExamples.clear();
    this.duplicateExamples.clear();
    this.orderExamples.clear();
    this.duplicateEffects = 0;
    this.orderViolations = 0;
  }
}
