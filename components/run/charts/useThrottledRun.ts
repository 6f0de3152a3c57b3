"use client";

import { useEffect, useState } from "react";
import { useRunStore } from "../store/run-context";
import type { RunView } from "../store/run-view";

/**
 * How long after its due time a chart waits for the store's next commit before it
 * refreshes on its own (a paused run commits nothing more): longer than the time
 * between two frames of a running run, so that a running run's charts always refresh
 * inside a store commit.
 */
const TRAILING_MS = 250;

/**
 * The run state for a chart, refreshed at most once per `intervalMs`, at its own
 * `phaseMs` within the interval: lines over minutes of virtual time gain nothing from
 * ten redraws a second, and charts that redraw at different moments never add up to
 * one long task. The refresh happens inside a commit of the store (React renders it
 * with the rest of that commit), not in a task and an animation frame of its own: six
 * charts on timers added six frames a second of style, layout and paint.
 */
export function useThrottledRun(intervalMs: number, phaseMs = 0): RunView {
  const store = useRunStore();
  const [view, setView] = useState(() => store.getSnapshot());
  useEffect(() => {
    let trailing: number | null = null;
    // The next moment at this chart's phase.
    const nextSlot = (now: number) => now + intervalMs - ((now - phaseMs) % intervalMs);
    let dueAt = nextSlot(performance.now());
    const refresh = () => {
      if (trailing !== null) clearTimeout(trailing);
      trailing = null;
      dueAt = nextSlot(performance.now());
      setView(store.getSnapshot());
    };
    const unsubscribe = store.subscribe(() => {
      const now = performance.now();
      if (now >= dueAt) refresh();
      else if (trailing === null) trailing = window.setTimeout(refresh, dueAt - now + TRAILING_MS);
    });
    setView(store.getSnapshot());
    return () => {
      unsubscribe();
      if (trailing !== null) clearTimeout(trailing);
    };
  }, [store, intervalMs, phaseMs]);
  return view;
}
