import { Scheduler, type SimEvent } from "./scheduler";
import { TraceHash } from "./trace-hash";
import { makeStreams, type RandomStream, type StreamName } from "./random";
import { Network } from "./network";
import { Ev as EvCodes, Timer as TimerCodes, type Message } from "./model";
import { layoutNodes, CONTROLLER_ID, RECONCILER_ID, type SimNode } from "./nodes";
import type { Scenario } from "./scenario";
import { Broker } from "./broker";
import { Controller } from "./controller";
import { Coordinator } from "./coordinator";
import { Producer } from "./producer";
import { Member } from "./consumer";
import { Projection } from "./projection";
import { Reconciler } from "./reconciler";
import { History } from "./history";
import { EventTable } from "./events";
import { Checkers } from "./checks";
import type { Replica } from "./replica";
import { FaultBook } from "./fault-book";
import { applyCommand, type CommandLogEntry } from "./apply-command";
import type { CommandResult } from "./commands";
import { ConvergenceTracker } from "./convergence";
import { typeCodeOf as typeCodeOfImported } from "./message-codes";
import { deepClone, shareDeep } from "./clone";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Ev = EvCodes;
const Timer = TimerCodes;
const typeCodeOf = typeCodeOfImported;

/**
 * Steps of history made room for at each monitor tick: more than a tick of the largest
 * benchmark case records (about 3,000), a quarter of a chunk.
 */
const HISTORY_RESERVE_STEPS = 16_384;

export interface SimulationOptions {
  /** Steps of per-message history kept (a ring); older steps are forgotten. */
  historyCapacity?: number;
  /** Virtual time between checker evaluations, convergence checks and metric samples. */
  monitorIntervalMs?: number;
  /** Called after each monitor tick (the live layer samples metrics here). */
  onMonitor?: (sim: Simulation) => void;
  /** Called for every message sent, with its fate (for the sequence diagram); costs nothing when absent. */
  onMessage?: (trace: MessageTrace) => void;
}

export interface SimulationHooks {
  onMonitor?: ((sim: Simulation) => void) | undefined;
  onMessage?: ((trace: MessageTrace) => void) | undefined;
}

export interface MessageTrace {
  atMs: number;
  src: number;
  dst: number;
  type: Message["type"];
  /** Arrival times of the copies; empty if dropped, two if duplicated. */
  arrivals: number[];
}

/** The scheduler reuses the event object pop() returns; an event kept for later is copied. */
function copyEvent(ev: SimEvent<Message>): SimEvent<Message> {
  return { t: ev.t, seq: ev.seq, kind: ev.kind, node: ev.node, a: ev.a, b: ev.b, msg: ev.msg };
}

/**
 * The simulation: a pure function of (scenario, seed, timed operator commands). It owns
 * the scheduler, the random streams, the network and every node, and routes each
 * dispatched event to the role that handles it. Nothing here reads a clock, draws
 * ambient randomness or performs I/O.
 */
export class Simulation {
  readonly sched = new Scheduler<Message>();
  readonly hash = new TraceHash();
  readonly rng: Record<StreamName, RandomStream>;
  readonly nodes: SimNode[];
  readonly nodeIndexById = new Map<string, number>();
  readonly network: Network;
  readonly assignment: number[][];
  readonly brokers: Broker[];
  readonly controller: Controller;
  readonly coordinator: Coordinator;
  readonly producers: Producer[];
  readonly projections: Projection[];
  readonly members: Member[];
  readonly reconciler: Reconciler | null;
  history: History;
  readonly events = new EventTable();
  readonly checks: Checkers;
  readonly faults: FaultBook;
  readonly convergence: ConvergenceTracker;
  readonly commandLog: CommandLogEntry[] = [];
  readonly controllerNode: number;
  readonly keyCount: number;
  /** The leader each partition had last, so an offline partition still has an authoritative log. */
  private readonly lastLeader: number[];
  readonly elections: {
    atMs: number;
    partition: number;
    leader: number;
    epoch: number;
    unclean: boolean;
  }[] = [];
  private readonly monitorIntervalMs: number;
  /** Observers outside the simulation (the live layer); a clone gets its own or none. */
  private hooks: SimulationHooks;
  /** Set when a handler throws: the run is over, with this error. */
  failure: Error | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    options: SimulationOptions = {},
  ) {
    this.rng = makeStreams(seed);
    this.monitorIntervalMs = options.monitorIntervalMs ?? 100;
    this.hooks = { onMonitor: options.onMonitor, onMessage: options.onMessage };
    this.history = new History(options.historyCapacity ?? 1 << 20);
    this.nodes = layoutNodes(scenario);
    this.nodes.forEach((n) => this.nodeIndexById.set(n.id, n.index));
    this.controllerNode = this.nodeIndexById.get(CONTROLLER_ID)!;
    this.network = new Network(this.nodes.length, scenario.network, this.rng.network);
    const { partitions, replicationFactor } = scenario.topic;
    const brokerCount = scenario.brokers.count;
    // Replica placement: partition p on brokers p, p+1, ... (mod N); the first is the preferred leader.
    this.assignment = Array.from({ length: partitions }, (_, p) =>
      Array.from({ length: replicationFactor }, (_, i) => (p + i) % brokerCount),
    );
    this.lastLeader = this.assignment.map((r) => r[0]!);
    this.keyCount = Math.max(...scenario.producers.map((p) => p.keys));
    this.brokers = Array.from(
      { length: brokerCount },
      (_, b) => new Broker(b, b, partitions, this.assignment),
    );
    this.controller = new Controller(this.controllerNode, this.assignment, brokerCount);
    this.coordinator = new Coordinator(this.controllerNode, scenario.groups.length, partitions);
    const leaders = this.controller.partitions.map((p) => p.leader);
    this.producers = scenario.producers.map(
      (cfg, i) => new Producer(i, this.nodeIndexById.get(cfg.id)!, cfg, partitions, leaders),
    );
    this.projections = scenario.groups.map(
      (g, i) => new Projection(i, { ...g }, this.keyCount, partitions),
    );
    this.members = [];
    for (const n of this.nodes) {
      if (n.role !== "consumer") continue;
      const group = scenario.groups.findIndex(
        (g) => n.id.startsWith(`${g.id}-`) && /^\d+$/.test(n.id.slice(g.id.length + 1)),
      );
      this.members.push(new Member(n.roleIndex, n.index, group, this.projections[group]!, leaders));
    }
    const rc = scenario.reconciliation;
    this.reconciler = rc
      ? new Reconciler(
          this.nodeIndexById.get(RECONCILER_ID)!,
          rc,
          scenario.groups.findIndex((g) => g.id === rc.group),
          partitions,
        )
      : null;
    this.checks = new Checkers(this);
    this.faults = new FaultBook(this);
    this.convergence = new ConvergenceTracker(this);
    this.boot();
  }

  /** The cluster starts already running: every replica knows its partition's state. */
  private boot(): void {
    for (const b of this.brokers) {
      b.onMessage(this, this.controllerNode, {
        type: "leaderAndIsr",
        states: this.controller.partitions
          .filter((p) => this.assignment[p.partition]!.includes(b.index))
          .map((p) => ({ ...p, isr: p.isr.slice() })),
        metadataVersion: 0,
      });
      b.start(this);
    }
    this.controller.start(this);
    this.coordinator.start(this);
    for (const p of this.producers) p.start(this);
    for (const m of this.members) m.start(this);
    this.reconciler?.start(this);
    this.faults.scheduleScript(this.scenario.faults);
    this.scenario.script.forEach((c, i) => this.sched.schedule(c.atMs, Ev.command, -1, i, 0, null));
    this.sched.schedule(this.monitorIntervalMs, Ev.monitor, -1, 0, 0, null);
  }

  get now(): number {
    return this.sched.now;
  }

  get dispatched(): number {
    return this.sched.dispatched;
  }

  /** The node's own clock: virtual time plus its skew. */
  clock(node: number): number {
    return this.sched.now + this.nodes[node]!.clockSkewMs;
  }

  brokerNode(broker: number): number {
    return broker;
  }

  brokerIndexOfNode(node: number): number {
    return this.nodes[node]?.role === "broker" ? node : -1;
  }

  isBrokerUp(broker: number): boolean {
    return this.nodes[broker]!.up;
  }

  partitionOf(key: number): number {
    let h = Math.imul(key ^ 0x5bd1e995, 0x5bd1e995);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
    return (h >>> 0) % this.scenario.topic.partitions;
  }

  replicasOf(partition: number): Replica[] {
    return this.assignment[partition]!.map((b) => this.brokers[b]!.replicas[partition]!);
  }

  /** The replica whose log is the truth for a partition: the controller's leader, or the last one. */
  authoritativeReplica(partition: number): Replica | undefined {
    const leader = this.controller.partitions[partition]!.leader;
    const b = leader >= 0 ? leader : this.lastLeader[partition]!;
    return this.brokers[b]?.replicas[partition];
  }

  canonicalLog(partition: number): readonly import("./model").LogRecord[] {
    return this.checks.log.view[partition]!;
  }

  recordElection(partition: number, leader: number, epoch: number, unclean: boolean): void {
    this.lastLeader[partition] = leader;
    this.elections.push({ atMs: this.now, partition, leader, epoch, unclean });
    this.checks.recheckPartition(partition);
  }

  memberHolds(group: number, partition: number, offset: number): boolean {
    for (const m of this.members) {
      if (m.group === group && this.nodes[m.node]!.up && m.holds(partition, offset)) return true;
    }
    return false;
  }

  // ---- the kernel's services to the roles ----------------------------------------

  send(src: number, dst: number, msg: Message): void {
    const net = this.network;
    const copies = net.transmit(this.now, src, dst);
    const incarnation = this.nodes[dst]!.incarnation;
    for (let c = 0; c < copies; c++)
      this.sched.schedule(net.arrivals[c]!, Ev.deliver, dst, incarnation, src, msg);
    const onMessage = this.hooks.onMessage;
    if (onMessage !== undefined) {
      const arrivals = Array.from(net.arrivals.subarray(0, copies));
      onMessage({ atMs: this.now, src, dst, type: msg.type, arrivals });
    }
  }

  timer(node: number, delayMs: number, kind: number, arg: number): void {
    this.sched.schedule(
      this.now + delayMs,
      Ev.timer,
      node,
      this.nodes[node]!.incarnation * 32 + kind,
      arg,
      null,
    );
  }

  sendCompletion(from: number, group: number, eventId: number): void {
    if (this.reconciler && this.reconciler.group === group) {
      this.send(from, this.reconciler.node, { type: "completion", group, eventId });
    }
  }

  /** A crash the model itself triggers (a consumer dying at its commit point). */
  crashForFault(node: number): void {
    this.faults.crashTriggered(node);
  }

  // ---- running --------------------------------------------------------------------

  /** Dispatches every event up to and including `untilMs`, then sets the clock there. */
  runUntil(untilMs: number): void {
    const sched = this.sched;
    while (this.failure === null && sched.peekTime() <= untilMs) this.dispatch(sched.pop()!);
    if (untilMs > sched.now) sched.now = untilMs;
  }

  /** Dispatches one event; returns false when nothing is left. */
  step(): boolean {
    const ev = this.sched.pop();
    if (!ev) return false;
    this.dispatch(ev);
    return true;
  }

  /** Dispatches at most `maxEvents` events no later than `untilMs`; returns how many. */
  runBudget(untilMs: number, maxEvents: number): number {
    const sched = this.sched;
    let n = 0;
    while (n < maxEvents && this.failure === null && sched.peekTime() <= untilMs) {
      this.dispatch(sched.pop()!);
      n++;
    }
    if (n < maxEvents && untilMs > sched.now && this.failure === null) sched.now = untilMs;
    return n;
  }

  private dispatch(ev: SimEvent<Message>): void {
    const hash = this.hash;
    hash.mixTime(ev.t);
    hash.mix((ev.kind << 24) ^ ev.node);
    try {
      switch (ev.kind) {
        case Ev.deliver:
          hash.mix(typeCodeOf(ev.msg!.type));
          this.deliver(ev);
          break;
        case Ev.timer:
          hash.mix(ev.a);
          this.fireTimer(ev);
          break;
        case Ev.faultStart:
          this.faults.startScripted(ev.a);
          break;
        case Ev.faultEnd:
          this.faults.endScheduled(ev.a, ev.b);
          break;
        case Ev.command:
          applyCommand(this, this.scenario.script[ev.a]!.command, false);
          break;
        case Ev.monitor:
          this.monitor();
          break;
        default:
          break;
      }
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
    }
  }

  private deliver(ev: SimEvent<Message>): void {
    const net = this.network;
    net.inFlight--;
    const node = this.nodes[ev.node]!;
    if (!node.up || ev.a !== node.incarnation || net.isBlocked(ev.b, ev.node)) {
      // A crashed process, a restarted one (its connections are gone), or a cut link.
      net.dropped++;
      return;
    }
    if (node.paused) {
      node.deferred.push(copyEvent(ev));
      return;
    }
    net.delivered++;
    const msg = ev.msg!;
    switch (node.role) {
      case "broker":
        this.brokers[node.roleIndex]!.onMessage(this, ev.b, msg);
        break;
      case "controller":
        if (
          msg.type === "brokerHeartbeat" ||
          msg.type === "alterIsr" ||
          msg.type === "metadataRequest"
        ) {
          this.controller.onMessage(this, ev.b, msg);
        } else this.coordinator.onMessage(this, ev.b, msg);
        break;
      case "producer":
        this.producers[node.roleIndex]!.onMessage(this, msg);
        break;
      case "consumer":
        this.members[node.roleIndex]!.onMessage(this, msg);
        break;
      case "reconciler":
        this.reconciler!.onMessage(this, msg);
        break;
    }
  }

  private fireTimer(ev: SimEvent<Message>): void {
    const node = this.nodes[ev.node]!;
    if (!node.up || ev.a >> 5 !== node.incarnation) return;
    if (node.paused) {
      node.deferred.push(copyEvent(ev));
      return;
    }
    const kind = ev.a & 31;
    switch (node.role) {
      case "broker":
        this.brokers[node.roleIndex]!.onTimer(this, kind, ev.b);
        break;
      case "controller":
        if (kind === Timer.controllerCheck) this.controller.onTimer(this, kind);
        else this.coordinator.onTimer(this, kind);
        break;
      case "producer":
        this.producers[node.roleIndex]!.onTimer(this, kind, ev.b);
        break;
      case "consumer":
        this.members[node.roleIndex]!.onTimer(this, kind, ev.b);
        break;
      case "reconciler":
        this.reconciler!.onTimer(this, kind);
        break;
    }
  }

  /** Runs the deferred events of a resumed node, in the order they arrived. */
  resumeDeferred(node: SimNode): void {
    const deferred = node.deferred;
    node.deferred = [];
    for (const ev of deferred) {
      if (ev.kind === Ev.deliver) this.network.inFlight++;
      this.sched.schedule(this.now, ev.kind, ev.node, ev.a, ev.b, ev.msg);
    }
  }

  private monitor(): void {
    // History chunks are made here, ahead of the steps that fill them (see History.reserve).
    this.history.reserve(HISTORY_RESERVE_STEPS);
    this.checks.evaluate();
    this.convergence.update();
    this.hooks.onMonitor?.(this);
    this.sched.schedule(this.now + this.monitorIntervalMs, Ev.monitor, -1, 0, 0, null);
  }

  /** Applies an operator command now and records it; refused commands change nothing. */
  command(input: unknown): CommandResult {
    return applyCommand(this, input, true);
  }

  /** Starts or restarts a node's process. */
  startNode(index: number): void {
    const node = this.nodes[index]!;
    node.up = true;
    switch (node.role) {
      case "broker":
        this.brokers[node.roleIndex]!.start(this);
        break;
      case "controller":
        this.controller.start(this);
        this.coordinator.start(this);
        break;
      case "producer":
        this.producers[node.roleIndex]!.start(this);
        break;
      case "consumer":
        this.members[node.roleIndex]!.start(this);
        break;
      case "reconciler":
        this.reconciler!.start(this);
        break;
    }
  }

  /** Kills a node's process; with power loss, a broker loses what it had not flushed. */
  stopNode(index: number, powerloss: boolean): void {
    const node = this.nodes[index]!;
    if (!node.up) return;
    node.up = false;
    node.paused = false;
    node.deferred = [];
    node.incarnation++;
    if (node.role === "broker") this.brokers[node.roleIndex]!.crash(this, powerloss);
  }

  nodeName = (i: number): string => this.nodes[i]?.id ?? `#${i}`;

  /**
   * A copy of the whole simulation at this instant, which then runs on its own: same
   * future for the same commands. A `fork` copies everything, its per-message history
   * too; a `checkpoint` (kept only to seek from) gets no history of its own and shares
   * the append-only event columns, which re-simulating the same commands rewrites
   * identically. Log records are immutable and shared either way.
   */
  clone(kind: "fork" | "checkpoint", hooks: SimulationHooks = {}, history?: History): Simulation {
    const memo = new Map<object, unknown>();
    // The scenario is input, never changed: shared whole, whichever object reaches into it.
    shareDeep(this.scenario, memo);
    memo.set(this.hooks, hooks);
    if (kind === "checkpoint") {
      memo.set(this.history, History.placeholder(this.history));
      for (const column of this.events.columns()) memo.set(column, column);
    }
    // A history given in place of this one (a seek rebuilds or moves it) is not copied.
    if (history !== undefined) memo.set(this.history, history);
    const copy = deepClone(this, memo, kind === "checkpoint" ? "checkpoint" : "run");
    copy.nodeName = (i: number): string => copy.nodes[i]?.id ?? `#${i}`;
    return copy;
  }
}
