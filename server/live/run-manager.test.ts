import { afterEach, describe, expect, it } from "vitest";
import { RunManager, CreateRunError } from "./run-manager";
import type { WallClock } from "./live-run";

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

  it("finishes a run at its duration", () => {
    manager = new RunManager();
    const { run } = manager.create({ scenario: "replication-basics", speed: "max" });
    while (run.advance(1e9));
    expect(run.status).toBe("finished");
    expect(run.sim.now).toBe(run.scenario.durationMs);
  });
});
