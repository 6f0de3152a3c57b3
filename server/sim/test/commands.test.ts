import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulation } from "../engine";
import { scenario } from "./fixtures";

function fresh(): Simulation {
  const sim = new Simulation(scenario(), 1);
  sim.runUntil(1_000);
  return sim;
}

describe("operator commands", () => {
  it("applies a command at the current virtual time, records it and changes the trace", () => {
    const a = fresh();
    const b = fresh();
    const result = a.command({
      type: "injectFault",
      fault: { kind: "crash", target: "b2", mode: "kill" },
      durationMs: 500,
    });
    expect(result).toEqual({ ok: true, faultId: "op1" });
    expect(a.commandLog).toEqual([
      {
        atMs: 1_000,
        command: {
          type: "injectFault",
          fault: { kind: "crash", target: "b2", mode: "kill" },
          durationMs: 500,
        },
      },
    ]);
    expect(a.nodes[1]!.up).toBe(false);
    a.runUntil(2_000);
    b.runUntil(2_000);
    expect(a.nodes[1]!.up).toBe(true);
    expect(a.hash.digest()).not.toBe(b.hash.digest());
  });

  it("ends an active fault by id, and refuses to end one that is not active", () => {
    const sim = fresh();
    const started = sim.command({
      type: "injectFault",
      fault: { kind: "isolate", target: "b1" },
      id: "cut",
    });
    expect(started).toEqual({ ok: true, faultId: "cut" });
    expect(
      sim.command({ type: "injectFault", fault: { kind: "pause", target: "b2" }, id: "cut" }),
    ).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(sim.command({ type: "endFault", faultId: "cut" })).toEqual({ ok: true });
    expect(sim.command({ type: "endFault", faultId: "cut" })).toMatchObject({
      ok: false,
      error: { code: "unknownFault" },
    });
    expect(sim.faults.windows.map((w) => [w.id, w.startMs, w.endMs])).toEqual([
      ["cut", 1_000, 1_000],
    ]);
  });

  const refused: [string, unknown, string][] = [
    ["not an object", "crash b1", "invalid"],
    ["unknown type", { type: "reboot", target: "b1" }, "invalid"],
    [
      "unknown fault kind",
      { type: "injectFault", fault: { kind: "meteor", target: "b1" } },
      "invalid",
    ],
    ["missing field", { type: "injectFault", fault: { kind: "drop", target: "b1" } }, "invalid"],
    [
      "out of range",
      { type: "injectFault", fault: { kind: "drop", target: "b1", rate: 2 } },
      "invalid",
    ],
    ["extra field", { type: "replay", group: "g1", now: true }, "invalid"],
    [
      "unknown node",
      { type: "injectFault", fault: { kind: "crash", target: "b9" } },
      "unknownTarget",
    ],
    [
      "unknown link end",
      { type: "injectFault", fault: { kind: "drop", link: { from: "b1", to: "zz" }, rate: 0.5 } },
      "unknownTarget",
    ],
    [
      "link to itself",
      { type: "injectFault", fault: { kind: "delay", link: { from: "b1", to: "b1" }, extraMs: 5 } },
      "unknownTarget",
    ],
    [
      "crashBeforeCommit on a broker",
      { type: "injectFault", fault: { kind: "crashBeforeCommit", target: "b1" } },
      "unknownTarget",
    ],
    ["unknown group", { type: "replay", group: "nope" }, "unknownTarget"],
    ["unknown producer", { type: "setProducer", producer: "p9", acks: 1 }, "unknownTarget"],
  ];
  for (const [name, input, code] of refused) {
    it(`refuses ${name} with a typed error and changes nothing`, () => {
      const sim = fresh();
      const before = sim.hash.digest();
      const result = sim.command(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
      expect(sim.hash.digest()).toBe(before);
      expect(sim.commandLog).toEqual([]);
      expect(sim.faults.active).toEqual([]);
    });
  }

  it("never throws on arbitrary input, and a refused input never changes the run (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const sim = fresh();
        const before = sim.hash.digest();
        const result = sim.command(input);
        if (!result.ok) {
          expect(sim.hash.digest()).toBe(before);
          expect(sim.commandLog).toHaveLength(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
