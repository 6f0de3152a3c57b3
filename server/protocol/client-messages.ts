import { z } from "zod";
import { operatorCommandSchema } from "../sim/commands";
import { requestIdSchema, runIdSchema, speedSchema } from "./wire";

/**
 * Client -> server messages, sent as the payload of the socket.io event CLIENT_EVENT.
 * Every one is a strict object tagged by `type`: unknown fields are refused, so a typo
 * never passes silently. `requestId` is optional everywhere and echoed on the answer.
 */
const rid = { requestId: requestIdSchema.optional() };

/** Join a run: answered with a snapshot. With the operator secret, the role is operator. */
export const joinMessageSchema = z.strictObject({
  type: z.literal("join"),
  ...rid,
  /** The protocol version the client speaks (PROTOCOL_VERSION). */
  v: z.number().int(),
  runId: runIdSchema,
  secret: z.string().min(1).max(128).optional(),
});

/** Stop watching the run: no more frames. */
export const leaveMessageSchema = z.strictObject({ type: z.literal("leave"), ...rid });

/** An operator command (faults, configuration, replay): answered with commandResult. */
export const commandMessageSchema = z.strictObject({
  type: z.literal("command"),
  ...rid,
  command: operatorCommandSchema,
});

/** Pacing (operator only): answered with ack; the new pacing shows in the next frame. */
export const pauseMessageSchema = z.strictObject({ type: z.literal("pause"), ...rid });
export const resumeMessageSchema = z.strictObject({ type: z.literal("resume"), ...rid });
/** Pauses, then advances: one event, 100 ms or 1 s of virtual time. */
export const stepMessageSchema = z.strictObject({
  type: z.literal("step"),
  ...rid,
  by: z.enum(["event", "100ms", "1s"]),
});
export const speedMessageSchema = z.strictObject({
  type: z.literal("speed"),
  ...rid,
  speed: speedSchema,
});

/** One message's whole history (produced, appended, replicated, delivered, ...). */
export const historyRequestSchema = z.strictObject({
  type: z.literal("history"),
  ...rid,
  eventId: z.number().int().min(0),
});

/** Records of one replica's log (r = index in the partition's replica list), for long lanes. */
export const logRangeRequestSchema = z.strictObject({
  type: z.literal("logRange"),
  ...rid,
  p: z.number().int().min(0),
  r: z.number().int().min(0),
  from: z.number().int().min(0),
  count: z.number().int().min(1).max(1000),
});

/** Virtual milliseconds: a time in a run, or a span of time. */
const virtualMs = z
  .number()
  .finite()
  .min(0)
  .max(2 ** 40);

/**
 * Time travel (operator only): rebuild the run's state at virtual time `toMs` (from the
 * nearest checkpoint plus exact re-simulation), pause there, and send every viewer a fresh
 * snapshot. `toMs` goes from 0 to the furthest time the run reached (`RunInfo.headMs`).
 * The commands the run had after `toMs` are kept and replayed as it moves forward again,
 * until the operator sends a new command: that one replaces the run's future.
 * Answered with ack (`atMs`: where the run is now).
 */
export const seekMessageSchema = z.strictObject({
  type: z.literal("seek"),
  ...rid,
  runId: runIdSchema,
  toMs: virtualMs,
});

/**
 * Fork (operator only): a new live run that starts from this run's state at `atMs` (0 to
 * the furthest time reached), paused there, with its own operator secret, linked to this
 * run as its parent. This run is not touched. Answered with forked.
 */
export const forkMessageSchema = z.strictObject({
  type: z.literal("fork"),
  ...rid,
  runId: runIdSchema,
  atMs: virtualMs,
});

/**
 * Pause, then advance exactly `ms` virtual milliseconds (operator only; stops at the end
 * of the scenario). Answered with ack (`atMs`: the virtual time reached) once the run is
 * there, for automation and teaching scripts that must know where the run stands.
 */
export const advanceMessageSchema = z.strictObject({
  type: z.literal("advance"),
  ...rid,
  runId: runIdSchema,
  ms: z
    .number()
    .finite()
    .min(0)
    .max(24 * 3_600_000),
});

export const clientMessageSchema = z.discriminatedUnion("type", [
  joinMessageSchema,
  leaveMessageSchema,
  commandMessageSchema,
  pauseMessageSchema,
  resumeMessageSchema,
  stepMessageSchema,
  speedMessageSchema,
  historyRequestSchema,
  logRangeRequestSchema,
  seekMessageSchema,
  forkMessageSchema,
  advanceMessageSchema,
]);

export type JoinMessage = z.infer<typeof joinMessageSchema>;
export type LeaveMessage = z.infer<typeof leaveMessageSchema>;
export type CommandMessage = z.infer<typeof commandMessageSchema>;
export type PauseMessage = z.infer<typeof pauseMessageSchema>;
export type ResumeMessage = z.infer<typeof resumeMessageSchema>;
export type StepMessage = z.infer<typeof stepMessageSchema>;
export type SpeedMessage = z.infer<typeof speedMessageSchema>;
export type HistoryRequest = z.infer<typeof historyRequestSchema>;
export type LogRangeRequest = z.infer<typeof logRangeRequestSchema>;
export type SeekMessage = z.infer<typeof seekMessageSchema>;
export type ForkMessage = z.infer<typeof forkMessageSchema>;
export type AdvanceMessage = z.infer<typeof advanceMessageSchema>;
/** What the server holds after parsing (defaults applied). */
export type ClientMessage = z.infer<typeof clientMessageSchema>;
/** What a client sends (fields with defaults may be left out). */
export type ClientMessageInput = z.input<typeof clientMessageSchema>;
export type ClientMessageType = ClientMessage["type"];

export const clientMessageTypes = clientMessageSchema.options.map(
  (o) => o.shape.type.value,
) as ClientMessageType[];

/** Messages only the operator may send. */
export const OPERATOR_ONLY: ReadonlySet<ClientMessageType> = new Set([
  "command",
  "pause",
  "resume",
  "step",
  "speed",
  "seek",
  "fork",
  "advance",
]);
