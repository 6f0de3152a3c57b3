import { z } from "zod";
import { faultSpecSchema } from "./faults";
import { operatorCommandSchema } from "./commands";
import { acksSchema, commitPolicySchema, type Acks, type CommitPolicy } from "./scenario-parts";

/**
 * The scenario format. A scenario is plain data: the topology, the topic, the
 * producers and consumer groups, the network, a fault script, narration and the
 * outcome it is expected to show. Every field has a default so that a scenario
 * file only says what is special about it. docs/scenarios.md documents each field.
 */

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, "lower-case letters, digits and dashes, starting with a letter");

export { acksSchema, commitPolicySchema };
export type { Acks, CommitPolicy };

export const topicSchema = z.strictObject({
  name: id.default("deposits"),
  partitions: z.number().int().min(1).max(64).default(3),
  replicationFactor: z.number().int().min(1).max(7).default(3),
  minInsyncReplicas: z.number().int().min(1).max(7).default(2),
  uncleanLeaderElection: z.boolean().default(false),
  /** A follower that has not caught up to the leader's LEO for this long leaves the ISR. */
  replicaLagTimeMaxMs: z.number().positive().default(2000),
  /** Flush the page cache to disk this often; null = never (Kafka relies on replication). */
  flushIntervalMs: z.number().positive().nullable().default(null),
});

export const brokerSchema = z.strictObject({
  count: z.number().int().min(1).max(64).default(3),
  /** Longest a fetch waits at the leader for new data (replica.fetch.wait.max.ms). */
  fetchWaitMaxMs: z.number().positive().default(100),
  fetchMaxRecords: z.number().int().min(1).default(500),
  /**
   * A follower fetch unanswered this long is sent again (Kafka's replica.socket.timeout.ms
   * is 30 s; shorter here so that demos recover from a lost fetch within seconds).
   */
  replicaFetchTimeoutMs: z.number().positive().default(5000),
  /** Broker -> controller heartbeat period. */
  heartbeatIntervalMs: z.number().positive().default(100),
  /** The controller fences a broker whose heartbeats stop for this long. */
  sessionTimeoutMs: z.number().positive().default(600),
});

export const producerSchema = z.strictObject({
  id,
  ratePerSec: z.number().min(0).max(100_000).default(50),
  /** Number of distinct keys (accounts) this producer writes to. */
  keys: z.number().int().min(1).max(10_000).default(8),
  acks: acksSchema.default("all"),
  requestTimeoutMs: z.number().positive().default(1500),
  /** Kafka's default: retry until the delivery timeout. */
  retries: z.number().int().min(0).max(2147483647).default(2147483647),
  /** Give up on a record this long after it was first sent (delivery.timeout.ms). */
  deliveryTimeoutMs: z.number().positive().default(120_000),
  retryBackoffMs: z.number().min(0).default(100),
  idempotent: z.boolean().default(false),
  /** Records per produce request at most (batch.size, counted in records). */
  batchMaxRecords: z.number().int().min(1).default(100),
  startMs: z.number().min(0).default(0),
  /** Stop producing new events at this virtual time; null = never. */
  stopMs: z.number().min(0).nullable().default(null),
  /** Largest deposit amount; amounts are drawn from 1..maxAmount. */
  maxAmount: z.number().int().min(1).default(100),
});

export const groupSchema = z.strictObject({
  id,
  members: z.number().int().min(1).max(64).default(2),
  commitPolicy: commitPolicySchema.default("afterProcess"),
  autoCommitIntervalMs: z.number().positive().default(1000),
  /** Time one record takes to process before it is applied to the projection. */
  processingMs: z.number().min(0).default(2),
  idempotent: z.boolean().default(false),
  sessionTimeoutMs: z.number().positive().default(1000),
  /**
   * How long a rebalance waits for a live member to finish its polled records and rejoin
   * (max.poll.interval.ms, Kafka's default 5 minutes); a crashed member is dropped at its
   * session timeout instead.
   */
  maxPollIntervalMs: z.number().positive().default(300_000),
  heartbeatIntervalMs: z.number().positive().default(200),
  fetchMaxRecords: z.number().int().min(1).default(50),
  fetchWaitMaxMs: z.number().positive().default(100),
  /** A fetch or commit unanswered this long is sent again (request.timeout.ms; Kafka: 30 s). */
  requestTimeoutMs: z.number().positive().default(5000),
  /** The handler applies deposits wrongly (it double-counts them) while this is on. */
  handlerBug: z.boolean().default(false),
  /** Send a completion for each applied record to the reconciler, if there is one. */
  reportsCompletions: z.boolean().default(false),
});

export const reconciliationSchema = z.strictObject({
  group: id,
  /** How often the job scans the committed log. */
  intervalMs: z.number().positive().default(1000),
  /** A record whose completion has not arrived this long after its append is re-driven. */
  graceMs: z.number().positive().default(2000),
});

export const linkSchema = z.strictObject({
  latencyMs: z.number().min(0).default(2),
  jitterMs: z.number().min(0).default(1),
  dropRate: z.number().min(0).max(1).default(0),
  duplicateRate: z.number().min(0).max(1).default(0),
});

export const expectedCountSchema = z.strictObject({
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
});

export const checkNames = [
  "lostAckedWrites",
  "logDuplicates",
  "lostEffects",
  "duplicateEffects",
  "orderViolations",
  "replicaDivergence",
  "projectionDivergence",
] as const;
export type CheckName = (typeof checkNames)[number];

export const expectationSchema = z.strictObject({
  checks: z.partialRecord(z.enum(checkNames), expectedCountSchema).default({}),
  converged: z.boolean().optional(),
  /** Bounds on final metrics, by dotted path into the metrics snapshot (e.g. "producers.p1.retried"). */
  metrics: z.record(z.string(), expectedCountSchema).default({}),
});
export type Expectation = z.infer<typeof expectationSchema>;

/** Regions of the run page a narration step can point at (docs/teaching.md). */
export const lookAtRegions = [
  "topology",
  "lanes",
  "groups",
  "faults",
  "checks",
  "charts",
  "sequence",
  "clock",
  "convergence",
  "producers",
] as const;
export type LookAtRegion = (typeof lookAtRegions)[number];

export const narrationStepSchema = z.strictObject({
  atMs: z.number().min(0),
  title: z.string().min(1),
  text: z.string().min(1),
  /** Parts of the page this step is about, most important first (teaching mode highlights them). */
  lookAt: z.array(z.enum(lookAtRegions)).default([]),
  /** Operator commands the step fires when the lecturer moves on to it. */
  commands: z.array(operatorCommandSchema).default([]),
});
export type NarrationStep = z.infer<typeof narrationStepSchema>;

export const timedCommandSchema = z.strictObject({
  atMs: z.number().min(0),
  command: operatorCommandSchema,
});
export type TimedCommand = z.infer<typeof timedCommandSchema>;

export const variantSchema = z.strictObject({
  name: id,
  title: z.string().min(1),
  /** Overrides as dotted paths, the same as the CLI's --set. */
  set: z.record(z.string(), z.unknown()),
  expect: expectationSchema,
});

export const scenarioSchema = z.strictObject({
  name: id,
  title: z.string().min(1),
  teaches: z.string().min(1),
  description: z.string().default(""),
  seed: z.number().int().min(0).default(1),
  durationMs: z
    .number()
    .positive()
    .max(24 * 3600 * 1000),
  /** Quiet time after the last fault and the end of production in which the system must converge. */
  brokers: brokerSchema.default(brokerSchema.parse({})),
  topic: topicSchema.default(topicSchema.parse({})),
  network: linkSchema.default(linkSchema.parse({})),
  producers: z.array(producerSchema).min(1).max(64),
  groups: z.array(groupSchema).max(16).default([]),
  reconciliation: reconciliationSchema.nullable().default(null),
  faults: z.array(faultSpecSchema).default([]),
  /** Operator commands the script issues at fixed times (replays, handler fixes, config changes). */
  script: z.array(timedCommandSchema).default([]),
  narration: z.array(narrationStepSchema).default([]),
  expect: expectationSchema.default(expectationSchema.parse({})),
  variants: z.array(variantSchema).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ProducerConfig = z.infer<typeof producerSchema>;
export type GroupConfig = z.infer<typeof groupSchema>;
export type TopicConfig = z.infer<typeof topicSchema>;
export type LinkConfig = z.infer<typeof linkSchema>;
