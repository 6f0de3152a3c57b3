import { describe, expect, it } from "vitest";
import { Simulation } from "../engine";
import { scenario } from "./fixtures";
import { builtinScenarios } from "../../scenarios";
import { copierShapes } from "../clone";
import { GrowableFloat64, GrowableInt32 } from "../growable";

/**
 * Every object reachable from `root` (functions included), except frozen ones. The chunks
 * of per-event tables are shared copy-on-write by design (growable.ts; its own property
 * test checks that a write never shows in a copy), so a table counts as one object.
 */
function mutableObjects(root: unknown, skip: Set<unknown>): Set<unknown> {
  const out = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const x = stack.pop();
    if ((typeof x !== "object" && typeof x !== "function") || x === null) continue;
    if (skip.has(x) || out.has(x) || !Object.isExtensible(x)) continue;
    out.add(x);
    if (typeof x === "function" || ArrayBuffer.isView(x)) continue;
    if (x instanceof GrowableInt32 || x instanceof GrowableFloat64) continue;
    if (x instanceof Map) for (const [k, v] of x) stack.push(k, v);
    else if (x instanceof Set) for (const v of x) stack.push(v);
    else for (const v of Object.values(x)) stack.push(v);
  }
  return out;
}

function scenarioObjects(sim: Simulation): Set<unknown> {
  return mutableObjects(sim.scenario, new Set());
}

describe("copies of a simulation (checkpoints and forks)", () => {
  // Regression: the committed-log checker called back into its owner through a closure; a
  // fork's copy of it still called the parent's group checkers on a rollback.
  it("a fork shares no mutable object, and no function, with the run it was taken from", () => {
    const parent = new Simulation(
      scenario({
        durationMs: 20_000,
        faults: [{ kind: "crash", target: "b1", atMs: 3_000, untilMs: 6_000 }],
      }),
      2,
    );
    parent.runUntil(8_000);
    const fork = parent.clone("fork");
    const shared = scenarioObjects(parent);
    const mine = mutableObjects(parent, shared);
    const theirs = mutableObjects(fork, shared);
    const both = [...theirs].filter((x) => mine.has(x));
    expect(both.map((x) => (typeof x === "function" ? `function ${x.name}` : x))).toEqual([]);
  });

  it("a fork continues exactly as its parent does, and leaves the parent's future unchanged", () => {
    const s = scenario({
      durationMs: 30_000,
      faults: [{ kind: "crash", target: "b2", atMs: 4_000, untilMs: 9_000 }],
    });
    const parent = new Simulation(s, 9);
    parent.runUntil(6_000);
    const fork = parent.clone("fork");
    fork.runUntil(25_000);
    parent.runUntil(25_000);
    const straight = new Simulation(s, 9);
    straight.runUntil(25_000);
    expect(fork.hash.digest()).toBe(straight.hash.digest());
    expect(parent.hash.digest()).toBe(straight.hash.digest());
  });
});

describe("copiers", () => {
  it("are made once per shape of object, not per object or per copy", () => {
    for (const s of builtinScenarios()) {
      const sim = new Simulation(s, 1);
      sim.runUntil(Math.min(s.durationMs, 20_000));
      sim.clone("fork");
      sim.clone("checkpoint");
    }
    const shapes = copierShapes();
    expect(shapes).toBeLessThan(120);
    // Copying all of them again finds every shape already made.
    for (const s of builtinScenarios()) {
      const sim = new Simulation(s, 1);
      sim.runUntil(Math.min(s.durationMs, 20_000));
      sim.clone("fork").clone("fork");
    }
    expect(copierShapes()).toBe(shapes);
  });
});
