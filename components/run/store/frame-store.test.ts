import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FrameStore } from "./frame-store";

/** A fake animation-frame clock: callbacks run when the test says a frame happens. */
let frames: Map<number, FrameRequestCallback>;
let nextId: number;
let hidden: boolean;

beforeEach(() => {
  frames = new Map();
  nextId = 1;
  hidden = false;
  vi.useFakeTimers();
  vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => {
    frames.set(nextId, cb);
    return nextId++;
  });
  vi.stubGlobal("cancelAnimationFrame", (id: number) => frames.delete(id));
  vi.stubGlobal("document", {
    get hidden() {
      return hidden;
    },
  });
  vi.stubGlobal("window", { setTimeout });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function frame(): void {
  const due = [...frames.values()];
  frames.clear();
  for (const cb of due) cb(0);
}

describe("FrameStore", () => {
  it("commits any number of updates once, at the next animation frame", () => {
    const store = new FrameStore(0);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    for (let i = 0; i < 50; i++) store.update((n) => n + 1);
    expect(store.getSnapshot()).toBe(0);
    expect(store.latest()).toBe(50);
    expect(frames.size).toBe(1);
    frame();
    expect(seen).toEqual([50]);
    frame();
    expect(seen).toEqual([50]);
  });

  it("commits at once on flush, and the frame already asked for then commits nothing", () => {
    const store = new FrameStore("a");
    const listener = vi.fn();
    store.subscribe(listener);
    store.update(() => "b");
    store.flush();
    expect(store.getSnapshot()).toBe("b");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(frames.size).toBe(0);
    frame();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("commits on a timer in a hidden tab, which gets no animation frames", () => {
    hidden = true;
    const store = new FrameStore(1);
    store.update((n) => n * 7);
    expect(frames.size).toBe(0);
    vi.advanceTimersByTime(99);
    expect(store.getSnapshot()).toBe(1);
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot()).toBe(7);
  });

  it("stops telling listeners once disposed", () => {
    const store = new FrameStore(0);
    const listener = vi.fn();
    store.subscribe(listener);
    store.update((n) => n + 1);
    store.dispose();
    frame();
    expect(listener).not.toHaveBeenCalled();
  });
});
