import type { FaultKind } from "../../../server/protocol";

export type TargetShape = "node" | "nodeOrLink" | "sides" | "consumer";

/** Every fault kind the engine has (server/sim/faults.ts), as the fault form offers it. */
export const FAULT_KINDS: {
  kind: FaultKind;
  label: string;
  explains: string;
  target: TargetShape;
}[] = [
  {
    kind: "crash",
    label: "Crash",
    explains:
      "The process dies. kill: the page cache survives; power loss: everything not flushed to disk is gone. Ending the fault restarts it.",
    target: "node",
  },
  {
    kind: "pause",
    label: "Pause",
    explains:
      "The process stops (a long GC pause, a frozen VM): messages and timers wait, then run when it resumes.",
    target: "node",
  },
  {
    kind: "isolate",
    label: "Isolate",
    explains: "Cut every link to and from one node; it keeps running, alone.",
    target: "node",
  },
  {
    kind: "partition",
    label: "Partition",
    explains:
      "Split the network in two: the nodes you tick on one side, everyone else on the other. Nothing crosses.",
    target: "sides",
  },
  {
    kind: "drop",
    label: "Drop",
    explains: "Lose a share of the messages on a node's links, or on one directed link.",
    target: "nodeOrLink",
  },
  {
    kind: "delay",
    label: "Delay",
    explains: "Add latency (and jitter) to a node's links, or to one directed link.",
    target: "nodeOrLink",
  },
  {
    kind: "duplicate",
    label: "Duplicate",
    explains: "Deliver a share of the messages twice, on a node's links or on one link.",
    target: "nodeOrLink",
  },
  {
    kind: "clockSkew",
    label: "Clock skew",
    explains:
      "Shift a node's clock: the timestamps it writes change, the simulation's time does not.",
    target: "node",
  },
  {
    kind: "crashBeforeCommit",
    label: "Crash before commit",
    explains:
      "A group member applies what it processed, then dies just before its next offset commit.",
    target: "consumer",
  },
];
