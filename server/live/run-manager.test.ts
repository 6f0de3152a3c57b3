import { afterEach, describe, expect, it, vi } from "vitest";
import {
  COMMAND_TICK_SPACING_MS,
  MIN_TICK_SPACING_MS,
  MaxSpeedBudget,
  RunManager,
  CreateRunError,
} from "./run-manager";
import type { WallClock } from "./live-run";
import { findBuiltin } from "../scenarios";

class FakeClock implements WallClock {
  t = 0;
  now = () => this.t;
  epochMs = () => 1_700_000_000_000 + this.t;
}

let manager: RunManager | undefined;
afterEach(() => {
  manager?.stop();
  manager?.closeAll();
});

describe("RunManager", () => {
  it("re-simulates a stored run to open it, refusing a second open meanwhile", async () => {
    manager = new RunManager();
    const spec = { scenario: findBuiltin("replication-basics")!, seed: 3, overrides: [] };
    const log = { commands: [], untilMs: 20_000, parentRunId: null, forkAtMs: null };
    const opening = manager.open("stored-1", spec, log);
    await expect(manager.open("stored-1", spec, log)).rejects.toThrow(/live already/);
    const made = await opening;
    expect(made.runId).toBe("stored-1");
    expect(made.run.sim.now).toBe(20_000);
    expect(manager.info("stored-1")?.pacing.paused).toBe(true);
    await expect(manager.open("stored-1", spec, log)).rejects.toThrow(CreateRunError);
  });

  it("holds many runs, each with its own id and secret", () => {
    manager = new RunManager();
    const a = manager.create({ scenario: "replication-basics" });
    const b = manager.create({ scenario: "replication-basics", seed: 9 });
    expect(a.runId).not.toBe(b.runId);
    expect(a.operatorSecret).not.toBe(b.operatorSecret);
    expect(
      manager
        .list()
        .map((r) => r.runId)
        .sort(),
    ).toEqual([a.runId, b.runId].sort());
    expect(manager.info(b.runId)?.seed).toBe(9);
  });

  it("refuses a run past its limit, after closing ended runs nobody watches", () => {
    manager = new RunManager({ maxRuns: 2 });
    const a = manager.create({ scenario: "replication-basics" });
    manager.create({ scenario: "replication-basics" });
    expect(() => manager!.create({ scenario: "replication-basics" })).toThrow(CreateRunError);
    manager.get(a.runId)!.fail(new Error("ended"));
    const c = manager.create({ scenario: "replication-basics" });
    expect(manager.get(a.runId)).toBeUndefined();
    expect(manager.get(c.runId)).toBeDefined();
  });

  it("paces a run against the wall clock it is given", () => {
    const clock = new FakeClock();
    manager = new RunManager({ clock });
    const { run } = manager.create({ scenario: "replication-basics", speed: 2 });
    for (clock.t = 100; clock.t <= 500; clock.t += 100) run.advance(1e9);
    expect(run.sim.now).toBe(1000);
    run.pause();
    clock.t = 5000;
    run.advance(1e9);
    expect(run.sim.now).toBe(1000);
    run.step("1s");
    run.advance(1e9);
    expect(run.sim.now).toBe(2000);
    run.resume();
    clock.t += 100;
    run.advance(1e9);
    expect(run.sim.now).toBe(2200);
  });

  it("ticks a run early after a change, sooner after an operator command", () => {
    vi.useFakeTimers();
    try {
      const clock = new FakeClock();
      manager = new RunManager({ clock });
      const { run } = manager.create({ scenario: "replication-basics" });
      const ticks: number[] = [];
      manager.listen({ tick: () => ticks.push(clock.t) });
      manager.requestTick(run);
      expect(ticks).toEqual([0]);
      // A pacing change right after waits out the spacing...
      clock.t = 5;
      manager.requestTick(run);
      expect(ticks).toEqual([0]);
      // ...but a command in the meantime brings the early tick forward.
      manager.requestTick(run, "command");
      clock.t = COMMAND_TICK_SPACING_MS;
      vi.advanceTimersByTime(COMMAND_TICK_SPACING_MS - 5);
      expect(ticks).toEqual([0, COMMAND_TICK_SPACING_MS]);
      // Nothing else was left waiting.
      clock.t = MIN_TICK_SPACING_MS * 2;
      vi.advanceTimersByTime(MIN_TICK_SPACING_MS * 2);
      expect(ticks).toEqual([0, COMMAND_TICK_SPACING_MS]);
      // A command long after the last tick ticks at once.
      manager.requestTick(run, "command");
      expect(ticks).toEqual([0, COMMAND_TICK_SPACING_MS, MIN_TICK_SPACING_MS * 2]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("finishes a run at its duration", () => {
    manager = new RunManager();
    const { run } = manager.create({ scenario: "replication-basics", speed: "max" });
    while (run.advance(1e9));
    expect(run.status).toBe("finished");
    expect(run.sim.now).toBe(run.scenario.durationMs);
  });
});

describe("MaxSpeedBudget", () => {
  it("gives max-speed simulation what the process has left of its cores", () => {
    const clock = new FakeClock();
    let cpu = 0;
    const budget = new MaxSpeedBudget(0.8, 100, clock, () => cpu);
    // A quiet beat: the simulation takes 4 ms slices until 80 ms of the beat are spent.
    let spent = 0;
    for (let s = budget.slice(4); s > 0; s = budget.slice(4)) {
      budget.spent(s);
      spent += s;
    }
    expect(spent).toBe(80);
    // The process spent 40 ms on other things besides those 80: next beats get less.
    clock.t = 100;
    cpu = 120;
    budget.beat();
    expect(budget.slice(4)).toBe(4);
    let next = 0;
    for (let s = budget.slice(4); s > 0; s = budget.slice(4)) {
      budget.spent(s);
      next += s;
    }
    // Smoothed: half of the 0.4 cores seen, so 0.8 - 0.2 of the beat.
    expect(next).toBeCloseTo(60, 5);
  });

  it("never starves the simulation", () => {
    const clock = new FakeClock();
    let cpu = 0;
    const budget = new MaxSpeedBudget(0.8, 100, clock, () => cpu);
    for (let i = 1; i <= 10; i++) {
      clock.t = i * 100;
      cpu = i * 200; // two whole cores busy elsewhere
      budget.beat();
    }
    expect(budget.slice(4)).toBe(4);
    budget.spent(4);
    budget.spent(4);
    budget.spent(2);
    expect(budget.slice(4)).toBe(0);
  });
});
