import type { LabState } from "../../components/run/automation/lab-state";

/**
 * Reads a metric path of a scenario's `expect.metrics` (docs/scenarios.md) from what the
 * run page holds, or says why the page cannot show it. `start` is the state at 0 ms, for
 * numbers the page shows only as a change (leader epochs count elections).
 */
export type PageMetric = { value: number; bound: "both" | "maxOnly" } | { unavailable: string };

const PRODUCER_FIELDS = [
  "sent",
  "acknowledged",
  "failed",
  "timedOut",
  "retried",
  "latencyMsMax",
] as const;
const GROUP_FIELDS = [
  "applied",
  "deliveries",
  "redeliveries",
  "duplicateEffects",
  "skippedDuplicates",
  "replays",
  "rebalances",
  "generation",
] as const;

export function pageMetric(path: string, end: LabState, start: LabState): PageMetric {
  const parts = path.split(".");
  const [area, id, field] = parts;
  if (area === "producers") {
    const p = end.producers.find((x) => x.id === id);
    const f = PRODUCER_FIELDS.find((x) => x === field);
    if (p && f) return { value: p[f], bound: "both" };
  }
  if (area === "groups" && parts.length === 3) {
    const g = end.groups.find((x) => x.id === id);
    const f = GROUP_FIELDS.find((x) => x === field);
    if (g && f) return { value: g[f], bound: "both" };
  }
  if (area === "groups" && parts[2] === "partitions") {
    const g = end.groups.find((x) => x.id === id);
    const leaf = parts[4];
    // The page shows a group's lag over all its partitions: an upper bound of each one's.
    if (g && leaf === "lagRecords") return { value: g.lagRecords, bound: "maxOnly" };
    if (g && leaf === "lagMs" && g.lagMs !== null) return { value: g.lagMs, bound: "maxOnly" };
    if (g && leaf === "lagMsByProducerTime" && g.lagMsByProducerTime !== null)
      return { value: g.lagMsByProducerTime, bound: "maxOnly" };
  }
  if (area === "partitions" && parts[2] === "replicas" && parts[4] === "truncated") {
    const p = end.partitions[Number(id)];
    const broker = p ? Object.keys(p.truncated)[Number(parts[3])] : undefined;
    // The lane keeps the newest struck-out records (a bounded number): enough for "at least".
    if (p && broker) return { value: p.truncated[broker] ?? 0, bound: "both" };
  }
  if (path === "controller.elections") {
    // Every election gives its partition a new leader epoch.
    const value = end.partitions.reduce(
      (sum, p, i) => sum + p.epoch - (start.partitions[i]?.epoch ?? p.epoch),
      0,
    );
    return { value, bound: "both" };
  }
  return { unavailable: `${path} is not shown on the run page` };
}
