import type { Row, Series } from "./TimeChart";

const STEPS = [1, 2, 2.5, 5, 10];

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * The value axis of a time chart: whole-number ticks at 1, 2, 2.5 or 5 times a power of
 * ten, five intervals at most, from zero (or below, for a negative value) to just above
 * the largest value. Computed here, in a loop over the rows we already hold, so that
 * Recharts is handed a fixed domain and ticks and skips its own "nice ticks" (decimal.js
 * arithmetic, which was a good part of a chart's redraw in the page's profiles).
 */
export function valueAxis(
  rows: readonly Row[],
  series: readonly Series[],
  maxTicks = 5,
): ValueAxis {
  let lo = 0;
  let hi = 0;
  for (const row of rows)
    for (const s of series) {
      const v = row[s.key];
      if (v === undefined || !Number.isFinite(v)) continue;
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / maxTicks);
  const from = Math.floor(lo / step) * step;
  const to = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; from + i * step <= to; i++) ticks.push(from + i * step);
  return { domain: [from, to], ticks };
}

/** The smallest whole-number step of the form 1, 2, 2.5, 5 × 10^k not below `raw`. */
function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of STEPS) {
    const step = m * power;
    // 2.5 × 1 is not a whole number: skip it at the smallest power.
    if (step >= raw && Number.isInteger(step)) return step;
  }
  return 10 * power;
}

/** A value tick's label: thousands and millions shortened, so that it fits the axis's 46 px. */
export function formatValueTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1_000_000) return `${+(v / 1_000_000).toFixed(2)}M`;
  if (a >= 10_000) return `${+(v / 1000).toFixed(1)}k`;
  return String(v);
}
