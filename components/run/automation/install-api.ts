import type { ReadableStore } from "../store/gated-store";
import type { RunActions } from "../store/run-actions";
import type { RunView } from "../store/run-view";
import type { TeachingController } from "../teaching/controller";
import { advanceAndShow, advanceToAndShow } from "./advance";
import type { ConvergenceLabApi } from "./api";
import { labState } from "./lab-state";
import { playTo } from "./play-to";
import { shownNumbers } from "./shown";
import { waitForView } from "./wait";

/** Builds `window.convergenceLab` for one run (see api.ts). */
export function createLabApi(
  runId: string,
  actions: RunActions,
  store: ReadableStore<RunView>,
  teaching: TeachingController,
): ConvergenceLabApi {
  const state = () => labState(runId, store.getSnapshot());
  return {
    version: 1,
    runId,
    state,
    shown: shownNumbers,
    view: () => store.getSnapshot(),
    advance: async (ms) => {
      await advanceAndShow(actions, store, ms);
      return state();
    },
    advanceTo: async (ms) => {
      await advanceToAndShow(actions, store, ms);
      return state();
    },
    playTo: async (ms, speed = 1) => {
      await playTo(actions, store, ms, speed);
      return state();
    },
    waitFor: async (predicate, timeoutMs = 60_000) => {
      await waitForView(store, (v) => predicate(labState(runId, v), v), timeoutMs, "a predicate");
      return state();
    },
    sync: async () => {
      const result = await actions.resync();
      if (!result.ok) throw new Error(`sync failed: ${result.message}`);
      return state();
    },
    teaching: {
      steps: () =>
        teaching.steps().map((s) => ({ atMs: s.atMs, title: s.title, lookAt: s.lookAt })),
      step: () => state().step,
      next: async (options = {}) => {
        await teaching.next(options.play ? "play" : "jump", options.speed ?? 1);
        const error = teaching.getStatus().error;
        if (error) throw new Error(error);
        return state();
      },
    },
  };
}
