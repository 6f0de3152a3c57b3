import type { Simulation } from "./engine";
import type { LogRecord, Message, PartitionState } from "./model";
import { Timer as TimerCodes } from "./model";
import { Replica, type FollowerState } from "./replica";
import { Step as StepCodes } from "./history";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Timer = TimerCodes;
const Step = StepCodes;

/** The records of every empty fetch response: one shared frozen array rather than a new one each time. */
const NO_RECORDS: readonly LogRecord[] = Object.freeze([]);

/** Why parked fetches are looked at again (see Broker.sweepParked). */
const Sweep = { appended: 0, hwAdvanced: 1, expired: 2 } as const;
type Sweep = (typeof Sweep)[keyof typeof Sweep];

/**
 * The leader's own copy of a record, stamped with its epoch and append time. Frozen:
 * replicas and checkpoints share records, so nothing may change one. Built as one
 * literal with every field, not as `{ ...r }`: a spread copy gets a map of its own that
 * no transition links to, so each of the hundreds of thousands of records would carry
 * its own hidden class (about twice the record's size) and be slower to make; a literal
 * gives every record the same map, all fields in the object.
 */
function storedRecord(r: LogRecord, epoch: number, appendMs: number): LogRecord {
  return Object.freeze({
    eventId: r.eventId,
    key: r.key,
    value: r.value,
    epoch,
    producer: r.producer,
    seq: r.seq,
    timestampMs: r.timestampMs,
    appendMs,
  });
}

/**
 * Cuts an array compacted in place back to its first `kept` items. Assigning `length` calls
 * the array's C++ length accessor even when nothing changes (most wake-ups answer no parked
 * fetch); pop() is inlined by the optimiser.
 */
function dropTail(items: unknown[], kept: number): void {
  while (items.length > kept) items.pop();
}

/**
 * A broker: the replicas it hosts, leading or following each partition as the
 * controller says. The rules follow Kafka's replication protocol: followers fetch from
 * the leader; the leader's HW is the smallest LEO in the ISR; a follower that has not
 * caught up within replica.lag.time.max.ms is proposed out of the ISR through the
 * controller (AlterPartition); a follower that diverged truncates to the end offset of
 * its last epoch on the leader (KIP-101, KIP-595).
 */
export class Broker {
  /** Indexed by partition: undefined where this broker holds no replica. */
  replicas: (Replica | undefined)[];
  /**
   * The replicas this broker holds, in partition order: what the loops over all of them
   * walk (expiry, ISR check, flush, lost fetches, crash). A broker holds RF / brokers of
   * the partitions (a quarter of them in the large benchmark case's 48, an eighth of
   * them at 24 brokers), and walking `replicas` read every slot on each fetch-expiry
   * timer, about a fifteenth of that case's time. Never changes: placement is fixed.
   */
  private readonly held: readonly Replica[];
  metadataVersion = -1;
  /** When the pending parked-fetch expiry timer fires (Infinity: none pending). */
  private expiryTimerMs = Infinity;

  constructor(
    readonly index: number,
    readonly node: number,
    partitions: number,
    assignment: readonly (readonly number[])[],
  ) {
    this.replicas = [];
    const held: Replica[] = [];
    for (let p = 0; p < partitions; p++) {
      const replicas = assignment[p]!;
      const rep = replicas.includes(index) ? new Replica(p, index, replicas) : undefined;
      this.replicas.push(rep);
      if (rep !== undefined) held.push(rep);
    }
    this.held = held;
  }

  start(sim: Simulation): void {
    this.metadataVersion = -1;
    sim.timer(this.node, 0, Timer.brokerHeartbeat, 0);
    sim.timer(this.node, sim.scenario.topic.replicaLagTimeMaxMs / 2, Timer.isrCheck, 0);
    const flush = sim.scenario.topic.flushIntervalMs;
    if (flush !== null) sim.timer(this.node, flush, Timer.flush, 0);
  }

  /** A crash: kill keeps the page cache (the whole log); power loss keeps only what was flushed. */
  crash(sim: Simulation, powerloss: boolean): void {
    this.expiryTimerMs = Infinity;
    for (const rep of this.held) {
      rep.resetVolatile();
      if (powerloss) {
        const lost = rep.truncateTo(rep.flushed);
        rep.truncatedTotal -= lost.length;
        for (let i = 0; i < lost.length; i++) {
          sim.history.record(
            sim.now,
            Step.lostOnPowerloss,
            lost[i]!.eventId,
            this.node,
            rep.partition,
            rep.flushed + i,
            0,
          );
        }
        rep.hw = Math.min(rep.hwCheckpoint, rep.leo);
        sim.checks.onTruncate(rep, rep.leo);
      }
    }
  }

  onTimer(sim: Simulation, kind: number, arg: number): void {
    switch (kind) {
      case Timer.brokerHeartbeat:
        this.retryLostFetches(sim);
        sim.send(this.node, sim.controllerNode, {
          type: "brokerHeartbeat",
          broker: this.index,
          incarnation: sim.nodes[this.node]!.incarnation,
          metadataVersion: this.metadataVersion,
        });
        sim.timer(this.node, sim.scenario.brokers.heartbeatIntervalMs, Timer.brokerHeartbeat, 0);
        break;
      case Timer.isrCheck:
        this.checkIsr(sim);
        sim.timer(this.node, sim.scenario.topic.replicaLagTimeMaxMs / 2, Timer.isrCheck, 0);
        break;
      case Timer.flush:
        for (const rep of this.held) {
          rep.flushed = rep.leo;
          rep.hwCheckpoint = rep.hw;
        }
        sim.timer(this.node, sim.scenario.topic.flushIntervalMs ?? 1000, Timer.flush, 0);
        break;
      case Timer.fetchExpire:
        this.expireParked(sim);
        break;
      case Timer.replicaFetch:
        this.onFetchRetry(sim, arg);
        break;
      default:
        break;
    }
  }

  onMessage(sim: Simulation, src: number, msg: Message): void {
    switch (msg.type) {
      case "produce":
        this.onProduce(sim, src, msg);
        break;
      case "fetch":
        this.onFetch(sim, src, msg);
        break;
      case "fetchResponse":
        this.onFetchResponse(sim, msg);
        break;
      case "leaderAndIsr":
        if (msg.metadataVersion > this.metadataVersion) this.metadataVersion = msg.metadataVersion;
        for (const state of msg.states) this.applyPartitionState(sim, state);
        break;
      default:
        break;
    }
  }

  // ---- leader side -------------------------------------------------------------

  private onProduce(
    sim: Simulation,
    src: number,
    msg: Extract<Message, { type: "produce" }>,
  ): void {
    const rep = this.replicas[msg.partition];
    if (!rep || !rep.isLeader) return this.refuseProduce(sim, src, msg, "notLeader");
    // acks=all is refused before the append when the ISR is below min.insync.replicas.
    if (msg.acks === -1 && rep.isr.length < sim.scenario.topic.minInsyncReplicas) {
      return this.refuseProduce(sim, src, msg, "notEnoughReplicas");
    }
    const records = msg.records;
    const first = records[0]!;
    if (msg.idempotent) {
      const last = rep.producerSeq.get(first.producer);
      if (last !== undefined && first.seq <= last) {
        // A retried batch the log already has: answered as a success with its offset.
        const offset = rep.offsetOfSequence(first.producer, first.seq);
        for (const r of records) {
          sim.history.record(
            sim.now,
            Step.duplicateRejected,
            r.eventId,
            this.node,
            msg.partition,
            offset,
            0,
          );
        }
        return this.answerWhenCommitted(
          sim,
          rep,
          src,
          msg.reqId,
          msg.acks,
          offset,
          offset + records.length,
        );
      }
    }
    const baseOffset = rep.leo;
    // Kafka timestamps are whole milliseconds (which also keeps them small integers in memory).
    const appendMs = Math.floor(sim.clock(this.node));
    for (let i = 0; i < records.length; i++) {
      // The request carries the producer's copy; the log gets its own, stamped by the leader.
      const r = records[i]!;
      const rec = storedRecord(r, rep.leaderEpoch, appendMs);
      rep.append(rec);
      sim.history.record(
        sim.now,
        Step.appended,
        rec.eventId,
        this.node,
        msg.partition,
        baseOffset + i,
        rep.leaderEpoch,
      );
    }
    sim.checks.onLeaderAppend(rep);
    this.maybeAdvanceHw(sim, rep);
    this.wakeParked(sim, rep, true);
    this.answerWhenCommitted(sim, rep, src, msg.reqId, msg.acks, baseOffset, rep.leo);
  }

  private refuseProduce(
    sim: Simulation,
    src: number,
    msg: Extract<Message, { type: "produce" }>,
    error: "notLeader" | "notEnoughReplicas",
  ): void {
    if (msg.acks === 0) return; // acks=0: the producer hears nothing, not even a refusal
    sim.send(this.node, src, {
      type: "produceResponse",
      reqId: msg.reqId,
      partition: msg.partition,
      error,
      baseOffset: -1,
    });
  }

  private answerWhenCommitted(
    sim: Simulation,
    rep: Replica,
    src: number,
    reqId: number,
    acks: 0 | 1 | -1,
    baseOffset: number,
    endOffset: number,
  ): void {
    if (acks === 0) return;
    if (acks === 1 || rep.hw >= endOffset) {
      sim.send(this.node, src, {
        type: "produceResponse",
        reqId,
        partition: rep.partition,
        error: null,
        baseOffset,
      });
      return;
    }
    rep.purgatory.push({ src, reqId, baseOffset, endOffset });
  }

  private onFetch(sim: Simulation, src: number, msg: Extract<Message, { type: "fetch" }>): void {
    const rep = this.replicas[msg.partition];
    if (!rep || !rep.isLeader) {
      return this.respondFetch(
        sim,
        src,
        msg.partition,
        msg.fetchId,
        msg.fetchOffset,
        "notLeader",
        rep,
        NO_RECORDS,
        -1,
        -1,
      );
    }
    if (msg.replica >= 0) {
      // Divergence check: does the follower's last epoch end where its log does?
      if (rep.divergesAt(msg.lastFetchedEpoch, msg.fetchOffset)) {
        return this.respondFetch(
          sim,
          src,
          msg.partition,
          msg.fetchId,
          msg.fetchOffset,
          null,
          rep,
          NO_RECORDS,
          rep.epochAtOrBelow(msg.lastFetchedEpoch),
          rep.endOffsetForEpoch(msg.lastFetchedEpoch),
        );
      }
      this.updateFollower(sim, rep, msg.replica, msg.fetchOffset);
    }
    const limit = msg.replica >= 0 ? rep.leo : rep.hw;
    if (msg.fetchOffset > rep.leo) {
      return this.respondFetch(
        sim,
        src,
        msg.partition,
        msg.fetchId,
        msg.fetchOffset,
        "offsetOutOfRange",
        rep,
        NO_RECORDS,
        -1,
        -1,
      );
    }
    if (msg.fetchOffset >= limit && msg.maxWaitMs > 0) {
      const expiresMs = sim.now + msg.maxWaitMs;
      rep.park(expiresMs, src, msg.fetchId, msg.fetchOffset, msg.replica, msg.maxRecords);
      // One expiry timer per broker, for the earliest parked fetch, rather than one per fetch.
      if (expiresMs < this.expiryTimerMs) {
        this.expiryTimerMs = expiresMs;
        sim.timer(this.node, msg.maxWaitMs, Timer.fetchExpire, 0);
      }
      return;
    }
    const records = rep.log.slice(
      msg.fetchOffset,
      Math.min(limit, msg.fetchOffset + msg.maxRecords),
    );
    this.respondFetch(
      sim,
      src,
      msg.partition,
      msg.fetchId,
      msg.fetchOffset,
      null,
      rep,
      records,
      -1,
      -1,
    );
  }

  private respondFetch(
    sim: Simulation,
    dst: number,
    partition: number,
    fetchId: number,
    fetchOffset: number,
    error: "notLeader" | "offsetOutOfRange" | null,
    rep: Replica | undefined,
    records: readonly LogRecord[],
    divergingEpoch: number,
    divergingEndOffset: number,
  ): void {
    sim.send(this.node, dst, {
      type: "fetchResponse",
      partition,
      fetchId,
      fetchOffset,
      error,
      records,
      hw: rep ? rep.hw : 0,
      leaderEpoch: rep ? rep.leaderEpoch : -1,
      divergingEpoch,
      divergingEndOffset,
    });
  }

  /** Kafka's Replica.updateFetchState: the caught-up time decides ISR membership. */
  private updateFollower(sim: Simulation, rep: Replica, broker: number, fetchOffset: number): void {
    const f = rep.followers[broker];
    if (!f) return;
    const now = sim.now;
    if (fetchOffset >= rep.leo) f.lastCaughtUpMs = now;
    else if (fetchOffset >= f.lastFetchLeaderLeo)
      f.lastCaughtUpMs = Math.max(f.lastCaughtUpMs, f.lastFetchMs);
    f.leo = fetchOffset;
    f.lastFetchLeaderLeo = rep.leo;
    f.lastFetchMs = now;
    // A follower outside the ISR rejoins once it has caught up to the HW in this epoch.
    if (
      !rep.isr.includes(broker) &&
      !rep.isrChangePending &&
      fetchOffset >= rep.hw &&
      fetchOffset >= this.epochStart(rep)
    ) {
      this.proposeIsr(
        sim,
        rep,
        [...rep.isr, broker].sort((a, b) => a - b),
      );
    }
    this.maybeAdvanceHw(sim, rep);
  }

  private epochStart(rep: Replica): number {
    const e = rep.epochs;
    return e.length > 0 && e[e.length - 2] === rep.leaderEpoch ? e[e.length - 1]! : rep.leo;
  }

  /**
   * HW = the smallest LEO among the ISR (the leader's own included) and the followers it
   * has proposed adding (Replica.proposedIsr). It never goes back.
   */
  maybeAdvanceHw(sim: Simulation, rep: Replica): void {
    if (!rep.isLeader) return;
    // The maximal ISR: the ISR and the members whose addition may have been committed already.
    const hw = this.lowestLeo(rep, rep.proposedIsr, this.lowestLeo(rep, rep.isr, rep.leo));
    if (hw <= rep.hw) return;
    const from = rep.hw;
    rep.hw = hw;
    for (let o = from; o < hw; o++) {
      sim.history.record(
        sim.now,
        Step.committed,
        rep.log[o]!.eventId,
        this.node,
        rep.partition,
        o,
        rep.leaderEpoch,
      );
    }
    sim.checks.onCommit(rep);
    if (rep.purgatory.length > 0) {
      const waiting = rep.purgatory;
      rep.purgatory = [];
      for (const p of waiting) {
        if (hw >= p.endOffset) {
          sim.send(this.node, p.src, {
            type: "produceResponse",
            reqId: p.reqId,
            partition: rep.partition,
            error: null,
            baseOffset: p.baseOffset,
          });
        } else rep.purgatory.push(p);
      }
    }
    this.wakeParked(sim, rep, false);
  }

  /** The smallest of `upTo` and the LEOs the leader knows of `brokers`' replicas (itself excluded). */
  private lowestLeo(rep: Replica, brokers: readonly number[], upTo: number): number {
    let lowest = upTo;
    for (const b of brokers) {
      if (b === this.index) continue;
      const f = rep.followers[b];
      const leo = f ? f.leo : 0;
      if (leo < lowest) lowest = leo;
    }
    return lowest;
  }

  /** Answers long-polling fetches that now have data: followers on append, consumers on HW. */
  private wakeParked(sim: Simulation, rep: Replica, appended: boolean): void {
    if (rep.parked.length === 0) return;
    this.sweepParked(sim, rep, appended ? Sweep.appended : Sweep.hwAdvanced);
  }

  /** Answers (empty) every parked fetch whose wait is over, then arms the timer for the next one. */
  private expireParked(sim: Simulation): void {
    if (sim.now < this.expiryTimerMs) return; // a superseded timer
    let next = Infinity;
    const held = this.held;
    for (let i = 0; i < held.length; i++) {
      const rep = held[i]!;
      if (rep.parked.length === 0) continue;
      // A replica whose earliest parked fetch is still waiting has nothing to answer: not scanned.
      const minExpiry =
        rep.parkedMinExpiryMs > sim.now
          ? rep.parkedMinExpiryMs
          : this.sweepParked(sim, rep, Sweep.expired);
      if (minExpiry < next) next = minExpiry;
    }
    this.expiryTimerMs = next;
    if (next < Infinity) sim.timer(this.node, next - sim.now, Timer.fetchExpire, 0);
  }

  /**
   * Answers the parked fetches of `rep` that `why` lets go (follower fetches after an
   * append, consumer fetches after an HW advance, those whose wait is over) and keeps the
   * rest, compacted in place: this runs on every append and HW advance, and most fetches
   * stay parked. Returns, and records, the earliest expiry of those kept.
   */
  private sweepParked(sim: Simulation, rep: Replica, why: Sweep): number {
    const parked = rep.parked;
    let kept = 0;
    let minExpiry = Infinity;
    for (let i = 0; i < parked.length; i++) {
      const p = parked[i]!;
      let records: readonly LogRecord[] | null = null;
      if (why === Sweep.expired) {
        if (p.expiresMs <= sim.now) records = NO_RECORDS;
      } else {
        const limit = p.replica >= 0 ? rep.leo : rep.hw;
        if (p.replica >= 0 === (why === Sweep.appended) && p.fetchOffset < limit)
          records = rep.log.slice(p.fetchOffset, Math.min(limit, p.fetchOffset + p.maxRecords));
      }
      if (records !== null) {
        this.respondFetch(
          sim,
          p.src,
          rep.partition,
          p.fetchId,
          p.fetchOffset,
          null,
          rep,
          records,
          -1,
          -1,
        );
        rep.releaseParked(p);
      } else {
        parked[kept++] = p;
        if (p.expiresMs < minExpiry) minExpiry = p.expiresMs;
      }
    }
    dropTail(parked, kept);
    rep.parkedMinExpiryMs = minExpiry;
    return minExpiry;
  }

  private checkIsr(sim: Simulation): void {
    const maxLag = sim.scenario.topic.replicaLagTimeMaxMs;
    for (const rep of this.held) {
      if (!rep.isLeader) continue;
      // An AlterPartition that got no answer (lost on the way) is given up and proposed again.
      if (rep.isrChangePending && sim.now - rep.isrChangeSentMs > maxLag)
        rep.isrChangePending = false;
      if (rep.isrChangePending) continue;
      const keep = rep.isr.filter((b) => {
        if (b === this.index) return true;
        const f = rep.followers[b];
        // Out of sync: not caught up for replica.lag.time.max.ms, unless its LEO already
        // equals the leader's (KAFKA-7152: an idle partition does not shrink its ISR).
        return f !== undefined && (f.leo >= rep.leo || sim.now - f.lastCaughtUpMs <= maxLag);
      });
      if (keep.length < rep.isr.length) this.proposeIsr(sim, rep, keep);
    }
  }

  /** ISR changes go through the controller (AlterPartition); a cut-off leader cannot make them. */
  private proposeIsr(sim: Simulation, rep: Replica, isr: number[]): void {
    for (const b of isr)
      if (!rep.isr.includes(b) && !rep.proposedIsr.includes(b)) rep.proposedIsr.push(b);
    rep.isrChangePending = true;
    rep.isrChangeSentMs = sim.now;
    sim.send(this.node, sim.controllerNode, {
      type: "alterIsr",
      partition: rep.partition,
      leaderEpoch: rep.leaderEpoch,
      partitionEpoch: rep.partitionEpoch,
      isr,
    });
  }

  // ---- controller's word -------------------------------------------------------

  private applyPartitionState(sim: Simulation, s: PartitionState): void {
    const rep = this.replicas[s.partition];
    if (!rep) return;
    if (s.leaderEpoch < rep.leaderEpoch) return;
    if (s.leaderEpoch === rep.leaderEpoch && s.partitionEpoch <= rep.partitionEpoch) {
      rep.isrChangePending = false;
      return;
    }
    const newEpoch = s.leaderEpoch > rep.leaderEpoch;
    rep.partitionEpoch = s.partitionEpoch;
    rep.isrChangePending = false;
    rep.isr = s.isr.slice();
    // Proposals made at an older partition epoch can no longer be applied.
    rep.proposedIsr = [];
    if (s.leader === this.index) {
      if (newEpoch || !rep.isLeader) this.becomeLeader(sim, rep, s.leaderEpoch);
      rep.leaderEpoch = s.leaderEpoch;
      this.maybeAdvanceHw(sim, rep);
      return;
    }
    if (rep.isLeader) this.stepDown(sim, rep);
    rep.leader = s.leader;
    rep.leaderEpoch = s.leaderEpoch;
    if (newEpoch) {
      rep.fetchId++;
      rep.fetchOutstanding = false;
    }
    if (s.leader >= 0 && !rep.fetchOutstanding) this.sendFetch(sim, rep);
  }

  private becomeLeader(sim: Simulation, rep: Replica, epoch: number): void {
    rep.isLeader = true;
    rep.leader = this.index;
    rep.leaderEpoch = epoch;
    rep.fetchOutstanding = false;
    rep.fetchId++;
    rep.followers = [];
    rep.proposedIsr = [];
    for (const b of rep.replicas) {
      if (b === this.index) continue;
      const f: FollowerState = {
        broker: b,
        leo: 0,
        lastCaughtUpMs: sim.now,
        lastFetchLeaderLeo: 0,
        lastFetchMs: sim.now,
      };
      rep.followers[b] = f;
    }
    sim.checks.onLeaderChange(rep);
  }

  /** A deposed leader fails what it was holding: acks=all requests get NotLeader. */
  private stepDown(sim: Simulation, rep: Replica): void {
    rep.isLeader = false;
    for (const p of rep.purgatory) {
      sim.send(this.node, p.src, {
        type: "produceResponse",
        reqId: p.reqId,
        partition: rep.partition,
        error: "notLeader",
        baseOffset: -1,
      });
    }
    rep.purgatory = [];
    for (const p of rep.parked) {
      this.respondFetch(
        sim,
        p.src,
        rep.partition,
        p.fetchId,
        p.fetchOffset,
        "notLeader",
        rep,
        NO_RECORDS,
        -1,
        -1,
      );
    }
    rep.parked = [];
    rep.parkedMinExpiryMs = Infinity;
    rep.followers = [];
    rep.proposedIsr = [];
  }

  // ---- follower side -----------------------------------------------------------

  private sendFetch(sim: Simulation, rep: Replica): void {
    if (rep.leader < 0 || rep.leader === this.index) return;
    rep.fetchOutstanding = true;
    rep.fetchId++;
    sim.send(this.node, sim.brokerNode(rep.leader), {
      type: "fetch",
      partition: rep.partition,
      fetchOffset: rep.leo,
      lastFetchedEpoch: rep.lastEpoch(),
      replica: this.index,
      fetchId: rep.fetchId,
      maxRecords: sim.scenario.brokers.fetchMaxRecords,
      maxWaitMs: sim.scenario.brokers.fetchWaitMaxMs,
    });
    rep.fetchSentMs = sim.now;
  }

  /** Retry timer after an error: fetch again unless a fetch is already out. */
  onFetchRetry(sim: Simulation, partition: number): void {
    const rep = this.replicas[partition];
    if (rep && !rep.isLeader && !rep.fetchOutstanding) this.sendFetch(sim, rep);
  }

  /**
   * A fetch whose answer never came (dropped, cut off) is sent again: the request
   * timeout, checked on the heartbeat tick instead of a timer per fetch.
   */
  private retryLostFetches(sim: Simulation): void {
    const timeout =
      sim.scenario.brokers.fetchWaitMaxMs + sim.scenario.brokers.replicaFetchTimeoutMs;
    for (const rep of this.held) {
      if (!rep.isLeader && rep.fetchOutstanding && sim.now - rep.fetchSentMs > timeout) {
        this.sendFetch(sim, rep);
      }
    }
  }

  private onFetchResponse(sim: Simulation, msg: Extract<Message, { type: "fetchResponse" }>): void {
    const rep = this.replicas[msg.partition];
    if (!rep || rep.isLeader || msg.fetchId !== rep.fetchId) return;
    rep.fetchOutstanding = false;
    if (msg.error !== null) {
      // Stale leadership on either side: wait for the controller's word, then fetch again.
      sim.timer(this.node, 50, Timer.replicaFetch, rep.partition);
      return;
    }
    if (msg.divergingEndOffset >= 0) {
      this.truncate(sim, rep, rep.divergenceCut(msg.divergingEpoch, msg.divergingEndOffset));
      this.sendFetch(sim, rep);
      return;
    }
    if (msg.fetchOffset === rep.leo) {
      const base = rep.leo;
      for (let i = 0; i < msg.records.length; i++) {
        const r = msg.records[i]!;
        rep.append(r);
        sim.history.record(
          sim.now,
          Step.replicated,
          r.eventId,
          this.node,
          rep.partition,
          base + i,
          r.epoch,
        );
      }
      const hw = Math.min(msg.hw, rep.leo);
      if (hw > rep.hw) rep.hw = hw;
    }
    this.sendFetch(sim, rep);
  }

  private truncate(sim: Simulation, rep: Replica, offset: number): void {
    const removed = rep.truncateTo(offset);
    for (let i = 0; i < removed.length; i++) {
      sim.history.record(
        sim.now,
        Step.truncated,
        removed[i]!.eventId,
        this.node,
        rep.partition,
        offset + i,
        rep.leaderEpoch,
      );
    }
    if (removed.length > 0) sim.checks.onTruncate(rep, offset);
  }
}
