import type { Scenario } from "../sim/scenario";
import { parseScenario, ScenarioError } from "../sim/validate";
import { withOverrides } from "../sim/run";
import { OverrideError } from "../sim/overrides";
import { findBuiltin, builtinScenarios } from "../scenarios";
import { FRAME_HZ, type RunInfo, type Speed } from "../protocol";
import {
  LiveRun,
  defaultSimulationFactory,
  systemClock,
  type RunStart,
  type SimulationFactory,
  type WallClock,
} from "./live-run";
import { newRunId, newSecret } from "./ids";
import { DatabaseJournal, type RunStorage } from "./run-journal";
import { startFromLog } from "./run-start";
import type { CommandLogEntry } from "../sim/apply-command";
import type { CreateRunInput as StoredRunInput } from "../db/schemas";

/** Two ticks of one run are at least this far apart (a change asks for an early one): 20 Hz at most. */
export const MIN_TICK_SPACING_MS = 50;
/**
 * An operator command's tick waits only this long after the last one: the operator is
 * watching for the command's effect, and up to 50 ms of it was waiting here. Commands are
 * rate-limited per socket and frames go only to sockets that drained, so this cannot
 * queue frames; it only caps a burst of commands at 100 ticks a second.
 */
export const COMMAND_TICK_SPACING_MS = 10;

export interface RunManagerOptions {
  clock?: WallClock;
  simulationFactory?: SimulationFactory;
  /** Frames per second (10 to 20). */
  frameHz?: number;
  /** Wall time one run simulates before yielding to the event loop, at max speed. */
  sliceMs?: number;
  /** Runs held at once; creating one more first closes ended runs nobody watches. */
  maxRuns?: number;
  /** A run nobody has watched for this long is closed. */
  idleTimeoutMs?: number;
  /** Ticks each run keeps for clients that fall behind (see TICK_RING). */
  tickRing?: number;
  /** Where runs are stored (server/db); without it, runs live in memory only. */
  storage?: RunStorage | null;
  /**
   * The process CPU (in cores) that runs at max speed may fill: their simulation gets
   * what is left of it after everything else the process did in the last beats (serving
   * viewers, ticks, paced runs, the garbage collector's threads). See MaxSpeedBudget.
   */
  maxSpeedCores?: number;
  /** The process's CPU time so far, in ms (tests stand in for process.cpuUsage). */
  cpuMeter?: () => number;
}

/** The process's CPU time (user and system, every thread) so far, in ms. */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Max-speed runs always get at least this share of a core, however busy the process is. */
const MIN_MAX_SPEED_SHARE = 0.1;

/**
 * How much wall time the runs at max speed may spend simulating in one beat of the frame
 * timer. "Max speed" means as fast as the server can go while it stays responsive and
 * within `cores` of CPU: at each beat the budget is `cores` minus what the process spent
 * on everything but max-speed simulation (smoothed over the last beats), times the beat.
 * Once a beat's budget is spent, those runs wait for the next beat; the event loop is idle
 * in between, so frames, commands and new viewers never queue behind the simulation.
 */
export class MaxSpeedBudget {
  /** Wall ms max-speed runs may still simulate in this beat. */
  private leftMs: number;
  private beatWall: number;
  private beatCpu: number;
  private beatSimMs = 0;
  /** Cores the process spent on anything else, smoothed. */
  private otherCores = 0;

  constructor(
    private readonly cores: number,
    private readonly beatMs: number,
    private readonly clock: WallClock,
    private readonly cpuMeter: () => number,
  ) {
    this.leftMs = cores * beatMs;
    this.beatWall = clock.now();
    this.beatCpu = cpuMeter();
  }

  /** A new beat: measure the last one and set this one's budget. */
  beat(): void {
    const wall = this.clock.now();
    const cpu = this.cpuMeter();
    const elapsed = wall - this.beatWall;
    if (elapsed > 0) {
      const other = Math.max(0, cpu - this.beatCpu - this.beatSimMs) / elapsed;
      // Half the last beat, half the ones before: one busy beat (200 viewers joining at
      // once) lowers the budget for a few beats, not for good.
      this.otherCores = 0.5 * this.otherCores + 0.5 * other;
    }
    const share = Math.max(MIN_MAX_SPEED_SHARE, this.cores - this.otherCores);
    this.leftMs = share * this.beatMs;
    this.beatWall = wall;
    this.beatCpu = cpu;
    this.beatSimMs = 0;
  }

  /** The slice a max-speed run may take now (0: wait for the next beat). */
  slice(sliceMs: number): number {
    // Under a millisecond left is not worth a turn of the work loop.
    return this.leftMs < 1 ? 0 : Math.min(sliceMs, this.leftMs);
  }

  spent(ms: number): void {
    this.leftMs -= ms;
    this.beatSimMs += ms;
  }
}

/** Why a run was closed, for its stored record (it is not live any more). */
export const CLOSED_IDLE_NOTE = "closed by the server: nobody watched it for a while";
export const SERVER_STOPPED_NOTE = "the server stopped while this run was live";

export interface CreateRunInput {
  /** A built-in scenario's name, or a whole scenario object. */
  scenario: string | Record<string, unknown>;
  seed?: number;
  /** Dotted-path overrides, as the CLI's --set. */
  overrides?: Record<string, unknown>;
  paused?: boolean;
  speed?: Speed;
  /** The stored run's title (default: "scenario title (seed N)"). */
  title?: string;
}

/** Why a run could not be created: `status` is the HTTP status to answer with. */
export class CreateRunError extends Error {
  override readonly name = "CreateRunError";
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * Recognises a CreateRunError by its shape, not its class: Next bundles the route
 * handlers with their own copy of this module, while the run manager they call is the
 * custom server's, so `instanceof` would see two different classes.
 */
export function isCreateRunError(e: unknown): e is CreateRunError {
  return (
    e instanceof Error &&
    e.name === "CreateRunError" &&
    typeof (e as CreateRunError).status === "number" &&
    Array.isArray((e as CreateRunError).issues)
  );
}

export interface RunListener {
  /** A run recorded a tick: its viewers are due a frame. */
  tick?(run: LiveRun): void;
  /** A run finished or failed. */
  status?(run: LiveRun): void;
  /** A run was closed and forgotten. */
  closed?(run: LiveRun): void;
}

/**
 * Holds the live runs and drives them against the wall clock: the only place in the
 * server with timers. A frame timer ticks every run FRAME_HZ times a second; a work
 * loop (setImmediate, one short slice per run per turn) simulates runs that are behind
 * their pacing target or at max speed, so that the event loop stays responsive. Runs
 * are isolated: one that throws is marked failed, the others go on.
 */
export class RunManager {
  private readonly runs = new Map<string, LiveRun>();
  /** Stored runs being re-simulated to be opened: a second open of one is refused. */
  private readonly opening = new Set<string>();
  private readonly listeners = new Set<RunListener>();
  private readonly clock: WallClock;
  private readonly factory: SimulationFactory;
  readonly frameHz: number;
  private readonly sliceMs: number;
  private readonly maxRuns: number;
  private readonly idleTimeoutMs: number;
  private readonly tickRing: number | undefined;
  private readonly budget: MaxSpeedBudget;
  private storage: RunStorage | null;
  /** Writes of closed runs' journals still in flight, for flushStorage. */
  private readonly closingWrites = new Set<Promise<void>>();
  /** Runs kept however long nobody watches them (the demo run of the library page). */
  private readonly pinned = new Set<string>();
  private frameTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the next beat is due (monotonic ms). */
  private nextBeatAt = 0;
  private gcTimer: ReturnType<typeof setInterval> | null = null;
  private workScheduled: ReturnType<typeof setImmediate> | null = null;
  /** A run's early tick, waiting for its spacing: the timer and when it is due. */
  private readonly urgent = new Map<string, { timer: ReturnType<typeof setTimeout>; at: number }>();
  private readonly lastTickAt = new Map<string, number>();

  constructor(options: RunManagerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.factory = options.simulationFactory ?? defaultSimulationFactory;
    this.frameHz = Math.min(20, Math.max(10, options.frameHz ?? FRAME_HZ));
    this.sliceMs = options.sliceMs ?? 4;
    this.maxRuns = options.maxRuns ?? 32;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 10 * 60_000;
    this.tickRing = options.tickRing;
    this.storage = options.storage ?? null;
    this.budget = new MaxSpeedBudget(
      options.maxSpeedCores ?? 0.8,
      1000 / this.frameHz,
      this.clock,
      options.cpuMeter ?? processCpuMs,
    );
  }

  /** Keeps a run open while nobody watches it (it is still closed by delete). */
  pin(runId: string): void {
    this.pinned.add(runId);
  }

  /** Stores the runs created from now on (the database opened after the manager). */
  setStorage(storage: RunStorage | null): void {
    this.storage = storage;
  }

  /** Starts the timers. */
  start(): void {
    if (this.frameTimer) return;
    this.nextBeatAt = this.clock.now();
    this.scheduleBeat();
    this.gcTimer = setInterval(() => this.collectIdle(), 10_000);
    this.gcTimer.unref?.();
  }

  /** Stops every timer; runs stay in memory. */
  stop(): void {
    if (this.frameTimer) clearTimeout(this.frameTimer);
    if (this.gcTimer) clearInterval(this.gcTimer);
    if (this.workScheduled) clearImmediate(this.workScheduled);
    for (const u of this.urgent.values()) clearTimeout(u.timer);
    this.urgent.clear();
    this.frameTimer = null;
    this.gcTimer = null;
    this.workScheduled = null;
  }

  listen(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  scenarios(): Scenario[] {
    return builtinScenarios();
  }

  create(input: CreateRunInput): { runId: string; operatorSecret: string; run: LiveRun } {
    const scenario = resolveScenario(input);
    const overrides = Object.entries(input.overrides ?? {}).map(([path, value]) => ({
      path,
      value,
    }));
    const seed = input.seed ?? scenario.seed;
    const paused = input.paused ?? false;
    const made = this.admit(undefined, (runId, secret) => {
      try {
        return new LiveRun(
          runId,
          secret,
          {
            scenario,
            seed,
            overrides,
            paused,
            ...(input.speed !== undefined ? { speed: input.speed } : {}),
          },
          this.clock,
          this.factory,
          this.tickRing,
        );
      } catch (e) {
        throw new CreateRunError(`the simulation could not start: ${(e as Error).message}`, 500);
      }
    });
    this.store(made.run, {
      id: made.runId,
      ...(input.title !== undefined ? { title: input.title } : {}),
      scenario,
      seed,
      overrides,
      status: paused ? "paused" : "running",
    });
    return made;
  }

  /**
   * A new live run from `parent`'s state at `atMs`, paused there, stored with its parent
   * and fork point and the commands that led there. The parent is not touched.
   */
  fork(
    parent: LiveRun,
    atMs: number,
    title?: string,
  ): { runId: string; operatorSecret: string; run: LiveRun } {
    const start = parent.startAt(atMs);
    if (!("sim" in start)) throw new CreateRunError(start.ok ? "cannot fork" : start.message, 400);
    const made = this.admit(undefined, (runId, secret) =>
      this.fromStart(runId, secret, parent.spec.scenario, parent.spec, start),
    );
    this.store(made.run, {
      id: made.runId,
      title:
        title ??
        `${parent.scenario.title} (seed ${parent.spec.seed}) · fork at ${formatSeconds(atMs)}`,
      scenario: parent.spec.scenario,
      seed: parent.spec.seed,
      overrides: parent.spec.overrides,
      status: "paused",
      parentRunId: parent.id,
      forkAtMs: atMs,
      virtualMs: made.run.sim.now,
      commands: start.tape,
    });
    return made;
  }

  /**
   * A stored run, live again under its own id, paused where it stands (a fork made over
   * HTTP, an interrupted run, an ended one to scrub through). Its record exists: the
   * journal goes on appending after its `commands` stored commands.
   */
  async open(
    runId: string,
    spec: { scenario: Scenario; seed: number; overrides: { path: string; value: unknown }[] },
    log: {
      commands: readonly CommandLogEntry[];
      untilMs: number;
      parentRunId: string | null;
      forkAtMs: number | null;
    },
  ): Promise<{ runId: string; operatorSecret: string; run: LiveRun }> {
    if (this.runs.has(runId) || this.opening.has(runId))
      throw new CreateRunError(`run ${runId} is live already`, 409);
    // Refused early, before seconds of re-simulation, if the server has no room for it.
    this.ensureRoom();
    // Built here, not by the caller: a route handler has its own copy of the engine's modules.
    this.opening.add(runId);
    let start: RunStart;
    try {
      start = await startFromLog(spec.scenario, spec.seed, log.commands, log.untilMs, log);
    } finally {
      this.opening.delete(runId);
    }
    const made = this.admit(runId, (id, secret) =>
      this.fromStart(id, secret, spec.scenario, spec, start),
    );
    if (this.storage) {
      const journal = new DatabaseJournal(this.storage, runId, null);
      made.run.journal = journal;
      journal.update({
        status: made.run.status === "finished" ? "ended" : "paused",
        error: null,
      });
    }
    return made;
  }

  private fromStart(
    runId: string,
    secret: string,
    scenario: Scenario,
    spec: { seed: number; overrides: { path: string; value: unknown }[] },
    start: RunStart,
  ): LiveRun {
    return new LiveRun(
      runId,
      secret,
      { scenario, seed: spec.seed, overrides: spec.overrides, paused: true },
      this.clock,
      this.factory,
      this.tickRing,
      start,
    );
  }

  /** Makes room, picks an id and a secret, builds the run and holds it. */
  private admit(
    wantedId: string | undefined,
    build: (runId: string, secret: string) => LiveRun,
  ): { runId: string; operatorSecret: string; run: LiveRun } {
    this.ensureRoom();
    let runId = wantedId ?? newRunId();
    while (!wantedId && this.runs.has(runId)) runId = newRunId();
    const operatorSecret = newSecret();
    const run = build(runId, operatorSecret);
    this.runs.set(runId, run);
    this.kickWork();
    return { runId, operatorSecret, run };
  }

  private ensureRoom(): void {
    if (this.runs.size >= this.maxRuns) this.evictEnded();
    if (this.runs.size >= this.maxRuns)
      throw new CreateRunError(`the server holds ${this.maxRuns} runs already; try later`, 503);
  }

  /** Writes a new run's record and journals it from now on (when there is storage). */
  private store(run: LiveRun, record: StoredRunInput): void {
    if (!this.storage) return;
    run.journal = new DatabaseJournal(this.storage, run.id, record);
  }

  /** Resolves once every run's journal has written what it was given (server shutdown). */
  async flushStorage(): Promise<void> {
    await Promise.all([...[...this.runs.values()].map((r) => r.stored()), ...this.closingWrites]);
  }

  get(runId: string): LiveRun | undefined {
    return this.runs.get(runId);
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((r) => r.info());
  }

  info(runId: string): RunInfo | undefined {
    return this.runs.get(runId)?.info();
  }

  /**
   * Forgets a run. A run still going is stored as interrupted, with `note` saying why, so
   * that the run list never shows as live a run nobody can join.
   */
  close(runId: string, note: string = CLOSED_IDLE_NOTE): void {
    const run = this.runs.get(runId);
    if (!run) return;
    this.runs.delete(runId);
    this.pinned.delete(runId);
    if (run.status === "running") run.journal.update({ status: "interrupted", error: note });
    const write = run.stored().finally(() => this.closingWrites.delete(write));
    this.closingWrites.add(write);
    const u = this.urgent.get(runId);
    if (u) clearTimeout(u.timer);
    this.urgent.delete(runId);
    this.lastTickAt.delete(runId);
    for (const l of this.listeners) l.closed?.(run);
  }

  closeAll(note: string = SERVER_STOPPED_NOTE): void {
    for (const id of [...this.runs.keys()]) this.close(id, note);
  }

  /**
   * Something changed a run (pacing, a seek): tick it soon, at most 20 times a second. An
   * operator command (`"command"`) ticks sooner, so that its effect reaches the page at once.
   */
  requestTick(run: LiveRun, reason: "change" | "command" = "change"): void {
    if (!this.runs.has(run.id)) return;
    const spacing = reason === "command" ? COMMAND_TICK_SPACING_MS : MIN_TICK_SPACING_MS;
    const at = (this.lastTickAt.get(run.id) ?? -Infinity) + spacing;
    const pending = this.urgent.get(run.id);
    // An early tick already due by then covers this change too.
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    this.urgent.delete(run.id);
    const wait = at - this.clock.now();
    if (wait <= 0) {
      this.tickRun(run);
      return;
    }
    const timer = setTimeout(() => {
      this.urgent.delete(run.id);
      if (this.runs.has(run.id)) this.tickRun(run);
    }, wait);
    this.urgent.set(run.id, { timer, at });
  }

  /** The pacing changed or the run stepped: simulate again if it has to. */
  kickWork(): void {
    if (this.workScheduled || !this.frameTimer) return;
    this.workScheduled = setImmediate(() => this.work());
  }

  /**
   * The frame timer keeps its rate: a beat that came late (the event loop was busy, or
   * the machine) brings the next one forward, so that viewers still get FRAME_HZ frames a
   * second; setInterval would push every later beat back instead. Beats stay at least half
   * a period apart, and a beat missed altogether is skipped, not made up in a burst.
   */
  private scheduleBeat(): void {
    const period = 1000 / this.frameHz;
    const now = this.clock.now();
    this.nextBeatAt = Math.max(this.nextBeatAt + period, now + period / 2);
    this.frameTimer = setTimeout(() => {
      this.onFrameTimer();
      if (this.frameTimer) this.scheduleBeat();
    }, this.nextBeatAt - now);
  }

  private onFrameTimer(): void {
    this.budget.beat();
    for (const run of this.runs.values()) {
      // A paced run catches up with the wall clock before its tick; at max speed the
      // work loop is simulating it anyway.
      if (run.status === "running" && run.pacer.speed !== "max" && run.wantsWork) this.advance(run);
      // An ended run has nothing new to say: its viewers keep their last frame.
      const live = run.status === "running" && run.viewers > 0;
      if (live || run.statusPending || run.pacingPending) this.tickRun(run);
    }
    // Checkpoints of runs at max speed, now that the frames are out: the clone's time
    // counts against the simulation's budget of this beat.
    for (const run of this.runs.values()) {
      if (run.status !== "running" || !run.racing) continue;
      const start = this.clock.now();
      run.checkpoint();
      this.budget.spent(this.clock.now() - start);
    }
    this.kickWork();
  }

  /**
   * One turn of the work loop: a slice for every run that is behind; again if any still
   * is. Runs at max speed share the beat's budget; when it is spent they wait for the
   * frame timer's next beat, which kicks the loop again.
   */
  private work(): void {
    this.workScheduled = null;
    let more = false;
    for (const run of this.runs.values()) {
      if (run.status !== "running") continue;
      if (!run.racing) {
        if (this.advance(run, this.sliceMs)) more = true;
        continue;
      }
      const slice = this.budget.slice(this.sliceMs);
      if (slice === 0) continue;
      const start = this.clock.now();
      if (this.advance(run, slice)) more = true;
      this.budget.spent(this.clock.now() - start);
    }
    if (more) this.kickWork();
  }

  private advance(run: LiveRun, sliceMs: number = this.sliceMs): boolean {
    let more = false;
    try {
      more = run.advance(sliceMs);
    } catch (e) {
      run.fail(e);
    }
    if (run.statusPending) this.requestTick(run);
    return more;
  }

  private tickRun(run: LiveRun): void {
    const statusChanged = run.statusPending;
    try {
      run.tick();
    } catch (e) {
      run.fail(e);
    }
    this.lastTickAt.set(run.id, this.clock.now());
    for (const l of this.listeners) {
      try {
        l.tick?.(run);
        if (statusChanged) l.status?.(run);
      } catch (e) {
        console.error(`run ${run.id}: a listener failed:`, e);
      }
    }
  }

  private evictEnded(): void {
    for (const run of [...this.runs.values()]) {
      if (this.runs.size < this.maxRuns) return;
      if (run.viewers === 0 && run.status !== "running" && !this.pinned.has(run.id))
        this.close(run.id);
    }
  }

  private collectIdle(): void {
    const now = this.clock.now();
    for (const run of [...this.runs.values()]) {
      if (this.pinned.has(run.id)) continue;
      if (run.viewers === 0 && now - run.idleSinceMs > this.idleTimeoutMs) this.close(run.id);
    }
  }
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms) / 1000} s`;
}

/** The scenario of a create request: a built-in by name or an object, with overrides applied. */
export function resolveScenario(input: CreateRunInput): Scenario {
  let scenario: Scenario;
  try {
    if (typeof input.scenario === "string") {
      const found = findBuiltin(input.scenario);
      if (!found) {
        const names = builtinScenarios()
          .map((s) => s.name)
          .join(", ");
        throw new CreateRunError(`no built-in scenario "${input.scenario}"`, 404, [
          { path: "scenario", message: `unknown scenario; built-in: ${names}` },
        ]);
      }
      scenario = found;
    } else {
      scenario = parseScenario(input.scenario);
    }
    const overrides = Object.entries(input.overrides ?? {}).map(([path, value]) => ({
      path,
      value,
    }));
    return withOverrides(scenario, overrides);
  } catch (e) {
    if (e instanceof CreateRunError) throw e;
    if (e instanceof ScenarioError) {
      const prefix = typeof input.scenario === "string" ? "" : "scenario.";
      throw new CreateRunError("the scenario is invalid", 400, issuesOf(e.message, prefix));
    }
    if (e instanceof OverrideError)
      throw new CreateRunError("an override is invalid", 400, [
        {
          path: `overrides.${offendingOverride(input) ?? ""}`.replace(/\.$/, ""),
          message: e.message,
        },
      ]);
    throw e;
  }
}

/** The first override that fails on its own, to name it in the answer. */
function offendingOverride(input: CreateRunInput): string | undefined {
  const base =
    typeof input.scenario === "string"
      ? findBuiltin(input.scenario)
      : parseScenario(input.scenario);
  if (!base) return undefined;
  for (const [path, value] of Object.entries(input.overrides ?? {})) {
    try {
      withOverrides(base, [{ path, value }]);
    } catch {
      return path;
    }
  }
  return undefined;
}

/** Turns "path: message" lines into issues. */
function issuesOf(text: string, prefix: string): { path: string; message: string }[] {
  return text.split("\n").map((line) => {
    const i = line.indexOf(": ");
    return i > 0
      ? { path: prefix + line.slice(0, i), message: line.slice(i + 2) }
      : { path: prefix.replace(/\.$/, "") || "scenario", message: line };
  });
}
