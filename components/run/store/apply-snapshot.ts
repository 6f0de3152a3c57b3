import type { SnapshotMessage } from "../../../server/protocol";
import {
  applyGroup,
  applyLog,
  applyNodes,
  applyPartition,
  applyProducer,
  emptyGroup,
  emptyLog,
  emptyPartition,
  emptyProducer,
  initialNodes,
  networkView,
  nodeName,
} from "./apply-parts";
import { applyChecks, messageViews } from "./apply-messages";
import { emptyRunView, type RunView } from "./run-view";

/** A snapshot replaces everything the browser held about the run. */
export function applySnapshot(s: SnapshotMessage): RunView {
  const topology = s.topology;
  const partitions = topology.partitions.map((_, p) => {
    const d = s.parts.find((x) => x.p === p);
    const empty = emptyPartition(topology, p);
    return d ? applyPartition(empty, d, topology) : empty;
  });
  const logs = topology.partitions.map((_, p) => {
    const d = s.parts.find((x) => x.p === p);
    return d ? applyLog(emptyLog(), { ...d, rcut: undefined }, s.t) : emptyLog();
  });
  return {
    ...emptyRunView,
    meta: {
      runId: s.runId,
      title: s.run.title,
      scenario: s.scenario,
      assignment: topology.partitions.map((rs) => rs.map((b) => nodeName(topology, b))),
      topology,
      seed: s.run.seed,
      durationMs: s.run.durationMs,
      createdAt: s.run.createdAt,
      overrides: s.run.overrides,
      parentRunId: s.run.parentRunId ?? null,
      forkAtMs: s.run.forkAtMs ?? null,
    },
    role: s.role,
    status: s.status,
    error: s.error,
    connection: "live",
    seq: s.seq,
    nowMs: s.t,
    headMs: Math.max(s.run.headMs ?? 0, s.t),
    events: s.ev,
    rate: 0,
    pacing: s.pacing,
    nodes: applyNodes(initialNodes(topology), s.nodes),
    partitions,
    logs,
    groups: topology.groups.map((_, g) => {
      const d = s.groups.find((x) => x.g === g);
      const empty = emptyGroup(topology, g);
      return d ? applyGroup(empty, d, topology) : empty;
    }),
    producers: topology.producers.map((_, i) => {
      const d = s.producers.find((x) => x.i === i);
      const empty = emptyProducer(topology, i);
      return d ? applyProducer(empty, d) : empty;
    }),
    network: networkView(s.net),
    checks: applyChecks(null, s.checks),
    activeFaults: s.faults,
    faultWindows: s.windows,
    convergence: s.convergence,
    samples: s.samples,
    messages: messageViews(topology, s.msgs),
    viewers: s.run.viewers,
  };
}
