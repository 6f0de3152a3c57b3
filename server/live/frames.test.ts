import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { findBuiltin } from "../scenarios";
import type {
  FrameMessage,
  GroupDelta,
  PartitionDelta,
  ProducerDelta,
  SnapshotMessage,
  WireRecord,
} from "../protocol";
import { LiveRun, type WallClock } from "./live-run";
import { wireRecord } from "./records";

/**
 * A reference client: what a browser knows after applying a snapshot and frames, by
 * the rules of docs/protocol.md. The property below checks that what it ends up knowing
 * is the simulation's truth, whether it applied every frame or coalesced ones.
 */
class ReferenceClient {
  seq = -1;
  parts = new Map<
    number,
    Required<Omit<PartitionDelta, "cut" | "log" | "own" | "rcut">> & {
      records: Map<number, WireRecord>;
      own: Map<number, { div: number; recs: WireRecord[] }>;
    }
  >();
  groups = new Map<number, GroupDelta>();
  producers = new Map<number, ProducerDelta>();
  nodes = new Map<number, string>();
  checks = new Map<string, string>();
  faults = new Set<string>();

  snapshot(s: SnapshotMessage): void {
    this.parts.clear();
    this.groups.clear();
    this.producers.clear();
    this.nodes.clear();
    this.checks.clear();
    this.faults = new Set(s.faults.map((f) => f.id));
    this.apply(s);
    this.seq = s.seq;
  }

  frame(f: FrameMessage): void {
    expect(f.from).toBe(this.seq);
    for (const x of f.faultsStarted ?? []) this.faults.add(x.id);
    for (const [id] of f.faultsEnded ?? []) this.faults.delete(id);
    this.apply(f);
    this.seq = f.seq;
  }

  private apply(
    m: Pick<FrameMessage, "parts" | "groups" | "producers" | "nodes" | "checks">,
  ): void {
    for (const d of m.parts ?? []) this.applyPart(d);
    for (const g of m.groups ?? []) this.groups.set(g.g, { ...this.groups.get(g.g), ...g });
    for (const p of m.producers ?? [])
      this.producers.set(p.i, { ...this.producers.get(p.i), ...p });
    for (const n of m.nodes ?? []) this.nodes.set(n[0], n.join(","));
    for (const c of m.checks ?? []) this.checks.set(c[0], `${c[1]}:${c[2].join(",")}`);
  }

  private applyPart(d: PartitionDelta): void {
    let p = this.parts.get(d.p);
    if (!p) {
      p = {
        p: d.p,
        leo: 0,
        hw: 0,
        l: -1,
        e: 0,
        isr: [],
        reps: [],
        fl: [],
        lead: [],
        com: [],
        records: new Map(),
        own: new Map(),
      };
      this.parts.set(d.p, p);
    }
    if (d.cut !== undefined)
      for (const o of [...p.records.keys()]) if (o >= d.cut) p.records.delete(o);
    if (d.log) d.log[1].forEach((r, i) => p.records.set(d.log![0] + i, r));
    for (const [r, div, recs] of d.own ?? []) {
      if (div < 0) p.own.delete(r);
      else p.own.set(r, { div, recs });
    }
    p.leo = d.leo;
    p.hw = d.hw;
    if (d.l !== undefined) p.l = d.l;
    if (d.e !== undefined) p.e = d.e;
    if (d.isr) p.isr = d.isr;
    if (d.reps) p.reps = d.reps;
    if (d.fl) p.fl = d.fl;
    if (d.lead) p.lead = d.lead;
    if (d.com) p.com = d.com;
  }

  /** Everything this client believes, checked against the simulation now. */
  expectTruth(run: LiveRun): void {
    const sim = run.sim;
    for (let p = 0; p < sim.scenario.topic.partitions; p++) {
      const mine = this.parts.get(p)!;
      const auth = sim.authoritativeReplica(p)!;
      const state = sim.controller.partitions[p]!;
      expect([mine.leo, mine.hw, mine.l, mine.e]).toEqual([
        auth.leo,
        auth.hw,
        state.leader,
        state.leaderEpoch,
      ]);
      expect(mine.isr).toEqual(state.isr);
      sim.replicasOf(p).forEach((rep, r) => {
        expect(mine.leo - mine.reps[2 * r]!, `p${p} r${r} leo`).toBe(rep.leo);
        expect(mine.leo - mine.reps[2 * r + 1]!, `p${p} r${r} hw`).toBe(rep.hw);
        expect(mine.fl[r]).toBe(rep.flushed);
        expect(mine.lead.includes(r)).toBe(rep.isLeader);
        const own = mine.own.get(r);
        if (own)
          own.recs.forEach((rec, i) => expect(rec).toEqual(wireRecord(rep.log[own.div + i]!)));
      });
      for (const [o, rec] of mine.records) {
        expect(o, `p${p}: a record beyond the LEO was never cut`).toBeLessThan(auth.leo);
        expect(rec, `p${p} offset ${o}`).toEqual(wireRecord(auth.log[o]!));
      }
    }
    const faults = new Set(sim.faults.active.map((f) => f.id));
    expect(this.faults).toEqual(faults);
    sim.nodes.forEach((n) =>
      expect(this.nodes.get(n.index)).toBe(
        [n.index, n.up ? 1 : 0, n.paused ? 1 : 0, n.clockSkewMs].join(","),
      ),
    );
    const results = sim.checks.results();
    for (const [name, r] of Object.entries(results))
      expect(this.checks.get(name), name).toBe(`${r.count}:${r.examples.join(",")}`);
    sim.projections.forEach((proj, g) =>
      expect(this.groups.get(g)?.proj).toEqual(Array.from(proj.balances)),
    );
    sim.producers.forEach((p, i) => expect(this.producers.get(i)?.cnt?.[1]).toBe(p.acknowledged));
  }
}

class FakeClock implements WallClock {
  t = 0;
  now = () => this.t;
  epochMs = () => 1_700_000_000_000 + this.t;
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

function runProperty(scenarioName: string, seed: number, actions: Action[]): FrameMessage[] {
  const scenario = findBuiltin(scenarioName)!;
  const clock = new FakeClock();
  const run = new LiveRun("r", "s", { scenario, seed, overrides: [], paused: false }, clock);
  const every = new ReferenceClient();
  const lagging = new ReferenceClient();
  every.snapshot(run.snapshot("viewer"));
  lagging.snapshot(run.snapshot("viewer"));
  const frames: FrameMessage[] = [];
  const tick = () => {
    run.tick();
    const f = run.frameSince(every.seq)!;
    frames.push(f);
    every.frame(f);
    if (run.latestSeq - lagging.seq > 40) lagging.frame(run.frameSince(lagging.seq)!);
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
    } else if (lagging.seq < run.latestSeq) {
      lagging.frame(run.frameSince(lagging.seq)!);
    }
  }
  // Let every deferred part of the state reach the clients (the simulation stands still).
  for (let i = 0; i < 40; i++) tick();
  if (lagging.seq < run.latestSeq) {
    const last = run.frameSince(lagging.seq);
    expect(last, "the lagging client is within the ring").not.toBeNull();
    lagging.frame(last!);
  }
  expect(run.status).not.toBe("failed");
  every.expectTruth(run);
  lagging.expectTruth(run);
  return frames;
}

describe("frames", () => {
  it("bring a client to the truth, applied one by one or coalesced", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("replication-basics", "acks-failover", "zombie-leader", "power-loss"),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(action, { minLength: 1, maxLength: 25 }),
        (name, seed, actions) => {
          runProperty(name, seed, actions);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ["zombie-leader", 1],
    ["acks-failover", 1],
    ["power-loss", 1],
  ])("carry the truncations of %s (seed %i) to the client", (name, seed) => {
    // The whole scenario, with its scripted faults: leaders change and logs are cut.
    const frames = runProperty(name, seed, [
      { kind: "advance", ms: 8000 },
      { kind: "catchUp" },
      { kind: "advance", ms: 17_000 },
    ]);
    const parts = frames.flatMap((f) => f.parts ?? []);
    expect(parts.some((p) => p.rcut !== undefined || p.cut !== undefined)).toBe(true);
  });
});
