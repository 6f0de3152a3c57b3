import { z } from "zod";
import { acksSchema, commitPolicySchema } from "../sim/scenario-parts";
import { wireRecordSchema } from "./wire";

/**
 * The parts of a run's state that snapshots carry in full and frames carry as deltas.
 * The same schema serves both: a snapshot has every field, a frame only what changed,
 * so a client applies a snapshot as "clear, then apply" and a frame as "apply".
 */

const int = z.number().int();

/** The static shape of the run: which nodes exist and where every replica lives. */
export const topologySchema = z.object({
  /** Every node; a node's index in this list names it everywhere in the protocol. */
  nodes: z.array(
    z.object({
      id: z.string(),
      role: z.enum(["broker", "controller", "producer", "consumer", "reconciler"]),
    }),
  ),
  /** Broker count: brokers are nodes 0 .. brokers-1. */
  brokers: int,
  controller: int,
  /** Per partition, the broker (node index) of each replica, preferred leader first. */
  partitions: z.array(z.array(int)),
  groups: z.array(z.object({ id: z.string(), members: z.array(int) })),
  producers: z.array(z.object({ id: z.string(), node: int })),
  /** Keys (accounts) are 0 .. keys-1, named "acct-N". */
  keys: int,
});
export type Topology = z.infer<typeof topologySchema>;

/**
 * One partition. `leo` and `hw` are the authoritative replica's (the leader's, or the
 * last leader's while the partition is offline); per-replica and per-group offsets are
 * sent relative to them because those differences are small numbers.
 */
export const partitionDeltaSchema = z.object({
  p: int,
  leo: int,
  hw: int,
  /** Leader (node index), -1 while offline. */
  l: int.optional(),
  /** Leader epoch. */
  e: int.optional(),
  /** In-sync replicas (node indexes). */
  isr: z.array(int).optional(),
  /**
   * Per replica, in topology order, two numbers: leo - replicaLeo, leo - replicaHw.
   * A caught-up follower is [0, leo - hw]; a zombie with extra records has a negative first number.
   */
  reps: z.array(int).optional(),
  /** Per replica: the flushed offset (records below it survive a power loss). */
  fl: z.array(int).optional(),
  /**
   * Replicas (indexes r) that act as leader. More than one, or one that is not `l`, is a
   * zombie: a leader cut off from the controller that has not yet learned it was replaced.
   */
  lead: z.array(int).optional(),
  /** The partition log was cut (truncated or rewritten) from this offset: forget records at and above it. */
  cut: int.optional(),
  /** Records of the partition log appended from offset `from` (only the newest few when many). */
  log: z.tuple([int, z.array(wireRecordSchema)]).optional(),
  /**
   * Replicas whose log differs from the partition log: [r, div, records] says replica r
   * holds `records` from offset `div` (the first few, when many); div = -1 says it no
   * longer differs. Replaces what was known of that replica.
   */
  own: z.array(z.tuple([int, int, z.array(wireRecordSchema)])).optional(),
  /** Truncations seen since the last frame: [r, offset, oldLeo], for striking records out. */
  rcut: z.array(z.tuple([int, int, int])).optional(),
  /** Per group: hw - committedOffset (negative when the committed offset is above the HW). */
  com: z.array(int).optional(),
});
export type PartitionDelta = z.infer<typeof partitionDeltaSchema>;

/**
 * Group counters: [deliveries, redeliveries, applied, duplicateEffects, skippedDuplicates,
 * replays, rebalances].
 */
export const groupCountersSchema = z.tuple([int, int, int, int, int, int, int]);

export const groupDeltaSchema = z.object({
  g: int,
  /** Generation (bumped by each rebalance). */
  gen: int.optional(),
  /** Per partition, the member (node index) that owns it, or -1. */
  owners: z.array(int).optional(),
  cnt: groupCountersSchema.optional(),
  /** Records queued for processing, per member in topology order. */
  q: z.array(int).optional(),
  cfg: z
    .object({
      commitPolicy: commitPolicySchema,
      idempotent: z.boolean(),
      handlerBug: z.boolean(),
    })
    .optional(),
  /** The projection: balance per key. */
  proj: z.array(z.number()).optional(),
  /** The fold of the committed log: what the projection should hold, per key. */
  ref: z.array(z.number()).optional(),
});
export type GroupDelta = z.infer<typeof groupDeltaSchema>;

/** Producer counters: [sent, acknowledged, failed, timedOut, retried, pending, latencyMsAvg, latencyMsMax]. */
export const producerCountersSchema = z.tuple([
  int,
  int,
  int,
  int,
  int,
  int,
  z.number(),
  z.number(),
]);

export const producerDeltaSchema = z.object({
  i: int,
  cnt: producerCountersSchema.optional(),
  cfg: z
    .object({
      acks: acksSchema,
      idempotent: z.boolean(),
      stopped: z.boolean(),
      ratePerSec: z.number(),
    })
    .optional(),
});
export type ProducerDelta = z.infer<typeof producerDeltaSchema>;

/** Network counters: [sent, delivered, dropped, duplicated, inFlight]. */
export const networkCountersSchema = z.tuple([int, int, int, int, int]);
export type NetworkCounters = z.infer<typeof networkCountersSchema>;
