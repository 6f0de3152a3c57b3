import { describe, expect, it } from "vitest";
import { timeTicks, valueTicks } from "./chart-scale";

describe("valueTicks", () => {
  it("picks five integer ticks from zero, as the charts always showed them", () => {
    expect(valueTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(1)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(5)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(22)).toEqual([0, 6, 12, 18, 24]);
    expect(valueTicks(850)).toEqual([0, 250, 500, 750, 1000]);
    expect(valueTicks(4000)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it("always reaches the largest value", () => {
    for (let max = 0; max < 5000; max += 7) {
      const ticks = valueTicks(max);
      expect(ticks).toHaveLength(5);
      expect(ticks[4]).toBeGreaterThanOrEqual(max);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});

describe("timeTicks", () => {
  it("places ticks at round virtual times, at a step that fits about six", () => {
    expect(timeTicks(0, 5000)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(timeTicks(500, 361_000)).toEqual([120_000, 240_000, 360_000]);
  });
});
