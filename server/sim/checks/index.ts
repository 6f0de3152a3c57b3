import type { Simulation } from "../engine";
import type { LogRecord } from "../model";
import type { Replica } from "../replica";
import type { CheckName } from "../scenario";
import { LostAckedWrites } from "./acked";
import { CommittedLog } from "./committed-log";
import { GroupEffects } from "./effects";
import { ReplicaDivergence } from "./replica-divergence";
import { MAX_EXAMPLES } from "./examples";

export interface CheckResult {
  count: number;
  /** The first event ids behind the count; each opens one message's history. */
  examples: number[];
}
export type CheckResults = Record<CheckName, CheckResult>;

/**
 * The seven checkers, fed by the engine as things happen (live) and evaluated at every
 * monitor tick; `results()` is their verdict at any moment, and at the end.
 */
export class Checkers {
  readonly acked: LostAckedWrites;
  readonly log: CommittedLog;
  readonly groups: GroupEffects[];
  readonly replicas: ReplicaDivergence;

  constructor(private readonly sim: Simulation) {
    const partitions = sim.scenario.topic.partitions;
    this.acked = new LostAckedWrites(partitions);
    this.log = new CommittedLog(partitions, sim.events);
    this.groups = sim.scenario.groups.map((_, g) => new GroupEffects(g, sim.keyCount, partitions));
    this.replicas = new ReplicaDivergence(partitions);
    this.log.rollbackListener = this;
  }

  onCommittedRollback(partition: number, to: number, removed: readonly LogRecord[]): void {
    const sim = this.sim;
    for (const g of this.groups)
      g.onRollback(partition, to, removed, (key) => sim.partitionOf(key));
  }

  private isAuthoritative(rep: Replica): boolean {
    return this.sim.authoritativeReplica(rep.partition) === rep;
  }

  onLeaderAppend(_rep: Replica): void {}

  onCommit(rep: Replica): void {
    if (this.isAuthoritative(rep)) this.followCommitted(rep.partition, rep);
  }

  /** Brings the committed view of a partition up to the authoritative replica's HW. */
  private followCommitted(partition: number, auth: Replica): void {
    this.log.follow(partition, auth.log, auth.hw);
    for (const g of this.groups) g.foldReference(partition, this.log.view[partition]!);
  }

  /** A new leader (elected, or taking office): acked records it lacks are lost; history may be rewritten. */
  onLeaderChange(rep: Replica): void {
    this.recheckPartition(rep.partition);
  }

  recheckPartition(partition: number): void {
    const auth = this.sim.authoritativeReplica(partition);
    if (!auth) return;
    this.acked.recheck(partition, auth.hw, auth.log);
    this.followCommitted(partition, auth);
    this.replicas.onLeaderChange(partition, auth.hw);
  }

  onTruncate(rep: Replica, offset: number): void {
    this.replicas.onTruncate(rep, offset);
    if (this.isAuthoritative(rep)) {
      this.acked.recheck(rep.partition, offset, rep.log);
      this.followCommitted(rep.partition, rep);
    }
  }

  onAcked(eventId: number, partition: number, offset: number): void {
    const auth = this.sim.authoritativeReplica(partition);
    this.acked.onAcked(eventId, partition, offset, auth ? auth.log : []);
  }

  onDelivered(group: number, partition: number, offset: number): boolean {
    return this.groups[group]!.onDelivered(partition, offset);
  }

  onProcessed(
    group: number,
    partition: number,
    offset: number,
    rec: LogRecord,
    applied: boolean,
  ): void {
    this.groups[group]!.onProcessed(partition, offset, rec, applied, this.log.view[partition]!);
  }

  onOffsetCommit(group: number, partition: number, offset: number): void {
    this.groups[group]!.onCommitted(partition, offset, this.log.view[partition]!);
  }

  onReplay(group: number): void {
    this.groups[group]!.reset();
  }

  /** The periodic part: replica divergence, lost-effect candidates, projection divergence. */
  evaluate(): void {
    const sim = this.sim;
    // A new leader may take office with its HW already past the view (nothing new to commit).
    for (let p = 0; p < this.log.view.length; p++) {
      const auth = sim.authoritativeReplica(p);
      if (auth && auth.hw > this.log.view[p]!.length) this.followCommitted(p, auth);
    }
    this.replicas.evaluate(sim);
    this.groups.forEach((g, gi) => {
      g.judgeCandidates((p, o) => sim.memberHolds(gi, p, o));
      g.compareProjection(sim.projections[gi]!.balances);
    });
  }

  results(): CheckResults {
    const sumGroups = (f: (g: GroupEffects) => number) => this.groups.reduce((n, g) => n + f(g), 0);
    const mergeExamples = (f: (g: GroupEffects) => number[]) =>
      this.groups.flatMap(f).slice(0, MAX_EXAMPLES);
    return {
      lostAckedWrites: { count: this.acked.count, examples: this.acked.currentExamples() },
      logDuplicates: { count: this.log.duplicates, examples: this.log.duplicateExamples.first() },
      lostEffects: {
        count: sumGroups((g) => g.lost.size),
        examples: mergeExamples((g) => g.lostExamples.filter((id) => g.lost.has(id))),
      },
      duplicateEffects: {
        count: sumGroups((g) => g.duplicateEffects),
        examples: mergeExamples((g) => g.duplicateExamples.first()),
      },
      orderViolations: {
        count: this.log.orderViolations + sumGroups((g) => g.orderViolations),
        examples: [
          ...this.log.orderExamples.first(),
          ...mergeExamples((g) => g.orderExamples.first()),
        ].slice(0, MAX_EXAMPLES),
      },
      replicaDivergence: { count: this.replicas.count, examples: this.replicas.examples() },
      projectionDivergence: {
        count: sumGroups((g) => g.projectionDivergence),
        examples: mergeExamples((g) => g.projectionExamples),
      },
    };
  }
}
