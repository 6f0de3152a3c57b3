import { describe, expect, it } from "vitest";
import {
  bandRows,
  faultBands,
  fractionToTime,
  keyToTime,
  tickLabel,
  timeToFraction,
  trackTicks,
} from "./scrub-geometry";

describe("scrubber geometry", () => {
  it("maps time to the track and back on 100 ms steps", () => {
    expect(timeToFraction(5000, 20_000)).toBe(0.25);
    expect(timeToFraction(-5, 20_000)).toBe(0);
    expect(timeToFraction(30_000, 20_000)).toBe(1);
    expect(timeToFraction(10, 0)).toBe(0);
    expect(fractionToTime(0.25, 20_000)).toBe(5000);
    expect(fractionToTime(0.2503, 20_000)).toBe(5000);
    expect(fractionToTime(1.4, 20_000)).toBe(20_000);
    // The end of a track that is not on a step is the last step before it.
    expect(fractionToTime(1, 12_345)).toBe(12_300);
    expect(fractionToTime(0.5, 0)).toBe(0);
  });

  it("moves the thumb with the keyboard, within the track", () => {
    expect(keyToTime("ArrowLeft", false, 5000, 20_000)).toBe(4900);
    expect(keyToTime("ArrowRight", true, 5000, 20_000)).toBe(6000);
    expect(keyToTime("ArrowLeft", true, 400, 20_000)).toBe(0);
    expect(keyToTime("End", false, 0, 12_345)).toBe(12_300);
    expect(keyToTime("Home", false, 7000, 20_000)).toBe(0);
    expect(keyToTime("a", false, 7000, 20_000)).toBeNull();
  });

  it("draws fault windows as bands, an open one to the end", () => {
    const bands = faultBands(
      [
        { id: "a", kind: "crash", label: "crash b1", startMs: 2000, endMs: 4000 },
        { id: "b", kind: "partition", label: "split", startMs: 6000, endMs: null },
        { id: "c", kind: "crash", label: "later", startMs: 30_000, endMs: null },
      ],
      10_000,
    );
    expect(bands.map((b) => [b.id, b.left, b.width])).toEqual([
      ["a", 0.2, 0.2],
      ["b", 0.6, 0.4],
    ]);
  });

  it("puts overlapping bands in separate rows and reuses free rows", () => {
    const band = (id: string, left: number, width: number) => ({
      id,
      label: id,
      kind: "crash",
      startMs: 0,
      endMs: 0,
      left,
      width,
    });
    const rows = bandRows([band("a", 0, 0.5), band("b", 0.2, 0.2), band("c", 0.45, 0.3)]);
    expect(rows.map((r) => r.map((b) => b.id))).toEqual([["a"], ["b", "c"]]);
  });

  it("labels ticks without rounding half seconds away", () => {
    expect(tickLabel(500)).toBe("0.5s");
    expect(tickLabel(2500)).toBe("2.5s");
    expect(tickLabel(3000)).toBe("3s");
    expect(tickLabel(65_000)).toBe("1:05");
  });

  it("ticks at round times", () => {
    expect(trackTicks(30_000)).toEqual([0, 5000, 10_000, 15_000, 20_000, 25_000, 30_000]);
    expect(trackTicks(800)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800]);
    expect(trackTicks(0)).toEqual([0]);
  });
});
