import type { CheckName } from "../../../server/protocol";

/** The seven checkers of DESIGN.md section 3, in the words the page uses for them. */
export const CHECKS: { name: CheckName; title: string; explains: string }[] = [
  {
    name: "lostAckedWrites",
    title: "Lost acknowledged writes",
    explains: "Acknowledged to a producer, but absent from the committed log.",
  },
  {
    name: "logDuplicates",
    title: "Duplicates in the log",
    explains: "One event id stored at two offsets (a retried write appended twice).",
  },
  {
    name: "lostEffects",
    title: "Lost effects",
    explains: "A group's committed offset passed a record it never applied.",
  },
  {
    name: "duplicateEffects",
    title: "Duplicate effects",
    explains: "A record applied twice to a projection (a redelivery not made idempotent).",
  },
  {
    name: "orderViolations",
    title: "Per-key order violations",
    explains: "Two events of one key stored or applied out of the order they were produced.",
  },
  {
    name: "replicaDivergence",
    title: "Replica divergence",
    explains: "A replica's committed prefix differs from the leader's.",
  },
  {
    name: "projectionDivergence",
    title: "Projection divergence",
    explains: "A projection differs from the fold of the committed log.",
  },
];
