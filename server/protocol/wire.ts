import { z } from "zod";
import { faultSchema } from "../sim/faults";
import { checkNames } from "../sim/scenario";
import { messageTypeCode } from "../sim/message-codes";
import { stepKinds } from "../sim/history";

/**
 * The building blocks of the live protocol. Records and other hot data travel as short
 * arrays (tuples), never as objects with long keys, because a frame goes to every
 * viewer ten times a second. Nodes are named by their index in the snapshot's
 * `topology.nodes`; brokers come first, so broker b is node b.
 */

const int = z.number().int();
const nonNegInt = int.min(0);
/** Virtual or wall milliseconds; virtual times may have fractions. */
const ms = z.number();

/** A request id the client chose; echoed on the answer (and on an error about that request). */
export const requestIdSchema = z.string().min(1).max(64);
export type RequestId = z.infer<typeof requestIdSchema>;

/** A run id: a URL-safe random string the server makes. */
export const runIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and -");
export type RunId = z.infer<typeof runIdSchema>;

/** One log record in frames and snapshots: [eventId, key, value, epoch, producer]. */
export const wireRecordSchema = z.tuple([int, int, z.number(), int, int]);
export type WireRecord = z.infer<typeof wireRecordSchema>;

/**
 * One log record with every field (log ranges, histories):
 * [eventId, key, value, epoch, producer, seq, timestampMs, appendMs].
 */
export const wireRecordDetailSchema = z.tuple([int, int, z.number(), int, int, int, ms, ms]);
export type WireRecordDetail = z.infer<typeof wireRecordDetailSchema>;

/** A node's changing state: [node, up (0/1), paused (0/1), clockSkewMs]. */
export const nodeStateSchema = z.tuple([
  nonNegInt,
  z.union([z.literal(0), z.literal(1)]),
  z.union([z.literal(0), z.literal(1)]),
  z.number(),
]);
export type NodeStateTuple = z.infer<typeof nodeStateSchema>;

/**
 * One message of the sequence-diagram sample:
 * [sentAtMs, src, dst, typeCode, arrival1AtMs, arrival2AtMs]. arrival1 is -1 when the
 * network dropped it; arrival2 is -1 unless the network duplicated it.
 */
export const messageSampleSchema = z.tuple([ms, nonNegInt, nonNegInt, nonNegInt, ms, ms]);
export type MessageSample = z.infer<typeof messageSampleSchema>;

/** Message type names by code (index): `MESSAGE_TYPES[typeCode]`; index 0 is unused. */
export const MESSAGE_TYPES: readonly string[] = (() => {
  const names: string[] = ["?"];
  for (const [name, code] of Object.entries(messageTypeCode)) names[code] = name;
  return names;
})();

export const checkNameSchema = z.enum(checkNames);
export type { CheckName } from "../sim/scenario";
export { checkNames };

/** A checker's verdict: [name, count, example event ids (the first few)]. */
export const checkTupleSchema = z.tuple([checkNameSchema, nonNegInt, z.array(int).max(64)]);
export type CheckTuple = z.infer<typeof checkTupleSchema>;

export const wireFaultSchema = faultSchema;

/** A fault that is active now. */
export const activeFaultSchema = z.object({
  id: z.string(),
  fault: faultSchema,
  label: z.string(),
  startMs: ms,
  /** Planned end, or null when it lasts until ended by hand. */
  untilMs: ms.nullable(),
});
export type ActiveFaultWire = z.infer<typeof activeFaultSchema>;

/** A fault's band on the time charts. */
export const faultWindowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  startMs: ms,
  endMs: ms.nullable(),
});
export type FaultWindowWire = z.infer<typeof faultWindowSchema>;

export const convergenceSchema = z.object({
  status: z.enum(["converged", "converging", "diverged"]),
  convergedAtMs: ms.nullable(),
  lastFaultEndedMs: ms.nullable(),
  timeToConvergeMs: ms.nullable(),
  /** What stands between the system and convergence, in words (a few at most). */
  reasons: z.array(z.string()),
});
export type ConvergenceWire = z.infer<typeof convergenceSchema>;

export const speedSchema = z.union([z.number().min(0.1).max(100), z.literal("max")]);
export type Speed = z.infer<typeof speedSchema>;

/** How the run is paced against the wall clock. */
export const pacingSchema = z.object({
  paused: z.boolean(),
  /** Virtual ms per wall ms (0.1 to 100), or "max": as fast as the server can. */
  speed: speedSchema,
});
export type Pacing = z.infer<typeof pacingSchema>;

export const runStatusSchema = z.enum(["running", "finished", "failed"]);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const roleSchema = z.enum(["operator", "viewer"]);
export type Role = z.infer<typeof roleSchema>;

/**
 * One metric sample, taken at virtual time `t` (one per frame at most). Arrays are per
 * partition (`rl`, `rlMs`), per broker (`rb`, `rbMs`) or per group (the others), in
 * snapshot order.
 */
export const metricSampleSchema = z.object({
  t: ms,
  /** Largest follower lag in records, per partition. */
  rl: z.array(z.number()),
  /** Largest follower lag in ms, per partition. */
  rlMs: z.array(z.number()),
  /**
   * Per broker: how far its replicas are behind, in records and in ms (the largest over the
   * partitions it holds), for the selected node's line. Absent in runs stored before it.
   */
  rb: z.array(z.number()).optional(),
  rbMs: z.array(z.number()).optional(),
  /** Consumer lag in records (HW minus committed, summed over partitions), per group. */
  gl: z.array(z.number()),
  /** Consumer lag in ms (oldest unconsumed record, by append time), per group. */
  glMs: z.array(z.number()),
  /** The same by producer timestamp (misleads under clock skew), per group. */
  glMsP: z.array(z.number()),
  /** Redeliveries so far, per group. */
  rd: z.array(z.number()),
  /** Duplicate effects so far, per group. */
  de: z.array(z.number()),
  /** Records acknowledged to producers so far, all producers. */
  ack: z.number(),
  /** Records sent by producers so far, all producers. */
  sent: z.number(),
  /** Records applied to projections so far, all groups. */
  app: z.number(),
});
export type MetricSample = z.infer<typeof metricSampleSchema>;

export const historyStepKindSchema = z.enum(stepKinds);

/** One step of one message's history. */
export const historyStepSchema = z.object({
  atMs: ms,
  kind: historyStepKindSchema,
  node: z.string(),
  partition: int,
  offset: int,
  /** Kind-specific: attempt number, group index, leader epoch. */
  detail: int,
});
export type HistoryStepWire = z.infer<typeof historyStepSchema>;
