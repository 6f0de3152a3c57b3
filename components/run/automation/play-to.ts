import type { ReadableStore } from "../store/gated-store";
import type { RunActions } from "../store/run-actions";
import type { RunView } from "../store/run-view";
import { advanceAndShow, advanceToAndShow } from "./advance";
import { isOver } from "./wait";

/** Below this, a chunk is not worth a round trip: wait for the next animation frame. */
const MIN_CHUNK_MS = 1;

/**
 * Plays the run up to `targetMs` at `speed` virtual ms per wall ms, and stops exactly
 * there. It advances in chunks (each one an `advance` answered at its exact time, so
 * every picture shown is the state at a whole virtual time and two plays of the same
 * run show the same pictures), sized by the wall time that passed: a slow server gives
 * bigger chunks, never a slower film. Resolves with the virtual time reached; `signal`
 * stops it between chunks (the run stays paused where it is).
 */
export async function playTo(
  actions: RunActions,
  store: ReadableStore<RunView>,
  targetMs: number,
  speed: number | "max",
  signal?: AbortSignal,
): Promise<number> {
  if (speed === "max") return advanceToAndShow(actions, store, targetMs);
  const startWall = performance.now();
  const startVirtual = store.getSnapshot().nowMs;
  let now = startVirtual;
  while (now < targetMs - 0.05 && !signal?.aborted && !isOver(store.getSnapshot())) {
    const due = Math.min(targetMs, startVirtual + (performance.now() - startWall) * speed);
    // Whole milliseconds: the server adds each advance to its clock, and sums of whole
    // numbers are exact, so the last chunk lands exactly on the target (a clock at
    // 7999.9999 would show "8.000 s" with the 8 s fault not yet fired).
    const chunk = due >= targetMs ? targetMs - now : Math.floor(due - now);
    if (chunk >= MIN_CHUNK_MS || due >= targetMs) {
      now = await advanceAndShow(actions, store, Math.round(chunk * 10) / 10);
    } else {
      await nextAnimationFrame();
    }
  }
  return now;
}

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === "function" && !document.hidden)
      requestAnimationFrame(() => resolve());
    else window.setTimeout(resolve, 16);
  });
}
