/**
 * What the run page shows, as the browser holds it: built from the server's snapshot
 * and kept current by its frames (apply-snapshot.ts, apply-frame.ts). Components read
 * slices of it through useRunSelector; a slice is replaced, never mutated, when it
 * changes, so a component re-renders only when its own slice did.
 */
import type { RecordWindow } from "./record-window";
import type {
  ActiveFaultWire,
  CheckName,
  ConvergenceWire,
  FaultWindowWire,
  MetricSample,
  Pacing,
  RunStatus,
  Scenario,
  Topology,
  WireRecord,
} from "../../../server/protocol";

export type NodeRole = Topology["nodes"][number]["role"];

export interface NodeView {
  index: number;
  id: string;
  role: NodeRole;
  up: boolean;
  paused: boolean;
  clockSkewMs: number;
}

export interface ReplicaView {
  broker: string;
  leo: number;
  hw: number;
  /** Records below this offset are on disk and survive a power loss. */
  flushed: number;
}

export interface PartitionView {
  partition: number;
  /** The authoritative replica's (the leader's, or the last leader's while offline). */
  leo: number;
  hw: number;
  leader: string | null;
  epoch: number;
  isr: string[];
  /** In the order of the partition's replica list (preferred leader first). */
  replicas: ReplicaView[];
  /** Replicas (by broker) acting as leader; one that is not `leader` is a zombie. */
  acting: string[];
  /** Per group (in group order), the committed offset. */
  committed: number[];
}

/** A struck-out record: it was at `offset` in one replica's log until a truncation removed it. */
export interface TruncatedRecord {
  offset: number;
  rec: WireRecord | null;
  atMs: number;
}

/**
 * The records of one partition the browser holds: a sparse window of the partition
 * log's tail (the authoritative replica's), plus, per replica, the suffix where its log
 * differs (a zombie's writes, a follower's divergent tail) and what was struck out.
 */
export interface PartitionLogView {
  /** The newest records of the partition's log (the leader's, as frames brought them). */
  window: RecordWindow;
  /** Per replica index: [divergence offset, records from there], or absent. */
  own: Record<number, { from: number; records: WireRecord[] }>;
  truncated: Record<number, TruncatedRecord[]>;
  /** Older records fetched on request, per replica index and offset. */
  older: Record<number, Record<number, WireRecord>>;
}

export interface GroupView {
  index: number;
  id: string;
  generation: number;
  /** Member node ids, in topology order. */
  members: string[];
  /** Per partition, the owning member's id, or null. */
  owners: (string | null)[];
  queued: number[];
  deliveries: number;
  redeliveries: number;
  applied: number;
  duplicateEffects: number;
  skippedDuplicates: number;
  replays: number;
  rebalances: number;
  commitPolicy: string;
  idempotent: boolean;
  handlerBug: boolean;
  projection: number[];
  reference: number[];
}

export interface ProducerView {
  index: number;
  id: string;
  sent: number;
  acknowledged: number;
  failed: number;
  timedOut: number;
  retried: number;
  pending: number;
  latencyMsAvg: number;
  latencyMsMax: number;
  acks: string;
  idempotent: boolean;
  stopped: boolean;
  ratePerSec: number;
}

export interface NetworkView {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  inFlight: number;
}

export interface CheckView {
  count: number;
  examples: number[];
}

export interface MessageView {
  atMs: number;
  src: string;
  dst: string;
  type: string;
  /** Arrival times of the copies; empty = dropped, two = duplicated. */
  arrivals: number[];
}

export interface RunMeta {
  runId: string;
  title: string;
  scenario: Scenario;
  topology: Topology;
  /** Broker ids hosting each partition, preferred leader first. */
  assignment: string[][];
  seed: number;
  durationMs: number;
  createdAt: string;
  overrides: { path: string; value: unknown }[];
  /** The run it was forked from and the virtual time of the fork, or null. */
  parentRunId: string | null;
  forkAtMs: number | null;
}

export type ViewStatus = "connecting" | RunStatus;

export interface RunView {
  meta: RunMeta | null;
  role: "operator" | "viewer";
  status: ViewStatus;
  error: string | null;
  /** The last connection problem, shown until the next snapshot. */
  connection: "connecting" | "live" | "reconnecting" | "lost";
  /** Sequence number of the state held, for frame continuity. */
  seq: number;
  nowMs: number;
  /** The furthest virtual time the run reached: time travel goes anywhere in 0..headMs. */
  headMs: number;
  events: number;
  /** Achieved speed over the last tick. */
  rate: number;
  pacing: Pacing;
  nodes: NodeView[];
  partitions: PartitionView[];
  logs: PartitionLogView[];
  groups: GroupView[];
  producers: ProducerView[];
  network: NetworkView;
  checks: Record<CheckName, CheckView> | null;
  activeFaults: ActiveFaultWire[];
  faultWindows: FaultWindowWire[];
  convergence: ConvergenceWire | null;
  samples: MetricSample[];
  messages: MessageView[];
  viewers: number | null;
}

export const emptyRunView: RunView = {
  meta: null,
  role: "viewer",
  status: "connecting",
  error: null,
  connection: "connecting",
  seq: 0,
  nowMs: 0,
  headMs: 0,
  events: 0,
  rate: 0,
  pacing: { paused: true, speed: 1 },
  nodes: [],
  partitions: [],
  logs: [],
  groups: [],
  producers: [],
  network: { sent: 0, delivered: 0, dropped: 0, duplicated: 0, inFlight: 0 },
  checks: null,
  activeFaults: [],
  faultWindows: [],
  convergence: null,
  samples: [],
  messages: [],
  viewers: null,
};

/** How much the browser keeps: enough to draw, bounded so an hour-long run stays light. */
export const LIMITS = {
  logWindow: 1500,
  truncatedPerReplica: 80,
  samples: 3000,
  messages: 600,
} as const;

export function keyName(k: number): string {
  return `acct-${k}`;
}
