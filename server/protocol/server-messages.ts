import { z } from "zod";
import { scenarioSchema } from "../sim/scenario";
import { clientMessageTypes, type ClientMessageType } from "./client-messages";
import {
  activeFaultSchema,
  checkTupleSchema,
  convergenceSchema,
  faultWindowSchema,
  historyStepSchema,
  messageSampleSchema,
  metricSampleSchema,
  nodeStateSchema,
  pacingSchema,
  requestIdSchema,
  roleSchema,
  runIdSchema,
  runStatusSchema,
  wireRecordDetailSchema,
} from "./wire";
import {
  groupDeltaSchema,
  networkCountersSchema,
  partitionDeltaSchema,
  producerDeltaSchema,
  topologySchema,
} from "./state";
import { runInfoSchema } from "./run-info";

/**
 * Server -> client messages, sent as the payload of the socket.io event SERVER_EVENT,
 * tagged by `type`.
 */
const int = z.number().int();
const rid = { requestId: requestIdSchema.optional() };

/** Sent once on connection: what the server speaks and accepts. */
export const helloMessageSchema = z.object({
  type: z.literal("hello"),
  v: int,
  frameHz: z.number(),
  maxMessageBytes: int,
});

/** The full state of a run: the answer to join, and to a client too far behind for a frame. */
export const snapshotMessageSchema = z.object({
  type: z.literal("snapshot"),
  ...rid,
  v: int,
  runId: runIdSchema,
  role: roleSchema,
  run: runInfoSchema,
  scenario: scenarioSchema,
  topology: topologySchema,
  /** The state's sequence number: the next frame for this client has from = seq. */
  seq: int,
  /** Wall time (ms since the epoch) the state was taken. */
  sentAt: z.number(),
  /** Virtual time and events dispatched. */
  t: z.number(),
  ev: int,
  pacing: pacingSchema,
  status: runStatusSchema,
  error: z.string().nullable(),
  nodes: z.array(nodeStateSchema),
  parts: z.array(partitionDeltaSchema),
  groups: z.array(groupDeltaSchema),
  producers: z.array(producerDeltaSchema),
  net: networkCountersSchema,
  checks: z.array(checkTupleSchema),
  faults: z.array(activeFaultSchema),
  windows: z.array(faultWindowSchema),
  convergence: convergenceSchema,
  /** Recent metric samples, oldest first. */
  samples: z.array(metricSampleSchema),
  /** Recent sampled messages, oldest first. */
  msgs: z.array(messageSampleSchema),
});

/**
 * What changed since state `from` (the client's last snapshot or frame) up to state
 * `seq`. A slow client gets one frame covering several ticks ("coalesced"), never a queue.
 */
export const frameMessageSchema = z.object({
  type: z.literal("frame"),
  seq: int,
  from: int,
  sentAt: z.number(),
  t: z.number(),
  ev: int,
  /** Achieved speed over the last tick: virtual ms per wall ms. */
  rate: z.number(),
  pacing: pacingSchema.optional(),
  status: runStatusSchema.optional(),
  nodes: z.array(nodeStateSchema).optional(),
  parts: z.array(partitionDeltaSchema).optional(),
  groups: z.array(groupDeltaSchema).optional(),
  producers: z.array(producerDeltaSchema).optional(),
  net: networkCountersSchema.optional(),
  /** Checkers whose count or examples changed. */
  checks: z.array(checkTupleSchema).optional(),
  faultsStarted: z.array(activeFaultSchema).optional(),
  /** [faultId, endMs]. */
  faultsEnded: z.array(z.tuple([z.string(), z.number()])).optional(),
  /** Fault windows (chart bands) that opened or closed: replace the window with the same id and startMs. */
  windows: z.array(faultWindowSchema).optional(),
  convergence: convergenceSchema.optional(),
  samples: z.array(metricSampleSchema).optional(),
  msgs: z.array(messageSampleSchema).optional(),
  /** The furthest virtual time the run reached (the seek range's end), when it changed. */
  head: z.number().optional(),
});

export const commandErrorCodeSchema = z.enum([
  "invalid",
  "unknownTarget",
  "unknownFault",
  "notApplicable",
]);

/** The outcome of an operator command, stamped with the virtual time it took effect. */
export const commandResultMessageSchema = z.object({
  type: z.literal("commandResult"),
  ...rid,
  ok: z.boolean(),
  atMs: z.number(),
  faultId: z.string().optional(),
  /**
   * The engine's trace hash just after the command took effect: a replay of the stored
   * run to `atMs` reaches exactly this hash.
   */
  traceHash: z.string().optional(),
  error: z.object({ code: commandErrorCodeSchema, message: z.string() }).optional(),
});

/** A pacing message, leave, seek or advance was applied. */
export const ackMessageSchema = z.object({
  type: z.literal("ack"),
  ...rid,
  of: z.enum(clientMessageTypes as [ClientMessageType, ...ClientMessageType[]]),
  /** For seek and advance: the virtual time the run stands at now. */
  atMs: z.number().optional(),
});

/** The answer to fork: the new run, and the secret to steer it (given once, to the forker). */
export const forkedMessageSchema = z.object({
  type: z.literal("forked"),
  ...rid,
  runId: runIdSchema,
  operatorSecret: z.string(),
  parentRunId: runIdSchema,
  atMs: z.number(),
});

export const historyResultMessageSchema = z.object({
  type: z.literal("history"),
  ...rid,
  eventId: int,
  /** The business event, or null if the run has no such event. */
  event: z
    .object({
      producer: z.string(),
      key: int,
      value: z.number(),
      partition: int,
      createdMs: z.number(),
      /** The producer died with it in memory: it was never sent. */
      abandoned: z.boolean(),
    })
    .nullable(),
  steps: z.array(historyStepSchema),
  /** Older steps were forgotten (the history is a bounded ring). */
  truncated: z.boolean(),
});

export const logRangeResultMessageSchema = z.object({
  type: z.literal("logRange"),
  ...rid,
  p: int,
  r: int,
  from: int,
  /** The replica's LEO now. */
  leo: int,
  recs: z.array(wireRecordDetailSchema),
});

/** The run's status changed: it finished, or its simulation failed (with the error). */
export const runStatusMessageSchema = z.object({
  type: z.literal("runStatus"),
  runId: runIdSchema,
  status: runStatusSchema,
  error: z.string().nullable(),
});

export const errorCodeSchema = z.enum([
  /** Not JSON-shaped like any message, or a field is wrong. */
  "malformed",
  /** Larger than MAX_INCOMING_MESSAGE_BYTES. */
  "tooLarge",
  /** A `type` the protocol does not have. */
  "unknownType",
  /** A socket.io event other than CLIENT_EVENT. */
  "unknownEvent",
  /** join with another protocol version. */
  "unsupportedVersion",
  /** A run message before join. */
  "notJoined",
  "unknownRun",
  /** An operator message from a viewer, or a wrong operator secret. */
  "forbidden",
  /** The run has finished or failed; it takes no more commands. */
  "runEnded",
  /** A log range or replica that does not exist. */
  "notFound",
  /** seek, fork or advance to a time the run cannot go to (the message says the range). */
  "outOfRange",
  /** Too many messages too fast; the message was ignored. */
  "rateLimited",
  "internal",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorMessageSchema = z.object({
  type: z.literal("error"),
  code: errorCodeSchema,
  message: z.string(),
  requestId: requestIdSchema.optional(),
});

export const serverMessageSchema = z.discriminatedUnion("type", [
  helloMessageSchema,
  snapshotMessageSchema,
  frameMessageSchema,
  commandResultMessageSchema,
  ackMessageSchema,
  forkedMessageSchema,
  historyResultMessageSchema,
  logRangeResultMessageSchema,
  runStatusMessageSchema,
  errorMessageSchema,
]);

export type HelloMessage = z.infer<typeof helloMessageSchema>;
export type SnapshotMessage = z.infer<typeof snapshotMessageSchema>;
export type FrameMessage = z.infer<typeof frameMessageSchema>;
export type CommandResultMessage = z.infer<typeof commandResultMessageSchema>;
export type AckMessage = z.infer<typeof ackMessageSchema>;
export type ForkedMessage = z.infer<typeof forkedMessageSchema>;
export type HistoryResultMessage = z.infer<typeof historyResultMessageSchema>;
export type LogRangeResultMessage = z.infer<typeof logRangeResultMessageSchema>;
export type RunStatusMessage = z.infer<typeof runStatusMessageSchema>;
export type ErrorMessage = z.infer<typeof errorMessageSchema>;
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageType = ServerMessage["type"];

export const serverMessageTypes = serverMessageSchema.options.map(
  (o) => o.shape.type.value,
) as ServerMessageType[];
