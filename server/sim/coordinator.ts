import type { Simulation } from "./engine";
import type { Message } from "./model";
import { Timer as TimerCodes } from "./model";
import { Step as StepCodes } from "./history";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Timer = TimerCodes;
const Step = StepCodes;

interface GroupMembership {
  /** The generation being formed (during a rebalance) or in force. */
  generation: number;
  /** The generation of the assignment in force; commits must come from it. */
  assignedGeneration: number;
  /** Member node -> last heartbeat time. */
  members: Map<number, number>;
  /** Member node -> assigned partitions, in the assigned generation. */
  assignment: Map<number, number[]>;
  /**
   * The same assignment by partition: the member node that owns it, or -1. Every offset
   * commit asks whether its sender owns the partition; a Map look-up and a scan of the
   * member's partitions each time was about 1.5 % of the large benchmark case.
   */
  owner: number[];
  /** Committed offset per partition; -1 = none yet. */
  committed: number[];
  rebalances: number;
  /** While a rebalance forms: members yet to rejoin, and when the coordinator stops waiting. */
  awaiting: Set<number> | null;
  deadlineMs: number;
}

/**
 * The group coordinator. In Kafka it lives on the broker that leads the group's
 * __consumer_offsets partition; here it runs on the controller node, which keeps the
 * model small without changing what members see. Rebalancing is Kafka's eager protocol:
 * a join, leave or missed session timeout starts a rebalance; every member finishes
 * the records it has polled, commits, gives up its partitions and rejoins; once all
 * have rejoined (or the rebalance timeout passes, dropping those that did not), the
 * coordinator hands out a new assignment in a new generation. Commits from any other
 * generation are refused (Kafka's ILLEGAL_GENERATION / CommitFailedException).
 */
export class Coordinator {
  readonly groups: GroupMembership[];

  constructor(
    readonly node: number,
    groupCount: number,
    readonly partitions: number,
  ) {
    this.groups = Array.from({ length: groupCount }, () => ({
      generation: 0,
      assignedGeneration: 0,
      members: new Map(),
      assignment: new Map(),
      owner: new Array<number>(partitions).fill(-1),
      committed: new Array<number>(partitions).fill(-1),
      rebalances: 0,
      awaiting: null,
      deadlineMs: 0,
    }));
  }

  start(sim: Simulation): void {
    sim.timer(this.node, 100, Timer.coordinatorCheck, 0);
  }

  onTimer(sim: Simulation, kind: number): void {
    if (kind !== Timer.coordinatorCheck) return;
    this.groups.forEach((g, gi) => {
      const timeout = sim.scenario.groups[gi]!.sessionTimeoutMs;
      let removed = false;
      for (const [m, last] of g.members) {
        if (sim.now - last > timeout) {
          g.members.delete(m);
          g.awaiting?.delete(m);
          removed = true;
        }
      }
      if (g.awaiting !== null && sim.now >= g.deadlineMs) {
        // Members that did not rejoin in time are out of the group.
        for (const m of g.awaiting) g.members.delete(m);
        g.awaiting.clear();
      }
      if (g.awaiting !== null) this.maybeComplete(sim, gi);
      else if (removed) this.rebalance(sim, gi);
    });
    sim.timer(this.node, 100, Timer.coordinatorCheck, 0);
  }

  onMessage(sim: Simulation, src: number, msg: Message): void {
    switch (msg.type) {
      case "joinGroup":
        this.onJoin(sim, src, msg.group, msg.generation);
        break;
      case "leaveGroup": {
        const g = this.groups[msg.group]!;
        if (!g.members.delete(src)) break;
        if (g.awaiting !== null) {
          g.awaiting.delete(src);
          this.maybeComplete(sim, msg.group);
        } else this.rebalance(sim, msg.group);
        break;
      }
      case "groupHeartbeat": {
        const g = this.groups[msg.group]!;
        const known = g.members.has(src);
        if (known) g.members.set(src, sim.now);
        sim.send(this.node, src, {
          type: "heartbeatResponse",
          group: msg.group,
          generation: known ? g.assignedGeneration : -1,
          rebalancing: known && g.awaiting !== null && g.awaiting.has(src),
        });
        break;
      }
      case "offsetCommit":
        this.onCommit(sim, src, msg);
        break;
      default:
        break;
    }
  }

  /**
   * JoinGroup, as Kafka's GroupCoordinator handles it: during a rebalance the member is in
   * the next assignment; in a stable group, a new member or one that lost its state (a
   * restart, generation -1) makes everyone rebalance, while a member of the assignment in
   * force (a JoinGroup duplicated, or sent again after its assignment was lost) is given
   * that assignment again without one, as Kafka answers a known member whose metadata has
   * not changed with the current generation.
   */
  private onJoin(sim: Simulation, src: number, group: number, generation: number): void {
    const g = this.groups[group]!;
    const member = g.members.has(src) && g.assignment.has(src);
    g.members.set(src, sim.now);
    if (g.awaiting !== null) {
      g.awaiting.delete(src);
      this.maybeComplete(sim, group);
    } else if (member && generation >= 0) {
      this.sendAssignment(sim, group, src);
    } else {
      this.rebalance(sim, group);
    }
  }

  private onCommit(
    sim: Simulation,
    src: number,
    msg: Extract<Message, { type: "offsetCommit" }>,
  ): void {
    const g = this.groups[msg.group]!;
    const owns = g.owner[msg.partition] === src;
    const ok = msg.generation === g.assignedGeneration && owns;
    if (ok) this.setCommitted(sim, msg.group, msg.partition, msg.offset);
    sim.send(this.node, src, {
      type: "offsetCommitResponse",
      group: msg.group,
      partition: msg.partition,
      offset: msg.offset,
      ok,
    });
  }

  setCommitted(sim: Simulation, group: number, partition: number, offset: number): void {
    const g = this.groups[group]!;
    const before = g.committed[partition]!;
    g.committed[partition] = offset;
    if (offset > before) {
      const log = sim.canonicalLog(partition);
      for (let o = Math.max(0, before); o < offset && o < log.length; o++) {
        sim.history.record(
          sim.now,
          Step.offsetCommitted,
          log[o]!.eventId,
          this.node,
          partition,
          o,
          group,
        );
      }
    }
    sim.checks.onOffsetCommit(group, partition, offset);
  }

  /** Starts a rebalance: every member is asked to finish, commit and rejoin. */
  rebalance(sim: Simulation, group: number): void {
    const g = this.groups[group]!;
    g.generation++;
    g.rebalances++;
    g.awaiting = new Set(g.members.keys());
    g.deadlineMs = sim.now + sim.scenario.groups[group]!.maxPollIntervalMs;
    for (const m of g.awaiting) {
      sim.send(this.node, m, { type: "rebalance", group, generation: g.generation });
    }
    this.maybeComplete(sim, group);
  }

  private maybeComplete(sim: Simulation, group: number): void {
    const g = this.groups[group]!;
    if (g.awaiting === null || g.awaiting.size > 0) return;
    g.awaiting = null;
    this.assign(sim, group);
  }

  /**
   * Hands out a new assignment at once, without waiting for members (replay uses it:
   * the operator has stopped the group first, as Kafka's offset reset requires).
   */
  reassignNow(sim: Simulation, group: number): void {
    const g = this.groups[group]!;
    g.generation++;
    g.rebalances++;
    g.awaiting = null;
    this.assign(sim, group);
  }

  /** Round-robin over members sorted by node, sent to every member with the committed offsets. */
  private assign(sim: Simulation, group: number): void {
    const g = this.groups[group]!;
    g.assignedGeneration = g.generation;
    g.assignment = new Map();
    const members = [...g.members.keys()].sort((a, b) => a - b);
    for (const m of members) g.assignment.set(m, []);
    g.owner = new Array<number>(this.partitions).fill(-1);
    for (let p = 0; p < this.partitions && members.length > 0; p++) {
      g.assignment.get(members[p % members.length]!)!.push(p);
      g.owner[p] = members[p % members.length]!;
    }
    for (const m of members) this.sendAssignment(sim, group, m);
  }

  /** The assignment in force, to one member, with the committed offsets as they are now. */
  private sendAssignment(sim: Simulation, group: number, member: number): void {
    const g = this.groups[group]!;
    sim.send(this.node, member, {
      type: "assignment",
      group,
      generation: g.assignedGeneration,
      partitions: g.assignment.get(member)!,
      committed: g.committed.slice(),
    });
  }

  /** The member that owns a partition in the assignment in force, or -1. */
  ownerOf(group: number, partition: number): number {
    return this.groups[group]!.owner[partition] ?? -1;
  }
}
