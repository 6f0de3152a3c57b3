import type { MetricSample } from "../../../server/protocol";
import { bucketize, last, peak, topIndexes } from "./downsample";
import type { Row, Series } from "./TimeChart";

export const MAX_POINTS = 150;
const MAX_SERIES = 8;
const PALETTE = [
  "#2f5bd3",
  "#d9822b",
  "#1c9a8a",
  "#b9458f",
  "#7a8a1f",
  "#6f56c9",
  "#c0362c",
  "#3d8fc4",
  "#8a6d3b",
  "#5b6472",
];
const colour = (i: number) => PALETTE[i % PALETTE.length]!;
/** The selected node's line: a colour no other series uses, drawn thicker. */
const SELECTED = "#e8590c";

interface ChartData {
  rows: Row[];
  series: Series[];
}

/** The largest value of a sample's per-partition list, at least 0 (no spread of the array). */
function largest(xs: readonly number[]): number {
  let m = 0;
  for (const x of xs) if (x > m) m = x;
  return m;
}

/** A broker picked in the topology, whose own lag is drawn over the partitions'. */
export interface SelectedBroker {
  broker: number;
  name: string;
}

/**
 * Follower lag per partition (the largest of its followers), top laggards, plus the overall
 * peak, and the selected broker's own lag (its replicas' largest) when one is selected.
 */
export function replicationLag(
  samples: MetricSample[],
  field: "rl" | "rlMs",
  selected: SelectedBroker | null = null,
): ChartData {
  const count = samples[0]?.[field].length ?? 0;
  // Called with the sample and a partition index for every pair: keep it a plain lookup.
  const shown = topIndexes(samples, count, (s, i) => s[field][i] ?? 0, MAX_SERIES);
  const series: Series[] = shown.map((p) => ({ key: `p${p}`, name: `P${p}`, colour: colour(p) }));
  if (count > shown.length)
    series.unshift({ key: "max", name: "all partitions (max)", colour: "#18212d", width: 2 });
  const byBroker = field === "rl" ? "rb" : "rbMs";
  // Samples stored before brokers' lag existed have none: no line rather than a false zero.
  const own = selected !== null && samples.some((s) => s[byBroker] !== undefined);
  if (own)
    series.push({
      key: "sel",
      name: `${selected.name} (selected)`,
      colour: SELECTED,
      width: 3,
      dashed: true,
    });
  const rows = bucketize(samples, MAX_POINTS).map((b) => {
    const row: Row = { t: last(b).t };
    for (const p of shown) row[`p${p}`] = peak(b, (s) => s[field][p] ?? 0);
    if (count > shown.length) row.max = peak(b, (s) => largest(s[field]));
    if (own) row.sel = peak(b, (s) => s[byBroker]?.[selected.broker] ?? 0);
    return row;
  });
  return { rows, series };
}

/** Consumer lag per group, in records or in time (and, for time, by producer timestamp too). */
export function consumerLag(
  samples: MetricSample[],
  groups: string[],
  unit: "records" | "ms",
): ChartData {
  const shown = groups.slice(0, unit === "ms" ? 5 : MAX_SERIES);
  const series: Series[] = shown.map((g, i) => ({ key: `g${i}`, name: g, colour: colour(i + 2) }));
  if (unit === "ms")
    shown.forEach((g, i) =>
      series.push({
        key: `gp${i}`,
        name: `${g} (by producer time)`,
        colour: colour(i + 2),
        dashed: true,
      }),
    );
  const rows = bucketize(samples, MAX_POINTS).map((b) => {
    const row: Row = { t: last(b).t };
    shown.forEach((_, i) => {
      if (unit === "records") row[`g${i}`] = peak(b, (s) => s.gl[i] ?? 0);
      else {
        row[`g${i}`] = peak(b, (s) => s.glMs[i] ?? 0);
        row[`gp${i}`] = peak(b, (s) => s.glMsP[i] ?? 0);
      }
    });
    return row;
  });
  return { rows, series };
}

/** Running totals of redeliveries and duplicate effects, per group. */
export function redeliveries(samples: MetricSample[], groups: string[]): ChartData {
  const shown = groups.slice(0, 5);
  const series: Series[] = [];
  shown.forEach((g, i) => {
    series.push({ key: `rd${i}`, name: `${g} redeliveries`, colour: colour(i + 1) });
    series.push({
      key: `de${i}`,
      name: `${g} duplicate effects`,
      colour: "#c0362c",
      dashed: i > 0,
    });
  });
  const rows = bucketize(samples, MAX_POINTS).map((b) => {
    const s = last(b);
    const row: Row = { t: s.t };
    shown.forEach((_, i) => {
      row[`rd${i}`] = s.rd[i] ?? 0;
      row[`de${i}`] = s.de[i] ?? 0;
    });
    return row;
  });
  return { rows, series };
}

/** Records per second sent, acknowledged and applied, over each bucket. */
export function throughput(samples: MetricSample[]): ChartData {
  const series: Series[] = [
    { key: "sent", name: "sent by producers", colour: colour(0) },
    { key: "ack", name: "acknowledged", colour: "#1c7c4f" },
    { key: "app", name: "applied by groups", colour: colour(1) },
  ];
  const rows: Row[] = [];
  let prev: MetricSample | undefined;
  for (const b of bucketize(samples, MAX_POINTS)) {
    const s = last(b);
    if (!prev) {
      prev = s;
      continue;
    }
    const dt = (s.t - prev.t) / 1000;
    // A rate over a sliver of time is noise (a +1 s step lands in one tick): wait for more.
    if (dt < 0.25) continue;
    rows.push({
      t: s.t,
      sent: Math.round((s.sent - prev.sent) / dt),
      ack: Math.round((s.ack - prev.ack) / dt),
      app: Math.round((s.app - prev.app) / dt),
    });
    prev = s;
  }
  return { rows, series };
}
