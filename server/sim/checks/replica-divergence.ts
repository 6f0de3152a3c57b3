import type { Simulation } from "../engine";
import type { Replica } from "../replica";

/**
 * Replica divergence: a live replica whose committed prefix (below its HW, and below
 * the leader's) differs from the authoritative leader's. Verified incrementally: each
 * replica remembers how far it has been found to agree, which truncation and
 * leadership changes pull back.
 */
export class ReplicaDivergence {
  /** Per partition, per broker: offsets verified equal to the leader's. */
  private readonly verified: Map<number, number>[];
  private diverging = new Map<string, number>();

  constructor(partitions: number) {
    this.verified = Array.from({ length: partitions }, () => new Map());
  }

  get count(): number {
    return this.diverging.size;
  }

  examples(): number[] {
    return [...this.diverging.values()].slice(0, 10);
  }

  onTruncate(rep: Replica, offset: number): void {
    const v = this.verified[rep.partition]!;
    const at = v.get(rep.broker) ?? 0;
    if (at > offset) v.set(rep.broker, offset);
  }

  onLeaderChange(partition: number, leaderHw: number): void {
    const v = this.verified[partition]!;
    for (const [b, at] of v) if (at > leaderHw) v.set(b, leaderHw);
  }

  evaluate(sim: Simulation): void {
    this.diverging = new Map();
    for (let p = 0; p < this.verified.length; p++) {
      const leader = sim.authoritativeReplica(p);
      if (!leader) continue;
      const v = this.verified[p]!;
      for (const rep of sim.replicasOf(p)) {
        if (rep === leader || !sim.isBrokerUp(rep.broker)) continue;
        const end = Math.min(rep.hw, leader.hw, rep.leo, leader.leo);
        let at = v.get(rep.broker) ?? 0;
        while (at < end && rep.log[at] === leader.log[at]) at++;
        v.set(rep.broker, at);
        if (at < end) this.diverging.set(`${p}:${rep.broker}`, rep.log[at]!.eventId);
      }
    }
  }
}
