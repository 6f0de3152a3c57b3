import type { Simulation } from "./engine";

/** How many reasons the tracker keeps (and the live layer shows). */
const MAX_REASONS = 8;

export type ConvergenceStatus = "converged" | "converging" | "diverged";

export interface ConvergenceState {
  status: ConvergenceStatus;
  converged: boolean;
  /** When the system last became converged (and has stayed so), or null. */
  convergedAtMs: number | null;
  /** When the last fault ended, or null if none has. */
  lastFaultEndedMs: number | null;
  /** Time from the end of the last fault to convergence. */
  timeToConvergeMs: number | null;
  /** What stands between the system and convergence, in words. */
  reasons: string[];
}

/**
 * Converged: no fault active, nothing in flight (no produce request pending, no record
 * waiting to be processed), every live replica identical to the leader up to the HW and
 * at the LEO, every group caught up and its projection equal to the fold of the
 * committed log. Diverged: the data has settled but a projection or replica still
 * differs, so it will not converge by itself (a handler bug, a lost effect).
 */
export class ConvergenceTracker {
  converged = false;
  convergedAtMs: number | null = null;
  reasons: string[] = [];
  private settledButDifferent = false;

  constructor(private readonly sim: Simulation) {}

  update(): void {
    const reasons = this.blockers();
    // Only the first MAX_REASONS are kept, so blockers stop there and differences are
    // looked at only when there is room (what the tick costs no longer grows with how
    // much is in flight, which is most of the time).
    const differences = reasons.length < MAX_REASONS ? this.differences() : [];
    this.settledButDifferent = reasons.length === 0 && differences.length > 0;
    const all = [...reasons, ...differences];
    const now = all.length === 0;
    if (now && !this.converged) this.convergedAtMs = this.sim.now;
    if (!now) this.convergedAtMs = null;
    this.converged = now;
    this.reasons = all.slice(0, MAX_REASONS);
  }

  /** What stands in the way, in order, up to MAX_REASONS of them. */
  private blockers(): string[] {
    const sim = this.sim;
    const out: string[] = [];
    const full = () => out.length >= MAX_REASONS;
    if (sim.faults.active.length > 0) out.push(`${sim.faults.active.length} fault(s) active`);
    for (const n of sim.nodes) {
      if (full()) return out;
      if (!n.up || n.paused) out.push(`${n.id} is ${n.up ? "paused" : "down"}`);
    }
    for (const p of sim.producers) {
      if (full()) return out;
      if (p.pending > 0) out.push(`${p.config.id} has ${p.pending} record(s) unacknowledged`);
    }
    for (let p = 0; p < sim.scenario.topic.partitions; p++) {
      if (full()) return out.slice(0, MAX_REASONS);
      const state = sim.controller.partitions[p]!;
      if (state.leader < 0) {
        out.push(`partition ${p} is offline`);
        continue;
      }
      const leader = sim.brokers[state.leader]!.replicas[p]!;
      if (!leader.isLeader)
        out.push(`partition ${p}: ${sim.nodeName(state.leader)} has not taken leadership yet`);
      if (leader.hw < leader.leo) out.push(`partition ${p}: HW ${leader.hw} < LEO ${leader.leo}`);
      for (const rep of sim.replicasOf(p)) {
        if (rep !== leader && rep.leo !== leader.leo)
          out.push(
            `partition ${p}: ${sim.nodeName(rep.broker)} LEO ${rep.leo} ≠ leader ${leader.leo}`,
          );
      }
      if (state.isr.length < sim.scenario.topic.replicationFactor)
        out.push(`partition ${p}: under-replicated`);
      sim.scenario.groups.forEach((g, gi) => {
        if (!sim.checks.groups[gi]!.caughtUpTo(p, leader.hw))
          out.push(`group ${g.id} behind on partition ${p}`);
      });
    }
    for (const m of sim.members) {
      if (full()) return out.slice(0, MAX_REASONS);
      if (m.queued > 0) out.push(`${sim.nodeName(m.node)} has ${m.queued} record(s) to process`);
    }
    return out.slice(0, MAX_REASONS);
  }

  /** Reads the two counts directly: results() would also build every checker's examples, at every tick. */
  private differences(): string[] {
    const checks = this.sim.checks;
    const replicas = checks.replicas.count;
    let keys = 0;
    for (const g of checks.groups) keys += g.projectionDivergence;
    const out: string[] = [];
    if (replicas > 0) out.push(`${replicas} replica(s) diverge`);
    if (keys > 0) out.push(`projection differs from the log on ${keys} key(s)`);
    return out;
  }

  state(): ConvergenceState {
    const lastFaultEndedMs = this.sim.faults.lastEndedMs;
    const status = this.converged
      ? "converged"
      : this.settledButDifferent
        ? "diverged"
        : "converging";
    return {
      status,
      converged: this.converged,
      convergedAtMs: this.convergedAtMs,
      lastFaultEndedMs,
      timeToConvergeMs:
        this.convergedAtMs !== null && lastFaultEndedMs !== null
          ? Math.max(0, this.convergedAtMs - lastFaultEndedMs)
          : null,
      reasons: this.reasons,
    };
  }
}
