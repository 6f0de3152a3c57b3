import { Simulation } from "../sim/engine";
import type { Scenario } from "../sim/scenario";
import type { CommandLogEntry } from "../sim/apply-command";
import { Timeline } from "../sim/timeline";
import { resultOf } from "../sim/run";
import { outcomePatch } from "../runs/summary";
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
import { noJournal, type RunJournal } from "./run-journal";

/** Ticks a run remembers: a client further behind than this gets a fresh snapshot instead of a frame. */
export const TICK_RING = 64;
/** A paced run less than this much wall time behind waits for the next frame timer's beat. */
export const PACED_SLACK_WALL_MS = 15;
/**
 * Virtual time between the checkpoints a run takes for seek and fork (the timeline thins
 * them as the run grows). docs/architecture.md ("Time travel") says how it was chosen.
 */
export const CHECKPOINT_INTERVAL_MS = 10_000;
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

/**
 * Where a run starts when it does not start from its scenario's beginning (a fork, a
 * stored run opened again): a simulation already at its start time, the timeline to seek
 * in, the whole command log the run has, and how far it once went.
 */
export interface RunStart {
  sim: Simulation;
  messages: MessageSampler;
  timeline: Timeline;
  /** The run's whole command log: sim.commandLog, then the commands still ahead of it. */
  tape: CommandLogEntry[];
  headMs: number;
  parentRunId: string | null;
  forkAtMs: number | null;
}

/** What a seek, a fork or an advance answers: where the run stands, or why not. */
export type TimeTravelResult = { ok: true; atMs: number } | { ok: false; message: string };

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
  private currentSim: Simulation;
  readonly pacer: Pacer;
  readonly createdAt: string;
  status: RunStatus = "running";
  error: string | null = null;
  viewers = 0;
  /** When the run last had no viewer (monotonic ms), for closing abandoned runs. */
  idleSinceMs: number;
  private tracker: StateTracker;
  private ring: Tick[] = [];
  private seq = 0;
  /** A client whose state is older than this seq needs a snapshot (the run was seeked). */
  private resetSeq = 0;
  /** Checkpoints, for seek and fork. */
  readonly timeline: Timeline;
  /**
   * The run's whole command log. After a seek back, the simulation has applied only a
   * prefix of it (sim.commandLog); the rest is applied again at its times as the run
   * moves forward, until a new command replaces it.
   */
  private tape: CommandLogEntry[];
  /** The furthest virtual time the run reached: seek and fork go anywhere up to here. */
  private head: number;
  private reportedHead = -1;
  private advanceWaiters: ((atMs: number) => void)[] = [];
  readonly parentRunId: string | null;
  readonly forkAtMs: number | null;
  /** Where the run is stored (the run manager sets it); by default, nowhere. */
  journal: RunJournal = noJournal;
  private pendingPacing = true;
  private pendingStatus = false;
  private lastTickWall: number;
  private lastTickVirtual = 0;
  private snapshotCache: { seq: number; body: Omit<SnapshotMessage, "role" | "requestId"> } | null =
    null;
  /** Wall ms spent simulating and building ticks: the server's cost of this run. */
  readonly cost = { simulateMs: 0, tickMs: 0 };

  constructor(
    readonly id: string,
    readonly secret: string,
    readonly spec: RunSpec,
    private readonly clock: WallClock = systemClock,
    factory: SimulationFactory = defaultSimulationFactory,
    private readonly tickRing: number = TICK_RING,
    start?: RunStart,
  ) {
    const messages = start?.messages ?? new MessageSampler();
    this.currentSim = start?.sim ?? factory(spec.scenario, spec.seed, messages.onMessage);
    this.timeline = start?.timeline ?? new Timeline(this.currentSim, CHECKPOINT_INTERVAL_MS);
    this.tape = start ? start.tape.slice() : [];
    this.head = Math.max(start?.headMs ?? 0, this.currentSim.now);
    this.parentRunId = start?.parentRunId ?? null;
    this.forkAtMs = start?.forkAtMs ?? null;
    this.tracker = new StateTracker(this.currentSim, messages);
    this.pacer = new Pacer(spec.paused, spec.speed ?? 1);
    const now = clock.now();
    this.pacer.anchor(now, this.currentSim.now);
    if (this.currentSim.now >= spec.scenario.durationMs) this.status = "finished";
    this.createdAt = new Date(clock.epochMs()).toISOString();
    this.lastTickWall = now;
    this.idleSinceMs = now;
    this.pushTick(this.tracker.sync(), now);
  }

  get scenario(): Scenario {
    return this.spec.scenario;
  }

  /** The simulation now; a seek replaces it with one rebuilt at another time. */
  get sim(): Simulation {
    return this.currentSim;
  }

  /** The furthest virtual time the run reached. */
  get headMs(): number {
    return this.syncHead();
  }

  /** The head moves with the simulation, however it was moved (tests drive it directly). */
  private syncHead(): number {
    if (this.currentSim.now > this.head) this.head = this.currentSim.now;
    return this.head;
  }

  /** The run's whole command log (applied, and still ahead after a seek back). */
  get commandLog(): readonly CommandLogEntry[] {
    return this.tape;
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
    // A slice whose last event landed exactly on a step's target reached it without
    // seeing it: nothing is left to simulate, so the step is done.
    this.settleStep();
    if (!this.wantsWork) return false;
    const start = this.clock.now();
    const deadline = start + sliceMs;
    const sim = this.sim;
    const end = this.scenario.durationMs;
    try {
      for (;;) {
        const paced = Math.min(this.pacer.target(this.clock.now(), sim.now), end);
        // A command still ahead on the log (after a seek back) is a stop on the way.
        const target = Math.min(paced, this.nextTapeMs());
        if (target <= sim.now && sim.sched.peekTime() > target && !this.tapeDue()) break;
        const n = sim.runBudget(target, EVENTS_PER_CLOCK_CHECK);
        if (sim.failure) throw sim.failure;
        if (n < EVENTS_PER_CLOCK_CHECK) {
          if (this.tapeDue()) {
            this.applyDueTape();
            continue;
          }
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
      this.afterAdvance();
      this.cost.simulateMs += this.clock.now() - start;
    }
    return this.behind;
  }

  private settleStep(): void {
    const target = this.pacer.stepTarget;
    const sim = this.currentSim;
    if (target === null || sim.now < target || sim.sched.peekTime() <= target) return;
    if (this.tapeDue()) return;
    this.pacer.stepTarget = null;
    this.settleAdvances();
  }

  /** Checkpoints, the head, and advances that reached their end. */
  private afterAdvance(): void {
    const sim = this.currentSim;
    // At max speed the run manager takes checkpoints itself, just after a tick (see
    // checkpoint()): a checkpoint is a clone of the simulation, 15 to 100 ms of blocked
    // event loop, which must not hold back the next tick.
    if (this.status !== "failed" && !this.racing) this.timeline.observe(sim);
    if (sim.now > this.head) this.head = sim.now;
    if (this.advanceWaiters.length > 0 && this.pacer.stepTarget === null) this.settleAdvances();
  }

  /** Playing at max speed. */
  get racing(): boolean {
    return this.pacer.speed === "max" && !this.pacer.paused;
  }

  /** Takes a checkpoint if one is due (the run manager calls it at max speed, after a tick). */
  checkpoint(): void {
    if (this.status === "failed") return;
    const start = this.clock.now();
    try {
      this.timeline.observe(this.currentSim);
    } catch (e) {
      this.fail(e);
    }
    this.cost.simulateMs += this.clock.now() - start;
  }

  private nextTapeMs(): number {
    const next = this.tape[this.currentSim.commandLog.length];
    return next ? next.atMs : Infinity;
  }

  /** Whether a command still ahead on the log is due now (every earlier event dispatched). */
  private tapeDue(): boolean {
    const sim = this.currentSim;
    const at = this.nextTapeMs();
    return at <= sim.now && sim.sched.peekTime() > at;
  }

  /** Applies the log's commands that are due, exactly as a replay applies them. */
  private applyDueTape(): void {
    const sim = this.currentSim;
    while (this.tapeDue()) {
      const entry = this.tape[sim.commandLog.length]!;
      const before = sim.commandLog.length;
      sim.command(entry.command);
      if (sim.failure) throw sim.failure;
      // The log holds only commands the run applied, so it applies again; if the engine
      // says otherwise, the rest of the log is not this run's future any more.
      if (sim.commandLog.length === before) this.tape.length = before;
    }
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
    this.syncHead();
    if (this.head !== this.reportedHead) {
      body.head = roundMs(this.head);
      this.reportedHead = this.head;
    }
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
    if (cursor < first.seq - 1 || cursor >= this.seq || cursor < this.resetSeq) return null;
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
      headMs: roundMs(this.syncHead()),
      parentRunId: this.parentRunId,
      forkAtMs: this.forkAtMs,
    };
  }

  /**
   * Applies an operator command at the current virtual time and journals it. It applies
   * after every event of the current instant, as a replay of the stored log applies it
   * (`runScenario` runs to a command's time, then applies it), so the log reproduces the
   * run exactly. A command given while the run stands before its head (after a seek back)
   * replaces the run's future: the log's later commands are dropped, here and in storage.
   */
  command(input: unknown, requestId?: string): CommandResultMessage {
    const rid = requestId ? { requestId } : {};
    const sim = this.sim;
    let result;
    try {
      sim.runUntil(sim.now);
      this.applyDueTape();
      if (sim.failure) throw sim.failure;
      result = sim.command(input);
      // What the command set off at this very instant runs now, as in a replay to its time,
      // so that the trace hash answered is the one a replay to `atMs` reaches.
      if (result.ok) sim.runUntil(sim.now);
      if (sim.failure) throw sim.failure;
    } catch (e) {
      this.fail(e);
      return {
        type: "commandResult",
        ...rid,
        ok: false,
        atMs: roundMs(sim.now),
        error: { code: "notApplicable", message: `the simulation failed: ${this.error}` },
      };
    }
    const atMs = roundMs(sim.now);
    if (!result.ok) return { type: "commandResult", ...rid, ok: false, atMs, error: result.error };
    this.recordApplied();
    return {
      type: "commandResult",
      ...rid,
      ok: true,
      atMs,
      ...(result.faultId ? { faultId: result.faultId } : {}),
      traceHash: sim.hash.digest(),
    };
  }

  /** The command the simulation just applied joins the log, replacing any future it had. */
  private recordApplied(): void {
    const sim = this.sim;
    const seq = sim.commandLog.length - 1;
    const entry = sim.commandLog[seq]!;
    this.syncHead();
    if (this.tape.length > seq) {
      this.tape.length = seq;
      this.timeline.truncate(sim.now, seq);
      this.journal.truncate(seq);
      // The stored outcome described the future that was just replaced.
      this.journal.update({ virtualMs: sim.now, traceHash: null, summary: null, checks: null });
      this.head = sim.now;
    }
    this.tape.push(entry);
    void this.journal.command(seq, entry);
  }

  /** Resolves when everything the run journaled so far is stored (or storing failed). */
  stored(): Promise<void> {
    return this.journal.flush();
  }

  pause(): void {
    const was = this.pacer.paused;
    this.pacer.pause();
    this.pendingPacing = true;
    this.snapshotCache = null;
    if (!was && this.status === "running") this.journal.update(this.pausedPatch());
  }

  /**
   * What storage learns when the run pauses: the time and trace hash, when they describe the
   * run's head at the end of an instant (what a replay to that time reaches); else the status only.
   */
  private pausedPatch() {
    const sim = this.sim;
    const exact = sim.now >= this.head && sim.sched.peekTime() > sim.now;
    return exact
      ? { status: "paused" as const, virtualMs: sim.now, traceHash: sim.hash.digest() }
      : { status: "paused" as const };
  }

  resume(): void {
    const was = this.pacer.paused;
    this.pacer.resume(this.clock.now(), this.sim.now);
    this.pendingPacing = true;
    this.snapshotCache = null;
    this.settleAdvances();
    if (was && this.status === "running") this.journal.update({ status: "running" });
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
      const sim = this.sim;
      try {
        // A command still ahead on the log comes before the next event when it is earlier.
        const next = this.nextTapeMs();
        if (next < sim.sched.peekTime() && next <= end) {
          sim.runUntil(next);
          this.applyDueTape();
        } else if (sim.sched.peekTime() <= end) sim.step();
        if (sim.failure) throw sim.failure;
      } catch (e) {
        this.fail(e);
      }
      this.afterAdvance();
      return;
    }
    const from = this.pacer.stepTarget ?? this.sim.now;
    this.pacer.stepTarget = Math.min(end, from + (by === "100ms" ? 100 : 1000));
  }

  /**
   * Pauses, then advances exactly `ms` virtual milliseconds (from where a step under way
   * ends, so advances add up), stopping at the scenario's end. Resolves with the virtual
   * time reached; a seek, a resume or the run's end settles it early with where it stands.
   */
  advanceBy(ms: number): Promise<number> {
    this.pause();
    const end = this.scenario.durationMs;
    if (this.status !== "running") return Promise.resolve(roundMs(this.sim.now));
    const from = this.pacer.stepTarget ?? this.sim.now;
    const target = Math.min(end, from + ms);
    if (target <= this.sim.now && this.pacer.stepTarget === null)
      return Promise.resolve(roundMs(this.sim.now));
    this.pacer.stepTarget = target;
    return new Promise((resolve) => this.advanceWaiters.push(resolve));
  }

  private settleAdvances(): void {
    const waiters = this.advanceWaiters;
    this.advanceWaiters = [];
    for (const w of waiters) w(roundMs(this.sim.now));
  }

  /**
   * Time travel: rebuilds the state at `toMs` (0 to the head) from the nearest checkpoint
   * and exact re-simulation, and pauses there. The log is kept whole: moving forward again
   * applies its later commands at their times. Every client's next message is a snapshot.
   */
  seek(toMs: number): TimeTravelResult {
    if (this.status === "failed") return { ok: false, message: "the run failed; fork it instead" };
    if (toMs > this.syncHead())
      return {
        ok: false,
        message: `the run reached ${roundMs(this.head)} ms; seek goes from 0 to there (advance goes further)`,
      };
    const messages = new MessageSampler();
    const sim = this.timeline.seek(
      toMs,
      this.tape,
      { onMessage: messages.onMessage },
      this.sim,
      true,
    );
    if (sim.failure) return { ok: false, message: `re-simulation failed: ${sim.failure.message}` };
    const history = this.tracker.historyUntil(toMs);
    this.currentSim = sim;
    this.tracker = new StateTracker(sim, messages, history);
    this.pacer.pause();
    this.pacer.stepTarget = null;
    this.pacer.anchor(this.clock.now(), sim.now);
    this.pendingPacing = true;
    this.setStatus(sim.now >= this.scenario.durationMs ? "finished" : "running");
    this.snapshotCache = null;
    this.ring = [];
    this.resetSeq = this.seq + 1;
    this.reportedHead = -1;
    this.pushTick(this.tracker.sync(), this.clock.now());
    this.settleAdvances();
    this.journal.update(this.pausedPatch());
    return { ok: true, atMs: roundMs(sim.now) };
  }

  /**
   * The state at `atMs` (0 to the head) as a new, independent simulation, with the log
   * that led there: what a fork starts from. This run is not touched.
   */
  startAt(atMs: number): RunStart | TimeTravelResult {
    if (atMs > this.syncHead())
      return { ok: false, message: `the run reached ${roundMs(this.head)} ms; fork at most there` };
    const messages = new MessageSampler();
    const sim = this.timeline.seek(atMs, this.tape, { onMessage: messages.onMessage }, this.sim);
    if (sim.failure) return { ok: false, message: `re-simulation failed: ${sim.failure.message}` };
    return {
      sim,
      messages,
      timeline: this.timeline.branch(atMs, sim.commandLog.length),
      tape: sim.commandLog.slice(),
      headMs: atMs,
      parentRunId: this.id,
      forkAtMs: atMs,
    };
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
    if (status !== "running") this.settleAdvances();
    if (status === "finished") this.journal.update(this.outcome("ended"));
    if (status === "failed") this.journal.update(this.outcome("failed"));
  }

  /** The run's outcome for storage: summary metrics and verdicts at the time it reached. */
  private outcome(status: "ended" | "failed") {
    try {
      return {
        ...outcomePatch(resultOf(this.sim), status),
        ...(this.error ? { error: this.error } : {}),
      };
    } catch (e) {
      // A simulation that failed may fail again when read; the status and error still count.
      return { status, error: this.error ?? (e as Error).message };
    }
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
