import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findBuiltin } from "../../../server/scenarios";
import { LiveRun, type WallClock } from "../../../server/live/live-run";
import { wireRecord } from "../../../server/live/records";
import { metricsSnapshot } from "../../../server/sim/metrics";
import { applySnapshot } from "./apply-snapshot";
import { applyFrame } from "./apply-frame";
import { recordAt } from "./apply-parts";
import type { RunView } from "./run-view";

/**
 * The browser's store against the simulation: after a snapshot and any sequence of
 * frames (one by one, or coalesced for a slow client), what the run page would show
 * is what the simulation holds.
 */

class FakeClock implements WallClock {
  t = 0;
  now = () => this.t;
  epochMs = () => 1_700_000_000_000 + this.t;
}

function expectTruth(view: RunView, run: LiveRun): void {
  const sim = run.sim;
  const name = (i: number) => sim.nodeName(i);
  view.partitions.forEach((part, p) => {
    const auth = sim.authoritativeReplica(p)!;
    const state = sim.controller.partitions[p]!;
    expect([part.leo, part.hw, part.leader, part.epoch]).toEqual([
      auth.leo,
      auth.hw,
      state.leader >= 0 ? name(state.leader) : null,
      state.leaderEpoch,
    ]);
    expect(part.isr).toEqual(state.isr.map(name));
    const log = view.logs[p]!;
    sim.replicasOf(p).forEach((rep, r) => {
      const mine = part.replicas[r]!;
      expect([mine.broker, mine.leo, mine.hw, mine.flushed], `p${p} r${r}`).toEqual([
        name(rep.broker),
        rep.leo,
        rep.hw,
        rep.flushed,
      ]);
      expect(part.acting.includes(mine.broker), `p${p} r${r} acting`).toBe(rep.isLeader);
      // Every record the lane would draw for this replica is the replica's own.
      for (let o = Math.max(0, rep.leo - 200); o < rep.leo; o++) {
        const rec = recordAt(log, r, o);
        if (rec) expect(rec, `p${p} r${r} offset ${o}`).toEqual(wireRecord(rep.log[o]!));
      }
    });
    metricsSnapshot(sim).groups.forEach((g, gi) =>
      expect(part.committed[gi], `p${p} ${g.id} committed`).toBe(g.partitions[p]!.committed),
    );
  });
  expect(view.activeFaults.map((f) => f.id).sort()).toEqual(
    sim.faults.active.map((f) => f.id).sort(),
  );
  for (const w of sim.faults.windows) {
    const mine = view.faultWindows.find((x) => x.id === w.id && x.startMs === w.startMs);
    expect(mine?.endMs ?? null, `window ${w.id}`).toBe(w.endMs);
  }
  sim.nodes.forEach((n) => {
    const mine = view.nodes[n.index]!;
    expect([mine.id, mine.up, mine.paused, mine.clockSkewMs]).toEqual([
      n.id,
      n.up,
      n.paused,
      n.clockSkewMs,
    ]);
  });
  for (const [check, r] of Object.entries(sim.checks.results()))
    expect(view.checks?.[check as keyof typeof view.checks], check).toEqual(r);
  sim.projections.forEach((proj, g) =>
    expect(view.groups[g]!.projection).toEqual(Array.from(proj.balances)),
  );
  sim.producers.forEach((p, i) => expect(view.producers[i]!.acknowledged).toBe(p.acknowledged));
}

type Action =
  | { kind: "advance"; ms: number }
  | {
      kind: "fault";
      fault: "crash" | "powerloss" | "pause" | "isolate";
      broker: number;
      ms: number;
    }
  | { kind: "catchUp" };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      ms: fc.integer({ min: 20, max: 1500 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      fault: fc.constantFrom(
        "crash" as const,
        "powerloss" as const,
        "pause" as const,
        "isolate" as const,
      ),
      broker: fc.integer({ min: 1, max: 3 }),
      ms: fc.integer({ min: 200, max: 4000 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "catchUp" as const }) },
);

function play(scenarioName: string, seed: number, actions: Action[]): void {
  const scenario = findBuiltin(scenarioName)!;
  const clock = new FakeClock();
  const run = new LiveRun("r", "s", { scenario, seed, overrides: [], paused: false }, clock);
  let every = applySnapshot(run.snapshot("viewer"));
  let lagging = applySnapshot(run.snapshot("viewer"));
  const apply = (view: RunView) => {
    const frame = run.frameSince(view.seq);
    expect(frame, "the client is within the server's ring of frames").not.toBeNull();
    const out = applyFrame(view, frame!);
    expect(out.gap).toBe(false);
    return out.view;
  };
  const tick = () => {
    run.tick();
    every = apply(every);
    if (run.latestSeq - lagging.seq > 40) lagging = apply(lagging);
  };
  for (const a of actions) {
    if (a.kind === "advance") {
      for (let left = a.ms; left > 0; left -= 100) {
        clock.t += Math.min(100, left);
        run.advance(1e9);
        tick();
      }
    } else if (a.kind === "fault") {
      const target = `b${a.broker}`;
      const fault =
        a.fault === "powerloss"
          ? { kind: "crash", target, mode: "powerloss" }
          : { kind: a.fault, target };
      run.command({ type: "injectFault", fault, durationMs: a.ms });
      tick();
    } else if (lagging.seq < run.latestSeq) lagging = apply(lagging);
  }
  for (let i = 0; i < 40; i++) tick();
  if (lagging.seq < run.latestSeq) lagging = apply(lagging);
  expect(run.status).not.toBe("failed");
  expectTruth(every, run);
  expectTruth(lagging, run);
}

describe("the run store", () => {
  it("shows the simulation's state after frames applied one by one or coalesced", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("replication-basics", "acks-failover", "zombie-leader", "power-loss"),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(action, { minLength: 1, maxLength: 20 }),
        (name, seed, actions) => play(name, seed, actions),
      ),
      { numRuns: 25 },
    );
  });

  it.each(["acks-failover", "zombie-leader", "power-loss"])(
    "follows the truncations of %s through the whole scenario",
    (name) =>
      play(name, 1, [
        { kind: "advance", ms: 8000 },
        { kind: "catchUp" },
        { kind: "advance", ms: 17_000 },
      ]),
  );

  it("detects a missed frame instead of applying it", () => {
    const scenario = findBuiltin("replication-basics")!;
    const clock = new FakeClock();
    const run = new LiveRun("r", "s", { scenario, seed: 1, overrides: [], paused: false }, clock);
    const view = applySnapshot(run.snapshot("viewer"));
    clock.t += 100;
    run.advance(1e9);
    run.tick();
    clock.t += 100;
    run.advance(1e9);
    run.tick();
    const second = run.frameSince(run.latestSeq - 1)!;
    const out = applyFrame(view, second);
    expect(out.gap).toBe(true);
    expect(out.view).toBe(view);
  });

  it("shows the earlier state after a seek, and keeps the furthest time as the head", () => {
    const scenario = findBuiltin("acks-failover")!;
    const clock = new FakeClock();
    const run = new LiveRun("r", "s", { scenario, seed: 2, overrides: [], paused: false }, clock);
    let view = applySnapshot(run.snapshot("viewer"));
    for (let t = 0; t < 6000; t += 100) {
      clock.t += 100;
      run.advance(1e9);
      run.tick();
      view = applyFrame(view, run.frameSince(view.seq)!).view;
    }
    const head = view.nowMs;
    expect(view.headMs).toBe(head);
    const seek = run.seek(2500);
    expect(seek.ok).toBe(true);
    // Every client's next message after a seek is a snapshot.
    let after = applySnapshot(run.snapshot("viewer"));
    expect(after.nowMs).toBe(2500);
    expect(after.headMs).toBe(head);
    expect(after.pacing.paused).toBe(true);
    expectTruth(after, run);
    run.tick();
    const frame = run.frameSince(after.seq);
    if (frame) after = applyFrame(after, frame).view;
    expect(after.headMs).toBe(head);
  });
});
