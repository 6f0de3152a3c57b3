import { checkNames, type CheckName } from "../../../server/protocol";
import type { RunView } from "../store/run-view";
import { stepIndexAt } from "../teaching/narration";

/**
 * The numbers a browser script asks about, as plain JSON: what the page holds, summed up
 * the way the panels show it. `window.convergenceLab.state()` returns it and the hidden
 * automation element carries the main fields as data attributes.
 */
export interface LabState {
  runId: string;
  scenario: string | null;
  seed: number | null;
  nowMs: number;
  durationMs: number;
  status: RunView["status"];
  paused: boolean;
  speed: number | "max";
  connection: RunView["connection"];
  convergence: "converged" | "converging" | "diverged" | null;
  converged: boolean;
  convergedAtMs: number | null;
  checks: Record<CheckName, number>;
  /** Narration: the step the clock is on (-1 before the first) and how many there are. */
  step: number;
  steps: number;
  producers: {
    id: string;
    sent: number;
    acknowledged: number;
    failed: number;
    timedOut: number;
    retried: number;
    latencyMsMax: number;
    acks: string;
    idempotent: boolean;
  }[];
  groups: {
    id: string;
    applied: number;
    deliveries: number;
    redeliveries: number;
    duplicateEffects: number;
    skippedDuplicates: number;
    replays: number;
    rebalances: number;
    generation: number;
    /** HW minus committed offset, summed over partitions. */
    lagRecords: number;
    /** By append time and by producer timestamp, from the latest metric sample. */
    lagMs: number | null;
    lagMsByProducerTime: number | null;
  }[];
  partitions: {
    partition: number;
    leader: string | null;
    epoch: number;
    hw: number;
    leo: number;
    isr: string[];
    /** Records struck out of each replica's lane by truncation, by broker. */
    truncated: Record<string, number>;
  }[];
  activeFaults: string[];
}

/** The main numbers alone, for the automation element's attributes at every frame. */
export type LabHeadline = Pick<
  LabState,
  "nowMs" | "status" | "paused" | "convergence" | "step" | "checks"
>;

export function labHeadline(v: RunView): LabHeadline {
  return {
    nowMs: v.nowMs,
    status: v.status,
    paused: v.pacing.paused,
    convergence: v.convergence?.status ?? null,
    step: stepIndexAt(v.meta?.scenario.narration ?? [], v.nowMs),
    checks: Object.fromEntries(checkNames.map((n) => [n, v.checks?.[n]?.count ?? 0])) as Record<
      CheckName,
      number
    >,
  };
}

export function labState(runId: string, v: RunView): LabState {
  const head = labHeadline(v);
  const sample = v.samples[v.samples.length - 1];
  return {
    runId,
    scenario: v.meta?.scenario.name ?? null,
    seed: v.meta?.seed ?? null,
    nowMs: head.nowMs,
    durationMs: v.meta?.durationMs ?? 0,
    status: head.status,
    paused: head.paused,
    speed: v.pacing.speed,
    connection: v.connection,
    convergence: head.convergence,
    converged: head.convergence === "converged",
    convergedAtMs: v.convergence?.convergedAtMs ?? null,
    checks: head.checks,
    step: head.step,
    steps: v.meta?.scenario.narration.length ?? 0,
    producers: v.producers.map((p) => ({
      id: p.id,
      sent: p.sent,
      acknowledged: p.acknowledged,
      failed: p.failed,
      timedOut: p.timedOut,
      retried: p.retried,
      latencyMsMax: p.latencyMsMax,
      acks: p.acks,
      idempotent: p.idempotent,
    })),
    groups: v.groups.map((g) => ({
      id: g.id,
      applied: g.applied,
      deliveries: g.deliveries,
      redeliveries: g.redeliveries,
      duplicateEffects: g.duplicateEffects,
      skippedDuplicates: g.skippedDuplicates,
      replays: g.replays,
      rebalances: g.rebalances,
      generation: g.generation,
      lagRecords: v.partitions.reduce((sum, p) => sum + (p.hw - (p.committed[g.index] ?? 0)), 0),
      lagMs: sample?.glMs[g.index] ?? null,
      lagMsByProducerTime: sample?.glMsP[g.index] ?? null,
    })),
    partitions: v.partitions.map((p, i) => ({
      partition: p.partition,
      leader: p.leader,
      epoch: p.epoch,
      hw: p.hw,
      leo: p.leo,
      isr: p.isr,
      truncated: Object.fromEntries(
        p.replicas.map((r, ri) => [r.broker, v.logs[i]?.truncated[ri]?.length ?? 0]),
      ),
    })),
    activeFaults: v.activeFaults.map((f) => f.id),
  };
}
