import type { LogRecord } from "./model";
import { frozenItems, truncateFrozen } from "./frozen-items";

/** What a leader knows of one follower, learned from its fetches. */
export interface FollowerState {
  broker: number;
  /** The follower's LEO, as its last fetch offset says. */
  leo: number;
  /** Last time the follower was caught up with the leader (Kafka's lastCaughtUpTimeMs). */
  lastCaughtUpMs: number;
  /** The leader's LEO when the follower fetched last, and when that was. */
  lastFetchLeaderLeo: number;
  lastFetchMs: number;
}

export interface ParkedFetch {
  expiresMs: number;
  src: number;
  fetchId: number;
  fetchOffset: number;
  replica: number;
  maxRecords: number;
}

/** An acks=all produce request waiting for the HW to pass its last record. */
export interface PendingProduce {
  src: number;
  reqId: number;
  baseOffset: number;
  endOffset: number;
}

/**
 * One replica of one partition on one broker: its log, LEO (log.length), HW, flushed
 * boundary and leader-epoch cache, and, while it leads, what it knows of its followers.
 */
export class Replica {
  log: LogRecord[] = frozenItems([]);
  hw = 0;
  /** Records below this offset are on disk and survive a power loss. */
  flushed = 0;
  /** The HW as last written to the checkpoint file. */
  hwCheckpoint = 0;
  /** Leader-epoch cache as flat pairs: epoch, start offset. */
  epochs: number[] = [];

  leader = -1;
  leaderEpoch = -1;
  isLeader = false;
  isr: number[] = [];
  partitionEpoch = 0;
  isrChangePending = false;
  isrChangeSentMs = 0;
  /**
   * Brokers this leader has proposed adding to the ISR since the partition epoch it holds
   * (AlterPartition proposals carry that epoch, and the controller applies at most one of
   * them). Until the controller's word on a newer epoch arrives, any of them may be in the
   * ISR already: the HW waits for them too, as Kafka's leader computes it over the
   * "maximal ISR" (KIP-497). Without this, the HW passed a joining follower's LEO while its
   * expansion was in flight, and once committed it sat in the ISR without a committed
   * record, to be elected later and truncate it (regressions.test.ts, seed 213574276).
   */
  proposedIsr: number[] = [];
  followers: FollowerState[] = [];
  parked: ParkedFetch[] = [];
  /**
   * Parked fetches already answered, kept for reuse by `park`. Nearly every fetch round
   * trip parks one (a follower or a consumer asking for more than there is): a new object
   * each time was a tenth of the small benchmark's allocation. Nothing keeps a reference to
   * an answered one: its response message carries copies of its numbers.
   */
  private spareParked: ParkedFetch[] = [];
  /** The earliest expiry among `parked` (Infinity when none), so expiry skips replicas with nothing due. */
  parkedMinExpiryMs = Infinity;
  purgatory: PendingProduce[] = [];
  /** Idempotent producer state: the last sequence appended per producer. */
  producerSeq = new Map<number, number>();
  /** Follower fetch loop. */
  fetchOutstanding = false;
  fetchId = 0;
  fetchSentMs = 0;
  truncatedTotal = 0;

  /** Parks a fetch, reusing an answered one's object, and keeps the earliest expiry up to date. */
  park(
    expiresMs: number,
    src: number,
    fetchId: number,
    fetchOffset: number,
    replica: number,
    maxRecords: number,
  ): void {
    const p = this.spareParked.pop();
    if (p === undefined) {
      this.parked.push({ expiresMs, src, fetchId, fetchOffset, replica, maxRecords });
    } else {
      p.expiresMs = expiresMs;
      p.src = src;
      p.fetchId = fetchId;
      p.fetchOffset = fetchOffset;
      p.replica = replica;
      p.maxRecords = maxRecords;
      this.parked.push(p);
    }
    if (expiresMs < this.parkedMinExpiryMs) this.parkedMinExpiryMs = expiresMs;
  }

  /** A parked fetch that has been answered and left `parked`: its object may be reused. */
  releaseParked(p: ParkedFetch): void {
    this.spareParked.push(p);
  }

  constructor(
    readonly partition: number,
    readonly broker: number,
    readonly replicas: readonly number[],
  ) {}

  get leo(): number {
    return this.log.length;
  }

  /** Epoch of the last record, or -1 for an empty log. */
  lastEpoch(): number {
    const n = this.epochs.length;
    return n === 0 ? -1 : this.epochs[n - 2]!;
  }

  /** Appends one record, keeping the epoch cache and producer state in step. */
  append(rec: LogRecord): void {
    const offset = this.log.length;
    this.log.push(rec);
    if (this.epochs.length === 0 || this.epochs[this.epochs.length - 2]! < rec.epoch) {
      this.epochs.push(rec.epoch, offset);
    }
    if (rec.producer >= 0 && rec.seq >= 0) this.producerSeq.set(rec.producer, rec.seq);
  }

  /**
   * The end offset of an epoch as this log knows it, following KIP-101/KIP-595: the
   * start of the first later epoch, or the LEO when the epoch is the latest. The epoch
   * looked at is the largest known one not above the one asked (`epochAtOrBelow`).
   * Two plain numbers rather than one result object: a follower asks on every fetch.
   */
  endOffsetForEpoch(epoch: number): number {
    const e = this.epochs;
    const found = this.epochIndexAtOrBelow(epoch);
    if (found < 0) return e.length > 0 ? e[1]! : this.leo;
    const next = found + 2;
    return next < e.length ? e[next + 1]! : this.leo;
  }

  /**
   * Leader side of the fetch's divergence check (KIP-595): a follower whose last epoch this
   * log does not have, or whose log runs past where that epoch ends here, has records the
   * leader does not; it is answered with the leader's `epochAtOrBelow` and
   * `endOffsetForEpoch` of its last epoch instead of records.
   */
  divergesAt(lastFetchedEpoch: number, fetchOffset: number): boolean {
    if (lastFetchedEpoch < 0) return false;
    return (
      this.epochAtOrBelow(lastFetchedEpoch) < lastFetchedEpoch ||
      this.endOffsetForEpoch(lastFetchedEpoch) < fetchOffset
    );
  }

  /**
   * Follower side: where to cut this log when the leader answers a fetch with a divergence
   * (its epoch `leaderEpoch`, ending at `leaderEndOffset` in its log), after Kafka's
   * AbstractFetcherThread.getOffsetTruncationState (KIP-101, KIP-279, KIP-595):
   * - the leader has no epoch at or below the follower's last one: cut at its end offset;
   * - this log's largest epoch at or below the leader's answer is an earlier one: the leader
   *   never had the records after it; cut where it ends here, and the next fetch asks again
   *   with that earlier epoch;
   * - the same epoch on both sides: cut where it ends on whichever side ends first;
   * - this log has no epoch at or below the leader's answer: every record here is of an
   *   epoch the leader lacks; cut them all. Kafka cuts at the leader's end offset here, as
   *   its comment says, for a follower that did not track epochs (an old message format);
   *   every replica here tracks them, and cutting there would leave such a follower (an
   *   unclean leader's, say) fetching the same divergence for ever.
   * Never above the LEO, and below it whenever the leader found a divergence (an epoch in
   * the cache has at least one record), so each round cuts something and the exchange
   * ends. Cutting only at the leader's end offset, as this did before, left a zombie
   * leader's record at its LEO for ever (regressions.test.ts, seed 400443981).
   */
  divergenceCut(leaderEpoch: number, leaderEndOffset: number): number {
    if (leaderEpoch < 0) return Math.min(leaderEndOffset, this.leo);
    const epoch = this.epochAtOrBelow(leaderEpoch);
    const end = this.endOffsetForEpoch(leaderEpoch);
    if (epoch >= 0 && epoch !== leaderEpoch) return Math.min(end, this.leo);
    return Math.min(end, leaderEndOffset, this.leo);
  }

  /** The largest epoch in the cache not above `epoch`, or -1. */
  epochAtOrBelow(epoch: number): number {
    const found = this.epochIndexAtOrBelow(epoch);
    return found < 0 ? -1 : this.epochs[found]!;
  }

  private epochIndexAtOrBelow(epoch: number): number {
    const e = this.epochs;
    for (let i = e.length - 2; i >= 0; i -= 2) if (e[i]! <= epoch) return i;
    return -1;
  }

  /** Removes every record at or above `offset`; returns what was removed. */
  truncateTo(offset: number): LogRecord[] {
    if (offset >= this.log.length) return [];
    const removed = truncateFrozen(this.log, offset);
    while (this.epochs.length > 0 && this.epochs[this.epochs.length - 1]! >= offset) {
      this.epochs.length -= 2;
    }
    if (this.hw > offset) this.hw = offset;
    if (this.flushed > offset) this.flushed = offset;
    if (this.hwCheckpoint > offset) this.hwCheckpoint = offset;
    this.truncatedTotal += removed.length;
    this.rebuildProducerState(removed);
    return removed;
  }

  /** After a truncation, producers whose records were removed get their last surviving sequence back. */
  private rebuildProducerState(removed: LogRecord[]): void {
    const affected = new Set<number>();
    for (const r of removed) if (r.producer >= 0 && r.seq >= 0) affected.add(r.producer);
    for (const p of affected) this.producerSeq.delete(p);
    for (let i = this.log.length - 1; i >= 0 && affected.size > 0; i--) {
      const r = this.log[i]!;
      if (affected.has(r.producer) && r.seq >= 0) {
        this.producerSeq.set(r.producer, r.seq);
        affected.delete(r.producer);
      }
    }
  }

  /** Finds the offset of a producer's sequence near the end of the log (duplicate batches). */
  offsetOfSequence(producer: number, seq: number): number {
    for (let i = this.log.length - 1, n = 0; i >= 0 && n < 10_000; i--, n++) {
      const r = this.log[i]!;
      if (r.producer === producer && r.seq === seq) return i;
    }
    return -1;
  }

  resetVolatile(): void {
    this.leader = -1;
    this.leaderEpoch = -1;
    this.isLeader = false;
    this.isr = [];
    this.isrChangePending = false;
    this.followers = [];
    this.parked = [];
    this.parkedMinExpiryMs = Infinity;
    this.purgatory = [];
    this.fetchOutstanding = false;
    this.fetchId++;
  }
}
