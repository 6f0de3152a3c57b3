import type { ReadableStore } from "../store/gated-store";
import type { RunView } from "../store/run-view";

/**
 * Resolves with the committed view as soon as `predicate` holds for it: checked now and
 * at every commit of the store, never by polling on a timer. `timeoutMs` only bounds a
 * wait that would otherwise hang (a run that never gets there).
 */
export function waitForView(
  store: ReadableStore<RunView>,
  predicate: (view: RunView) => boolean,
  timeoutMs = 60_000,
  what = "the run state",
): Promise<RunView> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (): boolean => {
      if (done) return true;
      const view = store.getSnapshot();
      if (!predicate(view)) return false;
      done = true;
      unsubscribe();
      window.clearTimeout(timer);
      resolve(view);
      return true;
    };
    const unsubscribe = store.subscribe(() => void finish());
    const timer = window.setTimeout(() => {
      if (done) return;
      done = true;
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    finish();
  });
}

/** The run can move no further: finished, failed, or the connection is gone for good. */
export function isOver(view: RunView): boolean {
  return view.status === "finished" || view.status === "failed" || view.connection === "lost";
}
