import { GrowableFloat64, GrowableInt32 } from "./growable";

/**
 * The business events producers create, by id: who made it, for which key, how much,
 * and in which partition it belongs. Compact columns, since an hour-long run makes
 * hundreds of thousands of them.
 */
export class EventTable {
  count = 0;
  readonly producer = new GrowableInt32();
  readonly key = new GrowableInt32();
  readonly value = new GrowableInt32();
  readonly partition = new GrowableInt32();
  /** The producer's own running number, for per-producer order. */
  readonly producerSeqNo = new GrowableInt32();
  readonly createdMs = new GrowableFloat64();
  /** 1 when the producer's process died with the event still in its memory (never sent). */
  readonly abandoned = new GrowableInt32();

  create(
    producer: number,
    key: number,
    value: number,
    partition: number,
    seqNo: number,
    atMs: number,
  ): number {
    const id = this.count++;
    this.producer.set(id, producer);
    this.key.set(id, key);
    this.value.set(id, value);
    this.partition.set(id, partition);
    this.producerSeqNo.set(id, seqNo);
    this.createdMs.set(id, atMs);
    return id;
  }

  /**
   * The column stores written once, when an event is created: checkpoints may share them
   * (their count is their own). Not `abandoned`, which a later crash sets on old events:
   * a fork taken before that crash must not see it.
   */
  columns(): object[] {
    return [
      this.producer,
      this.key,
      this.value,
      this.partition,
      this.producerSeqNo,
      this.createdMs,
    ];
  }

  markAbandoned(id: number): void {
    this.abandoned.set(id, 1);
  }
}
