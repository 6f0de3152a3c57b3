import { resultOf, type RunResult } from "../sim/run";
import { Simulation } from "../sim/engine";
import type { Scenario } from "../sim/scenario";
import type { Database } from "../db/database";
import { NotFoundError } from "../db/errors";
import type { CommandEntry } from "../db/schemas";
import { simulateCooperatively } from "./cooperative";

/**
 * Exact replay: a stored run is its scenario, seed and command log; running them again
 * reaches the same trace hash at the same virtual time, or the engine has changed.
 */
export interface ReplayReport {
  runId: string;
  /** Virtual time replayed to. */
  untilMs: number;
  commands: number;
  storedTraceHash: string | null;
  replayedTraceHash: string;
  /** Null when the run has no stored hash to compare with (it never reported one). */
  matches: boolean | null;
  result: RunResult;
}

/**
 * Runs scenario + seed + commands to `untilMs`; pure, so the same inputs give the same
 * result. It shares the process with live runs (see cooperative.ts), hence async.
 */
export async function replay(
  scenario: Scenario,
  seed: number,
  commands: readonly CommandEntry[],
  untilMs: number,
): Promise<RunResult> {
  return (await replayCountingCommands(scenario, seed, commands, untilMs)).result;
}

/**
 * The same replay, also telling how many of the commands the simulation applied (a live
 * run stores only applied commands, so a refused one in a log means it was edited).
 */
export async function replayCountingCommands(
  scenario: Scenario,
  seed: number,
  commands: readonly CommandEntry[],
  untilMs: number,
): Promise<{ result: RunResult; applied: number }> {
  const sim = new Simulation(scenario, seed);
  await simulateCooperatively(sim, commands, untilMs);
  return { result: resultOf(sim), applied: sim.commandLog.length };
}

/**
 * The virtual time a stored run is replayed to: the time it reached, or, for a run whose
 * server died before it reported one, the time of its last stored command.
 */
export function replayTarget(virtualMs: number, commands: readonly CommandEntry[]): number {
  const lastCommandMs = commands.length > 0 ? commands[commands.length - 1]!.atMs : 0;
  return Math.max(virtualMs, lastCommandMs);
}

export async function replayStoredRun(
  db: Database,
  runId: string,
  options: { untilMs?: number } = {},
): Promise<ReplayReport> {
  const run = await db.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}" to replay`);
  const commands = await db.commands.list(runId);
  const untilMs = options.untilMs ?? replayTarget(run.virtualMs, commands);
  const result = await replay(run.scenario, run.seed, commands, untilMs);
  // The stored hash describes the run at run.virtualMs; another time has nothing to compare with.
  const comparable = run.traceHash !== null && untilMs === run.virtualMs;
  return {
    runId,
    untilMs,
    commands: commands.filter((c) => c.atMs <= untilMs).length,
    storedTraceHash: run.traceHash,
    replayedTraceHash: result.traceHash,
    matches: comparable ? result.traceHash === run.traceHash : null,
    result,
  };
}
