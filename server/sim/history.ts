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
 * Steps per chunk of the ring: a power of two, so a slot splits into chunk and index with
 * shifts. 16K steps, a 384 KB buffer, about the size of the old per-column arrays. Measured:
 * a ring dropped with its simulation then leaves memory the next ring reuses without
 * faulting it in again (presumably malloc serves such sizes from its heap once glibc has
 * raised its mmap threshold, which it does on freeing a larger mapping); 64K-step (1.5 MB)
 * chunks were not reused, and in
 * `npm run bench` the medium case, which follows the small one in the same process, faulted
 * about 6,100 times in its timed part instead of 1,600.
 */
const CHUNK_BITS = 14;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * One step is 24 bytes, interleaved in one buffer: the time as a float64 (virtual times are
 * fractional), then four int32s: kind, node and partition packed into one (see `where`),
 * the offset, the detail, and the distance back to the event's previous step. It was 33
 * bytes in eight columns; filling the million-step ring touches fresh memory, which this VM
 * faults in at 11 to 16 µs a 4 KB page, so fewer bytes is fewer faults (2,100 per 100
 * virtual seconds of the small benchmark at 33 bytes). Gone: the event id, which nothing
 * read (steps() is asked for an event and follows its chain), and the previous step as a
 * float64 absolute index (a 32-bit distance does).
 */
const STEP_F64 = 3;
const STEP_I32 = 6;
/** Int32 slots after the time (which takes int32 slots 0 and 1 of a step). */
const WHERE = 2;
const OFFSET = 3;
const DETAIL = 4;
const BACK = 5;
/** A distance back that stands for any step beyond it: always older than the ring reaches. */
const FAR_BACK = 0x7fffffff;

/**
 * Kind, node and partition in one int32: node in the low 16 bits (signed, as the Int16
 * column was), kind in the next 5 (18 kinds), partition in the top 11 (signed; at most 64).
 */
function where(kind: number, node: number, partition: number): number {
  return (partition << 21) | (kind << 16) | (node & 0xffff);
}

/** One chunk of the ring: CHUNK_MASK + 1 steps (the last chunk of a ring may be shorter). */
class HistoryChunk {
  /** Float64 view: the time of step j at 3j. */
  readonly f64: Float64Array;
  /** Int32 view of the same buffer: step j's fields at 6j + WHERE, OFFSET, DETAIL, BACK. */
  readonly i32: Int32Array;

  /** A chunk of `size` empty steps, or (with `from`) a copy of that chunk. */
  constructor(size: number, from?: HistoryChunk) {
    const buffer = from ? from.f64.buffer.slice(0) : new ArrayBuffer(size * STEP_F64 * 8);
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
  }
}

/**
 * The previous step's absolute index from a step's distance back (0: none, -1). A distance
 * clamped to FAR_BACK gives an index that is still at least 0 and older than anything the
 * ring holds (its capacity is far below 2^31), so walks stop there and call the history
 * truncated, as the exact index would have.
 */
function prevFrom(abs: number, back: number): number {
  return back === 0 ? -1 : abs - back;
}

/**
 * The ring's chunks are allocated one at a time as the ring fills, so a short run (or
 * a history rebuilt for a seek) does not start with the full 24 MB of a million-step ring,
 * and filling it never copies what it holds (doubling columns did: copying and zeroing
 * about 66 MB on the way to a million steps was a tenth of the small benchmark's time).
 * Once full, the ring wraps. Slot of absolute step `abs`: (abs - base) % capacity, where
 * `base` is the step the history started at; before the ring is full that is abs - base.
 */
export class History {
  private readonly capacity: number;
  private readonly base: number;
  private chunks: HistoryChunk[] = [];
  /** The slot the next step goes to: slot(total), kept so that recording needs no division. */
  private cursor = 0;
  /**
   * Per event: 1 + the absolute index of its newest step, 0 for none. One float column
   * (exact up to 2^53 steps) rather than a low and a high int32 half: a read and a
   * write per step instead of two of each.
   */
  private lastStep = new GrowableFloat64();
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
    out.chunks = this.chunks.map((c) => new HistoryChunk(0, c));
    out.cursor = this.cursor;
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
    this.cursor = this.slot(total);
    this.floor = Math.min(total, held);
    // Every event whose last step came after the checkpoint gets its last step before it,
    // back along its chain while the ring still holds it. A scan of the per-event table,
    // not of the ring: an event whose later steps were overwritten appears nowhere in it.
    // Events made after the checkpoint have no step before it: none, without a walk.
    const events = Math.min(knownEvents, this.lastStep.capacity);
    this.lastStep.clearFrom(events);
    let known = 0;
    for (let eventId = 0; eventId < events; eventId++) {
      let last = this.lastAbs(eventId);
      if (last >= total) {
        while (last >= total && last >= held) last = this.prevOf(last);
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

  /** The previous step of the same event as the step at absolute index `abs` (held), or -1. */
  private prevOf(abs: number): number {
    const i = this.slot(abs);
    return prevFrom(abs, this.chunks[i >>> CHUNK_BITS]!.i32[(i & CHUNK_MASK) * STEP_I32 + BACK]!);
  }

  /**
   * Makes the chunks the next `steps` steps go to, ahead of time (the engine calls this at each
   * monitor tick). record() can make a chunk itself, but the first history's first chunk is
   * made before V8 collects feedback for that path, so when a later chunk is made there the
   * optimised code of everything that inlined record() was thrown away and compiled again.
   */
  reserve(steps: number): void {
    const want = Math.min(this.capacity, this.cursor + steps);
    while (this.chunks.length * (CHUNK_MASK + 1) < want)
      this.addChunk(this.chunks.length * (CHUNK_MASK + 1));
  }

  /** The chunk for slot `i`, which is the next one to make when the ring is still filling. */
  private addChunk(i: number): HistoryChunk {
    const start = i & ~CHUNK_MASK;
    const chunk = new HistoryChunk(Math.min(CHUNK_MASK + 1, this.capacity - start));
    this.chunks.push(chunk);
    return chunk;
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
    const i = this.cursor;
    this.cursor = i + 1 === this.capacity ? 0 : i + 1;
    const c = i >>> CHUNK_BITS;
    const chunks = this.chunks;
    const chunk = c < chunks.length ? chunks[c]! : this.addChunk(i);
    const j = i & CHUNK_MASK;
    chunk.f64[j * STEP_F64] = atMs;
    const k = j * STEP_I32;
    const ints = chunk.i32;
    ints[k + WHERE] = where(kind, node, partition);
    ints[k + OFFSET] = offset;
    ints[k + DETAIL] = detail;
    // lastStep holds 1 + the previous step's index (0: none), so abs + 1 - last is the
    // distance back to it; past 2^31 - 1 steps back the step is long overwritten.
    const last = this.lastStep.get(eventId);
    ints[k + BACK] = last === 0 ? 0 : Math.min(abs + 1 - last, FAR_BACK);
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
      const chunk = this.chunks[i >>> CHUNK_BITS]!;
      const j = i & CHUNK_MASK;
      const k = j * STEP_I32;
      const w = chunk.i32[k + WHERE]!;
      out.push({
        atMs: chunk.f64[j * STEP_F64]!,
        kind: stepKinds[(w >>> 16) & 31]!,
        eventId,
        node: nodeName((w << 16) >> 16),
        partition: w >> 21,
        offset: chunk.i32[k + OFFSET]!,
        detail: chunk.i32[k + DETAIL]!,
      });
      abs = prevFrom(abs, chunk.i32[k + BACK]!);
    }
    out.reverse();
    return { steps: out, truncated: abs >= 0 || eventId < this.goneBelow };
  }
}
