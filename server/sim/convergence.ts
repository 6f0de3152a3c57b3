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
 * What can stand in the way, kept as a code and up to four numbers and put into words only
 * when someone reads the reasons: the tick runs ten times a virtual second, and formatting
 * eight strings at each was a few percent of a small run's time.
 */
const R_FAULTS = 0;
const R_NODE = 1;
const R_PRODUCER = 2;
const R_OFFLINE = 3;
const R_NOT_LEADING = 4;
const R_HW = 5;
const R_REPLICA_LEO = 6;
const R_UNDER_REPLICATED = 7;
const R_GROUP_BEHIND = 8;
const R_QUEUED = 9;
const R_REPLICAS_DIVERGE = 10;
const R_PROJECTION = 11;
/** Numbers per reason: the code and its four arguments. */
const STRIDE = 5;

function full(codes: number[]): boolean {
  return codes.length >= MAX_REASONS * STRIDE;
}

function cut(codes: number[]): void {
  if (codes.length > MAX_REASONS * STRIDE) codes.length = MAX_REASONS * STRIDE;
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
  private settledButDifferent = false;
  /** The reasons of the last update, STRIDE numbers each; at most MAX_REASONS of them. */
  private codes: number[] = [];
  /** The same in words, made on first read after an update. */
  private words: string[] | null = [];

  constructor(private readonly sim: Simulation) {}

  /** What stands between the system and convergence, in words, at the last update. */
  get reasons(): string[] {
    if (this.words === null) this.words = this.format();
    return this.words;
  }

  update(): void {
    const codes = this.codes;
    codes.length = 0;
    this.blockers(codes);
    const blockers = codes.length / STRIDE;
    // Only the first MAX_REASONS are kept, so blockers stop there and differences are
    // looked at only when there is room (what the tick costs no longer grows with how
    // much is in flight, which is most of the time).
    if (blockers < MAX_REASONS) this.differences(codes);
    const all = codes.length / STRIDE;
    this.settledButDifferent = blockers === 0 && all > 0;
    const now = all === 0;
    if (now && !this.converged) this.convergedAtMs = this.sim.now;
    if (!now) this.convergedAtMs = null;
    this.converged = now;
    if (all > MAX_REASONS) codes.length = MAX_REASONS * STRIDE;
    this.words = null;
  }

  private add(codes: number[], code: number, a: number, b = 0, c = 0, d = 0): void {
    codes.push(code, a, b, c, d);
  }

  /** What stands in the way, in order, up to MAX_REASONS of them. */
  private blockers(out: number[]): void {
    const sim = this.sim;
    // No closures here: under the project's transpiler (keepNames) each one made per tick
    // also costs a defineProperty call for its name.
    if (sim.faults.active.length > 0) this.add(out, R_FAULTS, sim.faults.active.length);
    const nodes = sim.nodes;
    for (let i = 0; i < nodes.length; i++) {
      if (full(out)) return;
      const n = nodes[i]!;
      if (!n.up || n.paused) this.add(out, R_NODE, i, n.up ? 1 : 0);
    }
    const producers = sim.producers;
    for (let i = 0; i < producers.length; i++) {
      if (full(out)) return;
      const pending = producers[i]!.pending;
      if (pending > 0) this.add(out, R_PRODUCER, i, pending);
    }
    const groups = sim.checks.groups;
    for (let p = 0; p < sim.scenario.topic.partitions; p++) {
      if (full(out)) return cut(out);
      const state = sim.controller.partitions[p]!;
      if (state.leader < 0) {
        this.add(out, R_OFFLINE, p);
        continue;
      }
      const leader = sim.brokers[state.leader]!.replicas[p]!;
      if (!leader.isLeader) this.add(out, R_NOT_LEADING, p, state.leader);
      if (leader.hw < leader.leo) this.add(out, R_HW, p, leader.hw, leader.leo);
      const replicas = sim.assignment[p]!;
      for (let r = 0; r < replicas.length; r++) {
        const rep = sim.brokers[replicas[r]!]!.replicas[p]!;
        if (rep !== leader && rep.leo !== leader.leo)
          this.add(out, R_REPLICA_LEO, p, rep.broker, rep.leo, leader.leo);
      }
      if (state.isr.length < sim.scenario.topic.replicationFactor)
        this.add(out, R_UNDER_REPLICATED, p);
      for (let g = 0; g < groups.length; g++) {
        if (!groups[g]!.caughtUpTo(p, leader.hw)) this.add(out, R_GROUP_BEHIND, g, p);
      }
    }
    for (const m of sim.members) {
      if (full(out)) return cut(out);
      if (m.queued > 0) this.add(out, R_QUEUED, m.node, m.queued);
    }
    cut(out);
  }

  /** Reads the two counts directly: results() would also build every checker's examples, at every tick. */
  private differences(out: number[]): void {
    const checks = this.sim.checks;
    const replicas = checks.replicas.count;
    let keys = 0;
    for (const g of checks.groups) keys += g.projectionDivergence;
    if (replicas > 0) this.add(out, R_REPLICAS_DIVERGE, replicas);
    if (keys > 0) this.add(out, R_PROJECTION, keys);
  }

  /** The reasons of the last update in words. */
  private format(): string[] {
    const sim = this.sim;
    const codes = this.codes;
    const out: string[] = [];
    for (let i = 0; i < codes.length; i += STRIDE) {
      const a = codes[i + 1]!;
      const b = codes[i + 2]!;
      const c = codes[i + 3]!;
      const d = codes[i + 4]!;
      switch (codes[i]) {
        case R_FAULTS:
          out.push(`${a} fault(s) active`);
          break;
        case R_NODE:
          out.push(`${sim.nodes[a]!.id} is ${b === 1 ? "paused" : "down"}`);
          break;
        case R_PRODUCER:
          out.push(`${sim.producers[a]!.config.id} has ${b} record(s) unacknowledged`);
          break;
        case R_OFFLINE:
          out.push(`partition ${a} is offline`);
          break;
        case R_NOT_LEADING:
          out.push(`partition ${a}: ${sim.nodeName(b)} has not taken leadership yet`);
          break;
        case R_HW:
          out.push(`partition ${a}: HW ${b} < LEO ${c}`);
          break;
        case R_REPLICA_LEO:
          out.push(`partition ${a}: ${sim.nodeName(b)} LEO ${c} ≠ leader ${d}`);
          break;
        case R_UNDER_REPLICATED:
          out.push(`partition ${a}: under-replicated`);
          break;
        case R_GROUP_BEHIND:
          out.push(`group ${sim.scenario.groups[a]!.id} behind on partition ${b}`);
          break;
        case R_QUEUED:
          out.push(`${sim.nodeName(a)} has ${b} record(s) to process`);
          break;
        case R_REPLICAS_DIVERGE:
          out.push(`${a} replica(s) diverge`);
          break;
        case R_PROJECTION:
          out.push(`projection differs from the log on ${a} key(s)`);
          break;
      }
    }
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
