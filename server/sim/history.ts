import { copySelf } from "./clone";
import { GrowableFloat64 } from "./growable";

/**
 * Per-message history: every step one event went through (produced, appended, each
 * replication, acknowledged, committed, each delivery, applied or skipped, offset
 * committed, truncated...). Steps live in a ring of typed arrays so that an hour-long
 * run keeps a bounded memory; each step links to the previous step of the same event,
 * so one event's history is a walk back from its newest step.
 */
export const stepKinds = [
  "produced",
  "sent",
  "appended",
  "duplicateRejected",
  "replicated",
  "acked",
  "failed",
  "timedOut",
  "committed",
  "truncated",
  "lostOnPowerloss",
  "delivered",
  "redelivered",
  "applied",
  "skipped",
  "offsetCommitted",
  "redriven",
  "completed",
] as const;
export type StepKind = (typeof stepKinds)[number];
export const Step: { [K in StepKind]: number } = Object.fromEntries(
  stepKinds.map((k, i) => [k, i]),
) as { [K in StepKind]: number };

export interface HistoryStep {
  atMs: number;
  kind: StepKind;
  eventId: number;
  node: string;
  partition: number;
  offset: number;
  /** Kind-specific: the attempt number, the group's index, the leader epoch. */
  detail: number;
}

/**
 * The ring's columns grow by doubling up to the capacity, so a short run (or a history
 * rebuilt for a seek) does not start with the full 33 MB of a million-step ring; once
 * full, the ring wraps. Slot of absolute step `abs`: (abs - base) % capacity, where `base`
 * is the step the history started at; before the ring is full that is abs - base itself,
 * so growing keeps every step where it is.
 */
export class History {
  private readonly capacity: number;
  private readonly base: number;
  private size = 0;
  private time = new Float64Array(0);
  private kind = new Uint8Array(0);
  private eventId = new Int32Array(0);
  private node = new Int16Array(0);
  private partition = new Int16Array(0);
  private offset = new Int32Array(0);
  private detail = new Int32Array(0);
  /** Absolute index of the previous step of the same event, or -1. */
  private prev = new Float64Array(0);
  /**
   * Per event: 1 + the absolute index of its newest step, 0 for none. One float column
   * (exact up to 2^53 steps) rather than a low and a high int32 half: a read and a
   * write per step instead of two of each.
   */
  private lastStep = new GrowableFloat64(1024);
  total = 0;
  /**
   * Steps below this absolute index are not held: a history rebuilt for a seek starts
   * where its source's ring still reached.
   */
  private floor = 0;
  /** One more than the highest event id recorded. */
  private knownEvents = 0;
  /** Events below this id had steps before the history's start that it does not hold. */
  private goneBelow = 0;

  constructor(capacity: number, base = 0) {
    this.capacity = capacity;
    this.base = base;
    this.total = base;
    this.floor = base;
  }

  /**
   * A checkpoint's history: none, only the count of steps so far and the ring size. A seek
   * from the checkpoint takes the live run's history back to that count instead.
   */
  static placeholder(of: History): History {
    const out = new History(of.capacity, of.total);
    out.knownEvents = of.knownEvents;
    return out;
  }

  /** An empty history at a checkpoint's count of steps: a run rebuilt with no history to go on. */
  static startingAt(checkpoint: History): History {
    const out = new History(checkpoint.capacity, checkpoint.total);
    out.knownEvents = checkpoint.knownEvents;
    out.goneBelow = checkpoint.knownEvents;
    return out;
  }

  /**
   * The history a run rebuilt from `checkpoint` starts with: this (later) history of the
   * same run as it was at the checkpoint, with the steps this ring still holds. Re-simulating
   * from the checkpoint then records the very steps that followed. When this history is
   * behind the checkpoint (it is from an earlier point of the run), it holds nothing of use
   * and the result starts empty at the checkpoint's count. With `take`, this history itself
   * is rolled back and returned (its run is being replaced); else it is left as it is.
   */
  rebuiltFor(checkpoint: History, take: boolean): History {
    // Nothing of use: this history is behind the checkpoint, or holds nothing before it.
    if (this.total < checkpoint.total || checkpoint.total < this.oldest())
      return History.startingAt(checkpoint);
    const out = take ? this : this.copy();
    out.rollBack(checkpoint.total, checkpoint.knownEvents);
    return out;
  }

  private copy(): History {
    const out = new History(this.capacity, this.base);
    out.time = this.time.slice();
    out.kind = this.kind.slice();
    out.eventId = this.eventId.slice();
    out.node = this.node.slice();
    out.partition = this.partition.slice();
    out.offset = this.offset.slice();
    out.detail = this.detail.slice();
    out.prev = this.prev.slice();
    out.size = this.size;
    out.lastStep = this.lastStep[copySelf]();
    out.total = this.total;
    out.floor = this.floor;
    out.knownEvents = this.knownEvents;
    out.goneBelow = this.goneBelow;
    return out;
  }

  /** Forgets every step from absolute index `total` on, in place; the ring keeps its data. */
  private rollBack(total: number, knownEvents: number): void {
    const held = this.oldest();
    this.total = total;
    this.floor = Math.min(total, held);
    // Every event whose last step came after the checkpoint gets its last step before it,
    // back along its chain while the ring still holds it. A scan of the per-event table,
    // not of the ring: an event whose later steps were overwritten appears nowhere in it.
    // Events made after the checkpoint have no step before it: none, without a walk.
    const events = Math.min(knownEvents, this.lastStep.data.length);
    this.lastStep.data.fill(0, events);
    let known = 0;
    for (let eventId = 0; eventId < events; eventId++) {
      let last = this.lastAbs(eventId);
      if (last >= total) {
        while (last >= total && last >= held) last = this.prev[this.slot(last)]!;
        // Still past the checkpoint: the chain runs into steps the ring no longer holds, so
        // the event's steps before the checkpoint are gone too. Just below the floor says
        // so (steps() reports the history truncated); an index below `held` says the same.
        if (last >= total) last = this.floor - 1;
        this.setLast(eventId, last);
      }
      if (last >= 0) known = eventId + 1;
    }
    this.knownEvents = Math.max(known, Math.min(this.knownEvents, this.goneBelow));
  }

  /** The oldest absolute step held. */
  private oldest(): number {
    return Math.max(this.total - this.capacity, this.floor);
  }

  private slot(abs: number): number {
    return (abs - this.base) % this.capacity;
  }

  private grow(rel: number): void {
    let size = Math.max(1024, this.size * 2);
    while (size <= rel) size *= 2;
    size = Math.min(size, this.capacity);
    const grown = <T extends Float64Array | Uint8Array | Int32Array | Int16Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.time = grown(this.time, (n) => new Float64Array(n));
    this.kind = grown(this.kind, (n) => new Uint8Array(n));
    this.eventId = grown(this.eventId, (n) => new Int32Array(n));
    this.node = grown(this.node, (n) => new Int16Array(n));
    this.partition = grown(this.partition, (n) => new Int16Array(n));
    this.offset = grown(this.offset, (n) => new Int32Array(n));
    this.detail = grown(this.detail, (n) => new Int32Array(n));
    this.prev = grown(this.prev, (n) => new Float64Array(n));
    this.size = size;
  }

  record(
    atMs: number,
    kind: number,
    eventId: number,
    node: number,
    partition: number,
    offset: number,
    detail: number,
  ): void {
    const abs = this.total++;
    const rel = abs - this.base;
    if (rel >= this.size && this.size < this.capacity) this.grow(rel);
    const i = rel % this.capacity;
    this.time[i] = atMs;
    this.kind[i] = kind;
    this.eventId[i] = eventId;
    this.node[i] = node;
    this.partition[i] = partition;
    this.offset[i] = offset;
    this.detail[i] = detail;
    this.prev[i] = this.lastStep.get(eventId) - 1;
    this.lastStep.set(eventId, abs + 1);
    if (eventId >= this.knownEvents) this.knownEvents = eventId + 1;
  }

  /** The last step of an event as an absolute index (-1: none). */
  private setLast(eventId: number, abs: number): void {
    this.lastStep.set(eventId, abs + 1);
  }

  private lastAbs(eventId: number): number {
    return this.lastStep.get(eventId) - 1;
  }

  /** Steps of one event, oldest first. `truncated` is true if older steps were overwritten. */
  steps(
    eventId: number,
    nodeName: (i: number) => string,
  ): { steps: HistoryStep[]; truncated: boolean } {
    const out: HistoryStep[] = [];
    let abs = this.lastAbs(eventId);
    const oldest = this.oldest();
    // Steps link strictly backwards; the bound also guards against a corrupt chain.
    let bound = this.total;
    while (abs >= 0 && abs >= oldest && abs < bound) {
      bound = abs;
      const i = this.slot(abs);
      out.push({
        atMs: this.time[i]!,
        kind: stepKinds[this.kind[i]!]!,
        eventId,
        node: nodeName(this.node[i]!),
        partition: this.partition[i]!,
        offset: this.offset[i]!,
        detail: this.detail[i]!,
      });
      abs = this.prev[i]!;
    }
    out.reverse();
    return { steps: out, truncated: abs >= 0 || eventId < this.goneBelow };
  }
}
