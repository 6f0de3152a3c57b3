import { describe, expect, it } from "vitest";
import { parseScenario } from "../../../server/sim/validate";
import { Simulation } from "../../../server/sim/engine";
import { describeCommand, faultWindowsOf } from "./fault-windows";

describe("fault windows of a stored run", () => {
  it("come from the fault script and the operator's commands, with the engine's ids", () => {
    const windows = faultWindowsOf(
      {
        faults: [
          { kind: "crash", target: "b1", mode: "kill", atMs: 5000, untilMs: 9000 },
          { id: "late", kind: "pause", target: "b2", atMs: 40_000 },
        ],
      },
      [
        { atMs: 1000, command: { type: "injectFault", fault: { kind: "pause", target: "b3" } } },
        {
          atMs: 2000,
          command: {
            type: "injectFault",
            fault: { kind: "crash", target: "b2", mode: "powerloss" },
            durationMs: 500,
          },
        },
        { atMs: 3000, command: { type: "endFault", faultId: "op1" } },
        {
          atMs: 12_000,
          command: { type: "injectFault", id: "mine", fault: { kind: "isolate", target: "b1" } },
        },
      ],
      20_000,
    );
    expect(windows).toEqual([
      { id: "op1", kind: "pause", label: "pause b3", startMs: 1000, endMs: 3000 },
      { id: "op2", kind: "crash", label: "powerloss b2", startMs: 2000, endMs: 2500 },
      { id: "f1", kind: "crash", label: "kill b1", startMs: 5000, endMs: 9000 },
      { id: "mine", kind: "isolate", label: "isolate b1", startMs: 12_000, endMs: null },
    ]);
  });

  it("leave a window open when it ends after the time the run reached", () => {
    const w = faultWindowsOf(
      { faults: [{ kind: "crash", target: "b1", mode: "kill", atMs: 100, untilMs: 900 }] },
      [],
      500,
    );
    expect(w[0]?.endMs).toBeNull();
  });

  it("match the windows the engine draws for a real run", () => {
    const scenario = parseScenario({
      name: "windows",
      title: "Windows",
      teaches: "fault windows",
      durationMs: 8000,
      producers: [{ id: "p1" }],
      faults: [{ kind: "crash", target: "b2", mode: "kill", atMs: 1000, untilMs: 2500 }],
    });
    const sim = new Simulation(scenario, 3);
    sim.runUntil(3000);
    sim.command({ type: "injectFault", fault: { kind: "pause", target: "b1" }, durationMs: 700 });
    sim.runUntil(4000);
    sim.command({ type: "injectFault", fault: { kind: "isolate", target: "b3" } });
    sim.runUntil(4500);
    sim.command({ type: "endFault", faultId: "op2" });
    sim.runUntil(6000);
    const engine = sim.faults.windows.map((w) => ({ ...w }));
    expect(faultWindowsOf(scenario, sim.commandLog, 6000)).toEqual(
      engine.sort((a, b) => a.startMs - b.startMs),
    );
  });

  it("describe commands in words", () => {
    expect(describeCommand({ type: "endFault", faultId: "op1" })).toBe("end fault op1");
    expect(describeCommand({ type: "setProducer", producer: "p1", acks: 1, stopped: true })).toBe(
      "producer p1: acks=1, stopped",
    );
    expect(
      describeCommand({
        type: "injectFault",
        fault: { kind: "pause", target: "b1" },
        durationMs: 500,
      }),
    ).toBe("inject pause b1 for 500 ms");
  });
});
