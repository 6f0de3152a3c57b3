import { Simulation } from "../sim/engine";
import type { Scenario } from "../sim/scenario";
import type {
  CommandResultMessage,
  FrameMessage,
  HistoryResultMessage,
  LogRangeResultMessage,
  Pacing,
  Role,
  RunInfo,
  RunStatus,
  SnapshotMessage,
  Speed,
} from "../protocol";
import { PROTOCOL_VERSION } from "../protocol";
import { Pacer } from "./pacer";
import { MessageSampler } from "./samplers";
import { StateTracker, type FrameBody } from "./state-tracker";
import { coalesce } from "./coalesce";
import { roundMs, wireRecordDetail } from "./records";

/** Ticks a run remembers: a client further behind than this gets a fresh snapshot instead of a frame. */
export const TICK_RING = 64;
/** A paced run less than this much wall time behind waits for the next frame timer's beat. */
export const PACED_SLACK_WALL_MS = 15;
/** Events dispatched between two looks at the wall clock while simulating a slice. */
const EVENTS_PER_CLOCK_CHECK = 256;

export interface WallClock {
  /** Monotonic milliseconds, for pacing. */
  now(): number;
  /** Milliseconds since the epoch, for timestamps clients compare. */
  epochMs(): number;
}

export const systemClock: WallClock = {
  now: () => performance.now(),
  epochMs: () => Date.now(),
};

export interface RunSpec {
  scenario: Scenario;
  seed: number;
  overrides: { path: string; value: unknown }[];
  paused: boolean;
  speed?: Speed;
}

/** Builds the simulation of a run; tests swap in one that fails. */
export type SimulationFactory = (
  scenario: Scenario,
  seed: number,
  onMessage: MessageSampler["onMessage"],
) => Simulation;

export const defaultSimulationFactory: SimulationFactory = (scenario, seed, onMessage) =>
  new Simulation(scenario, seed, { onMessage });

interface Tick {
  seq: number;
  sentAt: number;
  rate: number;
  body: FrameBody;
}

/**
 * One live run: a simulation, its pacing against the wall clock, and the ring of recent
 * ticks (frame bodies) that clients are served from. It never starts a timer itself:
 * the run manager decides when to advance it and when to tick. Any exception from the
 * simulation ends the run with status "failed"; the error is kept for its viewers.
 */
export class LiveRun {
  readonly sim: Simulation;
  readonly pacer: Pacer;
  readonly createdAt: string;
  status: RunStatus = "running";
  error: string | null = null;
  viewers = 0;
  /** When the run last had no viewer (monotonic ms), for closing abandoned runs. */
  idleSinceMs: number;
  private readonly tracker: StateTracker;
  private readonly ring: Tick[] = [];
  private seq = 0;
  private pendingPacing = true;
  private pendingStatus = false;
  private lastTickWall: number;
  private lastTickVirtual = 0;
  private snapshotCache: { seq: number; body: Omit<SnapshotMessage, "role" | "requestId"> } | null =
    null;
  /** Operators waiting for an `advance` to reach its target (answered in order). */
  private readonly advanceWaiters: { target: number; done: (atMs: number) => void }[] = [];
  /** Wall ms spent simulating and building ticks: the server's cost of this run. */
  readonly cost = { simulateMs: 0, tickMs: 0 };

  constructor(
    readonly id: string,
    readonly secret: string,
    readonly spec: RunSpec,
    private readonly clock: WallClock = systemClock,
    factory: SimulationFactory = defaultSimulationFactory,
    private readonly tickRing: number = TICK_RING,
  ) {
    const messages = new MessageSampler();
    this.sim = factory(spec.scenario, spec.seed, messages.onMessage);
    this.tracker = new StateTracker(this.sim, messages);
    this.pacer = new Pacer(spec.paused, spec.speed ?? 1);
    const now = clock.now();
    this.pacer.anchor(now, 0);
    this.createdAt = new Date(clock.epochMs()).toISOString();
    this.lastTickWall = now;
    this.idleSinceMs = now;
    this.pushTick(this.tracker.sync(), now);
  }

  get scenario(): Scenario {
    return this.spec.scenario;
  }

  get latestSeq(): number {
    return this.seq;
  }

  /** True while the run wants to simulate more right now (behind its target, or at max). */
  get wantsWork(): boolean {
    if (this.status !== "running") return false;
    // Paused means frozen: not even the other events of the current instant run.
    if (this.pacer.paused && this.pacer.stepTarget === null) return false;
    const target = Math.min(
      this.pacer.target(this.clock.now(), this.sim.now),
      this.scenario.durationMs,
    );
    return this.sim.sched.peekTime() <= target || this.sim.now < target;
  }

  /**
   * Simulates towards the pacing target for at most `sliceMs` of wall time, in whole
   * events. Returns whether there is more to do right now.
   */
  advance(sliceMs: number): boolean {
    if (!this.wantsWork) return false;
    const start = this.clock.now();
    const deadline = start + sliceMs;
    const sim = this.sim;
    const end = this.scenario.durationMs;
    try {
      for (;;) {
        // An advance waiting to be answered is a stop: its ack must see the run exactly there.
        const stop = this.advanceWaiters[0]?.target ?? Infinity;
        const target = Math.min(this.pacer.target(this.clock.now(), sim.now), end, stop);
        if (target <= sim.now && sim.sched.peekTime() > target) break;
        const n = sim.runBudget(target, EVENTS_PER_CLOCK_CHECK);
        if (sim.failure) throw sim.failure;
        if (n < EVENTS_PER_CLOCK_CHECK) {
          if (this.pacer.stepTarget !== null && sim.now >= this.pacer.stepTarget)
            this.pacer.stepTarget = null;
          if (sim.now >= end) this.setStatus("finished");
          break;
        }
        if (this.clock.now() >= deadline) break;
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.cost.simulateMs += this.clock.now() - start;
      this.settleAdvances();
    }
    return this.behind;
  }

  /**
   * Whether the work loop should come back at once: at max speed, during a step, or when
   * a paced run is more than PACED_SLACK_WALL_MS behind the wall clock. Otherwise the next
   * frame timer's beat catches it up, and the loop does not spin on microseconds.
   */
  get behind(): boolean {
    if (!this.wantsWork) return false;
    const speed = this.pacer.speed;
    if (speed === "max" || this.pacer.paused) return true;
    const target = Math.min(
      this.pacer.target(this.clock.now(), this.sim.now),
      this.scenario.durationMs,
    );
    return target - this.sim.now > PACED_SLACK_WALL_MS * speed;
  }

  /** Records the state now as the next tick (a frame body in the ring). */
  tick(): void {
    const start = this.clock.now();
    let body: FrameBody;
    try {
      body = this.tracker.sync();
    } catch (e) {
      this.fail(e);
      body = { t: roundMs(this.sim.now), ev: this.sim.dispatched };
    }
    this.pushTick(body, start);
    this.cost.tickMs += this.clock.now() - start;
  }

  private pushTick(body: FrameBody, wallNow: number): void {
    if (this.pendingPacing) body.pacing = this.pacer.state();
    if (this.pendingStatus) body.status = this.status;
    this.pendingPacing = false;
    this.pendingStatus = false;
    const dt = wallNow - this.lastTickWall;
    const rate = dt > 0 ? (this.sim.now - this.lastTickVirtual) / dt : 0;
    this.lastTickWall = wallNow;
    this.lastTickVirtual = this.sim.now;
    this.ring.push({
      seq: ++this.seq,
      sentAt: this.clock.epochMs(),
      rate: Math.round(rate * 100) / 100,
      body,
    });
    if (this.ring.length > this.tickRing) this.ring.shift();
  }

  /** The frame that brings a client from state `cursor` to the latest, or null if too far behind. */
  frameSince(cursor: number): FrameMessage | null {
    const first = this.ring[0]!;
    if (cursor < first.seq - 1 || cursor >= this.seq) return null;
    const ticks = this.ring.slice(cursor - first.seq + 1);
    const last = ticks[ticks.length - 1]!;
    return {
      type: "frame",
      seq: last.seq,
      from: cursor,
      sentAt: last.sentAt,
      rate: last.rate,
      ...coalesce(
        ticks.map((t) => t.body),
        this.tracker.recordsPerFrame,
      ),
    };
  }

  /** The whole state at the latest tick. Ticks first if the simulation moved since. */
  snapshot(role: Role, requestId?: string): SnapshotMessage {
    const latest = this.ring[this.ring.length - 1]!;
    if (this.status === "running" && latest.body.ev !== this.sim.dispatched) this.tick();
    if (this.snapshotCache?.seq !== this.seq) {
      const state = this.tracker.full();
      this.snapshotCache = {
        seq: this.seq,
        body: {
          type: "snapshot",
          v: PROTOCOL_VERSION,
          runId: this.id,
          run: this.info(),
          scenario: this.scenario,
          seq: this.seq,
          sentAt: this.clock.epochMs(),
          pacing: this.pacer.state(),
          status: this.status,
          error: this.error,
          ...state,
        },
      };
    }
    return { ...this.snapshotCache.body, role, ...(requestId ? { requestId } : {}) };
  }

  info(): RunInfo {
    return {
      runId: this.id,
      scenario: this.scenario.name,
      title: this.scenario.title,
      seed: this.spec.seed,
      status: this.status,
      error: this.error,
      createdAt: this.createdAt,
      nowMs: roundMs(this.sim.now),
      durationMs: this.scenario.durationMs,
      pacing: this.pacer.state(),
      viewers: this.viewers,
      overrides: this.spec.overrides,
    };
  }

  command(input: unknown, requestId?: string): CommandResultMessage {
    const rid = requestId ? { requestId } : {};
    let result;
    try {
      result = this.sim.command(input);
      if (this.sim.failure) throw this.sim.failure;
    } catch (e) {
      this.fail(e);
      return {
        type: "commandResult",
        ...rid,
        ok: false,
        atMs: roundMs(this.sim.now),
        error: { code: "notApplicable", message: `the simulation failed: ${this.error}` },
      };
    }
    const atMs = roundMs(this.sim.now);
    return result.ok
      ? {
          type: "commandResult",
          ...rid,
          ok: true,
          atMs,
          ...(result.faultId ? { faultId: result.faultId } : {}),
        }
      : { type: "commandResult", ...rid, ok: false, atMs, error: result.error };
  }

  pause(): void {
    this.pacer.pause();
    this.pendingPacing = true;
    this.snapshotCache = null;
  }

  resume(): void {
    this.pacer.resume(this.clock.now(), this.sim.now);
    this.pendingPacing = true;
    this.snapshotCache = null;
  }

  setSpeed(speed: Speed): void {
    this.pacer.setSpeed(speed, this.clock.now(), this.sim.now);
    this.pendingPacing = true;
    this.snapshotCache = null;
  }

  /** Pauses, then advances by one event now, or sets a virtual-time step for advance() to reach. */
  step(by: "event" | "100ms" | "1s"): void {
    this.pause();
    if (this.status !== "running") return;
    const end = this.scenario.durationMs;
    if (by === "event") {
      try {
        if (this.sim.sched.peekTime() <= end) this.sim.step();
        if (this.sim.failure) throw this.sim.failure;
      } catch (e) {
        this.fail(e);
      }
      return;
    }
    const from = this.pacer.stepTarget ?? this.sim.now;
    this.pacer.stepTarget = Math.min(end, from + (by === "100ms" ? 100 : 1000));
  }

  /**
   * Pauses, then advances exactly `ms` of virtual time (stopping at the end of the run);
   * `done` is called with the time reached once every event up to the target has run.
   * Advances add up with steps and with each other, like steps do.
   */
  advanceBy(ms: number, done: (atMs: number) => void): void {
    this.pause();
    const from = this.pacer.stepTarget ?? this.sim.now;
    const target = Math.min(this.scenario.durationMs, from + ms);
    if (this.status === "running") this.pacer.stepTarget = target;
    this.advanceWaiters.push({ target, done });
    this.settleAdvances();
  }

  /** Answers the advances whose target the run has reached (or that can never be reached). */
  private settleAdvances(): void {
    if (this.advanceWaiters.length === 0) return;
    const sim = this.sim;
    const over = this.status !== "running";
    while (this.advanceWaiters.length > 0) {
      const w = this.advanceWaiters[0]!;
      const reached = sim.now >= w.target && sim.sched.peekTime() > w.target;
      if (!over && !reached) return;
      this.advanceWaiters.shift();
      if (this.pacer.stepTarget !== null && this.pacer.stepTarget <= sim.now)
        this.pacer.stepTarget = null;
      w.done(roundMs(sim.now));
    }
  }

  pacing(): Pacing {
    return this.pacer.state();
  }

  history(eventId: number, requestId?: string): HistoryResultMessage {
    const sim = this.sim;
    const { steps, truncated } = sim.history.steps(eventId, sim.nodeName);
    const ev = sim.events;
    const known = eventId < ev.count;
    return {
      type: "history",
      ...(requestId ? { requestId } : {}),
      eventId,
      event: known
        ? {
            producer: sim.producers[ev.producer.get(eventId)]?.config.id ?? "?",
            key: ev.key.get(eventId),
            value: ev.value.get(eventId),
            partition: ev.partition.get(eventId),
            createdMs: roundMs(ev.createdMs.get(eventId)),
            abandoned: ev.abandoned.get(eventId) === 1,
          }
        : null,
      steps: steps.map((s) => ({ ...s, atMs: roundMs(s.atMs) })),
      truncated,
    };
  }

  /** A replica's records, or null when the partition or replica does not exist. */
  logRange(
    p: number,
    r: number,
    from: number,
    count: number,
    requestId?: string,
  ): LogRangeResultMessage | null {
    const rep = this.sim.assignment[p] ? this.sim.replicasOf(p)[r] : undefined;
    if (!rep) return null;
    return {
      type: "logRange",
      ...(requestId ? { requestId } : {}),
      p,
      r,
      from,
      leo: rep.leo,
      recs: rep.log.slice(from, from + count).map(wireRecordDetail),
    };
  }

  /** The last viewer left: the run manager closes runs left alone for too long. */
  markIdle(): void {
    this.idleSinceMs = this.clock.now();
  }

  /** Ends the run with status "failed"; the simulation is not touched again. */
  fail(e: unknown): void {
    if (this.status === "failed") return;
    this.error = e instanceof Error ? e.message : String(e);
    this.setStatus("failed");
  }

  private setStatus(status: RunStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.pendingStatus = true;
    this.snapshotCache = null;
    this.settleAdvances();
  }

  /** Whether a status change waits for the next tick (the manager ticks soon, then). */
  get statusPending(): boolean {
    return this.pendingStatus;
  }

  /** Whether the pacing changed since the last tick. */
  get pacingPending(): boolean {
    return this.pendingPacing;
  }
}
