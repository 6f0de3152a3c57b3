import type { Simulation } from "./engine";
import { Ev as EvCodes } from "./model";
import {
  describeFault,
  type ActiveFault,
  type Fault,
  type FaultSpec,
  type FaultWindow,
} from "./faults";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Ev = EvCodes;

/**
 * The faults of a run: those the scenario script starts at fixed times and those an
 * operator injects. It starts and ends them, keeps the active ones and the windows the
 * charts draw, and turns each into its effect on nodes and links. Faults stack: a node
 * restarts only when no crash fault holds it down any more.
 */
export class FaultBook {
  readonly active: ActiveFault[] = [];
  readonly windows: FaultWindow[] = [];
  lastEndedMs: number | null = null;
  private scripted: FaultSpec[] = [];
  private readonly handles: string[] = [];
  private operatorCount = 0;

  constructor(private readonly sim: Simulation) {}

  scheduleScript(specs: FaultSpec[]): void {
    this.scripted = specs;
    specs.forEach((s, i) => this.sim.sched.schedule(s.atMs, Ev.faultStart, -1, i, 0, null));
  }

  startScripted(i: number): void {
    const spec = this.scripted[i]!;
    const { id, atMs: _at, untilMs, ...fault } = spec;
    this.start(fault as Fault, id ?? `f${i + 1}`, untilMs ?? null);
  }

  nextOperatorId(): string {
    let id: string;
    do id = `op${++this.operatorCount}`;
    while (this.isActive(id) || this.windows.some((w) => w.id === id));
    return id;
  }

  isActive(id: string): boolean {
    return this.active.some((f) => f.id === id);
  }

  /** Why a fault cannot apply to this run, or null. */
  validate(fault: Fault): string | null {
    const known = (id: string) => this.sim.nodeIndexById.has(id);
    const names: string[] = [];
    if ("target" in fault && fault.target !== undefined) names.push(fault.target);
    if ("link" in fault && fault.link !== undefined) names.push(fault.link.from, fault.link.to);
    if (fault.kind === "partition") names.push(...fault.sides.flat());
    const unknown = names.filter((n) => !known(n));
    if (unknown.length > 0)
      return `unknown node ${unknown.map((n) => `"${n}"`).join(", ")}; nodes are ${[...this.sim.nodeIndexById.keys()].join(", ")}`;
    if (
      (fault.kind === "drop" || fault.kind === "delay" || fault.kind === "duplicate") &&
      fault.target === undefined &&
      fault.link === undefined
    ) {
      return `${fault.kind} needs a target node or a link`;
    }
    if ("link" in fault && fault.link && fault.link.from === fault.link.to)
      return "a link joins two different nodes";
    if (
      fault.kind === "crashBeforeCommit" &&
      this.sim.nodes[this.sim.nodeIndexById.get(fault.target)!]!.role !== "consumer"
    ) {
      return `crashBeforeCommit targets a consumer group member, not "${fault.target}"`;
    }
    return null;
  }

  start(fault: Fault, id: string, untilMs: number | null): void {
    const sim = this.sim;
    this.active.push({ id, fault, startMs: sim.now, untilMs });
    this.windows.push({
      id,
      kind: fault.kind,
      label: describeFault(fault),
      startMs: sim.now,
      endMs: null,
    });
    sim.hash.mixString(id);
    if (untilMs !== null) {
      this.handles.push(id);
      sim.sched.schedule(untilMs, Ev.faultEnd, -1, this.handles.length - 1, 0, null);
    }
    this.applyStart(fault);
  }

  endScheduled(handle: number, _b: number): void {
    const id = this.handles[handle];
    if (id !== undefined) this.end(id);
  }

  end(id: string): boolean {
    const i = this.active.findIndex((f) => f.id === id);
    if (i < 0) return false;
    const [ended] = this.active.splice(i, 1);
    const w = this.windows.find((x) => x.id === id && x.endMs === null);
    if (w) w.endMs = this.sim.now;
    this.lastEndedMs = this.sim.now;
    this.sim.hash.mixString(`end:${id}`);
    this.applyEnd(ended!.fault);
    return true;
  }

  private node(id: string) {
    return this.sim.nodes[this.sim.nodeIndexById.get(id)!]!;
  }

  private held(kind: Fault["kind"], target: string): boolean {
    return this.active.some(
      (f) => f.fault.kind === kind && "target" in f.fault && f.fault.target === target,
    );
  }

  private applyStart(fault: Fault): void {
    const sim = this.sim;
    switch (fault.kind) {
      case "crash":
        sim.stopNode(this.node(fault.target).index, fault.mode === "powerloss");
        break;
      case "pause":
        this.node(fault.target).paused = true;
        break;
      case "clockSkew":
        this.recomputeSkew(fault.target);
        break;
      case "crashBeforeCommit":
        this.memberOf(fault.target).crashBeforeCommit = true;
        break;
      default:
        sim.network.applyFaults(this.active, (id) => sim.nodeIndexById.get(id)!);
    }
  }

  private applyEnd(fault: Fault): void {
    const sim = this.sim;
    switch (fault.kind) {
      case "crash":
        if (!this.held("crash", fault.target) && !this.node(fault.target).up)
          sim.startNode(this.node(fault.target).index);
        break;
      case "pause":
        if (!this.held("pause", fault.target)) {
          const node = this.node(fault.target);
          node.paused = false;
          sim.resumeDeferred(node);
        }
        break;
      case "clockSkew":
        this.recomputeSkew(fault.target);
        break;
      case "crashBeforeCommit": {
        const member = this.memberOf(fault.target);
        member.crashBeforeCommit = this.held("crashBeforeCommit", fault.target);
        const node = this.node(fault.target);
        if (!node.up && !this.held("crash", fault.target)) sim.startNode(node.index);
        break;
      }
      default:
        sim.network.applyFaults(this.active, (id) => sim.nodeIndexById.get(id)!);
    }
  }

  private recomputeSkew(target: string): void {
    let skew = 0;
    for (const f of this.active)
      if (f.fault.kind === "clockSkew" && f.fault.target === target) skew += f.fault.skewMs;
    this.node(target).clockSkewMs = skew;
  }

  private memberOf(target: string) {
    const node = this.node(target);
    return this.sim.members[node.roleIndex]!;
  }

  /** A consumer reached its commit point under crashBeforeCommit: it dies there, once. */
  crashTriggered(nodeIndex: number): void {
    const node = this.sim.nodes[nodeIndex]!;
    this.sim.members[node.roleIndex]!.crashBeforeCommit = false;
    this.sim.stopNode(nodeIndex, false);
  }
}
