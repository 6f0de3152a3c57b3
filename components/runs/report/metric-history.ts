import type { MetricSample, OperatorCommand, Scenario } from "../../../server/protocol";

/**
 * The metric history of a stored run, recomputed in the browser: the engine is pure
 * (DESIGN.md: it runs in a browser as well as on the server), so scenario, seed and
 * command log give back every sample the live page drew, and the trace hash with them.
 * The work is cut into slices of a few milliseconds so the page stays responsive.
 */

export interface MetricHistoryInput {
  scenario: Scenario;
  seed: number;
  commands: readonly { atMs: number; command: OperatorCommand }[];
  untilMs: number;
}

export interface MetricHistory {
  samples: MetricSample[];
  traceHash: string;
  virtualMs: number;
}

/** The most samples kept: the charts downsample to 150 points anyway. */
export const MAX_SAMPLES = 600;
const SLICE_WALL_MS = 12;

/** Virtual time between samples: 100 ms, or a coarser whole multiple of it for long runs. */
export function sampleStepMs(untilMs: number, maxSamples = MAX_SAMPLES): number {
  return Math.max(1, Math.ceil(untilMs / 100 / maxSamples)) * 100;
}

/** Times at which samples are taken: every step, and the end itself. */
export function sampleTimes(untilMs: number, stepMs: number): number[] {
  const times: number[] = [];
  for (let t = stepMs; t < untilMs; t += stepMs) times.push(t);
  times.push(untilMs);
  return times;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function recomputeMetricHistory(
  input: MetricHistoryInput,
  signal?: AbortSignal,
): Promise<MetricHistory> {
  // Loaded with the report's charts only: the live page never needs the engine.
  const [{ Simulation }, { metricSample }] = await Promise.all([
    import("../../../server/sim/engine"),
    import("../../../server/live/samplers"),
  ]);
  const sim = new Simulation(input.scenario, input.seed);
  const samples: MetricSample[] = [metricSample(sim)];
  const commands = input.commands.filter((c) => c.atMs <= input.untilMs);
  let next = 0;
  let sliceStart = performance.now();
  for (const t of sampleTimes(input.untilMs, sampleStepMs(input.untilMs))) {
    // Exactly as runScenario applies them: run to each command's time, then apply it.
    while (next < commands.length && commands[next]!.atMs <= t) {
      sim.runUntil(commands[next]!.atMs);
      sim.command(commands[next]!.command);
      next++;
    }
    sim.runUntil(t);
    samples.push(metricSample(sim));
    if (performance.now() - sliceStart > SLICE_WALL_MS) {
      await nextTask();
      if (signal?.aborted) throw new DOMException("cancelled", "AbortError");
      sliceStart = performance.now();
    }
  }
  return { samples, traceHash: sim.hash.digest(), virtualMs: sim.now };
}
