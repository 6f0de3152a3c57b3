import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { runScenario } from "../sim/run";
import { startTestServer, TestClient, type TestServer } from "./test-helpers";

/**
 * seek, fork and advance over real sockets: exact positions, snapshots for every viewer,
 * a seek back that keeps the run's future until a new command replaces it, and refusals
 * that never touch the run.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function operatorOf(paused = true) {
  const { runId, operatorSecret } = server.manager.create({
    scenario: "replication-basics",
    seed: 4,
    paused,
  });
  const op = await TestClient.connect(server.url);
  await op.join(runId, operatorSecret);
  return { runId, op };
}

async function advance(op: TestClient, runId: string, ms: number, requestId: string) {
  op.send({ type: "advance", runId, ms, requestId });
  return (await op.next("ack", (m) => m.requestId === requestId, 20_000)).atMs;
}

describe("advance", () => {
  it("pauses, advances exactly, adds up, and acknowledges when there", async () => {
    const { runId, op } = await operatorOf(false);
    const run = server.manager.get(runId)!;
    // Whatever time the running run reached, advance goes exactly `ms` further from there.
    op.send({ type: "pause", requestId: "p" });
    await op.next("ack", (m) => m.requestId === "p");
    const from = run.sim.now;
    expect(await advance(op, runId, 250, "a1")).toBe(Math.round((from + 250) * 10) / 10);
    expect(run.pacer.paused).toBe(true);
    expect(await advance(op, runId, 0, "a0")).toBe(Math.round((from + 250) * 10) / 10);
    op.close();
  });
});

describe("seek", () => {
  it("rebuilds the exact state at a time, sends every viewer a snapshot, and keeps the future", async () => {
    const { runId, op } = await operatorOf();
    const viewer = await TestClient.connect(server.url);
    await viewer.join(runId);
    await advance(op, runId, 1000, "a1");
    op.send({
      type: "command",
      requestId: "c1",
      command: { type: "injectFault", id: "x", fault: { kind: "crash", target: "b2" } },
    });
    const c1 = await op.next("commandResult", (m) => m.requestId === "c1");
    await advance(op, runId, 2000, "a2");
    const run = server.manager.get(runId)!;
    const headHash = run.sim.hash.digest();

    op.send({ type: "seek", runId, toMs: 500, requestId: "s1" });
    expect((await op.next("ack", (m) => m.requestId === "s1")).atMs).toBe(500);
    const snap = await viewer.next("snapshot", (m) => m.t === 500);
    expect(snap.run.headMs).toBe(3000);
    expect(snap.pacing.paused).toBe(true);
    expect(run.sim.hash.digest()).toBe(runScenario(run.scenario, 4, { untilMs: 500 }).traceHash);

    // Forward again over the same log: the command comes back at its time, same state.
    await advance(op, runId, 2500, "a3");
    expect(run.sim.commandLog).toHaveLength(1);
    expect(run.sim.hash.digest()).toBe(headHash);

    // Back, then a new command: it replaces the future (log and head).
    op.send({ type: "seek", runId, toMs: 800, requestId: "s2" });
    await op.next("ack", (m) => m.requestId === "s2");
    op.send({
      type: "command",
      requestId: "c2",
      command: { type: "setProducer", producer: "payments", ratePerSec: 10 },
    });
    const c2 = await op.next("commandResult", (m) => m.requestId === "c2");
    expect(c2.ok).toBe(true);
    expect(run.commandLog.map((c) => c.command.type)).toEqual(["setProducer"]);
    expect(run.headMs).toBe(800);
    expect(c2.traceHash).toBe(
      runScenario(run.scenario, 4, { untilMs: 800, commands: run.commandLog }).traceHash,
    );
    expect(c1.traceHash).not.toBe(c2.traceHash);

    op.send({ type: "seek", runId, toMs: 5000, requestId: "s3" });
    expect((await op.next("error", (m) => m.requestId === "s3")).code).toBe("outOfRange");
    viewer.send({ type: "seek", runId, toMs: 100, requestId: "v" });
    expect((await viewer.next("error", (m) => m.requestId === "v")).code).toBe("forbidden");
    op.send({ type: "seek", runId: "someOtherRun", toMs: 100, requestId: "o" });
    expect((await op.next("error", (m) => m.requestId === "o")).code).toBe("notJoined");
    expect(op.invalid).toEqual([]);
    expect(viewer.invalid).toEqual([]);
    op.close();
    viewer.close();
  });
});

describe("fork", () => {
  it("starts a new live run from a point, linked to its parent, with its own secret", async () => {
    const { runId, op } = await operatorOf();
    await advance(op, runId, 1500, "a1");
    op.send({ type: "fork", runId, atMs: 1200, requestId: "f" });
    const forked = await op.next("forked", (m) => m.requestId === "f");
    expect(forked).toMatchObject({ parentRunId: runId, atMs: 1200 });
    const child = server.manager.get(forked.runId)!;
    expect(child.info()).toMatchObject({ parentRunId: runId, forkAtMs: 1200, nowMs: 1200 });
    expect(child.sim.hash.digest()).toBe(
      runScenario(child.scenario, 4, { untilMs: 1200 }).traceHash,
    );
    // The fork can be seeked before its fork point: it shares its parent's past.
    const forkOp = await TestClient.connect(server.url);
    await forkOp.join(forked.runId, forked.operatorSecret);
    forkOp.send({ type: "seek", runId: forked.runId, toMs: 300, requestId: "s" });
    expect((await forkOp.next("ack", (m) => m.requestId === "s")).atMs).toBe(300);
    expect(server.manager.get(runId)!.sim.now).toBe(1500);
    op.send({ type: "fork", runId, atMs: 99_999, requestId: "late" });
    expect((await op.next("error", (m) => m.requestId === "late")).code).toBe("outOfRange");
    op.close();
    forkOp.close();
  });
});

describe("bad input", () => {
  it("never crashes the server or touches the run", async () => {
    const { runId, op } = await operatorOf();
    await advance(op, runId, 400, "a");
    const run = server.manager.get(runId)!;
    const before = run.sim.hash.digest();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          type: fc.constantFrom("seek", "fork", "advance"),
          runId: fc.oneof(fc.constant(runId), fc.string()),
          toMs: fc.oneof(fc.double(), fc.string(), fc.constant(-1)),
          atMs: fc.oneof(fc.double({ min: -10, max: 1e12 }), fc.constant(null)),
          ms: fc.oneof(fc.double(), fc.constant(Number.NaN)),
        }),
        async (m) => {
          op.send(m);
        },
      ),
      { numRuns: 60 },
    );
    op.send({ type: "pause", requestId: "end" });
    await op.next("ack", (m) => m.requestId === "end", 20_000);
    // Valid ones among the junk may have moved it; none may have broken it.
    expect(run.status).not.toBe("failed");
    expect(typeof before).toBe("string");
    op.close();
  });
});
