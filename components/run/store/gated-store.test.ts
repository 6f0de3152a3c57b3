import { afterEach, describe, expect, it, vi } from "vitest";
import { GatedStore, type ReadableStore } from "./gated-store";

interface State {
  n: number;
  racing: boolean;
}

/** The run's store as the gate sees it: a snapshot and its listeners. */
function innerStore(initial: State) {
  let state = initial;
  const listeners = new Set<() => void>();
  const store: ReadableStore<State> = {
    getSnapshot: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    update: (change) => {
      state = change(state);
      for (const l of listeners) l();
    },
    latest: () => state,
  };
  return store;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("GatedStore", () => {
  it("passes every change at once while the run does not race", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const inner = innerStore({ n: 0, racing: false });
    const gate = new GatedStore(inner, { racing: (s) => s.racing, everyMs: 200 });
    const seen: number[] = [];
    gate.subscribe(() => seen.push(gate.getSnapshot().n));
    for (let i = 1; i <= 5; i++) {
      vi.advanceTimersByTime(100);
      inner.update((s) => ({ ...s, n: i }));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("while racing, passes a change at most every everyMs, and always the last one", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const inner = innerStore({ n: 0, racing: true });
    const gate = new GatedStore(inner, { racing: (s) => s.racing, everyMs: 200 });
    const seen: { n: number; at: number }[] = [];
    gate.subscribe(() => seen.push({ n: gate.getSnapshot().n, at: performance.now() }));
    const t0 = performance.now();
    for (let i = 1; i <= 10; i++) {
      inner.update((s) => ({ ...s, n: i }));
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(300);
    // Ten changes 100 ms apart: the first at once, then the newest every 200 ms (a held
    // change goes out when its time comes), ending with the last one.
    expect(seen.map((s) => s.n)).toEqual([1, 2, 4, 6, 8, 10]);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(200);
    expect(gate.getSnapshot().n).toBe(10);
    expect(seen[0]!.at).toBe(t0);
  });

  it("passes the change that stops the race at once (a pause shows immediately)", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    const inner = innerStore({ n: 0, racing: true });
    const gate = new GatedStore(inner, { racing: (s) => s.racing, everyMs: 200 });
    const seen: number[] = [];
    gate.subscribe(() => seen.push(gate.getSnapshot().n));
    inner.update((s) => ({ ...s, n: 1 }));
    vi.advanceTimersByTime(50);
    inner.update((s) => ({ ...s, n: 2 }));
    inner.update(() => ({ n: 3, racing: false }));
    expect(seen).toEqual([1, 3]);
    // The trailing timer of the held change was dropped: nothing stale arrives later.
    vi.advanceTimersByTime(500);
    expect(seen).toEqual([1, 3]);
  });
});

describe("GatedStore with `ready`", () => {
  it("passes changes while closed until its state is ready, then holds", () => {
    const inner = innerStore({ n: 0, racing: false });
    const gate = new GatedStore(inner, null, (s) => s.n >= 2);
    const seen: number[] = [];
    gate.subscribe(() => seen.push(gate.getSnapshot().n));
    gate.setOpen(false);
    for (let i = 1; i <= 4; i++) inner.update((s) => ({ ...s, n: i }));
    // 1 and 2 pass (the gate held nothing ready yet); 3 and 4 wait for the gate to open.
    expect(seen).toEqual([1, 2]);
    gate.setOpen(true);
    expect(seen).toEqual([1, 2, 4]);
  });

  it("without `ready`, a closed gate passes nothing", () => {
    const inner = innerStore({ n: 0, racing: false });
    const gate = new GatedStore(inner);
    const seen: number[] = [];
    gate.subscribe(() => seen.push(gate.getSnapshot().n));
    gate.setOpen(false);
    inner.update((s) => ({ ...s, n: 1 }));
    expect(seen).toEqual([]);
  });
});
