"use client";

import { useMemo } from "react";
import { Panel } from "../../ui/Panel";
import { useElementWidth } from "../lanes/useElementWidth";
import type { RunView } from "../store/run-view";
import { TimeChart } from "./TimeChart";
import { consumerLag, redeliveries, replicationLag, throughput } from "./chart-data";
import { useThrottledRun } from "./useThrottledRun";
import styles from "./Charts.module.css";

const COLUMNS = 3;
const GAP = 16;
const REFRESH_MS = 1000;

type Build = (view: RunView, groups: string[]) => ReturnType<typeof throughput>;

const CHARTS: { id: string; title: string; unit: string; build: Build }[] = [
  {
    id: "chart-replication-lag",
    title: "Replication lag",
    unit: "records behind the leader",
    build: (v) => replicationLag(v.samples, "rl"),
  },
  {
    id: "chart-replication-lag-ms",
    title: "Replication lag",
    unit: "ms behind the leader",
    build: (v) => replicationLag(v.samples, "rlMs"),
  },
  {
    id: "chart-throughput",
    title: "Throughput",
    unit: "records per second",
    build: (v) => throughput(v.samples),
  },
  {
    id: "chart-consumer-lag",
    title: "Consumer lag",
    unit: "records (HW − committed)",
    build: (v, g) => consumerLag(v.samples, g, "records"),
  },
  {
    id: "chart-consumer-lag-ms",
    title: "Consumer lag",
    unit: "ms since the oldest unconsumed record",
    build: (v, g) => consumerLag(v.samples, g, "ms"),
  },
  {
    id: "chart-redeliveries",
    title: "Redeliveries and duplicate effects",
    unit: "running total",
    build: (v, g) => redeliveries(v.samples, g),
  },
];

/** The time charts: replication lag, consumer lag (records and time), redeliveries, throughput. */
export function RunCharts() {
  const [ref, width] = useElementWidth<HTMLDivElement>(1200);
  const chartWidth = Math.max(240, Math.floor((width - GAP * (COLUMNS - 1)) / COLUMNS));
  return (
    <Panel title="Over virtual time" subtitle="Shaded bands are fault windows" testId="charts">
      <div ref={ref} className={styles.grid}>
        {CHARTS.map((c, i) => (
          <ChartSlot
            key={c.id}
            spec={c}
            width={chartWidth}
            phaseMs={(i * REFRESH_MS) / CHARTS.length}
          />
        ))}
      </div>
    </Panel>
  );
}

function ChartSlot({
  spec,
  width,
  phaseMs,
}: {
  spec: (typeof CHARTS)[number];
  width: number;
  phaseMs: number;
}) {
  const view = useThrottledRun(REFRESH_MS, phaseMs);
  const groupKey = view.groups.map((g) => g.id).join("\u0000");
  const data = useMemo(
    () => spec.build(view, groupKey === "" ? [] : groupKey.split("\u0000")),
    // Rebuilt when new samples arrive, not on every other change of the run.
    [view.samples, groupKey, spec],
  );
  return (
    <TimeChart
      title={spec.title}
      unit={spec.unit}
      rows={data.rows}
      series={data.series}
      windows={view.faultWindows}
      nowMs={view.nowMs}
      width={width}
      testId={spec.id}
    />
  );
}
