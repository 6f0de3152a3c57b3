import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copySelf } from "../clone";
import { GrowableFloat64, GrowableInt32 } from "../growable";

type Op =
  | { kind: "set"; table: number; i: number; v: number }
  | { kind: "copy"; table: number }
  | { kind: "clearFrom"; table: number; start: number };

/** Indices over a few chunks (4,096 entries each), with their edges likely. */
const index = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }),
  fc.constantFrom(0, 4095, 4096, 8191, 8192, 12_288),
);

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("set" as const),
      table: fc.nat(7),
      i: index,
      v: fc.integer({ min: -1000, max: 1000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("copy" as const), table: fc.nat(7) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("clearFrom" as const),
      table: fc.nat(7),
      start: index,
    }),
  },
);

/**
 * Runs the operations on tables and on a model (one Map per table, copied whole on a
 * copy), and checks every table against its model after each step: a write to a table
 * or to one of its copies must never show in another.
 */
function check(make: () => GrowableInt32 | GrowableFloat64, fill: number, ops: Op[]): void {
  const tables = [make()];
  const models = [new Map<number, number>()];
  const touched = new Set<number>([0, 4095, 4096, 20_000, 30_000]);
  for (const o of ops) {
    const t = o.table % tables.length;
    if (o.kind === "set") {
      tables[t]!.set(o.i, o.v);
      models[t]!.set(o.i, o.v);
      touched.add(o.i);
    } else if (o.kind === "copy") {
      tables.push(tables[t]![copySelf]());
      models.push(new Map(models[t]!));
    } else {
      tables[t]!.clearFrom(o.start);
      for (const i of [...models[t]!.keys()]) if (i >= o.start) models[t]!.delete(i);
    }
    for (let k = 0; k < tables.length; k++) {
      for (const i of touched) expect(tables[k]!.get(i)).toBe(models[k]!.get(i) ?? fill);
    }
  }
}

describe("growable tables (chunked, copy-on-write)", () => {
  it("a copy and its original never see each other's writes (int32, with a fill value)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) =>
        check(() => new GrowableInt32(-1), -1, ops),
      ),
      { numRuns: 300 },
    );
  });

  it("a copy and its original never see each other's writes (float64)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) =>
        check(() => new GrowableFloat64(), 0, ops),
      ),
      { numRuns: 300 },
    );
  });

  it("a copy shares its chunks until one side writes (a checkpoint copies almost nothing)", () => {
    const table = new GrowableInt32();
    for (let i = 0; i < 40_000; i++) table.set(i, i);
    const copy = table[copySelf]();
    table.set(39_999, -1);
    expect(copy.get(39_999)).toBe(39_999);
    // Only the written chunk was copied: every other chunk is the same object in both.
    const chunks = (t: GrowableInt32) => (t as unknown as { chunks: Int32Array[] }).chunks;
    const same = chunks(table).filter((c, k) => c === chunks(copy)[k]).length;
    expect(same).toBe(chunks(table).length - 1);
  });
});
