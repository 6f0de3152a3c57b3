import { describe, expect, it } from "vitest";
import { scenario, simulate } from "./fixtures";

describe("per-message history", () => {
  it("follows one acknowledged, replicated, consumed record through every step", () => {
    const sim = simulate(scenario({ groups: [{ id: "g1", members: 1 }] }));
    const { steps, truncated } = sim.history.steps(10, sim.nodeName);
    expect(truncated).toBe(false);
    const kinds: string[] = steps.map((s) => s.kind);
    // In the order things happen to it.
    // (The ack and the first delivery race each other, so the ack is checked on its own.)
    const order = [
      "produced",
      "sent",
      "appended",
      "replicated",
      "committed",
      "delivered",
      "applied",
      "offsetCommitted",
    ];
    let at = -1;
    for (const k of order) {
      const i = kinds.indexOf(k, at + 1);
      expect(i, `${k} after ${order[order.indexOf(k) - 1]} in ${kinds.join(",")}`).toBeGreaterThan(
        at,
      );
      at = i;
    }
    expect(kinds.filter((k) => k === "replicated")).toHaveLength(2);
    expect(kinds.indexOf("acked")).toBeGreaterThan(kinds.indexOf("committed"));
    for (let i = 1; i < steps.length; i++)
      expect(steps[i]!.atMs).toBeGreaterThanOrEqual(steps[i - 1]!.atMs);
    expect(steps.find((s) => s.kind === "appended")!.node).toMatch(/^b\d$/);
  });

  it("forgets the oldest steps when the ring is full, and says so", () => {
    const s = scenario();
    const sim = simulate(s, 1, 5_000);
    expect(sim.history.steps(0, sim.nodeName).truncated).toBe(false);
    const small = new (sim.constructor as typeof import("../engine").Simulation)(s, 1, {
      historyCapacity: 1_000,
    });
    small.runUntil(5_000);
    const old = small.history.steps(0, small.nodeName);
    expect(old.steps).toEqual([]);
    expect(old.truncated).toBe(true);
    const recent = small.history.steps(small.events.count - 1, small.nodeName);
    expect(recent.steps.length).toBeGreaterThan(0);
  });
});
