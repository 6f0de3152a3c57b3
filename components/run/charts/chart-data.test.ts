import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { MetricSample } from "../../../server/protocol";
import { replicationLag } from "./chart-data";

function sample(t: number, rl: number[], rb?: number[]): MetricSample {
  return {
    t,
    rl,
    rlMs: rl.map((x) => x * 10),
    ...(rb ? { rb, rbMs: rb.map((x) => x * 10) } : {}),
    gl: [],
    glMs: [],
    glMsP: [],
    rd: [],
    de: [],
    ack: 0,
    sent: 0,
    app: 0,
  };
}

describe("the replication lag chart's selected broker line", () => {
  it("draws the selected broker's own lag, the peak of each bucket, in records and in ms", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(500), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.integer({ min: 0, max: 2 }),
        (lags, broker) => {
          const samples = lags.map((rb, i) => sample(i * 100, [0, 0], rb));
          for (const field of ["rl", "rlMs"] as const) {
            const { rows, series } = replicationLag(samples, field, { broker, name: "b9" });
            expect(series.filter((s) => s.key === "sel")).toEqual([
              expect.objectContaining({ name: "b9 (selected)" }),
            ]);
            const scale = field === "rl" ? 1 : 10;
            const own = lags.map((rb) => rb[broker]! * scale);
            // Buckets peak over their samples: the line's highest point is the broker's.
            expect(Math.max(...rows.map((r) => r.sel as number))).toBe(Math.max(...own));
            for (const r of rows) expect(own).toContain(r.sel);
          }
        },
      ),
    );
  });

  it("draws no line when nothing is selected, or for samples stored before brokers' lag existed", () => {
    const withRb = [sample(0, [1, 2], [3, 4, 5])];
    expect(replicationLag(withRb, "rl").series.map((s) => s.key)).not.toContain("sel");
    const old = [sample(0, [1, 2])];
    const { series, rows } = replicationLag(old, "rl", { broker: 1, name: "b2" });
    expect(series.map((s) => s.key)).not.toContain("sel");
    expect(rows[0]).not.toHaveProperty("sel");
  });
});
