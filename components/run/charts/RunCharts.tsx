"use client";

import { useMemo } from "react";
import { Panel } from "../../ui/Panel";
import { useElementWidth } from "../lanes/useElementWidth";
import { TimeChart } from "./TimeChart";
import { CHART_SPECS as CHARTS } from "./chart-specs";
import { useThrottledRun } from "./useThrottledRun";
import { useRunUi } from "../store/run-ui";
import styles from "./Charts.module.css";

const COLUMNS = 3;
const GAP = 16;
const REFRESH_MS = 1000;

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
  const { selectedNode } = useRunUi();
  const groupKey = view.groups.map((g) => g.id).join("\u0000");
  // Brokers are the first nodes of the topology, so a broker's node index is its index.
  const brokerIndex = (view.meta?.topology.nodes ?? []).findIndex(
    (n) => n.id === selectedNode && n.role === "broker",
  );
  const data = useMemo(
    () =>
      spec.build(
        view.samples,
        groupKey === "" ? [] : groupKey.split("\u0000"),
        brokerIndex >= 0 && selectedNode !== null
          ? { broker: brokerIndex, name: selectedNode }
          : null,
      ),
    // Rebuilt when new samples arrive or the selection changes, not on every other change.
    [view.samples, groupKey, spec, brokerIndex, selectedNode],
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
