import type { RunResult } from "../sim/run";
import type { RunPatch, RunSummary, StoredCheckResults } from "../db/schemas";

/**
 * What a run is stored with besides its inputs: the trace hash, the summary and the
 * checkers' verdicts at the virtual time it reached. Everything here is recomputed exactly
 * by a replay, which is how export, import and replay check a run.
 */
export interface RunOutcome {
  virtualMs: number;
  traceHash: string;
  summary: RunSummary;
  checks: StoredCheckResults;
}

export function outcomeOf(result: RunResult): RunOutcome {
  return {
    virtualMs: result.virtualMs,
    traceHash: result.traceHash,
    summary: {
      events: result.events,
      converged: result.converged,
      convergedAtMs: result.convergedAtMs,
      lastFaultEndedMs: result.lastFaultEndedMs,
      timeToConvergeMs: result.timeToConvergeMs,
      notConvergedBecause: [...result.notConvergedBecause],
      expectation: {
        met: result.expectation.met,
        failures: [...result.expectation.failures],
      },
      error: result.error,
      // Plain JSON: what the database stores is what comes back.
      metrics: JSON.parse(JSON.stringify(result.metrics)) as Record<string, unknown>,
    },
    checks: JSON.parse(JSON.stringify(result.checks)) as StoredCheckResults,
  };
}

/** The patch that records a run's outcome (and its status) with `db.runs.update`. */
export function outcomePatch(result: RunResult, status?: RunPatch["status"]): RunPatch {
  const outcome = outcomeOf(result);
  return {
    ...(status !== undefined ? { status } : {}),
    virtualMs: outcome.virtualMs,
    traceHash: outcome.traceHash,
    summary: outcome.summary,
    checks: outcome.checks,
    ...(result.error !== null ? { error: result.error } : {}),
  };
}
