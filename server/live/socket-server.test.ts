import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INCOMING_MESSAGE_BYTES, PROTOCOL_VERSION, type FrameMessage } from "../protocol";
import { TestClient, sleep, startTestServer, type TestServer } from "./test-helpers";

let server: TestServer;
const clients: TestClient[] = [];

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(server.url);
  clients.push(c);
  return c;
}

function newRun(paused = false) {
  return server.manager.create({ scenario: "replication-basics", paused });
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const c of clients) {
    expect(c.invalid, "every server message matches the protocol schema").toEqual([]);
    c.close();
  }
  await server.close();
});

describe("joining", () => {
  it("answers join with a snapshot of the whole run", async () => {
    const { runId, operatorSecret } = newRun();
    const c = await client();
    const snap = await c.join(runId, operatorSecret);
    expect(snap.v).toBe(PROTOCOL_VERSION);
    expect(snap.runId).toBe(runId);
    expect(snap.role).toBe("operator");
    expect(snap.scenario.name).toBe("replication-basics");
    expect(snap.topology.brokers).toBe(snap.scenario.brokers.count);
    expect(snap.parts).toHaveLength(snap.scenario.topic.partitions);
    expect(snap.checks.map((c) => c[0])).toContain("lostAckedWrites");
    expect(snap.status).toBe("running");
    const viewer = await client();
    expect((await viewer.join(runId)).role).toBe("viewer");
  });

  it("refuses a wrong secret, an unknown run and another protocol version", async () => {
    const { runId } = newRun();
    const c = await client();
    c.send({ type: "join", v: PROTOCOL_VERSION, runId, secret: "wrong", requestId: "a" });
    expect(await c.next("error")).toMatchObject({ code: "forbidden", requestId: "a" });
    c.send({ type: "join", v: PROTOCOL_VERSION, runId: "nope" });
    expect((await c.next("error")).code).toBe("unknownRun");
    c.send({ type: "join", v: PROTOCOL_VERSION + 1, runId });
    expect((await c.next("error")).code).toBe("unsupportedVersion");
    c.send({ type: "history", eventId: 1 });
    expect((await c.next("error")).code).toBe("notJoined");
    expect(c.socket.connected).toBe(true);
  });
});

describe("frames", () => {
  it("arrive at 10 to 20 a second, each continuing from the last", async () => {
    const { runId } = newRun();
    const c = await client();
    const snap = await c.join(runId);
    const frames = await c.collect("frame", 2000);
    // A starved event loop (simulation hogging it at max speed) would send a handful; the
    // bound leaves room for a loaded two-core machine (13 of 15 expected was seen at load 5).
    expect(frames.length).toBeGreaterThanOrEqual(10);
    expect(frames.length).toBeLessThanOrEqual(42);
    let seq = snap.seq;
    for (const f of frames) {
      expect(f.from).toBe(seq);
      expect(f.seq).toBeGreaterThan(f.from);
      seq = f.seq;
    }
    expect(frames[frames.length - 1]!.t).toBeGreaterThan(snap.t);
  });

  it("keep the same rate at max speed", async () => {
    const { runId, operatorSecret } = server.manager.create({
      scenario: "replication-basics",
      overrides: { durationMs: 3_600_000, "producer.stopMs": null },
    });
    const c = await client();
    await c.join(runId, operatorSecret);
    c.send({ type: "speed", speed: "max" });
    await c.next("ack");
    await sleep(300);
    const frames = await c.collect("frame", 2000);
    // A starved event loop (simulation hogging it at max speed) would send a handful; the
    // bound leaves room for a loaded two-core machine (13 of 15 expected was seen at load 5).
    expect(frames.length).toBeGreaterThanOrEqual(10);
    expect(frames.length).toBeLessThanOrEqual(42);
    // Far faster than real time, and still at most one frame a tick.
    expect(frames[frames.length - 1]!.t - frames[0]!.t).toBeGreaterThan(4000);
  });
});

describe("operator commands", () => {
  it("inject a fault whose effect shows in later frames, and end it", async () => {
    const { runId, operatorSecret } = newRun();
    const op = await client();
    await op.join(runId, operatorSecret);
    const viewer = await client();
    await viewer.join(runId);
    op.send({
      type: "command",
      requestId: "k1",
      command: { type: "injectFault", fault: { kind: "crash", target: "b1" } },
    });
    const result = await op.next("commandResult");
    expect(result).toMatchObject({ requestId: "k1", ok: true });
    const faultId = result.faultId!;
    const started = await viewer.next("frame", (f) =>
      (f.faultsStarted ?? []).some((x) => x.id === faultId),
    );
    expect(started.faultsStarted![0]!.fault).toMatchObject({ kind: "crash", target: "b1" });
    // b1 is node 0: it is down.
    const down = (f: FrameMessage) => (f.nodes ?? []).some((n) => n[0] === 0 && n[1] === 0);
    if (!down(started)) await viewer.next("frame", down);
    // The controller notices and elects new leaders: b1 leads nothing after a while.
    await viewer.next("frame", (f) => (f.parts ?? []).some((p) => p.l !== undefined && p.l !== 0));
    op.send({ type: "command", command: { type: "endFault", faultId } });
    expect((await op.next("commandResult")).ok).toBe(true);
    await viewer.next("frame", (f) => (f.faultsEnded ?? []).some(([id]) => id === faultId));
  });

  it("answers a command the engine refuses with its reason", async () => {
    const { runId, operatorSecret } = newRun();
    const op = await client();
    await op.join(runId, operatorSecret);
    op.send({ type: "command", command: { type: "endFault", faultId: "none" } });
    const r = await op.next("commandResult");
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe("unknownFault");
  });

  it("paces: pause holds virtual time, step moves it by 100 ms", async () => {
    const { runId, operatorSecret } = newRun();
    const op = await client();
    await op.join(runId, operatorSecret);
    op.send({ type: "pause" });
    await op.next("ack");
    const paused = await op.next("frame", (f) => f.pacing?.paused === true);
    await sleep(300);
    const later = (await op.collect("frame", 300)).pop()!;
    expect(later.t).toBe(paused.t);
    op.send({ type: "step", by: "100ms" });
    await op.next("ack");
    await op.next("frame", (f) => f.t >= paused.t + 100);
    op.send({ type: "step", by: "event" });
    await op.next("ack");
    op.send({ type: "speed", speed: 1000 });
    expect((await op.next("error")).code).toBe("malformed");
    op.send({ type: "resume" });
    await op.next("frame", (f) => f.t > paused.t + 200);
  });
});

describe("requests", () => {
  it("answer a message history and a log range", async () => {
    const { runId } = newRun();
    const c = await client();
    await c.join(runId);
    await c.next("frame", (f) => f.t > 500);
    c.send({ type: "history", eventId: 0, requestId: "h" });
    const h = await c.next("history");
    expect(h).toMatchObject({ requestId: "h", eventId: 0 });
    expect(h.event?.producer).toBe("payments");
    expect(h.steps.map((s) => s.kind)).toContain("produced");
    c.send({ type: "logRange", p: 0, r: 1, from: 0, count: 5, requestId: "l" });
    const l = await c.next("logRange");
    expect(l.recs.length).toBeGreaterThan(0);
    expect(l.recs[0]).toHaveLength(8);
    c.send({ type: "logRange", p: 9, r: 0, from: 0, count: 5, requestId: "x" });
    expect(await c.next("error")).toMatchObject({ code: "notFound", requestId: "x" });
  });
});

describe("bad input", () => {
  it("gets typed errors; the connection stays and the run is unaffected", async () => {
    const { runId, operatorSecret } = newRun();
    const op = await client();
    await op.join(runId, operatorSecret);
    const c = await client();
    await c.join(runId);
    const run = server.manager.get(runId)!;
    const cases: [unknown, string][] = [
      ["just a string", "malformed"],
      [42, "malformed"],
      [null, "malformed"],
      [[1, 2, 3], "malformed"],
      [{ no: "type" }, "malformed"],
      [{ type: "launchMissiles" }, "unknownType"],
      [{ type: "history", eventId: -1 }, "malformed"],
      [{ type: "history", eventId: 1, extra: true }, "malformed"],
      [{ type: "join", v: PROTOCOL_VERSION }, "malformed"],
      [{ type: "history", eventId: 1, pad: "x".repeat(MAX_INCOMING_MESSAGE_BYTES) }, "tooLarge"],
      [{ type: "pause" }, "forbidden"],
      [{ type: "speed", speed: "max" }, "forbidden"],
      [
        {
          type: "command",
          command: { type: "injectFault", fault: { kind: "crash", target: "b1" } },
        },
        "forbidden",
      ],
    ];
    for (const [message, code] of cases) {
      c.send(message);
      const e = await c.next("error");
      expect(e.code, JSON.stringify(message).slice(0, 80)).toBe(code);
    }
    c.socket.emit("someOtherEvent", { type: "join" });
    expect((await c.next("error")).code).toBe("unknownEvent");
    expect(c.socket.connected).toBe(true);
    // Nothing reached the run: no command was applied, it keeps running, frames keep coming.
    expect(run.sim.commandLog).toEqual([]);
    expect(run.sim.faults.active).toEqual([]);
    expect(run.status).toBe("running");
    expect(run.pacing()).toEqual({ paused: false, speed: 1 });
    const before = (await c.next("frame")).t;
    await c.next("frame", (f) => f.t > before);
  });

  it("limits the message rate without closing the connection", async () => {
    const { runId } = newRun();
    const c = await client();
    await c.join(runId);
    for (let i = 0; i < 300; i++) c.send({ type: "history", eventId: 0 });
    await c.next("error", (e) => e.code === "rateLimited");
    expect(c.socket.connected).toBe(true);
    await sleep(1500);
    c.send({ type: "history", eventId: 0, requestId: "after" });
    await c.next("history", (h) => h.requestId === "after");
  });
});

describe("reconnecting", () => {
  it("gets a fresh snapshot", async () => {
    const { runId } = newRun();
    const c = await TestClient.connect(server.url, { reconnection: true });
    clients.push(c);
    const first = await c.join(runId);
    // After a reconnection the client joins again, as a browser does on "connect".
    c.socket.on("connect", () =>
      c.send({ type: "join", v: PROTOCOL_VERSION, runId, requestId: "rejoin" }),
    );
    await c.next("frame");
    c.socket.io.engine.close();
    const again = await c.next("snapshot", (s) => s.requestId === "rejoin", 10_000);
    expect(again.seq).toBeGreaterThan(first.seq);
    expect(again.t).toBeGreaterThanOrEqual(first.t);
    const f = await c.next("frame");
    expect(f.from).toBe(again.seq);
  });
});
