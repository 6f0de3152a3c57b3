import type { ScenarioInput } from "../scenario";
import { parseScenario } from "../validate";
import type { Scenario } from "../scenario";
import { runScenario, type RunResult } from "../run";
import type { CommandLogEntry } from "../apply-command";
import { Simulation } from "../engine";

/** A small scenario for tests: defaults everywhere, then the test's own settings. */
export function scenario(overrides: Partial<ScenarioInput> = {}): Scenario {
  return parseScenario({
    name: "test",
    title: "test",
    teaches: "test",
    durationMs: 15_000,
    producers: [{ id: "p1", ratePerSec: 100, stopMs: 8_000 }],
    groups: [{ id: "g1", members: 2 }],
    ...overrides,
  });
}

export function run(s: Scenario, seed = 1, commands: CommandLogEntry[] = []): RunResult {
  const r = runScenario(s, seed, { commands });
  if (r.error) throw new Error(`simulation failed: ${r.error}`);
  return r;
}

/** The broker that leads a partition at the start (replica placement puts partition p's leader on b(p+1)). */
export function initialLeader(s: Scenario, partition: number): string {
  return `b${(partition % s.brokers.count) + 1}`;
}

/** Runs and returns the simulation itself, for tests that inspect state or history. */
export function simulate(s: Scenario, seed = 1, untilMs = s.durationMs): Simulation {
  const sim = new Simulation(s, seed);
  sim.runUntil(untilMs);
  if (sim.failure) throw sim.failure;
  return sim;
}
