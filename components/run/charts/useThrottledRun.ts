"use client";

import { useEffect, useState } from "react";
import { useRunStore } from "../store/run-context";
import type { RunView } from "../store/run-view";

/**
 * The run state for a chart, refreshed at most once per `intervalMs`, at its own
 * `phaseMs` within the interval: lines over minutes of virtual time gain nothing from
 * ten redraws a second, and charts that redraw at different moments never add up to
 * one long task.
 */
export function useThrottledRun(intervalMs: number, phaseMs = 0): RunView {
  const store = useRunStore();
  const [view, setView] = useState(() => store.getSnapshot());
  useEffect(() => {
    let timer: number | null = null;
    const refresh = () => {
      timer = null;
      setView(store.getSnapshot());
    };
    const unsubscribe = store.subscribe(() => {
      if (timer !== null) return;
      const into = (performance.now() - phaseMs) % intervalMs;
      timer = window.setTimeout(refresh, intervalMs - into);
    });
    setView(store.getSnapshot());
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, intervalMs, phaseMs]);
  return view;
}
