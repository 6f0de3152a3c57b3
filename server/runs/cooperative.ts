import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { CommandLogEntry } from "../sim/apply-command";
import type { Simulation } from "../sim/engine";

/**
 * Re-simulation that shares the process. Replaying a stored run (the report's replay, an
 * export or import, reopening a run to scrub it) simulates everything up to its time
 * again: a 10-minute medium run is a few seconds of CPU. Done in one go, it would freeze
 * every live run on the server for as long (no frames, no commands answered), so a
 * student opening a report would stop the lecturer's run. Here the simulation goes in
 * small virtual steps and gives the event loop a turn whenever a slice has held it for
 * SLICE_WALL_MS, well under the live frame interval (50 to 100 ms).
 *
 * The result is the same as one `runUntil` per command: the engine reaches the same
 * state whatever steps its time is advanced in (live runs rely on this too).
 */
export const SLICE_WALL_MS = 10;

/** Virtual time simulated between looks at the wall clock: small enough for the large case. */
const STEP_VIRTUAL_MS = 100;

export interface CooperativeOptions {
  /** Called after every step (a reopened run's timeline takes its checkpoints here). */
  afterStep?: (sim: Simulation) => void;
}

/**
 * Runs `sim` to `untilMs`, applying each command at its time exactly as a replay does
 * (everything due before it first); commands after `untilMs` are not applied.
 */
export async function simulateCooperatively(
  sim: Simulation,
  commands: readonly CommandLogEntry[],
  untilMs: number,
  options: CooperativeOptions = {},
): Promise<void> {
  const slice = { start: performance.now() };
  for (const entry of commands) {
    if (entry.atMs > untilMs) break;
    await advance(sim, entry.atMs, slice, options);
    sim.command(entry.command);
  }
  await advance(sim, untilMs, slice, options);
}

async function advance(
  sim: Simulation,
  to: number,
  slice: { start: number },
  options: CooperativeOptions,
): Promise<void> {
  while (sim.now < to && sim.failure === null) {
    sim.runUntil(Math.min(to, sim.now + STEP_VIRTUAL_MS));
    options.afterStep?.(sim);
    if (performance.now() - slice.start >= SLICE_WALL_MS) {
      await nextTurn();
      slice.start = performance.now();
    }
  }
  // What is due at exactly `to` (a run that failed stays where it failed).
  sim.runUntil(to);
}
