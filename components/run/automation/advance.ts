import type { ReadableStore } from "../store/gated-store";
import type { RunActions } from "../store/run-actions";
import type { RunView } from "../store/run-view";
import { isOver, waitForView } from "./wait";

/** Virtual times travel rounded to 0.1 ms. */
const TOLERANCE_MS = 0.05;

/**
 * Advances the run by exactly `ms` of virtual time and resolves once the page holds the
 * state at that time: the server's ack says the simulation is there (paused), and the
 * wait for a committed frame at that time says the browser has it too. Returns the
 * virtual time reached (less than asked at the end of the run).
 */
export async function advanceAndShow(
  actions: RunActions,
  store: ReadableStore<RunView>,
  ms: number,
): Promise<number> {
  const result = await actions.advance(Math.max(0, ms));
  if (!result.ok) throw new Error(`advance refused: ${result.message}`);
  await waitForView(
    store,
    (v) => v.nowMs >= result.atMs - TOLERANCE_MS || isOver(v),
    60_000,
    `the frame at ${result.atMs} ms`,
  );
  return result.atMs;
}

/** Advances to an absolute virtual time (nothing happens when the run is already past it). */
export async function advanceToAndShow(
  actions: RunActions,
  store: ReadableStore<RunView>,
  targetMs: number,
): Promise<number> {
  const now = store.getSnapshot().nowMs;
  return advanceAndShow(actions, store, Math.max(0, roundTenth(targetMs - now)));
}

function roundTenth(ms: number): number {
  return Math.round(ms * 10) / 10;
}
