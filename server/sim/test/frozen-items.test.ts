import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frozenItems, prefixOf, truncateFrozen, type FrozenPrefix } from "../frozen-items";

type Op = { op: "push"; n: number } | { op: "truncate"; to: number } | { op: "prefix" };

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("push" as const), n: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ op: fc.constant("truncate" as const), to: fc.integer({ min: 0, max: 40 }) }),
    fc.record({ op: fc.constant("prefix" as const) }),
  ),
  { maxLength: 60 },
);

describe("frozen-item arrays and their checkpoint prefixes", () => {
  it("a prefix always yields the items the array had when it was taken, whatever came after", () => {
    fc.assert(
      fc.property(ops, (script: Op[]) => {
        const log = frozenItems<{ id: number }>([]);
        let next = 0;
        const taken: { prefix: FrozenPrefix; expected: unknown[] }[] = [];
        for (const step of script) {
          if (step.op === "push")
            for (let i = 0; i < step.n; i++) log.push(Object.freeze({ id: next++ }));
          else if (step.op === "truncate") truncateFrozen(log, Math.min(step.to, log.length));
          else taken.push({ prefix: prefixOf(log), expected: log.slice() });
        }
        for (const { prefix, expected } of taken) {
          const items = prefix.items();
          expect(items).toEqual(expected);
          // Each continuation gets its own array: changing one leaves the prefix as it was.
          items.length = 0;
          expect(prefix.items()).toEqual(expected);
        }
      }),
    );
  });

  it("truncating returns the records removed", () => {
    const log = frozenItems([1, 2, 3, 4]);
    const prefix = prefixOf(log);
    expect(truncateFrozen(log, 1)).toEqual([2, 3, 4]);
    log.push(9);
    expect(log).toEqual([1, 9]);
    expect(prefix.items()).toEqual([1, 2, 3, 4]);
  });
});
