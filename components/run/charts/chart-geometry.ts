import { valueTicks } from "./chart-scale";
import type { Row, Series } from "./TimeChart";

/** Where a chart's plot sits in its SVG, and how values map onto it. */
export interface ChartGeometry {
  left: number;
  top: number;
  width: number;
  height: number;
  t0: number;
  t1: number;
  yTicks: number[];
  x: (t: number) => number;
  y: (v: number) => number;
}

/** Room for the value axis on the left, the time axis below, and a little at the top and right. */
const PLOT = { left: 40, top: 6, right: 10, bottom: 30 };

export function chartGeometry(
  rows: readonly Row[],
  series: readonly Series[],
  nowMs: number,
  width: number,
  height: number,
): ChartGeometry {
  const t0 = rows[0]?.t ?? 0;
  const t1 = Math.max(nowMs, rows[rows.length - 1]?.t ?? 0, t0 + 1000);
  let max = 0;
  for (const r of rows) for (const s of series) max = Math.max(max, r[s.key] ?? 0);
  const yTicks = valueTicks(max);
  const yMax = yTicks[yTicks.length - 1]!;
  const left = PLOT.left;
  const top = PLOT.top;
  const w = Math.max(1, width - PLOT.left - PLOT.right);
  const h = Math.max(1, height - PLOT.top - PLOT.bottom);
  return {
    left,
    top,
    width: w,
    height: h,
    t0,
    t1,
    yTicks,
    x: (t) => left + ((t - t0) / (t1 - t0)) * w,
    y: (v) => top + h - (v / yMax) * h,
  };
}

/** One series as an SVG path: a straight line through every row. */
export function linePath(rows: readonly Row[], key: string, g: ChartGeometry): string {
  let d = "";
  for (const r of rows) {
    const v = r[key];
    if (v === undefined || !Number.isFinite(v)) continue;
    d += `${d === "" ? "M" : "L"}${g.x(r.t).toFixed(1)},${g.y(v).toFixed(1)}`;
  }
  return d;
}

/** The row nearest to a horizontal position in the plot (binary search: rows are in time order). */
export function nearestRow(rows: readonly Row[], g: ChartGeometry, px: number): number {
  if (rows.length === 0) return -1;
  const t = g.t0 + ((px - g.left) / g.width) * (g.t1 - g.t0);
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && t - rows[lo - 1]!.t < rows[lo]!.t - t) return lo - 1;
  return lo;
}
