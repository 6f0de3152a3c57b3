import type { CheckName } from "../../../server/protocol";

/**
 * What each checker's count means for this run, in a sentence a class can read aloud:
 * what held (count 0) or what went wrong (count n), and the usual cause. The checkers'
 * names and short explanations are components/run/checks/check-info.ts.
 */
const WORDS: Record<CheckName, { held: string; broke: (n: string) => string; cause: string }> = {
  lostAckedWrites: {
    held: "Every write acknowledged to a producer is in the committed log.",
    broke: (n) => `${n} acknowledged to a producer, then lost from the committed log.`,
    cause:
      "A leader acknowledged before its followers had the record (acks=1, or too small an ISR) and then failed; or a power loss took records that were never flushed.",
  },
  logDuplicates: {
    held: "No event id is stored twice in the log.",
    broke: (n) => `${n} stored at two offsets.`,
    cause:
      "A producer timed out, retried, and the first attempt had landed after all. An idempotent producer lets the broker drop the retry.",
  },
  lostEffects: {
    held: "Every record a group committed past was applied to its projection.",
    broke: (n) => `${n} skipped: the group's committed offset passed it, but it was never applied.`,
    cause:
      "Offsets were committed before processing (auto-commit) and the consumer crashed in between.",
  },
  duplicateEffects: {
    held: "No record was applied twice to a projection.",
    broke: (n) => `${n} applied twice to a projection.`,
    cause:
      "At-least-once delivery redelivered records after a crash or rebalance, and the consumer was not idempotent.",
  },
  orderViolations: {
    held: "Every key's events were stored and applied in the order they were produced.",
    broke: (n) => `${n} out of order for its key.`,
    cause:
      "Retries with several requests in flight, or a rebalance that handed a partition over mid-stream.",
  },
  replicaDivergence: {
    held: "The committed prefixes of all replicas agree.",
    broke: (n) => `${n} found where a replica's committed prefix differs from the leader's.`,
    cause:
      "An unclean leader election, or a power loss on a replica that had acknowledged unflushed records.",
  },
  projectionDivergence: {
    held: "Every projection equals the fold of the committed log.",
    broke: (n) => `${n} found where a projection differs from the fold of the committed log.`,
    cause:
      "A handler bug, lost or duplicate effects. Replaying the group from offset 0 with the bug fixed repairs it.",
  },
};

const UNIT: Record<CheckName, [string, string]> = {
  lostAckedWrites: ["write", "writes"],
  logDuplicates: ["event", "events"],
  lostEffects: ["record", "records"],
  duplicateEffects: ["record", "records"],
  orderViolations: ["event", "events"],
  replicaDivergence: ["case", "cases"],
  projectionDivergence: ["case", "cases"],
};

export interface VerdictWords {
  ok: boolean;
  sentence: string;
  /** Why this usually happens; empty when the check held. */
  cause: string;
}

export function verdictWords(name: CheckName, count: number): VerdictWords {
  const words = WORDS[name];
  if (count === 0) return { ok: true, sentence: words.held, cause: "" };
  const [one, many] = UNIT[name];
  const n = count === 1 ? `1 ${one} was` : `${count.toLocaleString("en-US")} ${many} were`;
  return { ok: false, sentence: capitalise(words.broke(n)), cause: words.cause };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
