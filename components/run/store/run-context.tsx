"use client";

import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type ReactNode,
} from "react";
import { GatedStore, type RacingPace, type ReadableStore } from "./gated-store";
import type { RunView } from "./run-view";
import type { RunActions } from "./run-actions";

interface RunContextValue {
  store: ReadableStore<RunView>;
  actions: RunActions;
}

const RunContext = createContext<RunContextValue | null>(null);

export function RunProvider({
  store,
  actions,
  children,
}: RunContextValue & { children: ReactNode }) {
  return <RunContext.Provider value={{ store, actions }}>{children}</RunContext.Provider>;
}

function useRunContext(): RunContextValue {
  const ctx = useContext(RunContext);
  if (!ctx) throw new Error("run components must be inside <RunProvider>");
  return ctx;
}

/**
 * Reads one slice of the run. The selector returns a part of the state as it is (or a
 * primitive); a selector that builds a new value each time passes `equal`, so that an
 * equal value keeps its identity and the component does not re-render.
 */
export function useRunSelector<T>(
  select: (view: RunView) => T,
  equal?: (a: T, b: T) => boolean,
): T {
  const { store } = useRunContext();
  const last = useRef<{ value: T } | null>(null);
  const read = () => {
    const value = select(store.getSnapshot());
    if (equal && last.current && equal(last.current.value, value)) return last.current.value;
    last.current = { value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, read, read);
}

/**
 * The browser skips a gated panel's style, layout and paint while it is off screen
 * (content-visibility: auto), keeping the size it last had: otherwise a change anywhere
 * repainted the whole page, thousands of elements, with every frame.
 */
const GATE_STYLE: CSSProperties = {
  minWidth: 0,
  contentVisibility: "auto",
  // Until first rendered, a guess; afterwards the size it last had ("auto").
  containIntrinsicSize: "auto 600px",
};

/** A run's view is worth keeping off screen once the run's first snapshot is in it. */
const hasSnapshot = (v: RunView): boolean => v.meta !== null;

/**
 * Children see the run only while the element is near the viewport: off screen, they
 * keep their last picture and cost nothing per frame (see GatedStore), and the browser
 * does not render them (GATE_STYLE).
 */
export function RunVisibilityGate({
  children,
  pace = null,
}: {
  children: ReactNode;
  /** Fewer refreshes while the run races (see GatedStore); fixed for the gate's life. */
  pace?: RacingPace<RunView> | null;
}) {
  const ctx = useRunContext();
  const [gated] = useState(() => new GatedStore(ctx.store, pace, hasSnapshot));
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver(([entry]) => gated.setOpen(entry?.isIntersecting ?? true), {
      rootMargin: "120px 0px",
    });
    io.observe(el);
    return () => io.disconnect();
  }, [gated]);
  return (
    <div ref={ref} style={GATE_STYLE}>
      <RunContext.Provider value={{ store: gated, actions: ctx.actions }}>
        {children}
      </RunContext.Provider>
    </div>
  );
}

/** The store itself, for code that updates it outside of rendering (fetched records). */
export function useRunStore(): ReadableStore<RunView> {
  return useRunContext().store;
}

export function useRunActions(): RunActions {
  return useRunContext().actions;
}

/** True when the server accepted this browser as the run's operator. */
export function useIsOperator(): boolean {
  return useRunSelector((v) => v.role === "operator");
}
