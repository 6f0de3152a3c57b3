import { Simulation, type SimulationOptions } from "./engine";
import type { CheckResults } from "./checks";
import { metricsSnapshot, type MetricsSnapshot } from "./metrics";
import type { Expectation, Scenario } from "./scenario";
import { checkNames } from "./scenario";
import type { CommandLogEntry } from "./apply-command";
import { applyOverride } from "./overrides";
import { parseScenario } from "./validate";

export interface RunResult {
  seed: number;
  scenario: string;
  virtualMs: number;
  events: number;
  traceHash: string;
  metrics: MetricsSnapshot;
  checks: CheckResults;
  converged: boolean;
  convergedAtMs: number | null;
  lastFaultEndedMs: number | null;
  timeToConvergeMs: number | null;
  notConvergedBecause: string[];
  expectation: { met: boolean; failures: string[] };
  /** Set if the simulation itself failed (a bug in the engine): the run stopped there. */
  error: string | null;
}

/** Applies dotted-path overrides to a scenario and validates the result. */
export function withOverrides(
  scenario: Scenario,
  overrides: readonly { path: string; value: unknown }[],
): Scenario {
  if (overrides.length === 0) return scenario;
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  for (const { path, value } of overrides) applyOverride(copy, expandAlias(path, scenario), value);
  return parseScenario(copy);
}

/** `producer.x` and `group.x` address the only (or first) producer or group, as DESIGN.md's example does. */
function expandAlias(path: string, scenario: Scenario): string {
  if (path.startsWith("producer.") && scenario.producers.length > 0)
    return `producers.0.${path.slice(9)}`;
  if (path.startsWith("group.") && scenario.groups.length > 0) return `groups.0.${path.slice(6)}`;
  return path;
}

/**
 * Runs a scenario to its end (or `untilMs`), applying operator commands at their
 * virtual times exactly as a live run applied them: everything up to that time first.
 */
export function runScenario(
  scenario: Scenario,
  seed: number,
  opts: {
    untilMs?: number;
    commands?: readonly CommandLogEntry[];
    /** Told of each command the engine refuses (which then changes nothing). */
    onRefused?: (index: number, entry: CommandLogEntry, message: string) => void;
    sim?: SimulationOptions;
  } = {},
): RunResult {
  const sim = new Simulation(scenario, seed, opts.sim);
  const end = opts.untilMs ?? scenario.durationMs;
  const commands = opts.commands ?? [];
  for (let i = 0; i < commands.length; i++) {
    const entry = commands[i]!;
    if (entry.atMs > end) break;
    sim.runUntil(entry.atMs);
    const result = sim.command(entry.command);
    if (!result.ok) opts.onRefused?.(i, entry, `${result.error.code}: ${result.error.message}`);
  }
  sim.runUntil(end);
  return resultOf(sim);
}

export function resultOf(sim: Simulation): RunResult {
  sim.checks.evaluate();
  sim.convergence.update();
  const checks = sim.checks.results();
  const convergence = sim.convergence.state();
  const metrics = metricsSnapshot(sim);
  const base = {
    seed: sim.seed,
    scenario: sim.scenario.name,
    virtualMs: sim.now,
    events: sim.dispatched,
    traceHash: sim.hash.digest(),
    metrics,
    checks,
    converged: convergence.converged,
    convergedAtMs: convergence.convergedAtMs,
    lastFaultEndedMs: convergence.lastFaultEndedMs,
    timeToConvergeMs: convergence.timeToConvergeMs,
    notConvergedBecause: convergence.reasons,
    error: sim.failure ? sim.failure.message : null,
  };
  return { ...base, expectation: evaluateExpectation(base, sim.scenario.expect) };
}

/** Compares a run's outcome with what its scenario expects; each failure says what and by how much. */
export function evaluateExpectation(
  result: Pick<RunResult, "checks" | "converged" | "metrics" | "error">,
  expect: Expectation,
): { met: boolean; failures: string[] } {
  const failures: string[] = [];
  if (result.error) failures.push(`the simulation failed: ${result.error}`);
  for (const name of checkNames) {
    const bound = expect.checks[name];
    if (!bound) continue;
    const count = result.checks[name].count;
    if (bound.min !== undefined && count < bound.min)
      failures.push(`${name} is ${count}, expected at least ${bound.min}`);
    if (bound.max !== undefined && count > bound.max)
      failures.push(`${name} is ${count}, expected at most ${bound.max}`);
  }
  if (expect.converged !== undefined && result.converged !== expect.converged) {
    failures.push(
      expect.converged ? "expected to converge, but did not" : "expected not to converge, but did",
    );
  }
  for (const [path, bound] of Object.entries(expect.metrics)) {
    const value = readPath(result.metrics, path);
    if (typeof value !== "number") {
      failures.push(`metrics.${path} is not a number in the snapshot`);
      continue;
    }
    if (bound.min !== undefined && value < bound.min)
      failures.push(`metrics.${path} is ${value}, expected at least ${bound.min}`);
    if (bound.max !== undefined && value > bound.max)
      failures.push(`metrics.${path} is ${value}, expected at most ${bound.max}`);
  }
  return { met: failures.length === 0, failures };
}

/** Reads a dotted path; list items may be addressed by index or by their id. */
export function readPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split(".")) {
    if (Array.isArray(node)) {
      node = /^\d+$/.test(part)
        ? node[Number(part)]
        : node.find((x) => (x as { id?: unknown })?.id === part);
    } else if (typeof node === "object" && node !== null) {
      node = (node as Record<string, unknown>)[part];
    } else return undefined;
  }
  return node;
}
