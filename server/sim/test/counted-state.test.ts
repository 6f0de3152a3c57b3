import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { scenario } from "./fixtures";
import { Simulation } from "../engine";
import type { Producer } from "../producer";
import type { Broker } from "../broker";
import type { LogRecord } from "../model";

/**
 * State the engine keeps as a running count or a precomputed list instead of deriving it
 * when asked (for speed): each is checked here against the derivation it replaced, at
 * every monitor tick of runs with producer, broker and member crashes, timeouts, retries
 * and rebalances.
 */

/** What Producer.pending summed before it was counted: queued plus in-flight records. */
function recountPending(p: Producer): number {
  const { queues, inFlight } = p as unknown as {
    queues: LogRecord[][];
    inFlight: ({ records: LogRecord[] } | null)[];
  };
  let n = 0;
  for (let i = 0; i < queues.length; i++)
    n += queues[i]!.length + (inFlight[i]?.records.length ?? 0);
  return n;
}

function heldOf(b: Broker): readonly unknown[] {
  return (b as unknown as { held: readonly unknown[] }).held;
}

describe("counted state matches what it replaced", () => {
  it("a producer's pending count equals its queued and in-flight records, through crashes, timeouts and acks 0/1/all", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(0 as const, 1 as const, "all" as const),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 500, max: 5_000 }),
        fc.integer({ min: 200, max: 4_000 }),
        fc.constantFrom("p1", "b1", "b2"),
        (seed, acks, retries, atMs, forMs, crashed) => {
          const s = scenario({
            durationMs: 10_000,
            topic: { partitions: 3 },
            producers: [
              {
                id: "p1",
                ratePerSec: 300,
                acks,
                retries,
                requestTimeoutMs: 300,
                retryBackoffMs: 50,
                stopMs: 8_000,
              },
            ],
            faults: [
              { kind: "crash", target: crashed, atMs, untilMs: atMs + forMs },
              { kind: "drop", target: "b3", rate: 0.3, atMs: 1_000, untilMs: 6_000 },
            ],
          });
          let ticks = 0;
          let sawPending = false;
          const sim = new Simulation(s, seed, {
            onMonitor: (run) => {
              for (const p of run.producers) {
                const want = recountPending(p);
                if (want > 0) sawPending = true;
                expect(p.pending, `seed ${seed} at ${run.now} ms`).toBe(want);
              }
              ticks++;
            },
          });
          sim.runUntil(s.durationMs);
          if (sim.failure) throw sim.failure;
          expect(ticks).toBeGreaterThan(90);
          // The check would pass vacuously if nothing were ever pending (acks=0 never waits).
          if (acks !== 0) expect(sawPending).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("the coordinator's owner per partition is the member whose assignment lists it, through joins, crashes and rebalances", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 500, max: 5_000 }),
        (seed, members, crashed, atMs) => {
          const s = scenario({
            durationMs: 12_000,
            topic: { partitions: 5 },
            groups: [{ id: "g1", members }],
            faults: [
              {
                kind: "crash",
                target: `g1-${(crashed % members) + 1}`,
                atMs,
                untilMs: atMs + 2_000,
              },
            ],
          });
          let owned = 0;
          const sim = new Simulation(s, seed, {
            onMonitor: (run) => {
              const g = run.coordinator.groups[0]!;
              for (let p = 0; p < 5; p++) {
                const want = run.coordinator.ownerOf(0, p);
                expect(g.owner[p], `seed ${seed} at ${run.now} ms, partition ${p}`).toBe(want);
                if (want >= 0) owned++;
              }
            },
          });
          sim.runUntil(s.durationMs);
          if (sim.failure) throw sim.failure;
          expect(owned).toBeGreaterThan(0);
          expect(sim.coordinator.groups[0]!.rebalances).toBeGreaterThan(1);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("a broker's held replicas are its non-empty replica slots, in partition order", () => {
    const s = scenario({ brokers: { count: 5 }, topic: { partitions: 7, replicationFactor: 2 } });
    const sim = new Simulation(s, 1);
    for (const b of sim.brokers) {
      expect(heldOf(b)).toEqual(b.replicas.filter((r) => r !== undefined));
      expect(heldOf(b).length).toBeGreaterThan(0);
      expect(heldOf(b).length).toBeLessThan(7);
    }
  });
});
