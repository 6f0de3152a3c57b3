/**
 * The plain data of the model: records, the messages nodes send each other, and the
 * event kinds the scheduler dispatches. Behaviour lives in the role files
 * (broker, controller, producer, consumer, coordinator, reconciler).
 */

/** One record in a partition's log. Replicas share the object: a follower's copy is the same record. */
export interface LogRecord {
  eventId: number;
  key: number;
  value: number;
  /** Leader epoch of the leader that appended it. */
  epoch: number;
  producer: number;
  /** Producer sequence for the idempotent producer (per producer and partition). */
  seq: number;
  /** Producer timestamp (CreateTime), from the producer's possibly skewed clock. */
  timestampMs: number;
  /** Broker append time (LogAppendTime), from the leader's clock. */
  appendMs: number;
}

export type Message =
  | {
      type: "produce";
      reqId: number;
      partition: number;
      acks: 0 | 1 | -1;
      records: LogRecord[];
      idempotent: boolean;
    }
  | {
      type: "produceResponse";
      reqId: number;
      partition: number;
      error: ProduceError | null;
      baseOffset: number;
    }
  | {
      type: "fetch";
      partition: number;
      fetchOffset: number;
      /** Epoch of the fetcher's last record (follower fetches), for divergence detection. */
      lastFetchedEpoch: number;
      /** The broker index for a follower fetch; -1 for a consumer. */
      replica: number;
      fetchId: number;
      maxRecords: number;
      maxWaitMs: number;
    }
  | {
      type: "fetchResponse";
      partition: number;
      fetchId: number;
      fetchOffset: number;
      error: "notLeader" | "offsetOutOfRange" | null;
      /** Read-only: empty responses share one frozen array. */
      records: readonly LogRecord[];
      hw: number;
      leaderEpoch: number;
      /**
       * Set when the follower's log diverges (KIP-595's DivergingEpoch): the leader's largest
       * epoch not above the follower's last one, and where that epoch ends in the leader's log.
       * -1 when the logs do not diverge.
       */
      divergingEpoch: number;
      divergingEndOffset: number;
    }
  | {
      type: "brokerHeartbeat";
      broker: number;
      /** The broker process's incarnation: a new one means it restarted (KRaft's incarnation id). */
      incarnation: number;
      metadataVersion: number;
    }
  | { type: "leaderAndIsr"; states: PartitionState[]; metadataVersion: number }
  | {
      type: "alterIsr";
      partition: number;
      leaderEpoch: number;
      partitionEpoch: number;
      isr: number[];
    }
  | { type: "metadataRequest" }
  | { type: "metadataResponse"; leaders: number[]; epochs: number[] }
  | {
      type: "joinGroup";
      group: number;
      member: number;
      /** The generation the member holds: -1 when it has none (new, restarted, removed). */
      generation: number;
    }
  | { type: "leaveGroup"; group: number; member: number }
  | { type: "groupHeartbeat"; group: number; member: number; generation: number }
  | {
      type: "heartbeatResponse";
      group: number;
      /** The generation in force, or -1 if the sender is not a member. */
      generation: number;
      /** A rebalance is forming and waits for this member to rejoin. */
      rebalancing: boolean;
    }
  | { type: "rebalance"; group: number; generation: number }
  | {
      type: "assignment";
      group: number;
      generation: number;
      partitions: number[];
      committed: number[];
    }
  | {
      type: "offsetCommit";
      group: number;
      member: number;
      generation: number;
      partition: number;
      offset: number;
    }
  | { type: "offsetCommitResponse"; group: number; partition: number; offset: number; ok: boolean }
  | { type: "completion"; group: number; eventId: number }
  | { type: "redrive"; group: number; partition: number; record: LogRecord; offset: number };

/** The controller's record of one partition, as it sends it to the replicas. */
export interface PartitionState {
  partition: number;
  /** Broker index of the leader, or -1 while the partition is offline. */
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
}

export type ProduceError = "notLeader" | "notEnoughReplicas" | "notEnoughReplicasAfterAppend";

/** What the scheduler dispatches. */
export const Ev = {
  deliver: 0,
  timer: 1,
  faultStart: 2,
  faultEnd: 3,
  command: 4,
  monitor: 5,
} as const;

/** Timer kinds, per role. */
export const Timer = {
  brokerHeartbeat: 0,
  replicaFetch: 1,
  isrCheck: 2,
  flush: 3,
  fetchExpire: 4,
  controllerCheck: 5,
  coordinatorCheck: 6,
  produce: 7,
  requestTimeout: 8,
  retry: 9,
  consumerHeartbeat: 10,
  processDone: 11,
  autoCommit: 12,
  consumerFetch: 13,
  reconcile: 14,
  metadataRefresh: 15,
} as const;

export type Role = "broker" | "controller" | "producer" | "consumer" | "reconciler";
