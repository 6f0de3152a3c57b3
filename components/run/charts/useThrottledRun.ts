"use client";

import { startTransition, useEffect, useRef, useState } from "react";
import { useRunStore } from "../store/run-context";
import type { RunView } from "../store/run-view";
import { endTurn, requestTurn } from "./chart-turns";

/**
 * The run state for a chart, refreshed at most once per `intervalMs`, at its own
 * `phaseMs` within the interval: lines over minutes of virtual time gain nothing from
 * ten redraws a second. A due chart waits for its turn (chart-turns.ts: one chart's
 * redraw at a time, each in a task of its own) and refreshes as a React transition, so
 * that React renders it in slices between other work.
 */
export function useThrottledRun(intervalMs: number, phaseMs = 0): RunView {
  const store = useRunStore();
  const [view, setView] = useState(() => store.getSnapshot());
  const shown = useRef(view);
  const turnRef = useRef<(() => void) | null>(null);

  // The refresh has been committed and its effects have run. Recharts' store tells its
  // components of some of those dispatches at the next animation frame (Redux Toolkit's
  // auto-batching), and that is where most of the chart is drawn again: the turn ends
  // in a frame callback queued after Recharts' own, so that two charts never redraw in
  // the same frame.
  useEffect(() => {
    shown.current = view;
    const turn = turnRef.current;
    if (!turn) return;
    if (document.hidden) return endTurn(turn); // no frames in a hidden tab
    const raf = requestAnimationFrame(() => endTurn(turn));
    return () => cancelAnimationFrame(raf);
  }, [view]);

  useEffect(() => {
    let timer: number | null = null;
    // The next moment at this chart's phase.
    const nextSlot = (now: number) => now + intervalMs - ((now - phaseMs) % intervalMs);
    let dueAt = nextSlot(performance.now());
    const turn = () => {
      dueAt = nextSlot(performance.now());
      const next = store.getSnapshot();
      if (next === shown.current) return endTurn(turn);
      startTransition(() => setView(next));
    };
    turnRef.current = turn;
    // Due: ask for a turn; not yet: once, at the due time (a paused run commits no more).
    const onChange = () => {
      const now = performance.now();
      if (now >= dueAt) requestTurn(turn);
      else
        timer ??= window.setTimeout(() => {
          timer = null;
          requestTurn(turn);
        }, dueAt - now);
    };
    const unsubscribe = store.subscribe(onChange);
    onChange();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      endTurn(turn);
      turnRef.current = null;
    };
  }, [store, intervalMs, phaseMs]);
  return view;
}
