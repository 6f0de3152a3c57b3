import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PartitionSlots } from "../partition-slots";

/**
 * PartitionSlots stands in for a Map<partition, number> on the consumer's hot paths, and
 * callers that iterate it send messages in its order: it must answer exactly as the Map
 * would, iteration order (first insertion since last absent) included.
 */
type Op =
  | { op: "set"; p: number; v: number }
  | { op: "delete"; p: number }
  | { op: "clear" }
  | { op: "get"; p: number };

describe("PartitionSlots behaves as a Map from partition to number", () => {
  it("agrees with a Map on has, get, keys and partitions after any sequence of operations", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.oneof(
                {
                  arbitrary: fc.record({
                    op: fc.constant("set" as const),
                    p: fc.nat(n - 1),
                    v: fc.double({ noNaN: true }),
                  }),
                  weight: 6,
                },
                {
                  arbitrary: fc.record({ op: fc.constant("delete" as const), p: fc.nat(n - 1) }),
                  weight: 3,
                },
                { arbitrary: fc.record({ op: fc.constant("clear" as const) }), weight: 1 },
                {
                  arbitrary: fc.record({ op: fc.constant("get" as const), p: fc.nat(n - 1) }),
                  weight: 3,
                },
              ),
              { maxLength: 80 },
            ),
          ),
        ),
        ([n, ops]: [number, Op[]]) => {
          const slots = new PartitionSlots(n);
          const map = new Map<number, number>();
          for (const o of ops) {
            if (o.op === "set") {
              slots.set(o.p, o.v);
              map.set(o.p, o.v);
            } else if (o.op === "delete") {
              slots.delete(o.p);
              map.delete(o.p);
            } else if (o.op === "clear") {
              slots.clear();
              map.clear();
            } else expect(slots.get(o.p, -7)).toBe(map.get(o.p) ?? -7);
            expect(slots.keys()).toEqual([...map.keys()]);
          }
          expect(slots.partitions).toBe(n);
          for (let p = 0; p < n; p++) {
            expect(slots.has(p)).toBe(map.has(p));
            expect(slots.get(p, -7)).toBe(map.get(p) ?? -7);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("starts empty, and a deleted partition reads as the fallback even after holding a value", () => {
    const slots = new PartitionSlots(3);
    expect(slots.keys()).toEqual([]);
    expect(slots.get(1, 5)).toBe(5);
    slots.set(1, 0);
    expect(slots.get(1, 5)).toBe(0);
    slots.delete(1);
    expect(slots.has(1)).toBe(false);
    expect(slots.get(1, 5)).toBe(5);
  });
});
