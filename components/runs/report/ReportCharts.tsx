"use client";

import { useMemo } from "react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { FaultWindowWire, StoredCommandWire, StoredRunWire } from "../../../server/protocol";
import { storedRunKeys } from "../../api/stored-runs";
import { CHART_SPECS } from "../../run/charts/chart-specs";
import { TimeChart } from "../../run/charts/TimeChart";
import { useElementWidth } from "../../run/lanes/useElementWidth";
import { Panel } from "../../ui/Panel";
import { recomputeMetricHistory } from "./metric-history";
import chartStyles from "../../run/charts/Charts.module.css";
import styles from "./Report.module.css";

const COLUMNS = 3;
const GAP = 16;

/** The run's metric history, recomputed once per run and time reached, then cached. */
export const metricHistoryQuery = (run: StoredRunWire, commands: StoredCommandWire[]) =>
  queryOptions({
    queryKey: [...storedRunKeys.run(run.id), "metrics", run.virtualMs, commands.length] as const,
    queryFn: ({ signal }) =>
      recomputeMetricHistory(
        { scenario: run.scenario, seed: run.seed, commands, untilMs: run.virtualMs },
        signal,
      ),
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
  });

/** The live page's charts over the whole stored run, with its fault windows as bands. */
export function ReportCharts({
  run,
  commands,
  windows,
}: {
  run: StoredRunWire;
  commands: StoredCommandWire[];
  windows: FaultWindowWire[];
}) {
  const history = useQuery(metricHistoryQuery(run, commands));
  const [ref, width] = useElementWidth<HTMLDivElement>(1200);
  const chartWidth = Math.max(240, Math.floor((width - GAP * (COLUMNS - 1)) / COLUMNS));
  const groups = useMemo(() => run.scenario.groups.map((g) => g.id), [run.scenario]);
  const charts = useMemo(
    () =>
      history.data
        ? CHART_SPECS.map((spec) => ({
            spec,
            data: spec.build(history.data.samples, groups, null),
          })).filter((c) => c.data.series.length > 0)
        : [],
    [history.data, groups],
  );
  const same = history.data && run.traceHash ? history.data.traceHash === run.traceHash : null;
  return (
    <Panel
      title="Over virtual time"
      subtitle="Recomputed in this browser from scenario, seed and commands; shaded bands are fault windows"
      testId="report-charts"
      actions={
        history.data ? (
          <span
            className={same === false ? styles.mismatchSmall : styles.hashSmall}
            title="The trace hash this browser reached while drawing the charts"
            data-testid="charts-trace-hash"
          >
            {same === true ? "✓ " : same === false ? "✕ " : ""}
            <code>{history.data.traceHash}</code>
          </span>
        ) : null
      }
    >
      {history.data && groups.length === 0 ? (
        <p className={styles.muted}>
          This scenario has no consumer group, so there is no consumer lag or redelivery to draw.
        </p>
      ) : null}
      <div ref={ref} className={chartStyles.grid}>
        {history.isPending ? (
          <p className={styles.muted}>Recomputing the run&apos;s metrics…</p>
        ) : history.error ? (
          <p className={styles.error} role="alert">
            Could not recompute the charts: {history.error.message}
          </p>
        ) : (
          charts.map(({ spec, data }) => (
            <TimeChart
              key={spec.id}
              title={spec.title}
              unit={spec.unit}
              rows={data.rows}
              series={data.series}
              windows={windows}
              nowMs={run.virtualMs}
              width={chartWidth}
              testId={`report-${spec.id}`}
            />
          ))
        )}
      </div>
    </Panel>
  );
}
