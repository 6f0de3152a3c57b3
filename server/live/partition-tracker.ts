import type { Simulation } from "../sim/engine";
import type { LogRecord } from "../sim/model";
import type { Replica } from "../sim/replica";
import type { PartitionDelta, WireRecord } from "../protocol";
import { commonPrefix, commonPrefixScan, wireRecords } from "./records";

/**
 * Records of the partition logs one frame carries, shared by the partitions (1 to 8
 * each, the newest); older ones are fetched on demand with logRange. At 1x a medium run
 * appends fewer than this per frame, so every record is seen; at max speed the lanes
 * show the newest records only.
 */
export const FRAME_RECORDS_BUDGET = 24;

export function recordsPerPartition(partitions: number): number {
  return Math.max(1, Math.min(8, Math.floor(FRAME_RECORDS_BUDGET / partitions)));
}
/** Records of the partition log a snapshot carries per partition (the lane's visible tail). */
export const SNAPSHOT_RECORDS_PER_PARTITION = 64;
/** Records of a replica's divergent suffix sent at most. */
export const OWN_RECORDS_MAX = 64;

interface Reported {
  leader: number;
  epoch: number;
  isr: string;
  reps: number[];
  fl: number[];
  lead: string;
  com: number[];
  leo: number;
  hw: number;
}

/**
 * Follows one partition from tick to tick and says what changed, as the protocol's
 * PartitionDelta: records appended to the partition log, cuts of it, truncations seen on
 * each replica, replicas whose log differs from the partition log, and the offsets.
 *
 * Replicas share record objects, so the tracker keeps, per log, the record objects it
 * has reported (a mirror of references, not copies). A truncation shows as a shorter
 * log or a different object at an offset already reported.
 */
export class PartitionTracker {
  private readonly mirror: LogRecord[] = [];
  private auth: Replica | undefined;
  private authTruncated = 0;
  private readonly replicas: Replica[];
  private readonly repMirror: LogRecord[][];
  private readonly repTruncated: number[];
  /** Per replica: the divergence point and LEO last reported, div -1 when it matched. */
  private readonly ownSent: { div: number; leo: number }[];
  private reported: Reported | null = null;

  constructor(
    private readonly sim: Simulation,
    readonly p: number,
    private readonly recordsPerFrame: number,
  ) {
    this.replicas = sim.replicasOf(p);
    this.repMirror = this.replicas.map(() => []);
    this.repTruncated = this.replicas.map(() => 0);
    this.ownSent = this.replicas.map(() => ({ div: -1, leo: 0 }));
  }

  /** Brings the tracker up to now; returns what changed since the last call, or null. */
  sync(): PartitionDelta | null {
    const auth = this.sim.authoritativeReplica(this.p)!;
    const delta: PartitionDelta = { p: this.p, leo: auth.leo, hw: auth.hw };
    let changed = false;
    const appendedFrom = this.syncPartitionLog(auth, delta);
    if (auth.leo > appendedFrom) {
      const from = Math.max(appendedFrom, auth.leo - this.recordsPerFrame);
      delta.log = [from, wireRecords(auth.log, from, auth.leo)];
      changed = true;
    }
    if (delta.cut !== undefined) changed = true;
    const rcut = this.syncReplicaLogs();
    if (rcut.length > 0) {
      delta.rcut = rcut;
      changed = true;
    }
    const own = this.syncDivergence(auth, rcut);
    if (own.length > 0) {
      delta.own = own;
      changed = true;
    }
    return this.syncPositions(auth, delta) || changed ? delta : null;
  }

  /** The partition's whole state now (the tracker must be synced). */
  full(): PartitionDelta {
    const auth = this.sim.authoritativeReplica(this.p)!;
    const r = this.positions(auth);
    const from = Math.max(0, auth.leo - SNAPSHOT_RECORDS_PER_PARTITION);
    const own: [number, number, WireRecord[]][] = [];
    this.replicas.forEach((rep, i) => {
      const div = divergence(rep, auth);
      if (div >= 0) own.push([i, div, wireRecords(rep.log, div, div + OWN_RECORDS_MAX)]);
    });
    return {
      p: this.p,
      leo: auth.leo,
      hw: auth.hw,
      l: r.leader,
      e: r.epoch,
      isr: this.sim.controller.partitions[this.p]!.isr.slice(),
      reps: r.reps,
      fl: r.fl,
      lead: r.leadList,
      com: r.com,
      log: [from, wireRecords(auth.log, from, auth.leo)],
      ...(own.length > 0 ? { own } : {}),
    };
  }

  /** Updates the mirror of the partition log; sets delta.cut; returns where new records start. */
  private syncPartitionLog(auth: Replica, delta: PartitionDelta): number {
    const mirror = this.mirror;
    let from = mirror.length;
    if (
      auth !== this.auth ||
      auth.truncatedTotal !== this.authTruncated ||
      auth.log.length < mirror.length
    ) {
      const d = commonPrefixScan(mirror, auth.log);
      if (d < mirror.length) {
        delta.cut = d;
        mirror.length = d;
      }
      from = d;
      this.auth = auth;
      this.authTruncated = auth.truncatedTotal;
    }
    for (let i = mirror.length; i < auth.log.length; i++) mirror.push(auth.log[i]!);
    return from;
  }

  /** Updates each replica's mirror; returns the truncations seen, as [r, offset, oldLeo]. */
  private syncReplicaLogs(): [number, number, number][] {
    const cuts: [number, number, number][] = [];
    this.replicas.forEach((rep, r) => {
      const mirror = this.repMirror[r]!;
      if (rep.truncatedTotal !== this.repTruncated[r] || rep.log.length < mirror.length) {
        this.repTruncated[r] = rep.truncatedTotal;
        const d = commonPrefixScan(mirror, rep.log);
        if (d < mirror.length) {
          cuts.push([r, d, mirror.length]);
          mirror.length = d;
        }
      }
      for (let i = mirror.length; i < rep.log.length; i++) mirror.push(rep.log[i]!);
    });
    return cuts;
  }

  private syncDivergence(
    auth: Replica,
    rcut: readonly [number, number, number][],
  ): [number, number, WireRecord[]][] {
    const out: [number, number, WireRecord[]][] = [];
    this.replicas.forEach((rep, r) => {
      const div = divergence(rep, auth);
      const sent = this.ownSent[r]!;
      if (div < 0) {
        if (sent.div >= 0) out.push([r, -1, []]);
        sent.div = -1;
        return;
      }
      if (div !== sent.div || rep.leo !== sent.leo || rcut.some((c) => c[0] === r)) {
        out.push([r, div, wireRecords(rep.log, div, div + OWN_RECORDS_MAX)]);
        sent.div = div;
        sent.leo = rep.leo;
      }
    });
    return out;
  }

  private positions(auth: Replica) {
    const sim = this.sim;
    const state = sim.controller.partitions[this.p]!;
    const reps: number[] = [];
    const fl: number[] = [];
    const leadList: number[] = [];
    this.replicas.forEach((rep, r) => {
      reps.push(auth.leo - rep.leo, auth.leo - rep.hw);
      fl.push(rep.flushed);
      if (rep.isLeader) leadList.push(r);
    });
    const com = sim.scenario.groups.map((_, g) => auth.hw - committedOffset(sim, g, this.p));
    return {
      leader: state.leader,
      epoch: state.leaderEpoch,
      isr: state.isr,
      reps,
      fl,
      leadList,
      com,
    };
  }

  /** Adds the offsets and leadership that changed; returns whether any did. */
  private syncPositions(auth: Replica, delta: PartitionDelta): boolean {
    const r = this.positions(auth);
    const isrKey = r.isr.join(",");
    const leadKey = r.leadList.join(",");
    const prev = this.reported;
    let changed = prev === null || prev.leo !== auth.leo || prev.hw !== auth.hw;
    if (prev === null || prev.leader !== r.leader) delta.l = r.leader;
    if (prev === null || prev.epoch !== r.epoch) delta.e = r.epoch;
    if (prev === null || prev.isr !== isrKey) delta.isr = r.isr.slice();
    if (prev === null || !sameNumbers(prev.reps, r.reps)) delta.reps = r.reps;
    if (prev === null || !sameNumbers(prev.fl, r.fl)) delta.fl = r.fl;
    if (prev === null || prev.lead !== leadKey) delta.lead = r.leadList;
    if (prev === null || !sameNumbers(prev.com, r.com)) delta.com = r.com;
    changed ||=
      delta.l !== undefined ||
      delta.e !== undefined ||
      delta.isr !== undefined ||
      delta.reps !== undefined ||
      delta.fl !== undefined ||
      delta.lead !== undefined ||
      delta.com !== undefined;
    this.reported = {
      leader: r.leader,
      epoch: r.epoch,
      isr: isrKey,
      reps: r.reps,
      fl: r.fl,
      lead: leadKey,
      com: r.com,
      leo: auth.leo,
      hw: auth.hw,
    };
    return changed;
  }
}

/** Where a replica's log stops being a prefix of the partition log, or -1 if it is one. */
function divergence(rep: Replica, auth: Replica): number {
  if (rep === auth || rep.log.length === 0) return -1;
  const d = commonPrefix(rep.log, auth.log);
  return d >= rep.log.length ? -1 : d;
}

/** A group's committed offset for a partition, as metrics.ts defines it. */
export function committedOffset(sim: Simulation, g: number, p: number): number {
  const projection = sim.projections[g]!;
  const offset =
    projection.config.commitPolicy === "atomic"
      ? projection.storedOffset(p)
      : sim.coordinator.groups[g]!.committed[p]!;
  return Math.max(0, offset);
}

export function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
