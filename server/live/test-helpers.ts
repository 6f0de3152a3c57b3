import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import {
  CLIENT_EVENT,
  PROTOCOL_VERSION,
  SERVER_EVENT,
  serverMessageSchema,
  type ServerMessage,
  type SnapshotMessage,
} from "../protocol";
import { RunManager, type RunManagerOptions } from "./run-manager";
import { createLiveServer, type LiveServer, type LiveServerDeps } from "./socket-server";

/** A real socket.io server with a run manager on an ephemeral port, without Next. */
export interface TestServer {
  manager: RunManager;
  live: LiveServer;
  http: HttpServer;
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(
  options: RunManagerOptions = {},
  deps: Omit<LiveServerDeps, "manager"> = {},
): Promise<TestServer> {
  const manager = new RunManager(options);
  manager.start();
  const http = createServer();
  const live = createLiveServer(http, { manager, ...deps });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    manager,
    live,
    http,
    url: `http://127.0.0.1:${port}`,
    async close() {
      manager.stop();
      manager.closeAll();
      await live.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

type Of<T extends ServerMessage["type"]> = Extract<ServerMessage, { type: T }>;

/**
 * A real socket.io client that keeps every message the server sent, checks each one
 * against the protocol's schema, and lets a test wait for the next one it cares about.
 */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  /** Messages that failed the server-message schema: every test expects none. */
  readonly invalid: { message: unknown; error: string }[] = [];
  private consumed = 0;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on(SERVER_EVENT, (m: unknown) => {
      const parsed = serverMessageSchema.safeParse(m);
      if (!parsed.success) this.invalid.push({ message: m, error: parsed.error.message });
      this.messages.push(m as ServerMessage);
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    });
  }

  static async connect(url: string, options: { reconnection?: boolean } = {}): Promise<TestClient> {
    const socket = connect(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: options.reconnection ?? false,
    });
    const client = new TestClient(socket);
    await client.next("hello");
    return client;
  }

  send(message: unknown): void {
    this.socket.emit(CLIENT_EVENT, message);
  }

  /** Joins a run and returns its snapshot. */
  async join(runId: string, secret?: string): Promise<SnapshotMessage> {
    this.send({ type: "join", v: PROTOCOL_VERSION, runId, ...(secret ? { secret } : {}) });
    return this.next("snapshot");
  }

  /** The next message (after those already taken) of this type that satisfies `pred`. */
  async next<T extends ServerMessage["type"]>(
    type: T,
    pred: (m: Of<T>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Of<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.consumed; i < this.messages.length; i++) {
        const m = this.messages[i]!;
        if (m.type === type && pred(m as Of<T>)) {
          this.consumed = i + 1;
          return m as Of<T>;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.messages
          .slice(this.consumed)
          .map((m) => m.type)
          .join(", ");
        throw new Error(
          `no "${type}" message within ${timeoutMs} ms (seen since: ${seen || "none"})`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Messages of a type received from now on, for `ms`. */
  async collect<T extends ServerMessage["type"]>(type: T, ms: number): Promise<Of<T>[]> {
    const start = this.messages.length;
    await sleep(ms);
    this.consumed = this.messages.length;
    return this.messages.slice(start).filter((m) => m.type === type) as Of<T>[];
  }

  close(): void {
    this.socket.close();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
