import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScenarios } from "../scenarios";
import { runScenario } from "../sim/run";
import { openDatabase, type CommandEntry, type Database, type StoredRun } from "../db";
import type { TestDatabase } from "../db/test-support";
import {
  exportRun,
  importRun,
  RUN_FILE_VERSION,
  RunFileError,
  serializeRunFile,
  verifyRunFile,
  type RunFile,
} from "./export";
import { replayStoredRun } from "./replay";
import { outcomePatch } from "./summary";

/**
 * Replay, export and import against a real database (runs-sqlite.test.ts,
 * runs-postgres.test.ts). Runs are short stretches of the first built-in scenario with a
 * crash and its end as operator commands, so that the command log matters to the trace.
 */

const scenario = () => builtinScenarios()[0]!;

const commands: CommandEntry[] = [
  {
    atMs: 1500,
    command: {
      type: "injectFault",
      id: "op-crash",
      fault: { kind: "crash", target: "b2", mode: "kill" },
    },
  },
  { atMs: 3200, command: { type: "endFault", faultId: "op-crash" } },
  { atMs: 3900.5, command: { type: "setProducer", producer: "payments", ratePerSec: 80 } },
];

/** A live run as the run manager stores it: created, commands appended as applied, outcome at the end. */
async function storeRun(
  db: Database,
  untilMs: number,
  log: CommandEntry[] = commands,
  seed = 7,
): Promise<StoredRun> {
  const run = await db.runs.create({
    scenario: scenario(),
    seed,
    title: "Crash b2 and bring it back",
  });
  const recorder = db.commands.recorder(run.id);
  for (const entry of log) await recorder.record(entry);
  const result = runScenario(scenario(), seed, { untilMs, commands: log });
  return db.runs.update(run.id, outcomePatch(result, "ended"));
}

async function runCount(db: Database): Promise<number> {
  return (await db.runs.list({ limit: 1 })).total;
}

/** Refused, with the given code, and nothing written. */
async function expectRefused(
  db: Database,
  file: unknown,
  code: RunFileError["code"],
  message?: RegExp,
) {
  const before = await runCount(db);
  const error = await importRun(db, file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RunFileError);
  expect((error as RunFileError).code).toBe(code);
  if (message) expect((error as RunFileError).message).toMatch(message);
  expect(await runCount(db)).toBe(before);
  return error as RunFileError;
}

const clone = (file: RunFile): RunFile => JSON.parse(JSON.stringify(file)) as RunFile;

export function defineRunToolTests(label: string, makeDatabase: () => Promise<TestDatabase>) {
  describe(`replay, export and import on ${label}`, () => {
    let target: TestDatabase;
    let db: Database;
    let stored: StoredRun;
    let file: RunFile;

    beforeAll(async () => {
      target = await makeDatabase();
      db = await openDatabase({ url: target.url });
      stored = await storeRun(db, 6000);
      file = await exportRun(db, stored.id, new Date("2026-11-22T10:00:00Z"));
    });

    afterAll(async () => {
      await db?.close();
      await target?.cleanup();
    });

    it("replays a stored run to the trace hash it was stored with", async () => {
      const report = await replayStoredRun(db, stored.id);
      expect(report).toMatchObject({
        runId: stored.id,
        untilMs: 6000,
        commands: 3,
        storedTraceHash: stored.traceHash,
        replayedTraceHash: stored.traceHash,
        matches: true,
      });
      const without = runScenario(scenario(), 7, { untilMs: 6000 });
      expect(without.traceHash).not.toBe(stored.traceHash); // the commands are in the trace
    });

    it("replays a run whose server died mid-run up to its last stored command", async () => {
      const run = await db.runs.create({ scenario: scenario(), seed: 8 });
      for (const [seq, entry] of commands.entries()) await db.commands.append(run.id, seq, entry);
      const report = await replayStoredRun(db, run.id);
      expect(report.untilMs).toBe(3900.5);
      expect(report.matches).toBeNull();
      const live = runScenario(scenario(), 8, { untilMs: 3900.5, commands });
      expect(report.replayedTraceHash).toBe(live.traceHash);
    });

    it("exports one versioned file with everything that reproduces the run", async () => {
      expect(file).toMatchObject({
        format: "convergence-lab-run",
        version: RUN_FILE_VERSION,
        exportedAt: "2026-11-22T10:00:00.000Z",
        title: "Crash b2 and bring it back",
        status: "ended",
        sourceRunId: stored.id,
        seed: 7,
        overrides: [],
        virtualMs: 6000,
        traceHash: stored.traceHash,
        summary: stored.summary,
        checks: stored.checks,
      });
      expect(file.commands).toEqual(commands);
      expect(file.scenario).toEqual(scenario());
      expect(await verifyRunFile(serializeRunFile(file))).toEqual(file);
    });

    it("imports what it exported: the round trip gives the same run", async () => {
      const imported = await importRun(db, serializeRunFile(file));
      expect(imported.id).not.toBe(stored.id);
      const { id: _a, createdAt: _b, updatedAt: _c, ...rest } = imported;
      const { id: _d, createdAt: _e, updatedAt: _f, ...original } = stored;
      expect(rest).toEqual(original);
      expect(
        (await db.commands.list(imported.id)).map(({ atMs, command }) => ({ atMs, command })),
      ).toEqual(commands);
      const again = await exportRun(db, imported.id, new Date("2026-11-22T10:00:00Z"));
      expect({ ...again, sourceRunId: "x", createdAt: "x" }).toEqual({
        ...file,
        sourceRunId: "x",
        createdAt: "x",
      });
      const report = await replayStoredRun(db, imported.id);
      expect(report.matches).toBe(true);
    });

    it("exports a run that never reported its outcome by replaying it, and the file imports", async () => {
      const run = await db.runs.create({ scenario: scenario(), seed: 9 });
      for (const [seq, entry] of commands.entries()) await db.commands.append(run.id, seq, entry);
      const exported = await exportRun(db, run.id);
      expect(exported.virtualMs).toBe(3900.5);
      expect(exported.traceHash).toBe(
        runScenario(scenario(), 9, { untilMs: 3900.5, commands }).traceHash,
      );
      const imported = await importRun(db, exported);
      expect(imported.status).toBe("paused"); // it was running; nothing runs it here
    });

    it("refuses a tampered file and writes nothing", async () => {
      const seed = clone(file);
      seed.seed = 8;
      await expectRefused(db, seed, "tampered", /trace hash/);

      const moved = clone(file);
      moved.commands[0]!.atMs = 1400;
      await expectRefused(db, moved, "tampered", /does not reproduce/);

      const dropped = clone(file);
      dropped.commands.pop();
      await expectRefused(db, dropped, "tampered");

      const hash = clone(file);
      hash.traceHash = "0000000000000000";
      await expectRefused(db, hash, "tampered");

      const scenarioEdit = clone(file);
      const producers = (scenarioEdit.scenario as { producers: { ratePerSec: number }[] })
        .producers;
      producers[0]!.ratePerSec += 1;
      await expectRefused(db, scenarioEdit, "tampered");

      const summary = clone(file);
      summary.summary.events += 1;
      await expectRefused(db, summary, "tampered", /summary/);

      const refused = clone(file);
      refused.commands.push({
        atMs: 5000,
        command: { type: "endFault", faultId: "never-started" },
      });
      await expectRefused(db, refused, "tampered", /refuses/);

      const verdict = clone(file);
      verdict.checks.lostAckedWrites.count += 1;
      await expectRefused(db, verdict, "tampered", /checks/);
    });

    it("refuses a malformed file, naming what is wrong, and writes nothing", async () => {
      await expectRefused(db, "{ not json", "malformed", /not JSON/);
      await expectRefused(db, "[]", "malformed", /not a JSON object/);
      await expectRefused(
        db,
        { ...file, format: "something-else" },
        "malformed",
        /not a Convergence Lab run file/,
      );

      const { seed: _seed, ...noSeed } = file;
      const missing = await expectRefused(db, noSeed, "malformed");
      expect(missing.issues.map((i) => i.path)).toEqual(["seed"]);

      const badCommand = clone(file);
      (badCommand.commands[1]!.command as unknown as { type: string }).type = "explode";
      const bad = await expectRefused(db, badCommand, "malformed");
      expect(bad.issues[0]!.path).toMatch(/^commands\.1\.command/);

      await expectRefused(db, { ...file, extra: true }, "malformed", /extra/);
      await expectRefused(
        db,
        { ...file, scenario: { ...file.scenario, durationMs: -5 } },
        "malformed",
        /scenario/,
      );
      const unordered = clone(file);
      unordered.commands.reverse();
      await expectRefused(db, unordered, "malformed", /earlier/);
      await expectRefused(db, { ...file, virtualMs: 1000 }, "malformed", /after/);
    });

    it("refuses another version of the format and writes nothing", async () => {
      await expectRefused(
        db,
        { ...file, version: 2 },
        "wrongVersion",
        /version 2 is not supported.*newer/,
      );
      await expectRefused(db, { ...file, version: 0 }, "wrongVersion");
      const { version: _v, ...noVersion } = file;
      await expectRefused(db, noVersion, "wrongVersion", /missing/);
    });
  });
}
