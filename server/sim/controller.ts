import type { Simulation } from "./engine";
import type { Message, PartitionState } from "./model";
import { Timer as TimerCodes } from "./model";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Timer = TimerCodes;

interface BrokerRegistration {
  lastHeartbeatMs: number;
  fenced: boolean;
  incarnation: number;
  /** Metadata version last sent to this broker, and when. */
  sentVersion: number;
  sentAtMs: number;
}

/**
 * The controller (KRaft's active controller, reduced to what the model needs): it
 * detects failed brokers by their missing heartbeats, fences them, elects leaders
 * (from the ISR, or from any live replica when unclean election is allowed), commits
 * ISR changes leaders propose, and tells brokers the partition state. It also answers
 * clients' metadata requests.
 */
export class Controller {
  readonly partitions: PartitionState[];
  readonly registrations: BrokerRegistration[];
  metadataVersion = 0;
  elections = 0;
  uncleanElections = 0;

  constructor(
    readonly node: number,
    readonly assignment: readonly (readonly number[])[],
    brokerCount: number,
  ) {
    this.partitions = assignment.map((replicas, p) => ({
      partition: p,
      leader: replicas[0]!,
      leaderEpoch: 0,
      isr: replicas.slice().sort((a, b) => a - b),
      partitionEpoch: 0,
    }));
    this.registrations = Array.from({ length: brokerCount }, () => ({
      lastHeartbeatMs: 0,
      fenced: false,
      incarnation: 0,
      sentVersion: -1,
      sentAtMs: -Infinity,
    }));
  }

  start(sim: Simulation): void {
    for (const r of this.registrations) r.lastHeartbeatMs = sim.now;
    sim.timer(this.node, sim.scenario.brokers.heartbeatIntervalMs, Timer.controllerCheck, 0);
  }

  onTimer(sim: Simulation, kind: number): void {
    if (kind !== Timer.controllerCheck) return;
    const timeout = sim.scenario.brokers.sessionTimeoutMs;
    this.registrations.forEach((r, b) => {
      if (!r.fenced && sim.now - r.lastHeartbeatMs > timeout) this.fence(sim, b);
    });
    sim.timer(this.node, sim.scenario.brokers.heartbeatIntervalMs, Timer.controllerCheck, 0);
  }

  onMessage(sim: Simulation, src: number, msg: Message): void {
    switch (msg.type) {
      case "brokerHeartbeat":
        this.onHeartbeat(sim, msg.broker, msg.incarnation, msg.metadataVersion);
        break;
      case "alterIsr":
        this.onAlterIsr(sim, src, msg);
        break;
      case "metadataRequest":
        sim.send(this.node, src, {
          type: "metadataResponse",
          leaders: this.partitions.map((p) => p.leader),
          epochs: this.partitions.map((p) => p.leaderEpoch),
        });
        break;
      default:
        break;
    }
  }

  private onHeartbeat(sim: Simulation, broker: number, incarnation: number, version: number): void {
    const reg = this.registrations[broker]!;
    reg.lastHeartbeatMs = sim.now;
    if (incarnation !== reg.incarnation) {
      // A restarted broker registers anew. As in KRaft, the old incarnation is fenced
      // first: leadership moves away and it leaves the ISR, so a broker that came back
      // with less than it had (power loss) cannot keep leading with a shorter log.
      reg.incarnation = incarnation;
      if (!reg.fenced) this.fence(sim, broker);
    }
    if (reg.fenced) this.unfence(sim, broker);
    // A broker behind on metadata (restarted, or a zombie whose updates were lost) is told again.
    if (
      version < this.metadataVersion &&
      (reg.sentVersion < this.metadataVersion || sim.now - reg.sentAtMs > 500)
    ) {
      this.sendStates(sim, broker);
    }
  }

  private fence(sim: Simulation, broker: number): void {
    this.registrations[broker]!.fenced = true;
    const changed: number[] = [];
    for (const p of this.partitions) {
      if (!this.assignment[p.partition]!.includes(broker)) continue;
      if (p.leader === broker) {
        this.elect(sim, p);
        changed.push(p.partition);
      } else if (p.isr.includes(broker) && p.isr.length > 1) {
        // Kafka keeps the last ISR member even when it is fenced, so a clean election can wait for it.
        p.isr = p.isr.filter((b) => b !== broker);
        p.partitionEpoch++;
        changed.push(p.partition);
      }
    }
    if (changed.length > 0) this.publish(sim, changed);
  }

  private unfence(sim: Simulation, broker: number): void {
    this.registrations[broker]!.fenced = false;
    const changed: number[] = [];
    for (const p of this.partitions) {
      if (p.leader >= 0 || !this.assignment[p.partition]!.includes(broker)) continue;
      this.elect(sim, p);
      if (p.leader >= 0) changed.push(p.partition);
    }
    if (changed.length > 0) this.publish(sim, changed);
  }

  /** Clean election picks a live ISR member; unclean, if allowed, any live replica. */
  private elect(sim: Simulation, p: PartitionState): void {
    const live = (b: number) => !this.registrations[b]!.fenced;
    const replicas = this.assignment[p.partition]!;
    let leader = replicas.find((b) => p.isr.includes(b) && live(b) && b !== p.leader) ?? -1;
    let unclean = false;
    if (leader < 0 && sim.scenario.topic.uncleanLeaderElection) {
      leader = replicas.find((b) => live(b) && b !== p.leader) ?? -1;
      unclean = leader >= 0;
    }
    if (leader < 0 && p.leader >= 0 && live(p.leader)) leader = p.leader;
    if (leader < 0) {
      // Offline: no eligible replica. The ISR keeps its last member so a clean election can wait for it.
      if (p.leader >= 0) {
        p.leader = -1;
        p.leaderEpoch++;
        p.partitionEpoch++;
      }
      return;
    }
    p.leader = leader;
    p.leaderEpoch++;
    p.partitionEpoch++;
    p.isr = unclean ? [leader] : p.isr.filter((b) => live(b));
    if (!p.isr.includes(leader)) p.isr = [...p.isr, leader].sort((a, b) => a - b);
    this.elections++;
    if (unclean) this.uncleanElections++;
    sim.recordElection(p.partition, leader, p.leaderEpoch, unclean);
  }

  private onAlterIsr(
    sim: Simulation,
    src: number,
    msg: Extract<Message, { type: "alterIsr" }>,
  ): void {
    const p = this.partitions[msg.partition];
    if (!p) return;
    const fromLeader = p.leader >= 0 && sim.brokerNode(p.leader) === src;
    if (
      fromLeader &&
      msg.leaderEpoch === p.leaderEpoch &&
      msg.partitionEpoch === p.partitionEpoch
    ) {
      const isr = msg.isr.filter((b) => b === p.leader || !this.registrations[b]!.fenced);
      p.isr = isr.sort((a, b) => a - b);
      p.partitionEpoch++;
      this.publish(sim, [p.partition]);
      return;
    }
    // Stale proposal (a deposed leader, a lost race): answer with the current state.
    const broker = sim.brokerIndexOfNode(src);
    if (broker >= 0) this.sendStates(sim, broker);
  }

  private publish(sim: Simulation, _changed: number[]): void {
    this.metadataVersion++;
    this.registrations.forEach((r, b) => {
      if (!r.fenced) this.sendStates(sim, b);
    });
  }

  private sendStates(sim: Simulation, broker: number): void {
    const reg = this.registrations[broker]!;
    reg.sentVersion = this.metadataVersion;
    reg.sentAtMs = sim.now;
    const states = this.partitions
      .filter((p) => this.assignment[p.partition]!.includes(broker))
      .map((p) => ({ ...p, isr: p.isr.slice() }));
    sim.send(this.node, sim.brokerNode(broker), {
      type: "leaderAndIsr",
      states,
      metadataVersion: this.metadataVersion,
    });
  }
}
