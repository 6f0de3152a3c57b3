import type {
  HistoryResultMessage,
  OperatorCommandInput,
  WireRecordDetail,
} from "../../../server/protocol";

export type PacingRequest =
  | { type: "pause" }
  | { type: "resume" }
  | { type: "step"; by: "event" | "100ms" | "1s" }
  | { type: "speed"; speed: number | "max" };

export type ActionResult = { ok: true; faultId?: string } | { ok: false; message: string };

/** A fork made over the socket: the new run, and the secret to steer it (given once). */
export type ForkResult =
  | { ok: true; runId: string; operatorSecret: string; atMs: number }
  | { ok: false; message: string };
export type AdvanceResult = { ok: true; atMs: number } | { ok: false; message: string };

export type MessageHistory = Omit<HistoryResultMessage, "type" | "requestId">;

/** What the run page can ask of the server; RunConnection implements it over the socket. */
export interface RunActions {
  role: "operator" | "viewer";
  pace(request: PacingRequest): Promise<ActionResult>;
  command(command: OperatorCommandInput): Promise<ActionResult>;
  history(eventId: number): Promise<MessageHistory>;
  /** Pauses and advances exactly `ms` of virtual time; resolves once the server is there. */
  advance(ms: number): Promise<AdvanceResult>;
  /** Joins again for a fresh snapshot, so that every number held is exact at the current time. */
  resync(): Promise<ActionResult>;
  /** Records of replica `r` (index in the partition's replica list) from `from`. */
  logRange(p: number, r: number, from: number, count: number): Promise<WireRecordDetail[]>;
  /** Time travel (operator): rebuild the run at `toMs`, paused; every viewer gets a snapshot. */
  seek(toMs: number): Promise<ActionResult>;
  /** A new live run from this run's state at `atMs`; this run is not touched. */
  fork(atMs: number): Promise<ForkResult>;
}
