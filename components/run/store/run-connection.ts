import { io, type Socket } from "socket.io-client";
import {
  CLIENT_EVENT,
  PROTOCOL_VERSION,
  SERVER_EVENT,
  serverMessageSchema,
  type ClientMessageInput,
  type FrameMessage,
  type OperatorCommandInput,
  type RunInfo,
  type ServerMessage,
} from "../../../server/protocol";
import { FrameStore } from "./frame-store";
import { applySnapshot } from "./apply-snapshot";
import { applyCommandResult, applyFrame } from "./apply-frame";
import { emptyRunView, type RunView } from "./run-view";
import { keepTruncations } from "./keep-truncations";
import type {
  ActionResult,
  AdvanceResult,
  ForkResult,
  MessageHistory,
  PacingRequest,
  RunActions,
} from "./run-actions";
import type { WireRecordDetail } from "../../../server/protocol";

type Pending = { resolve: (m: ServerMessage) => void; timer: number };

const REQUEST_TIMEOUT_MS = 8000;
/** An advance is answered when the run gets there: a long one on a busy server takes a while. */
const ADVANCE_TIMEOUT_MS = 120_000;

/**
 * One browser's link to one run: joins over socket.io (with the operator secret when
 * this browser has it), turns the server's snapshot and frames into the run store,
 * and answers the page's requests (commands, pacing, histories, log ranges) by
 * matching each answer to its request id.
 */
export class RunConnection implements RunActions {
  readonly store = new FrameStore<RunView>(emptyRunView);
  readonly role: "operator" | "viewer";
  private readonly socket: Socket;
  private readonly pending = new Map<string, Pending>();
  private nextRequest = 1;
  private closed = false;

  constructor(
    private readonly runId: string,
    private readonly secret: string | null,
    /** Told what the server says about the run (its metadata), to keep the query cache current. */
    private readonly onRunInfo: (
      change: (info: RunInfo | undefined) => RunInfo | undefined,
    ) => void = () => {},
  ) {
    this.role = secret ? "operator" : "viewer";
    this.socket = io({ transports: ["websocket", "polling"], autoConnect: false });
    this.socket.on("connect", () => this.join());
    this.socket.on("disconnect", () => this.setConnection("reconnecting"));
    this.socket.on("connect_error", () => this.setConnection("reconnecting"));
    this.socket.on(SERVER_EVENT, (raw: unknown) => this.receive(raw));
    this.socket.connect();
  }

  close(): void {
    this.closed = true;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.store.dispose();
  }

  private joinMessage(): ClientMessageInput {
    return {
      type: "join",
      v: PROTOCOL_VERSION,
      runId: this.runId,
      ...(this.secret ? { secret: this.secret } : {}),
    };
  }

  private join(): void {
    this.socket.emit(CLIENT_EVENT, this.joinMessage());
  }

  private setConnection(connection: RunView["connection"]): void {
    if (this.closed) return;
    this.store.update((v) => (v.connection === connection ? v : { ...v, connection }));
  }

  private receive(raw: unknown): void {
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn("ignoring a malformed server message", parsed.error.issues[0]);
      return;
    }
    const msg = parsed.data;
    if ("requestId" in msg && msg.requestId !== undefined) {
      const p = this.pending.get(msg.requestId);
      if (p) {
        clearTimeout(p.timer);
        this.pending.delete(msg.requestId);
        p.resolve(msg);
      }
    }
    switch (msg.type) {
      case "snapshot":
        this.store.update(() => applySnapshot(msg));
        this.onRunInfo(() => msg.run);
        break;
      case "frame": {
        let gap = false;
        this.store.update((v) => {
          const out = applyFrame(v, msg);
          gap = out.gap;
          return out.view;
        });
        if (gap) this.join();
        // A node or fault changed (an operator's command, or a fault ending): the page shows
        // it now rather than at the next animation frame, a frame sooner.
        else if (changesFaults(msg)) this.store.flush();
        break;
      }
      case "runStatus":
        this.store.update((v) => ({ ...v, status: msg.status, error: msg.error }));
        this.onRunInfo((info) => info && { ...info, status: msg.status, error: msg.error });
        break;
      case "error":
        if (msg.requestId === undefined) {
          this.store.update((v) => ({
            ...v,
            error: msg.message,
            connection: msg.code === "unknownRun" ? "lost" : v.connection,
          }));
        }
        break;
      default:
        break;
    }
  }

  private request(msg: ClientMessageInput, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ServerMessage> {
    const requestId = `r${this.nextRequest++}`;
    return new Promise((resolve) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(requestId);
        resolve({
          type: "error",
          code: "internal",
          message: "the server did not answer in time",
          requestId,
        });
      }, timeoutMs);
      this.pending.set(requestId, { resolve, timer });
      this.socket.emit(CLIENT_EVENT, { ...msg, requestId });
    });
  }

  async pace(request: PacingRequest): Promise<ActionResult> {
    const msg: ClientMessageInput =
      request.type === "step"
        ? { type: "step", by: request.by }
        : request.type === "speed"
          ? { type: "speed", speed: request.speed }
          : { type: request.type };
    return toResult(await this.request(msg));
  }

  async command(command: OperatorCommandInput): Promise<ActionResult> {
    const answer = await this.request({ type: "command", command });
    if (answer.type === "commandResult" && answer.ok) {
      this.store.update((v) => applyCommandResult(v, command, answer));
      this.store.flush();
    }
    return toResult(answer);
  }

  async advance(ms: number): Promise<AdvanceResult> {
    const answer = await this.request(
      { type: "advance", runId: this.runId, ms },
      ADVANCE_TIMEOUT_MS,
    );
    if (answer.type === "ack" && answer.atMs !== undefined) return { ok: true, atMs: answer.atMs };
    return { ok: false, message: answer.type === "error" ? answer.message : "unexpected answer" };
  }

  async resync(): Promise<ActionResult> {
    const before = this.store.latest();
    // The snapshot answering this join is applied by receive(), like any other.
    const answer = await this.request(this.joinMessage());
    if (answer.type !== "snapshot") return toResult(answer);
    this.store.update((v) => keepTruncations(v, before));
    this.store.flush();
    return { ok: true };
  }

  async history(eventId: number): Promise<MessageHistory> {
    const answer = await this.request({ type: "history", eventId });
    if (answer.type === "history") return answer;
    throw new Error(answer.type === "error" ? answer.message : "unexpected answer");
  }

  async logRange(p: number, r: number, from: number, count: number): Promise<WireRecordDetail[]> {
    const answer = await this.request({ type: "logRange", p, r, from, count });
    if (answer.type !== "logRange") return [];
    return answer.recs;
  }

  async seek(toMs: number): Promise<ActionResult> {
    return toResult(await this.request({ type: "seek", runId: this.runId, toMs }));
  }

  async fork(atMs: number): Promise<ForkResult> {
    const answer = await this.request({ type: "fork", runId: this.runId, atMs });
    if (answer.type === "forked")
      return {
        ok: true,
        runId: answer.runId,
        operatorSecret: answer.operatorSecret,
        atMs: answer.atMs,
      };
    return { ok: false, message: answer.type === "error" ? answer.message : "unexpected answer" };
  }
}

/** Whether a frame starts or ends a fault or changes a node's state (up, paused, skew). */
function changesFaults(f: FrameMessage): boolean {
  return (
    (f.nodes?.length ?? 0) > 0 ||
    (f.faultsStarted?.length ?? 0) > 0 ||
    (f.faultsEnded?.length ?? 0) > 0
  );
}

function toResult(m: ServerMessage): ActionResult {
  if (m.type === "error") return { ok: false, message: m.message };
  if (m.type === "commandResult") {
    return m.ok
      ? { ok: true, ...(m.faultId ? { faultId: m.faultId } : {}) }
      : { ok: false, message: m.error?.message ?? "refused" };
  }
  return { ok: true };
}
