/**
 * Axis ticks for the time charts, computed the way the charting library we used before
 * (Recharts) chose them, so the charts read the same: five value ticks from zero at a
 * "nice" integer step, and time ticks at round virtual times.
 */

const TICK_STEPS_MS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** Ticks at round virtual times (every 1, 2, 5, 10 s...), six at most. */
export function timeTicks(t0: number, t1: number): number[] {
  const step = TICK_STEPS_MS.find((s) => (t1 - t0) / s <= 6) ?? 1_800_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}

/** A step of one or two significant figures (…, 0.5, 0.6, 2, 2.5, 250, …) at least `rough`. */
function niceStep(rough: number, correction: number): number {
  const digits = Math.floor(Math.log10(rough)) + 1;
  const unit = 10 ** digits;
  const scale = digits !== 1 ? 0.05 : 0.1;
  const ratio = Math.ceil(rough / unit / scale) * scale + correction * scale;
  // Integer ticks only (the charts count records, milliseconds and events).
  return Math.max(1, Math.ceil(Number((ratio * unit).toFixed(10))));
}

/** `count` ticks from zero at an integer step, the last one at or above `max`. */
export function valueTicks(max: number, count = 5): number[] {
  let step = 1;
  if (max > 0) {
    for (let correction = 0; ; correction++) {
      step = niceStep(max / (count - 1), correction);
      if (step * (count - 1) >= max) break;
    }
  }
  return Array.from({ length: count }, (_, i) => i * step);
}
