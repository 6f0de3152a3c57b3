import type { Simulation } from "./engine";
import type { LogRecord, Message } from "./model";
import { Timer as TimerCodes } from "./model";
import { Step as StepCodes } from "./history";
import type { Projection } from "./projection";
import { PartitionSlots } from "./partition-slots";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Timer = TimerCodes;
const Step = StepCodes;

interface Queued {
  partition: number;
  offset: number;
  record: LogRecord;
  /** Re-driven by the reconciler: applied, but moves no position and commits nothing. */
  redriven: boolean;
}

/**
 * One member of a consumer group, on its own service node. It joins the group, fetches
 * the partitions it is assigned from their leaders (long poll, below the HW only),
 * processes records one at a time, applies them to the group's projection, and commits
 * offsets by the group's policy:
 * - auto: the fetched position on a timer, possibly before processing (at-most-once);
 * - afterProcess: after each processed batch (at-least-once: a crash redelivers);
 * - atomic: the offset is written with the projection in one transaction (exactly-once effect).
 */
export class Member {
  generation = -1;
  partitions: number[] = [];
  /** Next offset to fetch, per partition. */
  private readonly position: PartitionSlots;
  private readonly fetchIds: PartitionSlots;
  /** Offset commits sent but not yet confirmed, per partition: the offset, and when it was sent. */
  private readonly unconfirmed: PartitionSlots;
  private readonly unconfirmedSentMs: Float64Array;
  private readonly fetchSentMs: PartitionSlots;
  /**
   * Records polled and not yet processed: `queue[queueHead]` up to `queue[queueEnd - 1]`.
   * Entries are objects reused in place: emptying the queue only moves both ends back to 0,
   * and the next record queued is written into the entry already there. A record is queued
   * for every one delivered, and a new entry each time, plus a new array for every batch,
   * were a tenth of the small benchmark's allocation. Entries outside the two ends are old
   * ones, never read.
   */
  private queue: Queued[] = [];
  private queueEnd = 0;
  /** Between the coordinator's call to rebalance and the new assignment. */
  private rebalancing = false;
  /** Rejoined during the current rebalance, waiting for the assignment. */
  private joinSent = false;
  /** Fetched records not yet processed, per partition (re-driven ones not counted). */
  private readonly backlog: PartitionSlots;
  private queueHead = 0;
  private processing = false;
  /** Bumped on every reassignment so that stale timers and responses are ignored. */
  private token = 0;
  private nextFetchId = 1;
  leaders: number[];
  crashBeforeCommit = false;

  constructor(
    readonly index: number,
    readonly node: number,
    readonly group: number,
    readonly projection: Projection,
    leaders: number[],
  ) {
    this.leaders = leaders.slice();
    const partitions = leaders.length;
    this.position = new PartitionSlots(partitions);
    this.fetchIds = new PartitionSlots(partitions);
    this.unconfirmed = new PartitionSlots(partitions);
    this.unconfirmedSentMs = new Float64Array(partitions);
    this.fetchSentMs = new PartitionSlots(partitions);
    this.backlog = new PartitionSlots(partitions);
  }

  private get config() {
    return this.projection.config;
  }

  /** (Re)start: a fresh process with nothing but the group's name; it joins. */
  start(sim: Simulation): void {
    this.generation = -1;
    this.partitions = [];
    this.position.clear();
    this.fetchIds.clear();
    this.unconfirmed.clear();
    this.fetchSentMs.clear();
    this.emptyQueue();
    this.backlog.clear();
    this.processing = false;
    this.rebalancing = false;
    this.joinSent = false;
    this.token++;
    sim.send(this.node, sim.controllerNode, {
      type: "joinGroup",
      group: this.group,
      member: this.node,
      generation: this.generation,
    });
    sim.timer(this.node, this.config.heartbeatIntervalMs, Timer.consumerHeartbeat, 0);
    this.autoCommitTimer = false;
    this.ensureAutoCommitTimer(sim);
  }

  private autoCommitTimer = false;

  /** The auto-commit timer runs while the policy is auto (an operator may switch policies). */
  ensureAutoCommitTimer(sim: Simulation): void {
    if (this.autoCommitTimer || this.config.commitPolicy !== "auto") return;
    this.autoCommitTimer = true;
    sim.timer(this.node, this.config.autoCommitIntervalMs, Timer.autoCommit, 0);
  }

  /** Whether this member still has the record queued to process. */
  holds(partition: number, offset: number): boolean {
    for (let i = this.queueHead; i < this.queueEnd; i++) {
      const q = this.queue[i]!;
      if (q.partition === partition && q.offset === offset) return true;
    }
    return false;
  }

  get queued(): number {
    return this.queueEnd - this.queueHead;
  }

  onTimer(sim: Simulation, kind: number, arg: number): void {
    switch (kind) {
      case Timer.consumerHeartbeat:
        this.retryLostFetches(sim);
        this.retryUnconfirmedCommits(sim);
        sim.send(this.node, sim.controllerNode, {
          type: "groupHeartbeat",
          group: this.group,
          member: this.node,
          generation: this.generation,
        });
        sim.timer(this.node, this.config.heartbeatIntervalMs, Timer.consumerHeartbeat, 0);
        break;
      case Timer.autoCommit:
        if (this.config.commitPolicy !== "auto") {
          this.autoCommitTimer = false;
          break;
        }
        for (const p of this.partitions) if (!this.commit(sim, p, this.position.get(p, 0))) return;
        sim.timer(this.node, this.config.autoCommitIntervalMs, Timer.autoCommit, 0);
        break;
      case Timer.processDone:
        if (arg === this.token) this.finishOne(sim);
        break;
      case Timer.consumerFetch:
        this.onFetchTimer(sim, arg);
        break;
      case Timer.metadataRefresh:
        sim.send(this.node, sim.controllerNode, { type: "metadataRequest" });
        break;
      default:
        break;
    }
  }

  onMessage(sim: Simulation, msg: Message): void {
    switch (msg.type) {
      case "assignment":
        if (msg.generation > this.generation) this.onAssignment(sim, msg);
        break;
      case "rebalance":
        // A rebalance this member already has the assignment of (a duplicate, or one that
        // arrived late) is over: rejoining would start another, and under duplication each
        // of those starts more (a storm that grew to a million events in half a second).
        if (msg.generation > this.generation) this.onRebalance(sim);
        break;
      case "heartbeatResponse":
        if (msg.rebalancing) this.onRebalance(sim);
        else if (msg.generation < 0 || msg.generation !== this.generation) {
          // Not a member (generation -1: removed, or never joined) or a rebalance we missed: join again.
          sim.send(this.node, sim.controllerNode, {
            type: "joinGroup",
            group: this.group,
            member: this.node,
            generation: msg.generation < 0 ? -1 : this.generation,
          });
        }
        break;
      case "fetchResponse":
        this.onFetchResponse(sim, msg);
        break;
      case "offsetCommitResponse":
        this.onCommitResponse(msg);
        break;
      case "metadataResponse":
        this.leaders = msg.leaders.slice();
        break;
      case "redrive":
        this.enqueue(sim, msg.partition, msg.offset, msg.record, true);
        break;
      default:
        break;
    }
  }

  private onAssignment(sim: Simulation, msg: Extract<Message, { type: "assignment" }>): void {
    this.generation = msg.generation;
    this.partitions = msg.partitions.slice();
    this.token++;
    this.emptyQueue();
    this.backlog.clear();
    this.processing = false;
    this.rebalancing = false;
    this.joinSent = false;
    this.position.clear();
    this.fetchIds.clear();
    this.unconfirmed.clear();
    this.fetchSentMs.clear();
    for (const p of this.partitions) {
      // atomic: the offset lives with the projection; otherwise the group's committed offset (earliest if none).
      const start =
        this.config.commitPolicy === "atomic"
          ? this.projection.storedOffset(p)
          : Math.max(0, msg.committed[p]!);
      this.position.set(p, start);
      this.fetch(sim, p);
    }
  }

  private fetch(sim: Simulation, partition: number): void {
    if (!this.partitions.includes(partition)) return;
    const leader = this.leaders[partition]!;
    if (leader < 0) {
      sim.send(this.node, sim.controllerNode, { type: "metadataRequest" });
      this.retryFetchLater(sim, partition, 200);
      return;
    }
    const fetchId = this.nextFetchId++;
    this.fetchIds.set(partition, fetchId);
    this.fetchSentMs.set(partition, sim.now);
    sim.send(this.node, sim.brokerNode(leader), {
      type: "fetch",
      partition,
      fetchOffset: this.position.get(partition, 0),
      lastFetchedEpoch: -1,
      replica: -1,
      fetchId,
      maxRecords: this.config.fetchMaxRecords,
      maxWaitMs: this.config.fetchWaitMaxMs,
    });
  }

  /** Retry timers carry the partition and the assignment token they belong to. */
  private retryFetchLater(sim: Simulation, partition: number, delayMs: number): void {
    sim.timer(this.node, delayMs, Timer.consumerFetch, (partition << 16) | (this.token & 0xffff));
  }

  private onFetchTimer(sim: Simulation, arg: number): void {
    if ((arg & 0xffff) !== (this.token & 0xffff)) return;
    const partition = arg >>> 16;
    if (!this.fetchIds.has(partition)) this.fetch(sim, partition);
  }

  /**
   * request.timeout: a fetch whose answer never came is sent again. Checked on the
   * heartbeat tick rather than with a timer per fetch.
   */
  private retryLostFetches(sim: Simulation): void {
    const timeout = this.config.fetchWaitMaxMs + this.config.requestTimeoutMs;
    // Usually nothing is lost: only then is the insertion order (a sort) worth working out.
    // Loops rather than a predicate closure: a closure made at every heartbeat also costs a
    // defineProperty call for its name under the project's transpiler (keepNames).
    let any = false;
    for (let p = 0; p < this.fetchSentMs.partitions && !any; p++)
      any = this.fetchSentMs.has(p) && this.fetchLost(sim, p, timeout);
    if (!any) return;
    for (const partition of this.fetchSentMs.keys()) {
      if (this.fetchLost(sim, partition, timeout)) this.fetch(sim, partition);
    }
  }

  private fetchLost(sim: Simulation, partition: number, timeout: number): boolean {
    return this.fetchIds.has(partition) && sim.now - this.fetchSentMs.get(partition, 0) > timeout;
  }

  private onFetchResponse(sim: Simulation, msg: Extract<Message, { type: "fetchResponse" }>): void {
    if (this.fetchIds.get(msg.partition, -1) !== msg.fetchId) return;
    this.fetchIds.delete(msg.partition);
    // A rebalance is under way: poll() rejoins before it hands out more records.
    if (this.rebalancing) return;
    if (msg.error === "notLeader") {
      sim.send(this.node, sim.controllerNode, { type: "metadataRequest" });
      return this.retryFetchLater(sim, msg.partition, 100);
    }
    if (msg.error === "offsetOutOfRange") {
      // auto.offset.reset=latest: jump to the leader's HW; what lay between is never seen.
      this.position.set(msg.partition, msg.hw);
      return this.fetch(sim, msg.partition);
    }
    if (msg.fetchOffset !== this.position.get(msg.partition, -1)) return;
    if (msg.records.length === 0) return this.fetch(sim, msg.partition);
    const records = msg.records;
    for (let i = 0; i < records.length; i++)
      this.enqueue(sim, msg.partition, msg.fetchOffset + i, records[i]!, false);
    this.position.set(msg.partition, msg.fetchOffset + msg.records.length);
  }

  private enqueue(
    sim: Simulation,
    partition: number,
    offset: number,
    record: LogRecord,
    redriven: boolean,
  ): void {
    const redelivery = !redriven && sim.checks.onDelivered(this.group, partition, offset);
    sim.history.record(
      sim.now,
      redriven ? Step.redriven : redelivery ? Step.redelivered : Step.delivered,
      record.eventId,
      this.node,
      partition,
      offset,
      this.group,
    );
    const end = this.queueEnd++;
    if (end === this.queue.length) this.queue.push({ partition, offset, record, redriven });
    else {
      const q = this.queue[end]!;
      q.partition = partition;
      q.offset = offset;
      q.record = record;
      q.redriven = redriven;
    }
    if (!redriven) this.backlog.set(partition, this.backlog.get(partition, 0) + 1);
    if (!this.processing) this.startNext(sim);
  }

  /** Forgets every queued record; the entries stay, to be written over (see `queue`). */
  private emptyQueue(): void {
    this.queueHead = 0;
    this.queueEnd = 0;
  }

  private startNext(sim: Simulation): void {
    if (this.queueHead >= this.queueEnd) {
      this.processing = false;
      this.emptyQueue();
      if (this.rebalancing) this.rejoin(sim);
      return;
    }
    this.processing = true;
    sim.timer(this.node, this.config.processingMs, Timer.processDone, this.token);
  }

  private finishOne(sim: Simulation): void {
    const q = this.queue[this.queueHead++]!;
    // Read out first: once the queue is empty its entries are written over.
    const partition = q.partition;
    const offset = q.offset;
    const redriven = q.redriven;
    const record = q.record;
    this.projection.apply(
      sim,
      this.node,
      partition,
      offset,
      record,
      this.config.commitPolicy === "atomic" && !redriven,
    );
    if (!redriven) {
      const left = this.backlog.get(partition, 1) - 1;
      this.backlog.set(partition, left);
      if (left === 0) {
        if (this.config.commitPolicy !== "auto") {
          if (this.crashBeforeCommit) return sim.crashForFault(this.node);
          if (this.config.commitPolicy === "afterProcess") this.commit(sim, partition, offset + 1);
        }
        // Poll again once the batch is done (unless the group is rebalancing).
        if (!this.rebalancing && !this.fetchIds.has(partition)) this.fetch(sim, partition);
      }
    }
    this.startNext(sim);
  }

  /**
   * The coordinator asks the group to rebalance (eager protocol): stop fetching, finish
   * the records already polled, commit, give up the partitions and rejoin.
   */
  private onRebalance(sim: Simulation): void {
    if (this.rebalancing) {
      // Still awaited after rejoining: the JoinGroup was lost on the way (the client
      // retries it after request.timeout.ms); joining twice is harmless.
      if (this.joinSent) this.sendJoin(sim);
      return;
    }
    this.rebalancing = true;
    if (!this.processing) this.rejoin(sim);
  }

  /** onPartitionsRevoked: commit what was consumed (auto-commit does this too), then JoinGroup. */
  private rejoin(sim: Simulation): void {
    if (this.config.commitPolicy === "auto") {
      for (const p of this.partitions) if (!this.commit(sim, p, this.position.get(p, 0))) return;
    }
    this.partitions = [];
    this.joinSent = true;
    this.sendJoin(sim);
  }

  private sendJoin(sim: Simulation): void {
    sim.send(this.node, sim.controllerNode, {
      type: "joinGroup",
      group: this.group,
      member: this.node,
      generation: this.generation,
    });
  }

  /** Drops everything in progress at once (the operator stops the group before a replay). */
  abandonWork(): void {
    this.token++;
    this.emptyQueue();
    this.backlog.clear();
    this.processing = false;
    this.rebalancing = false;
    this.joinSent = false;
    this.fetchIds.clear();
    this.unconfirmed.clear();
  }

  /** Sends an offset commit; returns false if the member died at this commit point instead. */
  private commit(sim: Simulation, partition: number, offset: number): boolean {
    if (this.crashBeforeCommit) {
      sim.crashForFault(this.node);
      return false;
    }
    this.unconfirmed.set(partition, offset);
    this.unconfirmedSentMs[partition] = sim.now;
    this.sendCommit(sim, partition, offset);
    return true;
  }

  private sendCommit(sim: Simulation, partition: number, offset: number): void {
    sim.send(this.node, sim.controllerNode, {
      type: "offsetCommit",
      group: this.group,
      member: this.node,
      generation: this.generation,
      partition,
      offset,
    });
  }

  /**
   * Commits the coordinator has not confirmed are sent again (commitSync retries
   * retriable errors, such as a coordinator that is down or unreachable).
   */
  private retryUnconfirmedCommits(sim: Simulation): void {
    // Loops rather than a predicate closure, as in retryLostFetches.
    let any = false;
    for (let p = 0; p < this.unconfirmed.partitions && !any; p++)
      any = this.unconfirmed.has(p) && this.commitLate(sim, p);
    if (!any) return;
    for (const partition of this.unconfirmed.keys()) {
      if (this.commitLate(sim, partition)) {
        this.unconfirmedSentMs[partition] = sim.now;
        this.sendCommit(sim, partition, this.unconfirmed.get(partition, 0));
      }
    }
  }

  private commitLate(sim: Simulation, partition: number): boolean {
    return sim.now - this.unconfirmedSentMs[partition]! > this.config.requestTimeoutMs;
  }

  private onCommitResponse(msg: Extract<Message, { type: "offsetCommitResponse" }>): void {
    // Confirmed, or refused for a stale generation (the partition's new owner carries on).
    if (
      this.unconfirmed.has(msg.partition) &&
      (this.unconfirmed.get(msg.partition, 0) === msg.offset || !msg.ok)
    )
      this.unconfirmed.delete(msg.partition);
  }

  /** Graceful leave (used when a member is stopped on purpose). */
  leave(sim: Simulation): void {
    sim.send(this.node, sim.controllerNode, {
      type: "leaveGroup",
      group: this.group,
      member: this.node,
    });
  }
}
