import type { LookAtRegion } from "../../../server/protocol";
import type { RunView } from "../store/run-view";
import type { LabState } from "./lab-state";

/**
 * `window.convergenceLab`: what the run page offers browser scripts (Playwright tests, the
 * recorder), documented in docs/teaching.md. Every method that moves the run resolves
 * when the page shows the result, so a script never sleeps on the wall clock.
 */
export interface ConvergenceLabApi {
  version: 1;
  runId: string;
  /** The numbers the page holds now. */
  state(): LabState;
  /** The text of the key numbers as the page renders them, by test id (see shown.ts). */
  shown(): Record<string, string>;
  /** The whole state the page renders from (large; prefer state()). */
  view(): RunView;
  /** Pause, advance exactly `ms` of virtual time; resolves once the page shows that time. */
  advance(ms: number): Promise<LabState>;
  /** The same, to an absolute virtual time (no-op when the run is past it). */
  advanceTo(ms: number): Promise<LabState>;
  /** Plays to `ms` at `speed` (virtual ms per wall ms) in exact chunks, pausing there. */
  playTo(ms: number, speed?: number): Promise<LabState>;
  /** Resolves when `predicate` holds for the page's state (checked at every frame). */
  waitFor(
    predicate: (state: LabState, view: RunView) => boolean,
    timeoutMs?: number,
  ): Promise<LabState>;
  /**
   * Asks the server for a fresh snapshot. Frames send counters and projections only every
   * few ticks, so right after an advance a counter may still be a tick old; after sync()
   * every number is the simulation's at the current virtual time, exactly.
   */
  sync(): Promise<LabState>;
  teaching: {
    steps(): { atMs: number; title: string; lookAt: LookAtRegion[] }[];
    /** The step the run's clock is on (-1 before the first). */
    step(): number;
    /** Next, as the lecturer's button: jump (default) or play at `speed` to the next step. */
    next(options?: { play?: boolean; speed?: number }): Promise<LabState>;
  };
}

declare global {
  interface Window {
    convergenceLab?: ConvergenceLabApi;
  }
}
