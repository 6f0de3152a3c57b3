import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sameJson } from "./equal";

describe("sameJson", () => {
  it("agrees with comparing the two values printed as JSON", () => {
    // Values like the selectors': nested objects and arrays of primitives, with keys in
    // the same order (as one selector builds them) and the odd undefined.
    const leaf = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom("a", "b", null, true, false, undefined, NaN),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node"), { maxLength: 3 }),
        fc.record({ x: tie("node"), y: tie("node") }, { requiredKeys: [] }),
      ),
    })).node;
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 3000 },
    );
  });

  it("tells apart values that differ deep inside, and not ones that are only copies", () => {
    const a: { partition: number; leader: string | null; isr: string[]; acting: string[] }[] = [
      { partition: 0, leader: "b1", isr: ["b1", "b2"], acting: ["b1"] },
    ];
    expect(sameJson(a, structuredClone(a))).toBe(true);
    expect(sameJson(a, [{ ...a[0]!, isr: ["b1"] }])).toBe(false);
    expect(sameJson(a, [{ ...a[0]!, leader: null }])).toBe(false);
    expect(sameJson({ n: 1 }, { n: 1, m: 2 })).toBe(false);
  });
});
