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

export class History {
  private readonly capacity: number;
  private readonly time: Float64Array;
  private readonly kind: Uint8Array;
  private readonly eventId: Int32Array;
  private readonly node: Int16Array;
  private readonly partition: Int16Array;
  private readonly offset: Int32Array;
  private readonly detail: Int32Array;
  /** Absolute index of the previous step of the same event, or -1. */
  private readonly prev: Float64Array;
  /**
   * Per event: 1 + the absolute index of its newest step, 0 for none. One float column
   * (exact up to 2^53 steps) rather than a low and a high int32 half: a read and a
   * write per step instead of two of each.
   */
  private readonly lastStep = new GrowableFloat64(1024);
  total = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.time = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.eventId = new Int32Array(capacity);
    this.node = new Int16Array(capacity);
    this.partition = new Int16Array(capacity);
    this.offset = new Int32Array(capacity);
    this.detail = new Int32Array(capacity);
    this.prev = new Float64Array(capacity);
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
    const i = abs % this.capacity;
    this.time[i] = atMs;
    this.kind[i] = kind;
    this.eventId[i] = eventId;
    this.node[i] = node;
    this.partition[i] = partition;
    this.offset[i] = offset;
    this.detail[i] = detail;
    this.prev[i] = this.lastStep.get(eventId) - 1;
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
    const oldest = this.total - this.capacity;
    while (abs >= 0 && abs >= oldest) {
      const i = abs % this.capacity;
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
    return { steps: out, truncated: abs >= 0 };
  }
}
