import { describe, expect, it } from "vitest";
import { runScenario } from "../../../server/sim/run";
import { builtinScenarios } from "../../../server/scenarios";
import { recomputeMetricHistory, sampleStepMs, sampleTimes } from "./metric-history";

describe("metric history recomputed in the browser", () => {
  it("samples every 100 ms, coarser for long runs, always ending at the end", () => {
    expect(sampleStepMs(30_000)).toBe(100);
    expect(sampleStepMs(60_000)).toBe(100);
    expect(sampleStepMs(60_001)).toBe(200);
    expect(sampleStepMs(600_000)).toBe(1000);
    expect(sampleTimes(450, 100)).toEqual([100, 200, 300, 400, 450]);
    expect(sampleTimes(400, 100)).toEqual([100, 200, 300, 400]);
  });

  it("reaches the trace hash of the run it recomputes, commands included", async () => {
    const scenario = builtinScenarios().find((s) => s.name === "acks-failover")!;
    const commands = [
      {
        atMs: 2000,
        command: {
          type: "injectFault" as const,
          fault: { kind: "crash" as const, target: "b2", mode: "kill" as const },
          durationMs: 1500,
        },
      },
      {
        atMs: 2500,
        command: { type: "setProducer" as const, producer: "payments", stopped: true },
      },
    ];
    const untilMs = 6000;
    const history = await recomputeMetricHistory({ scenario, seed: 4, commands, untilMs });
    const result = runScenario(scenario, 4, { untilMs, commands });
    expect(history.traceHash).toBe(result.traceHash);
    expect(history.virtualMs).toBe(untilMs);
    expect(history.samples.length).toBe(61);
    expect(history.samples.at(-1)!.ack).toBe(
      result.metrics.producers.reduce((n, p) => n + p.acknowledged, 0),
    );
  });
});
