import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { WireRecord } from "../../../server/protocol";
import {
  EMPTY_WINDOW,
  RECORD_CHUNK,
  cutWindow,
  trimWindow,
  windowAt,
  writeWindow,
  type RecordWindow,
} from "./record-window";

/** A record whose fields name its offset and the write that made it. */
const rec = (offset: number, write: number): WireRecord =>
  [offset, write, 0, 0, 0] as unknown as WireRecord;

/**
 * The window as one plain array, the way the browser kept it before: the model the
 * chunked window must agree with.
 */
class ArrayModel {
  base = 0;
  records: (WireRecord | undefined)[] = [];
  cut(cut: number) {
    if (cut - this.base < this.records.length) this.records.length = Math.max(0, cut - this.base);
  }
  write(from: number, recs: WireRecord[]) {
    if (recs.length === 0) return;
    if (this.records.length === 0) this.base = from;
    if (from < this.base) {
      this.records = [...new Array<WireRecord | undefined>(this.base - from), ...this.records];
      this.base = from;
    }
    recs.forEach((r, i) => (this.records[from - this.base + i] = r));
  }
  at(offset: number) {
    return this.records[offset - this.base];
  }
  get end() {
    return this.base + this.records.length;
  }
}

type Op =
  | { kind: "write"; from: number; count: number }
  | { kind: "cut"; at: number }
  | { kind: "trim"; keep: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      from: fc.nat(600),
      count: fc.nat(150),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("cut" as const), at: fc.nat(700) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("trim" as const),
      keep: fc.integer({ min: 1, max: 400 }),
    }),
  },
);

const contents = (w: RecordWindow, upTo: number) =>
  Array.from({ length: upTo }, (_, o) => windowAt(w, o));

describe("RecordWindow", () => {
  it("holds what one plain array would, through any writes, cuts and trims", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const model = new ArrayModel();
        let w = EMPTY_WINDOW;
        ops.forEach((o, n) => {
          if (o.kind === "write") {
            const recs = Array.from({ length: o.count }, (_, i) => rec(o.from + i, n));
            model.write(o.from, recs);
            w = writeWindow(w, o.from, recs);
          } else if (o.kind === "cut") {
            model.cut(o.at);
            w = cutWindow(w, o.at);
          } else {
            const end = model.end;
            w = trimWindow(w, o.keep);
            // Trimming drops whole chunks only: the newest `keep` offsets always stay,
            // and fewer than a chunk more than that.
            expect(w.first).toBeLessThanOrEqual(Math.max(model.base, end - o.keep));
            expect(end - Math.max(model.base, w.first)).toBeLessThan(o.keep + RECORD_CHUNK);
            const from = Math.max(model.base, w.first);
            model.records = model.records.slice(from - model.base);
            model.base = from;
          }
          const wrong = contents(w, 800).findIndex((r, off) => r !== model.at(off));
          expect(wrong, `first offset that differs after op ${n}`).toBe(-1);
        });
      }),
      { numRuns: 1000 },
    );
  });

  // Found by the property above (fast-check seed -1754654377): a cut at the window's first
  // offset left the window "holding" the rest of that offset's chunk, so a later write far
  // below it was trimmed away as if it were old, where the plain array had started afresh.
  it("starts afresh after a cut at its first offset (regression)", () => {
    let w = writeWindow(EMPTY_WINDOW, 321, [rec(321, 0)]);
    w = cutWindow(w, 321);
    w = writeWindow(w, 0, [rec(0, 2)]);
    w = trimWindow(w, 1);
    expect(windowAt(w, 0)).toEqual(rec(0, 2));
    expect(windowAt(w, 321)).toBeUndefined();
  });

  it("never changes a window it was made from (views before a frame stay as they were)", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        let w = EMPTY_WINDOW;
        const seen: { w: RecordWindow; held: (WireRecord | undefined)[] }[] = [];
        ops.forEach((o, n) => {
          seen.push({ w, held: contents(w, 800) });
          if (o.kind === "write")
            w = writeWindow(
              w,
              o.from,
              Array.from({ length: o.count }, (_, i) => rec(o.from + i, n)),
            );
          else if (o.kind === "cut") w = cutWindow(w, o.at);
          else w = trimWindow(w, o.keep);
        });
        for (const s of seen) expect(contents(s.w, 800)).toEqual(s.held);
      }),
      { numRuns: 200 },
    );
  });

  it("appending copies only the chunks written into and shares the others", () => {
    const first = writeWindow(
      EMPTY_WINDOW,
      0,
      Array.from({ length: 1000 }, (_, i) => rec(i, 0)),
    );
    const next = writeWindow(first, 1000, [rec(1000, 1), rec(1001, 1)]);
    const shared = next.chunks.filter((c, i) => c === first.chunks[i]).length;
    // 1,002 records in 16 chunks: the 15 full ones are shared, the last one is new.
    expect(next.chunks).toHaveLength(Math.ceil(1002 / RECORD_CHUNK));
    expect(shared).toBe(next.chunks.length - 1);
    expect(windowAt(next, 1001)).toEqual(rec(1001, 1));
    expect(windowAt(first, 1001)).toBeUndefined();
  });
});
