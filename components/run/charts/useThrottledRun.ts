"use client";

import { startTransition, useEffect, useState } from "react";
import { useRunStore } from "../store/run-context";
import type { RunView } from "../store/run-view";

/**
 * How long after its due time a chart waits for the store's next commit before it
 * refreshes on its own (a paused run commits nothing more): longer than the time
 * between two frames of a running run.
 */
const TRAILING_MS = 250;

/**
 * When any chart last refreshed. Charts take turns: at most one refreshes in a store
 * commit (commits are 100 ms apart while a run plays), so that charts all due at once (a
 * panel scrolled into view) redraw over a few frames instead of in one long task.
 */
let lastRefreshAt = -Infinity;
const TURN_MS = 30;

/**
 * The run state for a chart, refreshed at most once per `intervalMs`, at its own
 * `phaseMs` within the interval: lines over minutes of virtual time gain nothing from
 * ten redraws a second. A chart refreshes when the store commits (no timer and frame of
 * its own while the run plays), one chart per commit (see lastRefreshAt), and as a React
 * transition: React renders it in slices of a few milliseconds between other work, so a
 * chart's redraw, above all its first one with data when the panel scrolls into view
 * (Recharts mounting every line), is never one long task.
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
      lastRefreshAt = performance.now();
      dueAt = nextSlot(lastRefreshAt);
      const next = store.getSnapshot();
      startTransition(() => setView(next));
    };
    const unsubscribe = store.subscribe(() => {
      const now = performance.now();
      if (now >= dueAt && now - lastRefreshAt >= TURN_MS) refresh();
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
