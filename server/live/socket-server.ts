import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import {
  CLIENT_EVENT,
  FRAME_HZ,
  MAX_INCOMING_MESSAGE_BYTES,
  OPERATOR_ONLY,
  PROTOCOL_VERSION,
  SERVER_EVENT,
  TRANSPORT_MAX_BUFFER_BYTES,
  assertNever,
  type ClientMessage,
  type ErrorMessage,
  type JoinMessage,
  type Role,
  type ServerMessage,
} from "../protocol";
import type { LiveRun } from "./live-run";
import { isCreateRunError, type RunManager } from "./run-manager";
import { RateLimiter, parseClientInput } from "./client-input";
import { secretMatches } from "./ids";

/** Socket.io typing: one event each way, carrying the protocol's tagged unions. */
export interface ServerToClientEvents {
  [SERVER_EVENT]: (message: ServerMessage) => void;
}
export interface ClientToServerEvents {
  [CLIENT_EVENT]: (message: unknown) => void;
}
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface LiveServerDeps {
  manager: RunManager;
  /** Messages a client may send per second, sustained, and in a burst. */
  messagesPerSecond?: number;
  messageBurst?: number;
  /** permessage-deflate on the websocket (fewer bytes, more CPU and latency per viewer). */
  compression?: boolean;
  /** Whether a socket has written out what it was given (tests stand in for a slow client). */
  isDrained?: (socket: LiveSocket) => boolean;
}

interface Client {
  socket: LiveSocket;
  run: LiveRun | null;
  role: Role;
  /** The seq of the last state this client was sent (snapshot or frame). */
  cursor: number;
  limiter: RateLimiter;
  lastRateErrorMs: number;
}

/**
 * The socket layer: attaches socket.io to an HTTP server and connects clients to runs.
 * It validates every message (client-input.ts), enforces roles, answers requests, and
 * sends each viewer its frames: on every tick of its run, a viewer whose socket has
 * drained gets one frame from its cursor to the newest tick (coalesced when it missed
 * some); one whose socket has not drained gets nothing this time, so nothing queues.
 * Built without Next, so that tests run it on a bare HTTP server.
 */
export class LiveServer {
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  private readonly manager: RunManager;
  private readonly clients = new Map<string, Client>();
  private readonly byRun = new Map<string, Set<Client>>();
  private readonly unlisten: () => void;
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly isDrained: (socket: LiveSocket) => boolean;
  /** Frames and snapshots sent, and frames skipped because a socket had not drained. */
  readonly stats = { frames: 0, coalesced: 0, snapshots: 0, skipped: 0, errors: 0 };

  constructor(httpServer: HttpServer, deps: LiveServerDeps) {
    this.manager = deps.manager;
    this.perSecond = deps.messagesPerSecond ?? 50;
    this.burst = deps.messageBurst ?? 100;
    this.isDrained = deps.isDrained ?? drained;
    this.io = new Server(httpServer, {
      serveClient: false,
      maxHttpBufferSize: TRANSPORT_MAX_BUFFER_BYTES,
      // Leave other upgrade requests (Next's hot reload) to their own handlers.
      destroyUpgrade: false,
      // Off by default: a compressed frame is compressed once per socket, off the main
      // thread, which delays frames to hundreds of viewers; uncompressed, a broadcast
      // encodes a frame once for all of them. Frames fit their byte budget without it.
      perMessageDeflate: deps.compression
        ? { threshold: 512, serverMaxWindowBits: 13, zlibDeflateOptions: { level: 1, memLevel: 4 } }
        : false,
    });
    this.io.on("connection", (socket) => this.onConnection(socket));
    this.unlisten = this.manager.listen({
      tick: (run) => this.sendFrames(run),
      status: (run) => this.sendStatus(run),
      closed: (run) => this.onRunClosed(run),
    });
  }

  async close(): Promise<void> {
    this.unlisten();
    await this.io.close();
  }

  private onConnection(socket: LiveSocket): void {
    const client: Client = {
      socket,
      run: null,
      role: "viewer",
      cursor: 0,
      limiter: new RateLimiter(this.burst, this.perSecond, Date.now()),
      lastRateErrorMs: -Infinity,
    };
    this.clients.set(socket.id, client);
    this.send(client, {
      type: "hello",
      v: PROTOCOL_VERSION,
      frameHz: this.manager.frameHz ?? FRAME_HZ,
      maxMessageBytes: MAX_INCOMING_MESSAGE_BYTES,
    });
    socket.on(CLIENT_EVENT, (payload: unknown) => this.onInput(client, payload));
    socket.onAny((event: unknown) => {
      if (event === CLIENT_EVENT) return;
      this.sendError(client, {
        type: "error",
        code: "unknownEvent",
        message: `unknown event ${JSON.stringify(String(event).slice(0, 64))}; every message goes in the event "${CLIENT_EVENT}"`,
      });
    });
    socket.on("disconnect", () => {
      this.detach(client);
      this.clients.delete(socket.id);
    });
  }

  private onInput(client: Client, payload: unknown): void {
    const now = Date.now();
    if (!client.limiter.take(now)) {
      if (now - client.lastRateErrorMs > 1000) {
        client.lastRateErrorMs = now;
        this.sendError(client, {
          type: "error",
          code: "rateLimited",
          message: `more than ${this.perSecond} messages a second; messages are being ignored`,
        });
      }
      return;
    }
    const parsed = parseClientInput(payload);
    if (!parsed.ok) {
      this.sendError(client, parsed.error);
      return;
    }
    try {
      this.dispatch(client, parsed.message);
    } catch (e) {
      console.error("live: a handler failed:", e);
      this.sendError(client, {
        type: "error",
        code: "internal",
        message: "the server could not handle this message",
        ...(parsed.message.requestId ? { requestId: parsed.message.requestId } : {}),
      });
    }
  }

  private dispatch(client: Client, msg: ClientMessage): void {
    const rid = msg.requestId ? { requestId: msg.requestId } : {};
    const refuse = (code: ErrorMessage["code"], message: string) =>
      this.sendError(client, { type: "error", code, message, ...rid });
    if (msg.type === "join") return this.join(client, msg);
    const run = client.run;
    if (!run) return refuse("notJoined", `join a run before sending "${msg.type}"`);
    if (OPERATOR_ONLY.has(msg.type)) {
      if (client.role !== "operator")
        return refuse(
          "forbidden",
          `only the run's operator may send "${msg.type}"; you are a viewer`,
        );
      if ("runId" in msg && msg.runId !== run.id)
        return refuse("notJoined", `you joined run ${run.id}, not ${msg.runId}`);
      if (!acceptsWhen(msg.type, run.status))
        return refuse("runEnded", `the run has ${run.status}; it takes no more "${msg.type}"`);
    }
    switch (msg.type) {
      case "leave":
        this.detach(client);
        this.send(client, { type: "ack", ...rid, of: "leave" });
        return;
      case "command": {
        const result = run.command(msg.command, msg.requestId);
        // The answer waits until the command is stored (durable before it is acknowledged);
        // the simulation does not wait, and a database that is gone only delays nothing.
        if (result.ok) void run.stored().then(() => this.send(client, result));
        else this.send(client, result);
        // The tick carries the command's effect to every viewer right away.
        this.manager.requestTick(run, "command");
        this.manager.kickWork();
        return;
      }
      case "pause":
        run.pause();
        return this.pacingChanged(client, run, msg);
      case "resume":
        run.resume();
        return this.pacingChanged(client, run, msg);
      case "step":
        run.step(msg.by);
        return this.pacingChanged(client, run, msg);
      case "speed":
        run.setSpeed(msg.speed);
        return this.pacingChanged(client, run, msg);
      case "history":
        this.send(client, run.history(msg.eventId, msg.requestId));
        return;
      case "logRange": {
        const result = run.logRange(msg.p, msg.r, msg.from, msg.count, msg.requestId);
        if (!result) return refuse("notFound", `no replica ${msg.r} of partition ${msg.p}`);
        this.send(client, result);
        return;
      }
      case "seek": {
        const result = run.seek(msg.toMs);
        if (!result.ok) return refuse("outOfRange", result.message);
        this.send(client, { type: "ack", ...rid, of: "seek", atMs: result.atMs });
        // Every viewer's state is now another time's: each gets a fresh snapshot.
        for (const c of this.byRun.get(run.id) ?? []) this.sendSnapshot(c);
        this.manager.requestTick(run);
        return;
      }
      case "fork":
        return this.fork(client, run, msg.atMs, msg.requestId);
      case "advance":
        void run.advanceBy(msg.ms).then((atMs) => {
          this.send(client, { type: "ack", ...rid, of: "advance", atMs });
          this.manager.requestTick(run);
        });
        this.manager.kickWork();
        this.manager.requestTick(run);
        return;
      default:
        assertNever(msg, "client message");
    }
  }

  private fork(client: Client, run: LiveRun, atMs: number, requestId?: string): void {
    const rid = requestId ? { requestId } : {};
    try {
      const made = this.manager.fork(run, atMs);
      this.send(client, {
        type: "forked",
        ...rid,
        runId: made.runId,
        operatorSecret: made.operatorSecret,
        parentRunId: run.id,
        atMs: made.run.info().nowMs,
      });
    } catch (e) {
      if (!isCreateRunError(e)) throw e;
      this.sendError(client, {
        type: "error",
        code: e.status === 400 ? "outOfRange" : "internal",
        message: e.message,
        ...rid,
      });
    }
  }

  private pacingChanged(client: Client, run: LiveRun, msg: ClientMessage): void {
    this.send(client, {
      type: "ack",
      ...(msg.requestId ? { requestId: msg.requestId } : {}),
      of: msg.type,
    });
    this.manager.kickWork();
    this.manager.requestTick(run);
  }

  private join(client: Client, msg: JoinMessage): void {
    const rid = msg.requestId ? { requestId: msg.requestId } : {};
    if (msg.v !== PROTOCOL_VERSION)
      return this.sendError(client, {
        type: "error",
        code: "unsupportedVersion",
        message: `this server speaks protocol version ${PROTOCOL_VERSION}, not ${msg.v}; reload the page`,
        ...rid,
      });
    const run = this.manager.get(msg.runId);
    if (!run)
      return this.sendError(client, {
        type: "error",
        code: "unknownRun",
        message: `no live run "${msg.runId}"`,
        ...rid,
      });
    if (msg.secret !== undefined && !secretMatches(run.secret, msg.secret))
      return this.sendError(client, {
        type: "error",
        code: "forbidden",
        message: "wrong operator secret; join without one to watch",
        ...rid,
      });
    this.detach(client);
    client.run = run;
    client.role = msg.secret !== undefined ? "operator" : "viewer";
    run.viewers++;
    let set = this.byRun.get(run.id);
    if (!set) this.byRun.set(run.id, (set = new Set()));
    set.add(client);
    this.sendSnapshot(client, msg.requestId);
  }

  private sendSnapshot(client: Client, requestId?: string): void {
    const run = client.run!;
    try {
      const snapshot = run.snapshot(client.role, requestId);
      client.cursor = snapshot.seq;
      this.stats.snapshots++;
      this.send(client, snapshot);
    } catch (e) {
      run.fail(e);
      this.sendError(client, {
        type: "error",
        code: "internal",
        message: `the run's state could not be read: ${(e as Error).message}`,
        ...(requestId ? { requestId } : {}),
      });
      this.send(client, { type: "runStatus", runId: run.id, status: run.status, error: run.error });
    }
  }

  private detach(client: Client): void {
    const run = client.run;
    if (!run) return;
    client.run = null;
    client.role = "viewer";
    this.byRun.get(run.id)?.delete(client);
    run.viewers = Math.max(0, run.viewers - 1);
    if (run.viewers === 0) run.markIdle();
  }

  /** Sends every drained viewer of a run the frame from its cursor to the newest tick. */
  private sendFrames(run: LiveRun): void {
    const clients = this.byRun.get(run.id);
    if (!clients || clients.size === 0) return;
    const latest = run.latestSeq;
    const byCursor = new Map<number, Client[]>();
    for (const c of clients) {
      if (c.cursor >= latest) continue;
      if (!this.isDrained(c.socket)) {
        this.stats.skipped++;
        continue;
      }
      const group = byCursor.get(c.cursor);
      if (group) group.push(c);
      else byCursor.set(c.cursor, [c]);
    }
    for (const [cursor, group] of byCursor) {
      const frame = run.frameSince(cursor);
      if (!frame) {
        for (const c of group) this.sendSnapshot(c);
        continue;
      }
      if (frame.seq - frame.from > 1) this.stats.coalesced += group.length;
      this.stats.frames += group.length;
      if (group.length === 1) group[0]!.socket.emit(SERVER_EVENT, frame);
      // A broadcast encodes the frame once for the whole group.
      else this.io.to(group.map((c) => c.socket.id)).emit(SERVER_EVENT, frame);
      for (const c of group) c.cursor = frame.seq;
    }
  }

  private sendStatus(run: LiveRun): void {
    const clients = this.byRun.get(run.id);
    if (!clients) return;
    for (const c of clients)
      this.send(c, { type: "runStatus", runId: run.id, status: run.status, error: run.error });
  }

  private onRunClosed(run: LiveRun): void {
    const clients = this.byRun.get(run.id);
    this.byRun.delete(run.id);
    for (const c of clients ?? []) {
      c.run = null;
      this.sendError(c, { type: "error", code: "unknownRun", message: `run ${run.id} was closed` });
    }
  }

  private send(client: Client, msg: ServerMessage): void {
    client.socket.emit(SERVER_EVENT, msg);
  }

  private sendError(client: Client, msg: ErrorMessage): void {
    this.stats.errors++;
    this.send(client, msg);
  }
}

/**
 * Operator messages a run takes in each status: a finished run can still be seeked back
 * (and then runs again) or forked; a failed one only forked (its past is still sound).
 */
function acceptsWhen(type: ClientMessage["type"], status: LiveRun["status"]): boolean {
  if (status === "running") return true;
  if (type === "fork") return true;
  return type === "seek" && status === "finished";
}

/** Whether a socket has written everything it was given: only then does it get another frame. */
function drained(socket: LiveSocket): boolean {
  const conn = socket.conn as unknown as {
    writeBuffer: unknown[];
    transport: { writable: boolean };
  };
  return conn.writeBuffer.length === 0 && conn.transport.writable;
}

/** Attaches the live layer to an HTTP server (the `createApplication(httpServer, deps)` pattern). */
export function createLiveServer(httpServer: HttpServer, deps: LiveServerDeps): LiveServer {
  return new LiveServer(httpServer, deps);
}
