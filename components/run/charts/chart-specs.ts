import type { MetricSample } from "../../../server/protocol";
import {
  consumerLag,
  redeliveries,
  replicationLag,
  throughput,
  type SelectedBroker,
} from "./chart-data";

type Build = (
  samples: MetricSample[],
  groups: string[],
  selected: SelectedBroker | null,
) => ReturnType<typeof throughput>;

/** The time charts of a run, shared by the live page and the report. */
export const CHART_SPECS: { id: string; title: string; unit: string; build: Build }[] = [
  {
    id: "chart-replication-lag",
    title: "Replication lag",
    unit: "records behind the leader",
    build: (s, _g, selected) => replicationLag(s, "rl", selected),
  },
  {
    id: "chart-replication-lag-ms",
    title: "Replication lag",
    unit: "ms behind the leader",
    build: (s, _g, selected) => replicationLag(s, "rlMs", selected),
  },
  {
    id: "chart-throughput",
    title: "Throughput",
    unit: "records per second",
    build: (s) => throughput(s),
  },
  {
    id: "chart-consumer-lag",
    title: "Consumer lag",
    unit: "records (HW − committed)",
    build: (s, g) => consumerLag(s, g, "records"),
  },
  {
    id: "chart-consumer-lag-ms",
    title: "Consumer lag",
    unit: "ms since the oldest unconsumed record",
    build: (s, g) => consumerLag(s, g, "ms"),
  },
  {
    id: "chart-redeliveries",
    title: "Redeliveries and duplicate effects",
    unit: "running total",
    build: (s, g) => redeliveries(s, g),
  },
];
