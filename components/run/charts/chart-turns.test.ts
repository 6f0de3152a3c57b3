import { afterEach, describe, expect, it, vi } from "vitest";
import { endTurn, requestTurn } from "./chart-turns";

afterEach(() => {
  vi.runOnlyPendingTimers();
  vi.useRealTimers();
});

describe("chart turns", () => {
  it("one chart redraws at a time, the next after a gap, in the order they asked", () => {
    vi.useFakeTimers();
    const started: string[] = [];
    const a = () => started.push("a");
    const b = () => started.push("b");
    const c = () => started.push("c");
    requestTurn(a);
    requestTurn(b);
    requestTurn(c);
    requestTurn(b); // asking again while waiting keeps one place in the queue
    expect(started).toEqual(["a"]);
    endTurn(a);
    expect(started).toEqual(["a"]); // a frame's gap before the next
    vi.advanceTimersByTime(20);
    expect(started).toEqual(["a", "b"]);
    endTurn(c); // a chart that leaves the queue (unmounted) is dropped
    endTurn(b);
    vi.advanceTimersByTime(20);
    expect(started).toEqual(["a", "b"]);
    // Nothing waits any more: a new request starts at once.
    requestTurn(c);
    expect(started).toEqual(["a", "b", "c"]);
    endTurn(c);
  });

  it("a turn that never ends is taken back, so the other charts still redraw", () => {
    vi.useFakeTimers();
    const started: string[] = [];
    const stuck = () => started.push("stuck");
    const next = () => started.push("next");
    requestTurn(stuck);
    requestTurn(next);
    vi.advanceTimersByTime(999);
    expect(started).toEqual(["stuck"]);
    vi.advanceTimersByTime(1 + 20);
    expect(started).toEqual(["stuck", "next"]);
    endTurn(next);
  });

  it("ending a turn one does not hold changes nothing", () => {
    vi.useFakeTimers();
    const started: string[] = [];
    const holder = () => started.push("holder");
    const other = () => started.push("other");
    requestTurn(holder);
    endTurn(other);
    requestTurn(other);
    vi.advanceTimersByTime(500);
    expect(started).toEqual(["holder"]);
    endTurn(holder);
    vi.advanceTimersByTime(20);
    expect(started).toEqual(["holder", "other"]);
    endTurn(other);
  });
});
