import { afterAll, beforeAll, expect, it } from "vitest";
import { Simulation } from "../sim/engine";
import type { SimulationFactory } from "./live-run";
import { TestClient, startTestServer, type TestServer } from "./test-helpers";

/** Seed 666 builds a simulation whose runBudget throws on its tenth call: a bug outside the engine's own guard. */
const factory: SimulationFactory = (scenario, seed, onMessage) => {
  const sim = new Simulation(scenario, seed, { onMessage });
  if (seed === 666) {
    let calls = 0;
    const original = sim.runBudget.bind(sim);
    sim.runBudget = (untilMs, maxEvents) => {
      if (++calls === 10) throw new Error("runBudget exploded");
      return original(untilMs, maxEvents);
    };
  }
  return sim;
};

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ simulationFactory: factory });
});

afterAll(async () => {
  for (const c of clients) {
    expect(c.invalid).toEqual([]);
    c.close();
  }
  await server.close();
});

async function watch(runId: string, secret?: string) {
  const c = await TestClient.connect(server.url);
  clients.push(c);
  await c.join(runId, secret);
  return c;
}

async function keepsRunning(c: TestClient) {
  const t0 = (await c.next("frame")).t;
  await c.next("frame", (f) => f.t > t0 + 100);
}

it("a run whose simulation throws ends failed, its viewers get the error, another run goes on", async () => {
  const a = server.manager.create({ scenario: "replication-basics" });
  const b = server.manager.create({ scenario: "replication-basics" });
  const opA = await watch(a.runId, a.operatorSecret);
  const viewerA = await watch(a.runId);
  const viewerB = await watch(b.runId);
  const sim = server.manager.get(a.runId)!.sim;
  // A bug in a message handler, as the engine would meet it.
  sim.brokers[0]!.onMessage = () => {
    throw new Error("boom: a broker handler failed");
  };
  const status = await viewerA.next("runStatus");
  expect(status).toMatchObject({ runId: a.runId, status: "failed" });
  expect(status.error).toContain("boom");
  expect(viewerA.messages.some((m) => m.type === "frame" && m.status === "failed")).toBe(true);
  opA.send({ type: "pause", requestId: "p" });
  expect(await opA.next("error", (e) => e.requestId === "p")).toMatchObject({ code: "runEnded" });
  const late = await watch(a.runId);
  const snap = late.messages.find((m) => m.type === "snapshot")!;
  expect(snap).toMatchObject({ status: "failed" });
  expect(server.manager.info(a.runId)).toMatchObject({ status: "failed" });
  await keepsRunning(viewerB);
  expect(server.manager.info(b.runId)?.status).toBe("running");
});

it("a simulation call that throws fails only its run", async () => {
  const bad = server.manager.create({ scenario: "replication-basics", seed: 666 });
  const good = server.manager.create({ scenario: "replication-basics", seed: 1 });
  const viewerBad = await watch(bad.runId);
  const viewerGood = await watch(good.runId);
  const status = await viewerBad.next("runStatus");
  expect(status.error).toContain("runBudget exploded");
  await keepsRunning(viewerGood);
});

it("a command that throws inside the engine fails the run and says so", async () => {
  const r = server.manager.create({ scenario: "replication-basics" });
  const op = await watch(r.runId, r.operatorSecret);
  const sim = server.manager.get(r.runId)!.sim;
  sim.faults.start = () => {
    throw new Error("fault book broke");
  };
  op.send({
    type: "command",
    command: { type: "injectFault", fault: { kind: "pause", target: "b2" } },
  });
  const result = await op.next("commandResult");
  expect(result.ok).toBe(false);
  expect(result.error?.message).toContain("fault book broke");
  expect((await op.next("runStatus")).status).toBe("failed");
});
