import type { Simulation } from "./engine";

export interface ReplicaMetrics {
  broker: string;
  leo: number;
  hw: number;
  isLeader: boolean;
  inIsr: boolean;
  up: boolean;
  /** Records the replica lacks of the leader's log (followers), and for how long it has been behind. */
  lagRecords: number;
  lagMs: number;
  flushed: number;
  truncated: number;
}

export interface PartitionMetrics {
  partition: number;
  leader: string | null;
  leaderEpoch: number;
  isr: string[];
  hw: number;
  leo: number;
  underReplicated: boolean;
  replicas: ReplicaMetrics[];
}

export interface GroupPartitionMetrics {
  partition: number;
  committed: number;
  lagRecords: number;
  /** Now minus the broker append time of the first unconsumed record. */
  lagMs: number;
  /** The same, from the producer's timestamp (misleads under clock skew). */
  lagMsByProducerTime: number;
  owner: string | null;
}

export interface GroupMetrics {
  id: string;
  generation: number;
  rebalances: number;
  members: { id: string; up: boolean; partitions: number[]; queued: number }[];
  partitions: GroupPartitionMetrics[];
  deliveries: number;
  redeliveries: number;
  applied: number;
  duplicateEffects: number;
  skippedDuplicates: number;
  replays: number;
  commitPolicy: string;
  idempotent: boolean;
  handlerBug: boolean;
  /** Balance per key ("acct-N"), as the projection holds it, and as the committed log says. */
  projection: Record<string, number>;
  reference: Record<string, number>;
}

export interface ProducerMetrics {
  id: string;
  acks: string;
  idempotent: boolean;
  stopped: boolean;
  sent: number;
  acknowledged: number;
  failed: number;
  timedOut: number;
  retried: number;
  pending: number;
  latencyMsAvg: number;
  latencyMsMax: number;
}

export interface MetricsSnapshot {
  atMs: number;
  partitions: PartitionMetrics[];
  groups: GroupMetrics[];
  producers: ProducerMetrics[];
  network: {
    sent: number;
    delivered: number;
    dropped: number;
    duplicated: number;
    inFlight: number;
  };
  controller: { elections: number; uncleanElections: number };
  reconciliation: { redriven: number; completions: number } | null;
  events: number;
}

export function keyName(k: number): string {
  return `acct-${k}`;
}

/** A snapshot of every metric of DESIGN.md section 3, computed from the state on demand. */
export function metricsSnapshot(sim: Simulation): MetricsSnapshot {
  return {
    atMs: sim.now,
    partitions: partitionMetrics(sim),
    groups: groupMetrics(sim),
    producers: sim.producers.map((p) => ({
      id: p.config.id,
      acks: String(p.acks),
      idempotent: p.idempotent,
      stopped: p.stopped,
      sent: p.sent,
      acknowledged: p.acknowledged,
      failed: p.failed,
      timedOut: p.timedOut,
      retried: p.retried,
      pending: p.pending,
      latencyMsAvg: p.acknowledged > 0 ? round(p.latencyTotalMs / p.acknowledged) : 0,
      latencyMsMax: round(p.latencyMaxMs),
    })),
    network: {
      sent: sim.network.sent,
      delivered: sim.network.delivered,
      dropped: sim.network.dropped,
      duplicated: sim.network.duplicated,
      inFlight: sim.network.inFlight,
    },
    controller: {
      elections: sim.controller.elections,
      uncleanElections: sim.controller.uncleanElections,
    },
    reconciliation: sim.reconciler
      ? { redriven: sim.reconciler.redriven, completions: sim.reconciler.completionsReceived }
      : null,
    events: sim.events.count,
  };
}

function partitionMetrics(sim: Simulation): PartitionMetrics[] {
  return sim.controller.partitions.map((state) => {
    const leader = sim.authoritativeReplica(state.partition)!;
    const leaderLeo = leader.leo;
    return {
      partition: state.partition,
      leader: state.leader >= 0 ? sim.nodeName(state.leader) : null,
      leaderEpoch: state.leaderEpoch,
      isr: state.isr.map((b) => sim.nodeName(b)),
      hw: leader.hw,
      leo: leaderLeo,
      underReplicated: state.isr.length < sim.scenario.topic.replicationFactor,
      replicas: sim.replicasOf(state.partition).map((rep) => {
        const lagRecords = Math.max(0, leaderLeo - rep.leo);
        const firstMissing = lagRecords > 0 ? leader.log[rep.leo] : undefined;
        return {
          broker: sim.nodeName(rep.broker),
          leo: rep.leo,
          hw: rep.hw,
          isLeader: state.leader === rep.broker,
          inIsr: state.isr.includes(rep.broker),
          up: sim.isBrokerUp(rep.broker),
          lagRecords,
          lagMs: firstMissing ? round(Math.max(0, sim.now - firstMissing.appendMs)) : 0,
          flushed: rep.flushed,
          truncated: rep.truncatedTotal,
        };
      }),
    };
  });
}

function groupMetrics(sim: Simulation): GroupMetrics[] {
  return sim.scenario.groups.map((g, gi) => {
    const membership = sim.coordinator.groups[gi]!;
    const projection = sim.projections[gi]!;
    const effects = sim.checks.groups[gi]!;
    const atomic = projection.config.commitPolicy === "atomic";
    const members = sim.members.filter((m) => m.group === gi);
    return {
      id: g.id,
      generation: membership.generation,
      rebalances: membership.rebalances,
      members: members.map((m) => ({
        id: sim.nodeName(m.node),
        up: sim.nodes[m.node]!.up,
        partitions: sim.nodes[m.node]!.up ? m.partitions.slice() : [],
        queued: m.queued,
      })),
      partitions: sim.controller.partitions.map((state) => {
        const p = state.partition;
        const leader = sim.authoritativeReplica(p)!;
        const committed = Math.max(
          0,
          atomic ? projection.storedOffset(p) : membership.committed[p]!,
        );
        const first = committed < leader.hw ? leader.log[committed] : undefined;
        const owner = sim.coordinator.ownerOf(gi, p);
        return {
          partition: p,
          committed,
          lagRecords: Math.max(0, leader.hw - committed),
          lagMs: first ? round(Math.max(0, sim.now - first.appendMs)) : 0,
          lagMsByProducerTime: first ? round(sim.now - first.timestampMs) : 0,
          owner: owner >= 0 ? sim.nodeName(owner) : null,
        };
      }),
      deliveries: effects.deliveries,
      redeliveries: effects.redeliveries,
      applied: projection.applied,
      duplicateEffects: effects.duplicateEffects,
      skippedDuplicates: projection.skippedDuplicates,
      replays: projection.replays,
      commitPolicy: projection.config.commitPolicy,
      idempotent: projection.config.idempotent,
      handlerBug: projection.config.handlerBug,
      projection: byKey(projection.balances),
      reference: byKey(effects.reference),
    };
  });
}

function byKey(values: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  values.forEach((v, k) => (out[keyName(k)] = v));
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
