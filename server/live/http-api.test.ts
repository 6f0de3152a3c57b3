import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRunResponseSchema,
  httpErrorSchema,
  openedRunResponseSchema,
  replayResponseSchema,
  runDetailResponseSchema,
  runListResponseSchema,
  scenarioDetailSchema,
  scenarioListResponseSchema,
} from "../protocol";
import { openDatabase, type Database } from "../db";
import { sqliteTestDatabase, type TestDatabase } from "../db/test-support";
import { createRun, invalidJson } from "./http-api";
import {
  deleteRun,
  exportRunFile,
  forkRun,
  getRun,
  importRunFile,
  listRuns,
  openRun,
  replayRun,
} from "./http-runs";
import {
  createScenario,
  deleteScenario,
  getScenario,
  listScenarios,
  updateScenario,
} from "./http-scenarios";
import { RunManager } from "./run-manager";

/**
 * The route handlers' functions against a real SQLite database and a run manager that
 * stores its runs there, as server/main.ts wires them (without Next and the timers).
 */
let testDb: TestDatabase;
let db: Database;
let pending: Promise<Database>;
let manager: RunManager;

beforeAll(async () => {
  testDb = sqliteTestDatabase();
  db = await openDatabase({ url: testDb.url });
  pending = Promise.resolve(db);
  manager = new RunManager({ storage: db });
}, 60_000);

afterAll(async () => {
  manager.closeAll();
  await manager.flushStorage();
  await db.close();
  await testDb.cleanup();
});

const tiny = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  title: `Tiny ${name}`,
  teaches: "nothing",
  durationMs: 5000,
  producers: [{ id: "p" }],
  ...extra,
});

const paths = (body: unknown) => httpErrorSchema.parse(body).issues?.map((i) => i.path) ?? [];

/** A live run with two commands, stored as it goes. */
async function playedRun(seed = 7) {
  const created = await createRun(manager, { scenario: "replication-basics", seed }, pending);
  const { runId } = createRunResponseSchema.parse(created.body);
  const run = manager.get(runId)!;
  run.sim.runUntil(1200);
  const crash = run.command({
    type: "injectFault",
    id: "c1",
    fault: { kind: "crash", target: "b2" },
  });
  run.sim.runUntil(2500.5);
  const end = run.command({ type: "endFault", faultId: "c1" });
  await run.stored();
  return { runId, run, hashes: [crash.traceHash!, end.traceHash!] };
}

describe("scenarios", () => {
  it("lists built-ins then the user's, gives one whole, and keeps built-ins read-only", async () => {
    const made = await createScenario(pending, { scenario: tiny("my-tiny") });
    expect(made.status).toBe(201);
    expect(scenarioDetailSchema.parse(made.body)).toMatchObject({
      name: "my-tiny",
      builtin: false,
    });
    const list = scenarioListResponseSchema.parse((await listScenarios(pending)).body);
    expect(list.scenarios[0]!.builtin).toBe(true);
    expect(list.scenarios.at(-1)!.name).toBe("my-tiny");
    const one = await getScenario(pending, "replication-basics");
    expect(scenarioDetailSchema.parse(one.body).scenario.name).toBe("replication-basics");
    expect((await getScenario(pending, "nope")).status).toBe(404);

    const edited = await updateScenario(pending, "my-tiny", {
      scenario: tiny("my-tiny", { durationMs: 7000 }),
    });
    expect(scenarioDetailSchema.parse(edited.body).scenario.durationMs).toBe(7000);
    expect(
      (await updateScenario(pending, "replication-basics", { scenario: tiny("x") })).status,
    ).toBe(409);
    expect((await deleteScenario(pending, "replication-basics")).status).toBe(409);
    expect((await createScenario(pending, { scenario: tiny("replication-basics") })).status).toBe(
      409,
    );

    // A run can start from the user's scenario by name.
    const run = await createRun(manager, { scenario: "my-tiny", paused: true }, pending);
    expect(run.status).toBe(201);
    expect((await deleteScenario(pending, "my-tiny")).status).toBe(200);
    expect((await getScenario(pending, "my-tiny")).status).toBe(404);
  });

  it("answers 400 naming the failing fields of a scenario", async () => {
    const bad = await createScenario(pending, {
      scenario: tiny("bad-one", { topic: { partitions: 0 } }),
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body).some((p) => p.startsWith("scenario.topic.partitions"))).toBe(true);
    expect(paths((await createScenario(pending, { nope: 1 })).body)).toContain("scenario");
    expect((await createScenario(pending, "text")).status).toBe(400);
  });

  it("lists the built-ins, saying why, when storage is unavailable", async () => {
    const down = Promise.reject(Object.assign(new Error("the database is gone"), { status: 503 }));
    down.catch(() => undefined);
    const list = scenarioListResponseSchema.parse((await listScenarios(down)).body);
    expect(list.scenarios.length).toBe(12);
    expect(list.storageError).toContain("gone");
    const made = await createScenario(down, { scenario: tiny("later") });
    expect(made).toMatchObject({ status: 503 });
    expect((await createScenario(null, { scenario: tiny("later") })).status).toBe(503);
  });
});

describe("runs", () => {
  it("creates, lists with filters, gets and deletes runs; commands are stored as applied", async () => {
    const { runId, hashes } = await playedRun(11);
    const detail = runDetailResponseSchema.parse((await getRun(manager, pending, runId)).body);
    expect(detail.live).toMatchObject({ runId, seed: 11, status: "running", headMs: 2500.5 });
    expect(detail.stored).toMatchObject({ id: runId, status: "running", live: true });
    expect(detail.commands!.map((c) => c.atMs)).toEqual([1200, 2500.5]);

    const q = (s: string) => listRuns(manager, pending, new URLSearchParams(s));
    const bySeed = runListResponseSchema.parse((await q("seed=11")).body);
    expect(bySeed.items.map((i) => i.id)).toEqual([runId]);
    expect(bySeed.runs.map((r) => r.runId)).toContain(runId);
    expect(runListResponseSchema.parse((await q("status=ended,failed&seed=11")).body).total).toBe(
      0,
    );
    expect(runListResponseSchema.parse((await q("text=REPLICATION&seed=11")).body).total).toBe(1);
    expect(runListResponseSchema.parse((await q("q=zzz")).body).total).toBe(0);
    expect(runListResponseSchema.parse((await q("limit=1&offset=0")).body).items).toHaveLength(1);
    for (const bad of ["seed=-1", "status=exploded", "limit=0", "sort=name", "seed=x"])
      expect((await q(bad)).status, bad).toBe(400);
    expect(paths((await q("seed=x")).body)).toContain("seed");

    const replay = replayResponseSchema.parse(
      (await replayRun(pending, runId, new URLSearchParams("untilMs=2500.5"))).body,
    );
    expect(replay.replayedTraceHash).toBe(hashes[1]);

    expect((await deleteRun(manager, pending, runId)).status).toBe(200);
    expect(manager.get(runId)).toBeUndefined();
    expect((await getRun(manager, pending, runId)).status).toBe(404);
    expect((await deleteRun(manager, pending, runId)).status).toBe(404);
    expect((await getRun(manager, pending, "../etc")).status).toBe(400);
  });

  it("stores the outcome when a run ends, and replays to the same trace hash", async () => {
    const created = await createRun(
      manager,
      { scenario: "replication-basics", seed: 3, overrides: { durationMs: 3000 } },
      pending,
    );
    const { runId } = createRunResponseSchema.parse(created.body);
    const run = manager.get(runId)!;
    while (run.status === "running") run.advance(1000);
    await run.stored();
    const stored = (await db.runs.get(runId))!;
    expect(stored).toMatchObject({ status: "ended", virtualMs: 3000 });
    expect(stored.checks).not.toBeNull();
    const replay = replayResponseSchema.parse((await replayRun(pending, runId)).body);
    expect(replay.matches).toBe(true);
    expect(replay.outcome.checks).toEqual(stored.checks);
  });

  it("exports one file that imports elsewhere; refuses malformed, tampered and wrong-version files", async () => {
    const { runId } = await playedRun(21);
    const exported = await exportRunFile(pending, runId);
    if (!("text" in exported)) throw new Error(`export failed: ${JSON.stringify(exported.body)}`);
    expect(exported.filename).toMatch(/\.convergence-run\.json$/);
    const before = (await db.runs.list({ limit: 200 })).total;

    const refused = async (text: string, code: string) => {
      const answer = await importRunFile(manager, pending, text);
      expect(answer.status).toBe(400);
      expect(httpErrorSchema.parse(answer.body).code).toBe(code);
    };
    await refused("{not json", "malformed");
    const file = JSON.parse(exported.text) as Record<string, unknown>;
    await refused(JSON.stringify({ ...file, version: 2 }), "wrongVersion");
    await refused(JSON.stringify({ ...file, seed: 22 }), "tampered");
    await refused(JSON.stringify({ ...file, seed: "x" }), "malformed");
    expect((await db.runs.list({ limit: 200 })).total).toBe(before);

    const imported = await importRunFile(manager, pending, exported.text);
    expect(imported.status).toBe(201);
    expect((await db.runs.list({ limit: 200 })).total).toBe(before + 1);
  });

  it("forks a live run and a stored one; the fork is live, linked and replays its parent's past", async () => {
    const { runId, hashes } = await playedRun(31);
    const fork = openedRunResponseSchema.parse(
      (await forkRun(manager, pending, runId, { atMs: 2000 })).body,
    );
    expect(fork.run).toMatchObject({ parentRunId: runId, forkAtMs: 2000, status: "paused" });
    expect(fork.live).not.toBeNull();
    const live = manager.get(fork.live!.runId)!;
    expect(live.sim.now).toBe(2000);
    expect(live.commandLog).toHaveLength(1);
    expect((await db.commands.list(fork.run.id)).length).toBe(1);

    // A stored parent, not live: forked through the database, then opened live.
    manager.close(runId);
    const stored = openedRunResponseSchema.parse(
      (await forkRun(manager, pending, runId, { atMs: 2600, title: "later" })).body,
    );
    expect(stored.run).toMatchObject({ title: "later", forkAtMs: 2600 });
    const reopened = manager.get(stored.live!.runId)!;
    expect(reopened.sim.now).toBe(2600);
    const replay = replayResponseSchema.parse(
      (await replayRun(pending, stored.run.id, new URLSearchParams("untilMs=2500.5"))).body,
    );
    expect(replay.replayedTraceHash).toBe(hashes[1]);

    expect(paths((await forkRun(manager, pending, runId, { atMs: -1 })).body)).toContain("atMs");
    expect((await forkRun(manager, pending, "missing", { atMs: 1 })).status).toBe(404);
  });

  it("opens an interrupted run live again where it stopped", async () => {
    const { runId } = await playedRun(41);
    manager.close(runId, "test stop");
    await new Promise((r) => setTimeout(r, 50));
    expect((await db.runs.get(runId))!.status).toBe("interrupted");
    const opened = openedRunResponseSchema.parse((await openRun(manager, pending, runId)).body);
    expect(opened.run.status).toBe("paused");
    expect(manager.get(runId)!.sim.now).toBe(2500.5);
    expect((await openRun(manager, pending, runId)).status).toBe(409);
  });

  it("answers 400 naming the failing fields, 404, and 503 without storage or server", async () => {
    const cases: [unknown, string][] = [
      [{ scenario: "replication-basics", seed: "x" }, "seed"],
      [{ scenario: "replication-basics", extra: 1 }, "(body)"],
      [{}, "scenario"],
      [{ scenario: "replication-basics", overrides: { "producer.acks": 7 } }, "producers.0.acks"],
      [{ scenario: { name: "Bad Name" } }, "scenario.name"],
    ];
    for (const [body, path] of cases) {
      const answer = await createRun(manager, body, pending);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(paths(answer.body), JSON.stringify(body)).toContain(path);
    }
    expect((await createRun(manager, { scenario: "nope" }, pending)).status).toBe(404);
    expect((await createRun(null, { scenario: "replication-basics" })).status).toBe(503);
    expect(invalidJson("x").status).toBe(400);
    const list = runListResponseSchema.parse((await listRuns(manager, null)).body);
    expect(list.storageError).toContain("not stored");
    expect((await replayRun(null, "abc")).status).toBe(503);
    expect((await openRun(manager, null, "abc")).status).toBe(503);
  });
});
