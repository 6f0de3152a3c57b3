import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScenarios } from "../scenarios";
import type { Scenario } from "../sim/scenario";
import { createClient } from "./client";
import { appliedMigrations, committedMigrations, pendingMigrations } from "./migrate";
import { resolveDatabaseTarget } from "./target";
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  openDatabase,
  type CommandEntry,
  type Database,
  type StoredCheckResults,
} from ".";
import type { TestDatabase } from "./test-support";

/**
 * The repository tests, run once per database (sqlite.test.ts, postgres.test.ts): the same
 * behaviour is expected of both.
 */

const basics = (): Scenario => builtinScenarios()[0]!;

const userScenario = (name: string, patch: Record<string, unknown> = {}) => ({
  name,
  title: `My ${name}`,
  teaches: "how a user scenario is stored",
  durationMs: 5000,
  producers: [{ id: "p1", ratePerSec: 20 }],
  groups: [{ id: "g1" }],
  ...patch,
});

const endFault = (faultId: string, atMs: number): CommandEntry => ({
  atMs,
  command: { type: "endFault", faultId },
});

const crash = (atMs: number): CommandEntry => ({
  atMs,
  command: { type: "injectFault", fault: { kind: "crash", target: "b2", mode: "kill" } },
});

export function defineRepositoryTests(label: string, makeDatabase: () => Promise<TestDatabase>) {
  describe(`repositories on ${label}`, () => {
    let target: TestDatabase;
    let db: Database;

    beforeAll(async () => {
      target = await makeDatabase();
      db = await openDatabase({ url: target.url });
    });

    afterAll(async () => {
      await db?.close();
      await target?.cleanup();
    });

    describe("migrations", () => {
      it("apply on an empty database when it is first opened, and only then", async () => {
        const t = resolveDatabaseTarget(target.url);
        const client = await createClient(t);
        try {
          expect(await appliedMigrations(client, t.provider)).toEqual(committedMigrations(t));
          expect(await pendingMigrations(client, t)).toEqual([]);
          const again = await openDatabase({ url: target.url });
          await again.close();
        } finally {
          await client.$disconnect();
        }
      });
    });

    describe("scenarios", () => {
      it("holds the built-ins in teaching order, seeded once", async () => {
        const list = await db.scenarios.list();
        const builtins = list.filter((s) => s.builtin).map((s) => s.name);
        expect(builtins).toEqual(builtinScenarios().map((s) => s.name));
        expect(list[0]!.scenario).toEqual(basics());
        expect(await db.scenarios.seedBuiltins()).toBe(0);
      });

      it("creates, reads, edits and deletes a user scenario, validated by parseScenario", async () => {
        const created = await db.scenarios.create(userScenario("my-lab"));
        expect(created).toMatchObject({ name: "my-lab", title: "My my-lab", builtin: false });
        expect(created.scenario.topic.partitions).toBe(3); // defaults filled in
        const updated = await db.scenarios.update(
          "my-lab",
          userScenario("my-lab", { title: "Renamed" }),
        );
        expect(updated.title).toBe("Renamed");
        expect((await db.scenarios.get("my-lab"))!.scenario.title).toBe("Renamed");
        expect((await db.scenarios.list()).at(-1)!.name).toBe("my-lab");
        await db.scenarios.delete("my-lab");
        expect(await db.scenarios.get("my-lab")).toBeNull();
      });

      it("refuses an invalid scenario, naming each failing field", async () => {
        const bad = userScenario("bad-one", {
          topic: { replicationFactor: 5 },
          durationMs: -1,
        });
        const error = await db.scenarios.create(bad).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidInputError);
        const paths = (error as InvalidInputError).issues.map((i) => i.path);
        expect(paths).toContain("scenario.durationMs");
        const crossField = await db.scenarios
          .create(userScenario("bad-two", { topic: { replicationFactor: 5 } }))
          .catch((e: unknown) => e);
        expect((crossField as InvalidInputError).issues.map((i) => i.path)).toContain(
          "scenario.topic.replicationFactor",
        );
        expect(await db.scenarios.get("bad-one")).toBeNull();
      });

      it("refuses duplicates, renames and edits of built-ins", async () => {
        await db.scenarios.create(userScenario("twice"));
        await expect(db.scenarios.create(userScenario("twice"))).rejects.toBeInstanceOf(
          ConflictError,
        );
        await expect(db.scenarios.create({ ...basics() })).rejects.toBeInstanceOf(ConflictError);
        await expect(db.scenarios.update("twice", userScenario("other"))).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        await expect(db.scenarios.update(basics().name, basics())).rejects.toBeInstanceOf(
          ConflictError,
        );
        await expect(db.scenarios.delete(basics().name)).rejects.toBeInstanceOf(ConflictError);
        await expect(db.scenarios.delete("nobody")).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe("runs", () => {
      it("creates a run with defaults and reads it back as plain data", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 42 });
        expect(run).toMatchObject({
          scenarioName: basics().name,
          seed: 42,
          status: "running",
          overrides: [],
          parentRunId: null,
          forkAtMs: null,
          virtualMs: 0,
          traceHash: null,
          summary: null,
          checks: null,
          title: `${basics().title} (seed 42)`,
        });
        expect(run.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
        expect(run.scenario).toEqual(basics());
        expect(Object.getPrototypeOf(run)).toBe(Object.prototype);
        expect(await db.runs.get(run.id)).toEqual(run);
        expect(await db.runs.get("no-such-run")).toBeNull();
        expect(await db.runs.get("not a valid id!")).toBeNull();
      });

      it("takes the live run's id, and refuses it twice", async () => {
        await db.runs.create({ id: "live-run-id_1", scenario: basics(), seed: 1 });
        await expect(
          db.runs.create({ id: "live-run-id_1", scenario: basics(), seed: 1 }),
        ).rejects.toBeInstanceOf(ConflictError);
      });

      it("refuses bad input, naming the fields", async () => {
        const error = await db.runs
          .create({ scenario: basics(), seed: -1, status: "lost" as never })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).issues.map((i) => i.path).sort()).toEqual([
          "seed",
          "status",
        ]);
        await expect(
          db.runs.create({ scenario: { ...basics(), durationMs: "long" }, seed: 1 }),
        ).rejects.toBeInstanceOf(InvalidInputError);
        await expect(
          db.runs.create({ scenario: basics(), seed: 1, commands: [crash(2000), crash(1000)] }),
        ).rejects.toBeInstanceOf(InvalidInputError);
      });

      it("updates status, outcome and title", async () => {
        const run = await db.runs.create({
          scenario: basics(),
          seed: 3,
          overrides: [{ path: "producer.acks", value: 1 }],
        });
        const checks = Object.fromEntries(
          [
            "lostAckedWrites",
            "logDuplicates",
            "lostEffects",
            "duplicateEffects",
            "orderViolations",
            "replicaDivergence",
            "projectionDivergence",
          ].map((n, i) => [n, { count: i, examples: i > 0 ? [i * 10] : [] }]),
        ) as StoredCheckResults;
        const summary = {
          events: 1234,
          converged: true,
          convergedAtMs: 900,
          lastFaultEndedMs: null,
          timeToConvergeMs: null,
          notConvergedBecause: [],
          expectation: { met: true, failures: [] },
          error: null,
          metrics: { atMs: 1000, network: { sent: 5 } },
        };
        const updated = await db.runs.update(run.id, {
          status: "ended",
          virtualMs: 1000,
          traceHash: "0123456789abcdef",
          summary,
          checks,
          title: "Renamed run",
        });
        expect(updated).toMatchObject({
          status: "ended",
          virtualMs: 1000,
          traceHash: "0123456789abcdef",
          summary,
          checks,
          title: "Renamed run",
        });
        expect(updated.overrides).toEqual([{ path: "producer.acks", value: 1 }]);
        expect(await db.runs.get(run.id)).toEqual(updated);
        await expect(db.runs.update("missing", { status: "ended" })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(db.runs.update(run.id, { status: "gone" as never })).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        const page = await db.runs.list({ text: "renamed run" });
        expect(page.items.map((r) => r.id)).toEqual([run.id]);
        expect(page.items[0]!.verdicts).toEqual(
          Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v.count])),
        );
      });

      it("lists newest first with filters by scenario, status, text and parent, and pages", async () => {
        const other = await db.scenarios.create(userScenario("list-probe"));
        const made: string[] = [];
        for (let i = 0; i < 7; i++) {
          const run = await db.runs.create({
            scenario: i % 2 === 0 ? other.scenario : basics(),
            seed: 100 + i,
            title: i === 3 ? "100% Special_Case \\ one" : `List probe ${i}`,
            status: i < 4 ? "ended" : "failed",
          });
          made.push(run.id);
        }
        const mine = (ids: string[]) => ids.filter((id) => made.includes(id));
        const all = await db.runs.list({ limit: 200 });
        expect(mine(all.items.map((r) => r.id))).toEqual([...made].reverse());
        expect(all.items[0]).not.toHaveProperty("scenario");

        const byScenario = await db.runs.list({ scenario: "list-probe" });
        expect(byScenario.items.map((r) => r.id)).toEqual([made[6], made[4], made[2], made[0]]);
        expect(byScenario.total).toBe(4);

        const failed = await db.runs.list({ scenario: "list-probe", status: "failed" });
        expect(failed.items.map((r) => r.id)).toEqual([made[6], made[4]]);
        const either = await db.runs.list({ scenario: "list-probe", status: ["failed", "ended"] });
        expect(either.total).toBe(4);
        const bySeed = await db.runs.list({ scenario: "list-probe", seed: 104 });
        expect(bySeed.items.map((r) => r.id)).toEqual([made[4]]);

        expect((await db.runs.list({ text: "LIST-PROBE" })).total).toBe(4); // scenario name
        expect((await db.runs.list({ text: "special_case" })).items.map((r) => r.id)).toEqual([
          made[3],
        ]);
        expect((await db.runs.list({ text: "100%" })).items.map((r) => r.id)).toEqual([made[3]]);
        expect((await db.runs.list({ text: "%" })).items.map((r) => r.id)).toEqual([made[3]]);
        expect((await db.runs.list({ text: "_" })).items.map((r) => r.id)).toEqual([made[3]]);
        expect((await db.runs.list({ text: "\\" })).items.map((r) => r.id)).toEqual([made[3]]);

        const page1 = await db.runs.list({ scenario: "list-probe", limit: 3 });
        const page2 = await db.runs.list({ scenario: "list-probe", limit: 3, offset: 3 });
        expect(page1).toMatchObject({ total: 4, limit: 3, offset: 0 });
        expect([...page1.items, ...page2.items].map((r) => r.id)).toEqual(
          byScenario.items.map((r) => r.id),
        );

        await expect(db.runs.list({ limit: 0 })).rejects.toBeInstanceOf(InvalidInputError);
        await expect(db.runs.list({ status: "nope" as never })).rejects.toBeInstanceOf(
          InvalidInputError,
        );
      });

      it("marks runs cut off by a server stop as interrupted, with a note", async () => {
        const live = await db.runs.create({ scenario: basics(), seed: 31, commands: [crash(5)] });
        const paused = await db.runs.create({ scenario: basics(), seed: 33, status: "paused" });
        const ended = await db.runs.create({ scenario: basics(), seed: 32, status: "ended" });
        expect(await db.runs.interruptRunning()).toBeGreaterThanOrEqual(2);
        expect(await db.runs.get(live.id)).toMatchObject({
          status: "interrupted",
          error: "the server stopped while this run was live",
        });
        expect((await db.runs.get(paused.id))!.status).toBe("interrupted");
        expect((await db.runs.get(ended.id))!.status).toBe("ended");
        expect((await db.runs.list({ status: "interrupted" })).total).toBeGreaterThanOrEqual(2);
        expect(await db.commands.count(live.id)).toBe(1);
        expect((await db.runs.list({ status: "running" })).total).toBe(0);
      });

      it("deletes a run with its commands; its forks stay, unlinked", async () => {
        const parent = await db.runs.create({
          scenario: basics(),
          seed: 5,
          commands: [crash(100)],
        });
        const child = await db.runs.fork(parent.id, { forkAtMs: 500 });
        expect(await db.runs.delete(parent.id)).toBe(true);
        expect(await db.runs.delete(parent.id)).toBe(false);
        expect(await db.runs.get(parent.id)).toBeNull();
        expect(await db.commands.list(parent.id)).toEqual([]);
        const orphan = await db.runs.get(child.id);
        expect(orphan).toMatchObject({ parentRunId: null, forkAtMs: 500 });
        expect(await db.commands.count(child.id)).toBe(1);
      });
    });

    describe("command log", () => {
      it("appends commands in order and lists them back, normalised", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 9 });
        await db.commands.append(run.id, 0, crash(1000));
        await db.commands.append(run.id, 1, endFault("op-1", 1500.5));
        await db.commands.append(run.id, 2, {
          atMs: 2000,
          command: { type: "replay", group: "g1" },
        });
        const log = await db.commands.list(run.id);
        expect(log).toEqual([
          { seq: 0, ...crash(1000) },
          { seq: 1, ...endFault("op-1", 1500.5) },
          { seq: 2, atMs: 2000, command: { type: "replay", group: "g1", fixBug: true } },
        ]);
        expect(await db.commands.list(run.id, { untilMs: 1500.5 })).toHaveLength(2);
        expect(await db.commands.count(run.id)).toBe(3);
      });

      it("truncates a log to its first commands, and numbering goes on from there", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 11 });
        for (let seq = 0; seq < 4; seq++) await db.commands.append(run.id, seq, crash(100 * seq));
        expect(await db.commands.truncate(run.id, 2)).toBe(2);
        await db.commands.append(run.id, 2, crash(150));
        expect((await db.commands.list(run.id)).map((c) => [c.seq, c.atMs])).toEqual([
          [0, 0],
          [1, 100],
          [2, 150],
        ]);
        expect(await db.commands.truncate(run.id, 5)).toBe(0);
        await expect(db.commands.truncate(run.id, -1)).rejects.toBeInstanceOf(InvalidInputError);
      });

      it("refuses a repeated number, an unknown run and an invalid command", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 10 });
        await db.commands.append(run.id, 0, crash(10));
        await expect(db.commands.append(run.id, 0, crash(20))).rejects.toBeInstanceOf(
          ConflictError,
        );
        await expect(db.commands.append("no-such-run", 0, crash(20))).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(
          db.commands.append(run.id, 1, { atMs: 30, command: { type: "explode" } } as never),
        ).rejects.toBeInstanceOf(InvalidInputError);
        await expect(db.commands.append(run.id, -1, crash(30))).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        expect(await db.commands.count(run.id)).toBe(1);
      });

      it("records through a recorder that numbers and orders the writes", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 11 });
        const recorder = db.commands.recorder(run.id);
        const writes = Array.from({ length: 20 }, (_, i) => recorder.record(crash(i * 10)));
        await Promise.all(writes);
        expect(recorder.nextSeq).toBe(20);
        const log = await db.commands.list(run.id);
        expect(log.map((c) => [c.seq, c.atMs])).toEqual(
          Array.from({ length: 20 }, (_, i) => [i, i * 10]),
        );
        const failing = db.commands.recorder("no-such-run");
        await expect(failing.record(crash(1))).rejects.toBeInstanceOf(NotFoundError);
        await failing.flush();
      });

      it("keeps appending while other writes are in flight (no lock waits between connections)", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 13, commands: [crash(1)] });
        const recorder = db.commands.recorder(run.id, 1);
        const started = performance.now();
        await Promise.all([
          ...Array.from({ length: 30 }, (_, i) => recorder.record(endFault(`f${i}`, 10 + i))),
          ...Array.from({ length: 5 }, (_, i) => db.runs.fork(run.id, { forkAtMs: 20 + i })),
          ...Array.from({ length: 5 }, (_, i) =>
            db.runs.create({ scenario: basics(), seed: 200 + i, commands: [crash(5), crash(6)] }),
          ),
          db.runs.update(run.id, { status: "paused" }),
        ]);
        expect(performance.now() - started).toBeLessThan(4000); // a lock wait would take 5 s
        expect(await db.commands.count(run.id)).toBe(31);
      });

      it("survives closing and reopening the database", async () => {
        const run = await db.runs.create({ scenario: basics(), seed: 12 });
        const recorder = db.commands.recorder(run.id);
        for (let i = 0; i < 5; i++) await recorder.record(endFault(`f${i}`, 100 * i));
        const before = await db.commands.list(run.id);
        await db.close();
        db = await openDatabase({ url: target.url });
        expect(await db.commands.list(run.id)).toEqual(before);
        expect((await db.runs.get(run.id))!.seed).toBe(12);
        const resumed = db.commands.recorder(run.id, await db.commands.count(run.id));
        await resumed.record(endFault("f5", 600));
        expect((await db.commands.list(run.id)).map((c) => c.seq)).toEqual([0, 1, 2, 3, 4, 5]);
      });
    });

    describe("fork", () => {
      it("makes a paused run linked to its parent, with the parent's commands up to forkAtMs", async () => {
        const parent = await db.runs.create({
          scenario: basics(),
          seed: 21,
          overrides: [{ path: "producer.ratePerSec", value: 10 }],
          commands: [crash(1000), endFault("op-1", 2000), crash(3000)],
        });
        const child = await db.runs.fork(parent.id, { forkAtMs: 2000 });
        expect(child).toMatchObject({
          parentRunId: parent.id,
          forkAtMs: 2000,
          virtualMs: 2000,
          status: "paused",
          seed: 21,
          overrides: parent.overrides,
          traceHash: null,
          title: `${parent.title} · fork at 2 s`,
        });
        expect(child.scenario).toEqual(parent.scenario);
        expect(child.id).not.toBe(parent.id);
        expect(await db.commands.list(child.id)).toEqual([
          { seq: 0, ...crash(1000) },
          { seq: 1, ...endFault("op-1", 2000) },
        ]);
        // The fork takes different commands from there on; the parent keeps its own.
        await db.commands.append(child.id, 2, endFault("other", 2500));
        expect(await db.commands.count(parent.id)).toBe(3);
        expect((await db.runs.list({ parentRunId: parent.id })).items.map((r) => r.id)).toEqual([
          child.id,
        ]);
        const named = await db.runs.fork(parent.id, {
          forkAtMs: 0,
          id: "my-fork",
          title: "From the start",
        });
        expect(named).toMatchObject({ id: "my-fork", title: "From the start" });
        expect(await db.commands.count("my-fork")).toBe(0);
      });

      it("refuses a fork of a missing run or past the end", async () => {
        const parent = await db.runs.create({ scenario: basics(), seed: 22 });
        await expect(db.runs.fork("missing", { forkAtMs: 10 })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(
          db.runs.fork(parent.id, { forkAtMs: basics().durationMs + 1 }),
        ).rejects.toBeInstanceOf(InvalidInputError);
        await expect(db.runs.fork(parent.id, { forkAtMs: -5 })).rejects.toBeInstanceOf(
          InvalidInputError,
        );
      });
    });
  });
}
