import type { Simulation } from "../sim/engine";
import { describeFault } from "../sim/faults";
import type {
  ActiveFaultWire,
  CheckTuple,
  ConvergenceWire,
  FaultWindowWire,
  FrameMessage,
  GroupDelta,
  NetworkCounters,
  NodeStateTuple,
  PartitionDelta,
  ProducerDelta,
  SnapshotMessage,
  Topology,
} from "../protocol";
import { checkNames } from "../protocol";
import { PartitionTracker, recordsPerPartition, sameNumbers } from "./partition-tracker";
import { MessageSampler, SampleHistory, metricSample } from "./samplers";
import { roundMs } from "./records";

/**
 * Byte budgets of one frame (JSON text). Every partition changes at every tick of a busy
 * run, so a frame carries the partitions that fit in FRAME_PARTS_BYTES, in turn; the rest
 * go in the next frame. Counters and projections change at every event too: they travel
 * every few ticks, as often as their budget per tick allows (every tick for a small run).
 */
export const FRAME_PARTS_BYTES = 600;
export const PROJECTION_BYTES_PER_TICK = 150;
export const COUNTER_BYTES_PER_TICK = 100;
/** Counters travel at least this many ticks apart (5 Hz at most), projections at most 30 apart. */
const COUNTERS_MIN_TICKS = 2;
const PROJECTIONS_MAX_TICKS = 30;

/** Ticks between two sendings of something about `bytes` long, so that it costs `perTick` on average. */
function interval(bytes: number, perTick: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.ceil(bytes / perTick)));
}
/** Recent sampled messages a snapshot carries. */
export const SNAPSHOT_MESSAGES = 64;

/** What a frame says about the run's state, without the per-client envelope. */
export type FrameBody = Omit<FrameMessage, "type" | "seq" | "from" | "sentAt" | "rate">;

/** The state parts of a snapshot. */
export type SnapshotState = Pick<
  SnapshotMessage,
  | "topology"
  | "nodes"
  | "parts"
  | "groups"
  | "producers"
  | "net"
  | "checks"
  | "faults"
  | "windows"
  | "convergence"
  | "samples"
  | "msgs"
  | "t"
  | "ev"
>;

/**
 * Watches one simulation from the outside and turns its state into protocol deltas,
 * one per tick; also gives the whole state for snapshots. It reads engine state only,
 * never changes it. The trackers remember what they last reported, so a delta holds
 * only what changed.
 */
export class StateTracker {
  private readonly partitions: PartitionTracker[];
  private recentMessages: FrameBody["msgs"] & object = [];
  private tick = 0;
  private nodes: string[] = [];
  private groups: {
    gen: number;
    owners: number[];
    cnt: number[];
    q: number[];
    cfg: string;
    proj: number[];
    ref: number[];
  }[] = [];
  private producers: { cnt: number[]; cfg: string }[] = [];
  private net: number[] = [];
  private checks = new Map<string, string>();
  private activeFaults = new Map<string, ActiveFaultWire>();
  private windowEnds: (number | null)[] = [];
  private convergence = "";
  private convergenceReasons = "";
  private lastSampleT = -1;
  /** Where the next frame starts taking partitions, and each partition's last delta size. */
  private partCursor = 0;
  private readonly partSize: number[];
  private readonly countersEvery: number;
  private readonly projectionsEvery: number;
  readonly topology: Topology;
  readonly recordsPerFrame: number;

  constructor(
    private readonly sim: Simulation,
    private readonly messages: MessageSampler,
    /** The metric history to go on from (a seek keeps the charts' past). */
    private readonly history = new SampleHistory(),
  ) {
    this.recordsPerFrame = recordsPerPartition(sim.scenario.topic.partitions);
    this.partitions = sim.controller.partitions.map(
      (_, p) => new PartitionTracker(sim, p, this.recordsPerFrame),
    );
    this.partSize = this.partitions.map(() => 0);
    this.topology = topologyOf(sim);
    const groups = sim.scenario.groups.length;
    const counterBytes =
      groups * (60 + (4 * sim.members.length) / Math.max(1, groups)) + sim.producers.length * 60;
    this.countersEvery = interval(counterBytes, COUNTER_BYTES_PER_TICK, COUNTERS_MIN_TICKS, 10);
    // A balance takes about 7 characters; a group sends its projection and its reference.
    const projectionBytes = groups * sim.keyCount * 2 * 7;
    this.projectionsEvery = interval(
      projectionBytes,
      PROJECTION_BYTES_PER_TICK,
      1,
      PROJECTIONS_MAX_TICKS,
    );
  }

  /** Brings every tracker up to now and returns what changed since the last call. */
  sync(): FrameBody {
    const sim = this.sim;
    const tick = this.tick++;
    const slow = tick % this.countersEvery === 0;
    const body: FrameBody = { t: roundMs(sim.now), ev: sim.dispatched };
    const parts = this.syncPartitions();
    if (parts.length > 0) body.parts = parts;
    const nodes = this.syncNodes();
    if (nodes.length > 0) body.nodes = nodes;
    const groups = this.syncGroups(slow, tick);
    if (groups.length > 0) body.groups = groups;
    const producers = this.syncProducers(slow);
    if (producers.length > 0) body.producers = producers;
    if (slow) {
      const net = networkCounters(sim);
      if (!sameNumbers(net, this.net)) body.net = net;
      this.net = net;
    }
    const checks = this.syncChecks();
    if (checks.length > 0) body.checks = checks;
    this.syncFaults(body);
    const convergence = this.syncConvergence(slow);
    if (convergence) body.convergence = convergence;
    if (sim.now !== this.lastSampleT) {
      this.lastSampleT = sim.now;
      const sample = metricSample(sim);
      this.history.add(sample);
      body.samples = [sample];
    }
    const msgs = this.messages.take();
    if (msgs.length > 0) {
      body.msgs = msgs;
      this.recentMessages = [...this.recentMessages, ...msgs].slice(-SNAPSHOT_MESSAGES);
    }
    return body;
  }

  /** The metric history up to virtual time `t`, for a tracker that takes over after a seek. */
  historyUntil(t: number): SampleHistory {
    return this.history.until(t);
  }

  /** The whole state now. Call right after sync(), so that later deltas start from it. */
  full(): SnapshotState {
    const sim = this.sim;
    return {
      t: roundMs(sim.now),
      ev: sim.dispatched,
      topology: this.topology,
      nodes: sim.nodes.map(nodeState),
      parts: this.partitions.map((t) => t.full()),
      groups: sim.scenario.groups.map((_, g) => ({ g, ...this.groupNow(g) })),
      producers: sim.producers.map((_, i) => ({ i, ...this.producerNow(i) })),
      net: networkCounters(sim),
      checks: checkTuples(sim),
      faults: sim.faults.active.map((f) => activeFault(f)),
      windows: sim.faults.windows.map((w) => ({ ...w })),
      convergence: convergenceOf(sim),
      samples: this.history.all(),
      msgs: this.recentMessages.slice(),
    };
  }

  /** The partitions that fit in the frame's budget, taking turns; the others wait for the next frame. */
  private syncPartitions(): PartitionDelta[] {
    const n = this.partitions.length;
    const out: PartitionDelta[] = [];
    let used = 0;
    let k = 0;
    for (; k < n; k++) {
      const i = (this.partCursor + k) % n;
      if (out.length > 0 && used + this.partSize[i]! > FRAME_PARTS_BYTES) break;
      const d = this.partitions[i]!.sync();
      if (!d) continue;
      const size = JSON.stringify(d).length + 1;
      this.partSize[i] = size;
      used += size;
      out.push(d);
    }
    this.partCursor = (this.partCursor + k) % n;
    return out;
  }

  private syncNodes(): NodeStateTuple[] {
    const out: NodeStateTuple[] = [];
    this.sim.nodes.forEach((n, i) => {
      const s = nodeState(n);
      const key = s.join(",");
      if (this.nodes[i] !== key) out.push(s);
      this.nodes[i] = key;
    });
    return out;
  }

  private groupNow(g: number) {
    const sim = this.sim;
    const membership = sim.coordinator.groups[g]!;
    const projection = sim.projections[g]!;
    const effects = sim.checks.groups[g]!;
    const members = sim.members.filter((m) => m.group === g);
    return {
      gen: membership.generation,
      owners: sim.controller.partitions.map((s) => sim.coordinator.ownerOf(g, s.partition)),
      cnt: [
        effects.deliveries,
        effects.redeliveries,
        projection.applied,
        effects.duplicateEffects,
        projection.skippedDuplicates,
        projection.replays,
        membership.rebalances,
      ] as [number, number, number, number, number, number, number],
      q: members.map((m) => m.queued),
      cfg: {
        commitPolicy: projection.config.commitPolicy,
        idempotent: projection.config.idempotent,
        handlerBug: projection.config.handlerBug,
      },
      proj: Array.from(projection.balances),
      ref: Array.from(effects.reference),
    };
  }

  private syncGroups(slow: boolean, tick: number): GroupDelta[] {
    const out: GroupDelta[] = [];
    const every = this.projectionsEvery;
    const stagger = Math.max(1, Math.floor(every / Math.max(1, this.sim.scenario.groups.length)));
    this.sim.scenario.groups.forEach((_, g) => {
      // Groups take turns, so that their projections do not all land in one frame.
      const projections = (tick + g * stagger) % every === 0;
      const now = this.groupNow(g);
      const prev = this.groups[g];
      const d: GroupDelta = { g };
      const cfg = JSON.stringify(now.cfg);
      if (!prev || prev.gen !== now.gen) d.gen = now.gen;
      if (!prev || !sameNumbers(prev.owners, now.owners)) d.owners = now.owners;
      if (!prev || prev.cfg !== cfg) d.cfg = now.cfg;
      const next = {
        gen: now.gen,
        owners: now.owners,
        cfg,
        cnt: prev?.cnt ?? [],
        q: prev?.q ?? [],
        proj: prev?.proj ?? [],
        ref: prev?.ref ?? [],
      };
      if (slow || !prev) {
        if (!sameNumbers(next.cnt, now.cnt)) d.cnt = now.cnt;
        if (!sameNumbers(next.q, now.q)) d.q = now.q;
        next.cnt = now.cnt;
        next.q = now.q;
      }
      if (projections || !prev) {
        if (!sameNumbers(next.proj, now.proj)) d.proj = now.proj;
        if (!sameNumbers(next.ref, now.ref)) d.ref = now.ref;
        next.proj = now.proj;
        next.ref = now.ref;
      }
      this.groups[g] = next;
      if (Object.keys(d).length > 1) out.push(d);
    });
    return out;
  }

  private producerNow(i: number) {
    const p = this.sim.producers[i]!;
    const latencyAvg = p.acknowledged > 0 ? p.latencyTotalMs / p.acknowledged : 0;
    return {
      cnt: [
        p.sent,
        p.acknowledged,
        p.failed,
        p.timedOut,
        p.retried,
        p.pending,
        roundMs(latencyAvg),
        roundMs(p.latencyMaxMs),
      ] as [number, number, number, number, number, number, number, number],
      cfg: { acks: p.acks, idempotent: p.idempotent, stopped: p.stopped, ratePerSec: p.ratePerSec },
    };
  }

  private syncProducers(slow: boolean): ProducerDelta[] {
    const out: ProducerDelta[] = [];
    this.sim.producers.forEach((_, i) => {
      const now = this.producerNow(i);
      const prev = this.producers[i];
      const d: ProducerDelta = { i };
      const cfg = JSON.stringify(now.cfg);
      if (!prev || prev.cfg !== cfg) d.cfg = now.cfg;
      let cnt = prev?.cnt ?? [];
      if ((slow || !prev) && !sameNumbers(cnt, now.cnt)) {
        d.cnt = now.cnt;
        cnt = now.cnt;
      }
      this.producers[i] = { cnt, cfg };
      if (d.cfg || d.cnt) out.push(d);
    });
    return out;
  }

  private syncChecks(): CheckTuple[] {
    const out: CheckTuple[] = [];
    for (const tuple of checkTuples(this.sim)) {
      const key = `${tuple[1]}:${tuple[2].join(",")}`;
      if (this.checks.get(tuple[0]) !== key) out.push(tuple);
      this.checks.set(tuple[0], key);
    }
    return out;
  }

  private syncFaults(body: FrameBody): void {
    const faults = this.sim.faults;
    const started: ActiveFaultWire[] = [];
    const still = new Set<string>();
    for (const f of faults.active) {
      const key = `${f.id}@${f.startMs}`;
      still.add(key);
      if (!this.activeFaults.has(key)) {
        const wire = activeFault(f);
        this.activeFaults.set(key, wire);
        started.push(wire);
      }
    }
    const ended: [string, number][] = [];
    for (const [key, f] of this.activeFaults) {
      if (still.has(key)) continue;
      this.activeFaults.delete(key);
      const w = faults.windows.find((x) => x.id === f.id && x.startMs === f.startMs);
      ended.push([f.id, roundMs(w?.endMs ?? this.sim.now)]);
    }
    const windows: FaultWindowWire[] = [];
    faults.windows.forEach((w, i) => {
      if (i >= this.windowEnds.length || this.windowEnds[i] !== w.endMs) windows.push({ ...w });
      this.windowEnds[i] = w.endMs;
    });
    if (started.length > 0) body.faultsStarted = started;
    if (ended.length > 0) body.faultsEnded = ended;
    if (windows.length > 0) body.windows = windows;
  }

  private syncConvergence(slow: boolean): ConvergenceWire | null {
    const c = convergenceOf(this.sim);
    const key = `${c.status}|${c.convergedAtMs}|${c.lastFaultEndedMs}|${c.timeToConvergeMs}`;
    const reasons = c.reasons.join("\n");
    const changed = key !== this.convergence || (slow && reasons !== this.convergenceReasons);
    if (!changed) return null;
    this.convergence = key;
    this.convergenceReasons = reasons;
    return c;
  }
}

function nodeState(n: Simulation["nodes"][number]): NodeStateTuple {
  return [n.index, n.up ? 1 : 0, n.paused ? 1 : 0, n.clockSkewMs];
}

function networkCounters(sim: Simulation): NetworkCounters {
  const n = sim.network;
  return [n.sent, n.delivered, n.dropped, n.duplicated, n.inFlight];
}

function checkTuples(sim: Simulation): CheckTuple[] {
  const results = sim.checks.results();
  return checkNames.map((name) => [name, results[name].count, results[name].examples.slice()]);
}

function activeFault(f: Simulation["faults"]["active"][number]): ActiveFaultWire {
  return {
    id: f.id,
    fault: f.fault,
    label: describeFault(f.fault),
    startMs: roundMs(f.startMs),
    untilMs: f.untilMs === null ? null : roundMs(f.untilMs),
  };
}

function convergenceOf(sim: Simulation): ConvergenceWire {
  const s = sim.convergence.state();
  return {
    status: s.status,
    convergedAtMs: s.convergedAtMs,
    lastFaultEndedMs: s.lastFaultEndedMs,
    timeToConvergeMs: s.timeToConvergeMs,
    reasons: s.reasons.slice(0, 8),
  };
}

export function topologyOf(sim: Simulation): Topology {
  return {
    nodes: sim.nodes.map((n) => ({ id: n.id, role: n.role })),
    brokers: sim.brokers.length,
    controller: sim.controllerNode,
    partitions: sim.assignment.map((r) => r.slice()),
    groups: sim.scenario.groups.map((g, gi) => ({
      id: g.id,
      members: sim.members.filter((m) => m.group === gi).map((m) => m.node),
    })),
    producers: sim.producers.map((p) => ({ id: p.config.id, node: p.node })),
    keys: sim.keyCount,
  };
}
