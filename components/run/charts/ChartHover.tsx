"use client";

import { useState } from "react";
import { formatClock } from "../../ui/format";
import { nearestRow, type ChartGeometry } from "./chart-geometry";
import type { Row, Series } from "./TimeChart";
import styles from "./Charts.module.css";

/**
 * What a pointer over a chart shows: a cursor at the nearest point in time, a dot on each
 * line there, and a box with the time and every series' value. Its own state, so moving
 * the pointer redraws only this overlay, never the lines.
 */
export function ChartHover({
  rows,
  series,
  g,
  width,
  height,
}: {
  rows: readonly Row[];
  series: readonly Series[];
  g: ChartGeometry;
  width: number;
  height: number;
}) {
  const [px, setPx] = useState<number | null>(null);
  const i = px === null ? -1 : nearestRow(rows, g, px);
  const row = i >= 0 ? rows[i] : undefined;
  const cx = row ? g.x(row.t) : 0;
  // The box goes right of the cursor, or left of it when it would not fit.
  const boxLeft = cx + 10;
  const flip = boxLeft + 170 > width;
  return (
    <>
      {row ? (
        <svg className={styles.hoverLayer} width={width} height={height} aria-hidden>
          <line x1={cx} x2={cx} y1={g.top} y2={g.top + g.height} stroke="#ccc" />
          {series.map((s) => {
            const v = row[s.key];
            if (v === undefined) return null;
            return (
              <circle
                key={s.key}
                cx={cx}
                cy={g.y(v)}
                r={4}
                fill={s.colour}
                stroke="#fff"
                strokeWidth={2}
              />
            );
          })}
        </svg>
      ) : null}
      {row ? (
        <div
          className={styles.tooltip}
          style={
            flip
              ? { right: width - cx + 10, top: g.top }
              : { left: Math.max(0, boxLeft), top: g.top }
          }
        >
          <p className={styles.tooltipLabel}>{formatClock(row.t)}</p>
          <ul className={styles.tooltipItems}>
            {series.map((s) => (
              <li key={s.key} style={{ color: s.colour }}>
                {s.name} : {row[s.key] ?? "–"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div
        className={styles.hoverArea}
        style={{ left: g.left, top: g.top, width: g.width, height: g.height }}
        onMouseMove={(e) =>
          setPx(g.left + e.clientX - e.currentTarget.getBoundingClientRect().left)
        }
        onMouseLeave={() => setPx(null)}
      />
    </>
  );
}
