import fc from "fast-check";
import { scenario } from "./fixtures";
import type { FaultSpec } from "../faults";
import type { Scenario } from "../scenario";

/**
 * Liveness, in the style of TigerBeetle's VOPR: a fault phase with random faults, then a
 * quiet phase in which the system must converge. The configuration is one that allows
 * convergence: acks=all with the idempotent producer, at-least-once consumers that are
 * idempotent. Power loss is left out on purpose: losing every copy of committed records
 * makes the pre-loss projection unreachable, which is the lesson of its own scenario.
 */
const nodes = ["b1", "b2", "b3", "ctrl", "p1", "g1-1", "g1-2", "g2-1"];
const members = ["g1-1", "g1-2", "g2-1"];

const timing = fc
  .tuple(fc.integer({ min: 300, max: 8_000 }), fc.integer({ min: 100, max: 4_000 }))
  .map(([atMs, forMs]) => ({ atMs, untilMs: atMs + forMs }));

export const faultArb: fc.Arbitrary<FaultSpec> = fc
  .oneof(
    fc.record({
      kind: fc.constant("crash" as const),
      target: fc.constantFrom(...nodes),
      mode: fc.constant("kill" as const),
    }),
    fc.record({ kind: fc.constant("pause" as const), target: fc.constantFrom(...nodes) }),
    fc.record({ kind: fc.constant("isolate" as const), target: fc.constantFrom(...nodes) }),
    fc.shuffledSubarray(nodes, { minLength: 2, maxLength: nodes.length - 1 }).map((side) => ({
      kind: "partition" as const,
      sides: [side, nodes.filter((n) => !side.includes(n))],
    })),
    fc.record({
      kind: fc.constant("drop" as const),
      target: fc.constantFrom(...nodes),
      rate: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant("delay" as const),
      target: fc.constantFrom(...nodes),
      extraMs: fc.integer({ min: 5, max: 800 }),
      jitterMs: fc.integer({ min: 0, max: 200 }),
    }),
    fc.record({
      kind: fc.constant("duplicate" as const),
      target: fc.constantFrom(...nodes),
      rate: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
    }),
    fc.record({
      kind: fc.constant("clockSkew" as const),
      target: fc.constantFrom(...nodes),
      skewMs: fc.integer({ min: -5_000, max: 5_000 }),
    }),
    fc.record({
      kind: fc.constant("crashBeforeCommit" as const),
      target: fc.constantFrom(...members),
    }),
  )
  .chain((fault) => timing.map((t) => ({ ...fault, ...t }) as FaultSpec));

/** The configuration the convergence property runs with random faults (see above). */
export function liveness(faults: FaultSpec[]): Scenario {
  return scenario({
    durationMs: 45_000,
    producers: [
      { id: "p1", ratePerSec: 80, acks: "all", idempotent: true, retries: 1_000, stopMs: 10_000 },
    ],
    groups: [
      { id: "g1", members: 2, commitPolicy: "afterProcess", idempotent: true },
      { id: "g2", members: 1, commitPolicy: "atomic" },
    ],
    faults,
  });
}

/** A fault schedule for the convergence property: one to six faults. */
export const faultScheduleArb = fc.array(faultArb, { minLength: 1, maxLength: 6 });
