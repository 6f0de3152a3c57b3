import type { Simulation } from "./engine";
import type { LogRecord, Message, ProduceError } from "./model";
import { Timer as TimerCodes } from "./model";
import type { Acks, ProducerConfig } from "./scenario";
import { Step as StepCodes } from "./history";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Timer = TimerCodes;
const Step = StepCodes;

interface InFlight {
  reqId: number;
  partition: number;
  records: LogRecord[];
  attempt: number;
  sentMs: number;
  acks: 0 | 1 | -1;
}

/**
 * A producer service: it emits keyed deposit events at a rate (Poisson arrivals),
 * batches them per partition with one request in flight per partition (Kafka's
 * max.in.flight.requests.per.connection=1, which keeps per-key order under retries),
 * and handles the three outcomes of a request: success, error, and the timeout that
 * leaves the write's fate unknown. Retries resend the same batch; only the idempotent
 * producer's sequence numbers let the broker drop the copy it already has.
 */
export class Producer {
  acks: Acks;
  ratePerSec: number;
  idempotent: boolean;
  stopped = false;
  leaders: number[];
  private readonly queues: LogRecord[][];
  private readonly inFlight: (InFlight | null)[];
  private readonly nextSeq: number[];
  /**
   * Records in the queues and in flight: counted as they come and go rather than summed
   * over every partition's queue and request when asked. The convergence tracker asks
   * for every producer at every monitor tick; the sum read two arrays per partition (31
   * producers by 48 partitions in the large benchmark case, about 2 % of its time).
   */
  private pendingCount = 0;
  private nextReqId = 1;
  private eventSeq = 0;
  sent = 0;
  acknowledged = 0;
  failed = 0;
  timedOut = 0;
  retried = 0;
  /** Produce requests the leader answered with each error (each then retried or failed). */
  readonly refused: Record<ProduceError, number> = {
    notLeader: 0,
    notEnoughReplicas: 0,
    notEnoughReplicasAfterAppend: 0,
  };
  latencyTotalMs = 0;
  latencyMaxMs = 0;

  constructor(
    readonly index: number,
    readonly node: number,
    readonly config: ProducerConfig,
    partitions: number,
    leaders: number[],
  ) {
    this.acks = config.acks;
    this.ratePerSec = config.ratePerSec;
    this.idempotent = config.idempotent;
    this.leaders = leaders.slice();
    this.queues = Array.from({ length: partitions }, () => []);
    this.inFlight = new Array<InFlight | null>(partitions).fill(null);
    this.nextSeq = new Array<number>(partitions).fill(0);
  }

  /** Records not yet acknowledged or given up on. */
  get pending(): number {
    return this.pendingCount;
  }

  start(sim: Simulation): void {
    // A restarted producer lost its in-memory queue: those events were never sent.
    for (let p = 0; p < this.queues.length; p++) {
      for (const r of this.queues[p]!) sim.events.markAbandoned(r.eventId);
      const f = this.inFlight[p];
      if (f) for (const r of f.records) sim.events.markAbandoned(r.eventId);
      this.queues[p] = [];
      this.inFlight[p] = null;
    }
    this.pendingCount = 0;
    sim.timer(this.node, Math.max(0, this.config.startMs - sim.now), Timer.produce, 0);
  }

  onTimer(sim: Simulation, kind: number, arg: number): void {
    switch (kind) {
      case Timer.produce:
        this.produceOne(sim);
        break;
      case Timer.requestTimeout:
        this.onTimeout(sim, arg);
        break;
      case Timer.retry:
        if (!this.onRetryTimer(sim, arg)) this.trySend(sim, arg);
        break;
      case Timer.metadataRefresh:
        sim.send(this.node, sim.controllerNode, { type: "metadataRequest" });
        break;
      default:
        break;
    }
  }

  private produceOne(sim: Simulation): void {
    const stopAt = this.config.stopMs;
    if (stopAt !== null && sim.now >= stopAt) return;
    if (!this.stopped && this.ratePerSec > 0) {
      const rng = sim.rng.producers;
      const key = rng.int(this.config.keys);
      const value = 1 + rng.int(this.config.maxAmount);
      const partition = sim.partitionOf(key);
      const eventId = sim.events.create(
        this.index,
        key,
        value,
        partition,
        this.eventSeq++,
        sim.now,
      );
      const rec: LogRecord = {
        eventId,
        key,
        value,
        epoch: -1,
        producer: this.idempotent ? this.index : -1,
        seq: this.idempotent ? this.nextSeq[partition]!++ : -1,
        timestampMs: Math.floor(sim.clock(this.node)),
        appendMs: 0,
      };
      sim.history.record(sim.now, Step.produced, eventId, this.node, partition, -1, 0);
      this.queues[partition]!.push(rec);
      this.pendingCount++;
      this.trySend(sim, partition);
    }
    const mean = this.ratePerSec > 0 ? 1000 / this.ratePerSec : 1000;
    sim.timer(
      this.node,
      this.stopped || this.ratePerSec <= 0 ? 1000 : sim.rng.producers.exponential(mean),
      Timer.produce,
      0,
    );
  }

  private trySend(sim: Simulation, partition: number): void {
    if (this.inFlight[partition] !== null) return;
    const queue = this.queues[partition]!;
    if (queue.length === 0) return;
    // The whole queue, when it fits in one batch, becomes the batch (no splice copy).
    let records: LogRecord[];
    if (queue.length <= this.config.batchMaxRecords) {
      records = queue;
      this.queues[partition] = [];
    } else records = queue.splice(0, this.config.batchMaxRecords);
    const acks = this.acks === "all" ? -1 : this.acks;
    const req: InFlight = {
      reqId: this.nextReqId++,
      partition,
      records,
      attempt: 0,
      sentMs: sim.now,
      acks,
    };
    this.inFlight[partition] = req;
    this.transmit(sim, req);
  }

  private transmit(sim: Simulation, req: InFlight): void {
    const leader = this.leaders[req.partition]!;
    for (const r of req.records) {
      sim.history.record(sim.now, Step.sent, r.eventId, this.node, req.partition, -1, req.attempt);
    }
    this.sent += req.attempt === 0 ? req.records.length : 0;
    if (leader < 0) {
      this.refreshMetadata(sim);
      this.scheduleRetry(sim, req, "notLeader");
      return;
    }
    sim.send(this.node, sim.brokerNode(leader), {
      type: "produce",
      reqId: req.reqId,
      partition: req.partition,
      acks: req.acks,
      records: req.records,
      idempotent: this.idempotent,
    });
    if (req.acks === 0) {
      // Fire and forget: the producer never learns whether the write happened.
      this.inFlight[req.partition] = null;
      this.pendingCount -= req.records.length;
      this.trySend(sim, req.partition);
      return;
    }
    sim.timer(this.node, this.config.requestTimeoutMs, Timer.requestTimeout, req.reqId);
  }

  onMessage(sim: Simulation, msg: Message): void {
    if (msg.type === "metadataResponse") {
      this.leaders = msg.leaders.slice();
      return;
    }
    if (msg.type !== "produceResponse") return;
    const req = this.inFlight[msg.partition];
    if (!req || req.reqId !== msg.reqId) return; // a late answer to an attempt already given up on
    if (msg.error === null) {
      this.inFlight[msg.partition] = null;
      this.pendingCount -= req.records.length;
      const latency = sim.now - req.sentMs;
      this.latencyTotalMs += latency * req.records.length;
      if (latency > this.latencyMaxMs) this.latencyMaxMs = latency;
      this.acknowledged += req.records.length;
      const records = req.records;
      for (let i = 0; i < records.length; i++) {
        const r = records[i]!;
        const offset = msg.baseOffset >= 0 ? msg.baseOffset + i : -1;
        sim.history.record(
          sim.now,
          Step.acked,
          r.eventId,
          this.node,
          msg.partition,
          offset,
          req.attempt,
        );
        sim.checks.onAcked(r.eventId, msg.partition, offset);
      }
      this.trySend(sim, msg.partition);
      return;
    }
    this.refused[msg.error]++;
    if (msg.error === "notLeader") this.refreshMetadata(sim);
    this.scheduleRetry(sim, req, msg.error);
  }

  private onTimeout(sim: Simulation, reqId: number): void {
    let req: InFlight | null = null;
    for (const r of this.inFlight) {
      if (r !== null && r.reqId === reqId) {
        req = r;
        break;
      }
    }
    if (req === null) return;
    this.timedOut += req.records.length;
    for (const r of req.records)
      sim.history.record(
        sim.now,
        Step.timedOut,
        r.eventId,
        this.node,
        req.partition,
        -1,
        req.attempt,
      );
    // The leader may be gone: ask the controller who leads now.
    this.refreshMetadata(sim);
    this.scheduleRetry(sim, req, "timeout");
  }

  private scheduleRetry(sim: Simulation, req: InFlight, _why: string): void {
    const deliveryTimedOut = sim.now - req.sentMs >= this.config.deliveryTimeoutMs;
    if (req.attempt >= this.config.retries || deliveryTimedOut) {
      this.inFlight[req.partition] = null;
      this.pendingCount -= req.records.length;
      this.failed += req.records.length;
      for (const r of req.records)
        sim.history.record(
          sim.now,
          Step.failed,
          r.eventId,
          this.node,
          req.partition,
          -1,
          req.attempt,
        );
      this.trySend(sim, req.partition);
      return;
    }
    // The retry is a new request (a new id) carrying the same records and sequence numbers.
    req.attempt++;
    req.reqId = this.nextReqId++;
    this.retried += req.records.length;
    sim.timer(this.node, this.config.retryBackoffMs, Timer.retry, -1 - req.partition);
  }

  /** Retry timers carry -1 - partition so they resend the in-flight batch rather than start a new one. */
  onRetryTimer(sim: Simulation, arg: number): boolean {
    if (arg >= 0) return false;
    const req = this.inFlight[-1 - arg];
    if (req) this.transmit(sim, req);
    return true;
  }

  private refreshMetadata(sim: Simulation): void {
    sim.send(this.node, sim.controllerNode, { type: "metadataRequest" });
  }
}
