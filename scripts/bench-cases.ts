import type { ScenarioInput } from "../server/sim/scenario";

/**
 * The benchmark cases of issue 2: small (3 brokers, 3 partitions RF 3, one producer,
 * two groups of two), medium (about 50 nodes) and large (about 200 nodes), each at a
 * steady default load with no faults, so that throughput is comparable between runs.
 */
function groups(count: number, members: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `g${i + 1}`,
    members,
    commitPolicy: "afterProcess" as const,
  }));
}

function producers(count: number, ratePerSec: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${i + 1}`,
    ratePerSec,
    keys: 64,
    acks: "all" as const,
    idempotent: true,
  }));
}

export const benchCases: Record<"small" | "medium" | "large", ScenarioInput> = {
  small: {
    name: "bench-small",
    title: "Benchmark: small",
    teaches: "throughput",
    durationMs: 3_600_000,
    brokers: { count: 3 },
    topic: { partitions: 3, replicationFactor: 3 },
    producers: producers(1, 200),
    groups: groups(2, 2),
  },
  medium: {
    // 9 brokers + controller + 8 producers + 4 groups of 8 = 50 nodes.
    name: "bench-medium",
    title: "Benchmark: medium",
    teaches: "throughput",
    durationMs: 3_600_000,
    brokers: { count: 9 },
    topic: { partitions: 12, replicationFactor: 3 },
    producers: producers(8, 25),
    groups: groups(4, 8),
  },
  large: {
    // 24 brokers + controller + 31 producers + 8 groups of 18 = 200 nodes.
    name: "bench-large",
    title: "Benchmark: large",
    teaches: "throughput",
    durationMs: 3_600_000,
    brokers: { count: 24 },
    topic: { partitions: 48, replicationFactor: 3 },
    producers: producers(31, 10),
    groups: groups(8, 18),
  },
};
