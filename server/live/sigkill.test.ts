import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import {
  createRunResponseSchema,
  replayResponseSchema,
  runListResponseSchema,
  type CommandResultMessage,
} from "../protocol";
import { TestClient } from "./test-helpers";

/**
 * Runs that last, end to end: the real server process (`tsx server/main.ts`) on a free
 * port with a temporary SQLite file. A run gets operator commands over socket.io, the
 * process is killed with SIGKILL (no shutdown handler runs), and a new process on the same
 * file lists the run as interrupted and replays it to the trace hash the original had
 * right after its last command.
 */
const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "convergence-lab-kill-"));
const databaseUrl = `file:${path.join(dir, "kill.db")}`;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the server and resolves with its URL once it says it is ready. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, DEMO_RUN: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 90_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /ready on (http:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!.replace(/\/$/, "") });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
}

async function http(url: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(90_000) });
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

it("a run survives SIGKILL: listed as interrupted, replayed to the hash of its last command", async () => {
  const first = await startServer();
  const created = createRunResponseSchema.parse(
    await http(`${first.url}/api/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "acks-failover", seed: 5, paused: true }),
    }),
  );
  const op = await TestClient.connect(first.url);
  await op.join(created.runId, created.operatorSecret);
  const commands: unknown[] = [
    { type: "injectFault", id: "op-b1", fault: { kind: "crash", target: "b1", mode: "kill" } },
    { type: "setProducer", producer: "payments", ratePerSec: 120 },
    { type: "endFault", faultId: "op-b1" },
    { type: "injectFault", fault: { kind: "partition", sides: [["b1"], ["b2", "b3"]] } },
  ];
  const results: CommandResultMessage[] = [];
  for (const [i, command] of commands.entries()) {
    op.send({ type: "advance", runId: created.runId, ms: 700 + 100 * i, requestId: `a${i}` });
    await op
      .next("ack", (m) => m.requestId === `a${i}`, 20_000)
      .catch((e: Error) => {
        const others = op.messages.filter((m) => m.type !== "frame" && m.type !== "snapshot");
        throw new Error(`advance ${i}: ${e.message.slice(0, 60)}; ${JSON.stringify(others)}`);
      });
    op.send({ type: "command", command, requestId: `c${i}` });
    const result = await op.next("commandResult", (m) => m.requestId === `c${i}`, 20_000);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    results.push(result);
  }
  expect(op.invalid).toEqual([]);
  // The run goes on past its last command, then the process dies without a word.
  op.send({ type: "resume" });
  await op.next("ack", (m) => m.of === "resume");
  op.close();
  first.child.kill("SIGKILL");
  await new Promise((r) => first.child.once("exit", r));

  const second = await startServer();
  const list = runListResponseSchema.parse(await http(`${second.url}/api/runs?status=interrupted`));
  const listed = list.items.find((r) => r.id === created.runId);
  expect(listed).toMatchObject({ status: "interrupted", live: false, seed: 5 });
  const replay = replayResponseSchema.parse(
    await http(`${second.url}/api/runs/${created.runId}/replay`),
  );
  const last = results[results.length - 1]!;
  expect(replay.commands).toBe(commands.length);
  expect(replay.untilMs).toBe(last.atMs);
  expect(replay.replayedTraceHash).toBe(last.traceHash);
  second.child.kill("SIGTERM");
}, 300_000);
