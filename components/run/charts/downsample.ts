import type { MetricSample } from "../../../server/protocol";

/**
 * Groups samples into at most `maxPoints` buckets of consecutive samples. Charts then
 * draw one point per bucket: the peak for lags (a spike must not vanish by averaging),
 * the last value for running totals, and the rate across the bucket for throughput.
 */
export function bucketize(samples: readonly MetricSample[], maxPoints: number): MetricSample[][] {
  if (samples.length <= maxPoints) return samples.map((s) => [s]);
  const size = Math.ceil(samples.length / maxPoints);
  const out: MetricSample[][] = [];
  for (let i = 0; i < samples.length; i += size) out.push(samples.slice(i, i + size));
  return out;
}

export function peak(bucket: readonly MetricSample[], pick: (s: MetricSample) => number): number {
  let m = -Infinity;
  for (const s of bucket) m = Math.max(m, pick(s));
  return m === -Infinity ? 0 : m;
}

export function last<T>(bucket: readonly T[]): T {
  return bucket[bucket.length - 1]!;
}

/**
 * The ten series at most: keep the `limit` indexes with the largest peak. One pass over
 * the samples with plain loops: with 3,000 samples of a dozen partitions this ran in a
 * chart's first redraw (a closure call per sample and index was tens of milliseconds on
 * a busy core).
 */
export function topIndexes(
  samples: readonly MetricSample[],
  count: number,
  pick: (s: MetricSample, i: number) => number,
  limit: number,
): number[] {
  const peaks = new Array<number>(count).fill(0);
  for (const s of samples)
    for (let i = 0; i < count; i++) {
      const v = pick(s, i);
      if (v > peaks[i]!) peaks[i] = v;
    }
  const all = peaks.map((peak, i) => ({ i, peak }));
  if (count <= limit) return all.map((p) => p.i);
  return all
    .sort((a, b) => b.peak - a.peak || a.i - b.i)
    .slice(0, limit)
    .map((p) => p.i)
    .sort((a, b) => a - b);
}
