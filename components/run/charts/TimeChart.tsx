"use client";

import { memo, useMemo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import type { FaultWindowWire } from "../../../server/protocol";
import { formatAxisTime, formatClock } from "../../ui/format";
import { renderAxisTick, type AxisTickProps } from "./axis-tick";
import { formatValueTick, valueAxis } from "./value-axis";
import styles from "./Charts.module.css";

const TICK_STEPS_MS = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** Ticks at round virtual times (every 1, 2, 5, 10 s...), six at most. */
function timeTicks(t0: number, t1: number): number[] {
  const step = TICK_STEPS_MS.find((s) => (t1 - t0) / s <= 6) ?? 1_800_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t);
  return ticks;
}

/*
 * Props Recharts compares by identity: built once here rather than at every render, so
 * that a chart's axes, grid and tooltip see the same objects from one refresh to the next.
 */
const MARGIN = { top: 6, right: 10, bottom: 0, left: -6 };
const TICK_STYLE = { fontSize: 10.5, fill: "#6b7686" };
// Tick labels drawn by us, without Recharts' text measurement (see axis-tick.tsx).
const TICK = (props: AxisTickProps) => renderAxisTick({ ...props, ...TICK_STYLE });
const TOOLTIP_STYLE = { fontSize: 12, borderRadius: 6, borderColor: "#dde3ea" };
const tooltipLabel = (t: unknown) => formatClock(Number(t));

/**
 * One fault's shaded band. Recharts' ReferenceArea registers itself with the chart's
 * store in an effect without dependencies: at every render of the chart, every band
 * dispatched a removal and an addition, and each dispatch made the whole chart check its
 * selectors; with a few dozen faults that was most of a chart's redraw. A memoised band
 * renders (and dispatches) only when its own edges move.
 */
const FaultBand = memo(function FaultBand({ x1, x2 }: { x1: number; x2: number }) {
  return (
    <ReferenceArea
      x1={x1}
      x2={x2}
      fill="#c0362c"
      fillOpacity={0.08}
      stroke="#c0362c"
      strokeOpacity={0.25}
      ifOverflow="hidden"
    />
  );
});

export interface Series {
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
  width?: number;
}

export type Row = { t: number } & Record<string, number>;

/**
 * One chart over virtual time: lines without animation, and every fault's window as
 * a shaded band, so cause and effect line up across the charts.
 */
export const TimeChart = memo(function TimeChart({
  title,
  unit,
  rows,
  series,
  windows,
  nowMs,
  width,
  height = 170,
  testId,
}: {
  title: string;
  unit: string;
  rows: Row[];
  series: Series[];
  windows: FaultWindowWire[];
  nowMs: number;
  width: number;
  height?: number;
  testId: string;
}) {
  const t0 = rows[0]?.t ?? 0;
  const t1 = Math.max(nowMs, rows[rows.length - 1]?.t ?? 0, t0 + 1000);
  const domain = useMemo(() => [t0, t1], [t0, t1]);
  const ticks = useMemo(() => timeTicks(t0, t1), [t0, t1]);
  const values = useMemo(() => valueAxis(rows, series), [rows, series]);
  return (
    <figure className={styles.chart} data-testid={testId} data-points={rows.length}>
      <figcaption className={styles.caption}>
        <span className={styles.title}>{title}</span>
        <span className={styles.unit}>{unit}</span>
      </figcaption>
      <LineChart width={width} height={height} data={rows} margin={MARGIN}>
        <CartesianGrid stroke="#e8ecf1" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={domain}
          tickFormatter={formatAxisTime}
          tick={TICK}
          stroke="#c6cfda"
          ticks={ticks}
          allowDataOverflow
          niceTicks="none"
          interval={0}
        />
        {/*
          Domain and ticks from valueAxis, "nice ticks" off and every tick shown
          (interval 0): Recharts neither computes ticks with decimal.js nor measures tick
          labels in the DOM to choose which to show.
        */}
        <YAxis
          tick={TICK}
          stroke="#c6cfda"
          width={46}
          allowDecimals={false}
          type="number"
          domain={values.domain}
          ticks={values.ticks}
          tickFormatter={formatValueTick}
          niceTicks="none"
          interval={0}
        />
        {windows.map((w) => (
          <FaultBand key={w.id} x1={Math.max(w.startMs, t0)} x2={Math.min(w.endMs ?? t1, t1)} />
        ))}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={tooltipLabel}
          contentStyle={TOOLTIP_STYLE}
        />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeWidth={s.width ?? 1.6}
            strokeDasharray={s.dashed ? "4 3" : undefined}
            dot={false}
            isAnimationActive={false}
            type="linear"
          />
        ))}
      </LineChart>
      <ul className={styles.legend}>
        {series.map((s) => (
          <li key={s.key} data-series={s.key} data-peak={peakOf(rows, s.key)}>
            <span
              className={styles.swatch}
              style={{
                borderTopColor: s.colour,
                borderTopStyle: s.dashed ? "dashed" : "solid",
              }}
            />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
});

/** A series' highest value in the rows drawn (for tests and tools reading the page). */
function peakOf(rows: readonly Row[], key: string): number {
  let m = 0;
  for (const r of rows) {
    const v = r[key];
    if (typeof v === "number" && v > m) m = v;
  }
  return m;
}
