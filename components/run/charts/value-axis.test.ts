import { describe, expect, it } from "vitest";
import { formatValueTick, valueAxis } from "./value-axis";

const series = [{ key: "a", name: "a", colour: "#000" }];
const rows = (...vs: number[]) => vs.map((a, i) => ({ t: i, a }));

describe("valueAxis", () => {
  it("starts at zero and ends on a round tick at or above the largest value", () => {
    expect(valueAxis(rows(0, 37, 12), series)).toEqual({
      domain: [0, 40],
      ticks: [0, 10, 20, 30, 40],
    });
    expect(valueAxis(rows(0, 1234), series).ticks).toEqual([0, 250, 500, 750, 1000, 1250]);
  });

  it("has whole-number ticks for small values and for all zeros", () => {
    expect(valueAxis(rows(0, 3), series).ticks).toEqual([0, 1, 2, 3]);
    expect(valueAxis(rows(0, 0), series)).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(valueAxis([], series).domain).toEqual([0, 1]);
  });

  it("goes below zero for a negative value and never has more than six ticks", () => {
    const axis = valueAxis(rows(-12, 45), series);
    expect(axis.domain[0]).toBeLessThanOrEqual(-12);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(45);
    expect(axis.ticks.length).toBeLessThanOrEqual(6);
    for (const hi of [1, 7, 99, 101, 999, 12_345, 987_654])
      expect(valueAxis(rows(0, hi), series).ticks.length).toBeLessThanOrEqual(6);
  });

  it("shortens large tick labels", () => {
    expect([0, 2500, 10_000, 12_500, 300_000, 2_500_000].map(formatValueTick)).toEqual([
      "0",
      "2500",
      "10k",
      "12.5k",
      "300k",
      "2.5M",
    ]);
  });
});
