"use client";

import { memo, useId, useMemo } from "react";
import type { FaultWindowWire } from "../../../server/protocol";
import { formatAxisTime } from "../../ui/format";
import { chartGeometry, linePath } from "./chart-geometry";
import { timeTicks } from "./chart-scale";
import { ChartHover } from "./ChartHover";
import styles from "./Charts.module.css";

export interface Series {
  key: string;
  name: string;
  colour: string;
  dashed?: boolean;
  width?: number;
}

export type Row = { t: number } & Record<string, number>;

const AXIS = "#c6cfda";
const GRID = "#e8ecf1";
const TICK_TEXT = { fontSize: 10.5, fill: "#6b7686" } as const;

/**
 * One chart over virtual time: lines, and every fault's window as a shaded band, so cause
 * and effect line up across the charts. Plain SVG drawn here (a path per series, a few
 * ticks): a charting library re-rendered hundreds of components per update, which at the
 * page's refresh rate was the largest part of its main-thread work (docs/benchmarks.md).
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
  const clipId = useId();
  const g = useMemo(
    () => chartGeometry(rows, series, nowMs, width, height),
    [rows, series, nowMs, width, height],
  );
  const paths = useMemo(() => series.map((s) => linePath(rows, s.key, g)), [rows, series, g]);
  const bottom = g.top + g.height;
  return (
    <figure className={styles.chart} data-testid={testId} data-points={rows.length}>
      <figcaption className={styles.caption}>
        <span className={styles.title}>{title}</span>
        <span className={styles.unit}>{unit}</span>
      </figcaption>
      <div className={styles.plot} style={{ width, height }}>
        <svg width={width} height={height} role="img" aria-label={`${title}, ${unit}`}>
          <defs>
            <clipPath id={clipId}>
              <rect x={g.left} y={g.top} width={g.width} height={g.height} />
            </clipPath>
          </defs>
          {g.yTicks.map((v) => (
            <line key={v} x1={g.left} x2={g.left + g.width} y1={g.y(v)} y2={g.y(v)} stroke={GRID} />
          ))}
          {windows.map((w) => {
            const x1 = g.x(Math.max(w.startMs, g.t0));
            const x2 = g.x(Math.min(w.endMs ?? g.t1, g.t1));
            if (x2 < x1) return null;
            return (
              <rect
                key={w.id}
                x={x1}
                y={g.top}
                width={x2 - x1}
                height={g.height}
                fill="#c0362c"
                fillOpacity={0.08}
                stroke="#c0362c"
                strokeOpacity={0.25}
              />
            );
          })}
          <g stroke={AXIS}>
            <line x1={g.left} x2={g.left} y1={g.top} y2={bottom} />
            <line x1={g.left} x2={g.left + g.width} y1={bottom} y2={bottom} />
          </g>
          {g.yTicks.map((v) => (
            <g key={v}>
              <line x1={g.left - 6} x2={g.left} y1={g.y(v)} y2={g.y(v)} stroke={AXIS} />
              <text x={g.left - 8} y={g.y(v)} dy="0.355em" textAnchor="end" {...TICK_TEXT}>
                {v}
              </text>
            </g>
          ))}
          {timeTicks(g.t0, g.t1).map((t) => (
            <g key={t}>
              <line x1={g.x(t)} x2={g.x(t)} y1={bottom} y2={bottom + 6} stroke={AXIS} />
              <text x={g.x(t)} y={bottom + 8} dy="0.71em" textAnchor="middle" {...TICK_TEXT}>
                {formatAxisTime(t)}
              </text>
            </g>
          ))}
          <g clipPath={`url(#${clipId})`} fill="none">
            {series.map((s, i) => (
              <path
                key={s.key}
                d={paths[i]}
                stroke={s.colour}
                strokeWidth={s.width ?? 1.6}
                strokeDasharray={s.dashed ? "4 3" : undefined}
              />
            ))}
          </g>
        </svg>
        <ChartHover rows={rows} series={series} g={g} width={width} height={height} />
      </div>
      <ul className={styles.legend}>
        {series.map((s) => (
          <li key={s.key}>
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
