import type {
  GroupDelta,
  NetworkCounters,
  NodeStateTuple,
  PartitionDelta,
  ProducerDelta,
  Topology,
  WireRecord,
} from "../../../server/protocol";
import {
  LIMITS,
  type GroupView,
  type NetworkView,
  type NodeView,
  type PartitionLogView,
  type PartitionView,
  type ProducerView,
  type TruncatedRecord,
} from "./run-view";
import { EMPTY_WINDOW, cutWindow, trimWindow, windowAt, writeWindow } from "./record-window";

/**
 * Applying the protocol's state parts (server/protocol/state.ts) to what the browser
 * holds. Snapshots and frames share these: a snapshot is applied to empty state.
 */

export function nodeName(topology: Topology, index: number): string {
  return topology.nodes[index]?.id ?? `#${index}`;
}

export function applyNodes(prev: NodeView[], tuples: NodeStateTuple[]): NodeView[] {
  if (tuples.length === 0) return prev;
  const next = prev.slice();
  for (const [i, up, paused, skew] of tuples) {
    const n = next[i];
    if (n) next[i] = { ...n, up: up === 1, paused: paused === 1, clockSkewMs: skew };
  }
  return next;
}

export function initialNodes(topology: Topology): NodeView[] {
  return topology.nodes.map((n, index) => ({
    index,
    id: n.id,
    role: n.role,
    up: true,
    paused: false,
    clockSkewMs: 0,
  }));
}

/** Relative numbers of a partition as the wire carries them, kept to resolve later deltas. */
interface Relative {
  reps: number[];
  fl: number[];
  lead: number[];
  com: number[];
}
const relatives = new WeakMap<PartitionView, Relative>();

export function emptyPartition(topology: Topology, p: number): PartitionView {
  const view: PartitionView = {
    partition: p,
    leo: 0,
    hw: 0,
    leader: null,
    epoch: 0,
    isr: [],
    replicas: (topology.partitions[p] ?? []).map((b) => ({
      broker: nodeName(topology, b),
      leo: 0,
      hw: 0,
      flushed: 0,
    })),
    committed: topology.groups.map(() => 0),
    acting: [],
  };
  relatives.set(view, { reps: [], fl: [], lead: [], com: [] });
  return view;
}

export function applyPartition(
  prev: PartitionView,
  d: PartitionDelta,
  topology: Topology,
): PartitionView {
  const rel0 = relatives.get(prev) ?? { reps: [], fl: [], lead: [], com: [] };
  const rel: Relative = {
    reps: d.reps ?? rel0.reps,
    fl: d.fl ?? rel0.fl,
    lead: d.lead ?? rel0.lead,
    com: d.com ?? rel0.com,
  };
  const leo = d.leo;
  const hw = d.hw;
  const next: PartitionView = {
    partition: prev.partition,
    leo,
    hw,
    leader: d.l === undefined ? prev.leader : d.l < 0 ? null : nodeName(topology, d.l),
    epoch: d.e ?? prev.epoch,
    isr: d.isr ? d.isr.map((i) => nodeName(topology, i)) : prev.isr,
    replicas: prev.replicas.map((r, i) => {
      const repLeo = leo - (rel.reps[2 * i] ?? 0);
      return {
        broker: r.broker,
        leo: repLeo,
        hw: leo - (rel.reps[2 * i + 1] ?? leo - hw),
        flushed: rel.fl[i] ?? 0,
      };
    }),
    committed: prev.committed.map((_, g) => Math.max(0, hw - (rel.com[g] ?? hw))),
    acting: rel.lead.map((r) => prev.replicas[r]?.broker ?? `#${r}`),
  };
  relatives.set(next, rel);
  return next;
}

export function emptyLog(): PartitionLogView {
  return { window: EMPTY_WINDOW, own: {}, truncated: {}, older: {} };
}

/** The record replica `r` holds at `offset`, as far as the browser knows. */
export function recordAt(log: PartitionLogView, r: number, offset: number): WireRecord | undefined {
  const own = log.own[r];
  if (own && offset >= own.from) return own.records[offset - own.from];
  return windowAt(log.window, offset) ?? log.older[r]?.[offset];
}

export function applyLog(
  prev: PartitionLogView,
  d: PartitionDelta,
  atMs: number,
): PartitionLogView {
  if (!d.cut && !d.log && !d.own && !d.rcut) return prev;
  let truncated = prev.truncated;
  if (d.rcut && d.rcut.length > 0) {
    truncated = { ...truncated };
    for (const [r, offset, oldLeo] of d.rcut) {
      const struck: TruncatedRecord[] = [];
      const from = Math.max(offset, oldLeo - LIMITS.truncatedPerReplica);
      for (let o = from; o < oldLeo; o++)
        struck.push({ offset: o, rec: recordAt(prev, r, o) ?? null, atMs });
      truncated[r] = [...(truncated[r] ?? []), ...struck].slice(-LIMITS.truncatedPerReplica);
    }
  }
  let window = prev.window;
  if (d.cut !== undefined) window = cutWindow(window, d.cut);
  if (d.log) window = writeWindow(window, d.log[0], d.log[1]);
  window = trimWindow(window, LIMITS.logWindow);
  let own = prev.own;
  if (d.own) {
    own = { ...own };
    for (const [r, div, recs] of d.own) {
      if (div < 0) delete own[r];
      else own[r] = { from: div, records: recs };
    }
  }
  return { window, own, truncated, older: pruneOlder(prev.older, d) };
}

const OLDER_PER_REPLICA = 3000;

/** Fetched records stop being true where the log was cut, and only so many are kept. */
function pruneOlder(
  older: PartitionLogView["older"],
  d: PartitionDelta,
): PartitionLogView["older"] {
  const cuts = new Map<number, number>();
  for (const [r, offset] of d.rcut ?? []) cuts.set(r, Math.min(offset, cuts.get(r) ?? Infinity));
  for (const [r, div] of d.own ?? [])
    if (div >= 0) cuts.set(r, Math.min(div, cuts.get(r) ?? Infinity));
  if (d.cut === undefined && cuts.size === 0) return older;
  const next: PartitionLogView["older"] = {};
  for (const [key, byOffset] of Object.entries(older)) {
    const r = Number(key);
    const limit = Math.min(d.cut ?? Infinity, cuts.get(r) ?? Infinity);
    const offsets = Object.keys(byOffset)
      .map(Number)
      .filter((o) => o < limit)
      .sort((a, b) => a - b)
      .slice(-OLDER_PER_REPLICA);
    next[r] = Object.fromEntries(offsets.map((o) => [o, byOffset[o]!]));
  }
  return next;
}

const GROUP_COUNTERS = [
  "deliveries",
  "redeliveries",
  "applied",
  "duplicateEffects",
  "skippedDuplicates",
  "replays",
  "rebalances",
] as const;

export function emptyGroup(topology: Topology, g: number): GroupView {
  const spec = topology.groups[g]!;
  return {
    index: g,
    id: spec.id,
    generation: 0,
    members: spec.members.map((m) => nodeName(topology, m)),
    owners: topology.partitions.map(() => null),
    queued: spec.members.map(() => 0),
    deliveries: 0,
    redeliveries: 0,
    applied: 0,
    duplicateEffects: 0,
    skippedDuplicates: 0,
    replays: 0,
    rebalances: 0,
    commitPolicy: "afterProcess",
    idempotent: false,
    handlerBug: false,
    projection: [],
    reference: [],
  };
}

export function applyGroup(prev: GroupView, d: GroupDelta, topology: Topology): GroupView {
  const next: GroupView = { ...prev };
  if (d.gen !== undefined) next.generation = d.gen;
  if (d.owners) next.owners = d.owners.map((o) => (o < 0 ? null : nodeName(topology, o)));
  if (d.cnt) GROUP_COUNTERS.forEach((k, i) => (next[k] = d.cnt![i]!));
  if (d.q) next.queued = d.q;
  if (d.cfg) Object.assign(next, d.cfg);
  if (d.proj) next.projection = d.proj;
  if (d.ref) next.reference = d.ref;
  return next;
}

const PRODUCER_COUNTERS = [
  "sent",
  "acknowledged",
  "failed",
  "timedOut",
  "retried",
  "pending",
  "latencyMsAvg",
  "latencyMsMax",
] as const;

export function emptyProducer(topology: Topology, i: number): ProducerView {
  return {
    index: i,
    id: topology.producers[i]?.id ?? `p${i}`,
    sent: 0,
    acknowledged: 0,
    failed: 0,
    timedOut: 0,
    retried: 0,
    pending: 0,
    latencyMsAvg: 0,
    latencyMsMax: 0,
    acks: "all",
    idempotent: false,
    stopped: false,
    ratePerSec: 0,
  };
}

export function applyProducer(prev: ProducerView, d: ProducerDelta): ProducerView {
  const next: ProducerView = { ...prev };
  if (d.cnt) PRODUCER_COUNTERS.forEach((k, i) => (next[k] = d.cnt![i]!));
  if (d.cfg) {
    next.acks = String(d.cfg.acks);
    next.idempotent = d.cfg.idempotent;
    next.stopped = d.cfg.stopped;
    next.ratePerSec = d.cfg.ratePerSec;
  }
  return next;
}

export function networkView([
  sent,
  delivered,
  dropped,
  duplicated,
  inFlight,
]: NetworkCounters): NetworkView {
  return { sent, delivered, dropped, duplicated, inFlight };
}

/** Replaces the items a delta list names (by index), keeping the rest as they are. */
export function patchList<T, D>(
  prev: T[],
  deltas: D[] | undefined,
  indexOf: (d: D) => number,
  apply: (item: T, d: D) => T,
): T[] {
  if (!deltas || deltas.length === 0) return prev;
  const next = prev.slice();
  for (const d of deltas) {
    const i = indexOf(d);
    if (next[i] !== undefined) next[i] = apply(next[i]!, d);
  }
  return next;
}
