import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinScenarios, findBuiltin } from "../scenarios";
import type { CommandLogEntry } from "../sim/apply-command";
import { Simulation } from "../sim/engine";
import { resultOf, runScenario, withOverrides } from "../sim/run";
import { simulateCooperatively } from "./cooperative";

const brokers = ["b1", "b2", "b3"] as const;

/** Operator commands at random times: faults started and ended, some refused (an unknown id). */
const commandLog = fc
  .array(
    fc.oneof(
      fc.record({
        atMs: fc.integer({ min: 0, max: 20_000 }),
        target: fc.constantFrom(...brokers),
        mode: fc.constantFrom("kill" as const, "powerloss" as const),
      }),
      fc.record({ atMs: fc.integer({ min: 0, max: 20_000 }), end: fc.integer({ min: 0, max: 4 }) }),
    ),
    { maxLength: 8 },
  )
  .map((items) =>
    items
      .sort((a, b) => a.atMs - b.atMs)
      .map((item, i): CommandLogEntry =>
        "target" in item
          ? {
              atMs: item.atMs,
              command: {
                type: "injectFault",
                id: `f${i}`,
                fault: { kind: "crash", target: item.target, mode: item.mode },
              },
            }
          : { atMs: item.atMs, command: { type: "endFault", faultId: `f${item.end}` } },
      ),
  );

describe("cooperative re-simulation", () => {
  it("reaches the trace hash, checks and commands of a replay in one go", async () => {
    const scenarios = ["replication-basics", "acks-failover", "zombie-leader"].map((name) =>
      findBuiltin(name)!,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...scenarios),
        fc.integer({ min: 1, max: 10_000 }),
        commandLog,
        fc.integer({ min: 0, max: 25_000 }),
        async (scenario, seed, commands, untilMs) => {
          const straight = runScenario(scenario, seed, { untilMs, commands });
          const sim = new Simulation(scenario, seed);
          await simulateCooperatively(sim, commands, untilMs);
          const sliced = resultOf(sim);
          expect(sliced.traceHash).toBe(straight.traceHash);
          expect(sliced.virtualMs).toBe(straight.virtualMs);
          expect(sliced.checks).toEqual(straight.checks);
          expect(sliced.events).toBe(straight.events);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("gives the event loop turns while it simulates, so live runs keep their frames", async () => {
    // One synchronous go would let no other callback run until the end. The producer keeps
    // writing for ten virtual minutes, so the work takes many slices on any machine (the
    // scenario's own 30 s, warm, took under 20 ms: a single slice).
    const scenario = withOverrides(builtinScenarios()[0]!, [
      { path: "durationMs", value: 600_000 },
      { path: "producer.stopMs", value: null },
    ]);
    let turns = 0;
    let going = true;
    const spin = () => {
      if (!going) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const sim = new Simulation(scenario, 1);
    const started = performance.now();
    await simulateCooperatively(sim, [], 600_000);
    const wallMs = performance.now() - started;
    going = false;
    expect(sim.now).toBe(600_000);
    // A turn at least every few slices (10 ms each), with room for a slow machine.
    expect(turns).toBeGreaterThanOrEqual(Math.min(20, Math.floor(wallMs / 50)));
    expect(turns).toBeGreaterThan(1);
  });
});
