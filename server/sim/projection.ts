import type { Simulation } from "./engine";
import type { LogRecord } from "./model";
import type { CommitPolicy, GroupConfig } from "./scenario";
import { GrowableInt32 } from "./growable";
import { Step as StepCodes } from "./history";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Step = StepCodes;

/** The parts of a group's configuration an operator may change while it runs. */
export interface LiveGroupConfig extends GroupConfig {
  commitPolicy: CommitPolicy;
}

/**
 * A consumer group's own state: account balances built by folding the log (event
 * sourcing), the ids it has applied (kept only by idempotent consumers, in the same
 * store), and, for the atomic policy, the offsets stored with the balances.
 * It lives in the group's database, not in a member process: it survives crashes.
 */
export class Projection {
  readonly balances: Float64Array;
  private readonly appliedMark = new GrowableInt32();
  /** Bumped by a replay; marks from an older epoch no longer count. */
  epoch = 1;
  readonly storedOffsets: number[];
  applied = 0;
  skippedDuplicates = 0;
  replays = 0;

  constructor(
    readonly index: number,
    public config: LiveGroupConfig,
    keys: number,
    partitions: number,
  ) {
    this.balances = new Float64Array(keys);
    this.storedOffsets = new Array<number>(partitions).fill(0);
  }

  storedOffset(partition: number): number {
    return this.storedOffsets[partition]!;
  }

  /** The handler: a deposit adds its amount, or twice it while the bug is on. */
  private effect(rec: LogRecord): number {
    return this.config.handlerBug ? rec.value * 2 : rec.value;
  }

  apply(
    sim: Simulation,
    node: number,
    partition: number,
    offset: number,
    rec: LogRecord,
    storeOffset: boolean,
  ): void {
    if (this.config.idempotent && this.appliedMark.get(rec.eventId) === this.epoch) {
      this.skippedDuplicates++;
      sim.history.record(sim.now, Step.skipped, rec.eventId, node, partition, offset, this.index);
      sim.checks.onProcessed(this.index, partition, offset, rec, false);
    } else {
      this.balances[rec.key]! += this.effect(rec);
      this.appliedMark.set(rec.eventId, this.epoch);
      this.applied++;
      sim.history.record(sim.now, Step.applied, rec.eventId, node, partition, offset, this.index);
      sim.checks.onProcessed(this.index, partition, offset, rec, true);
    }
    if (storeOffset) {
      this.storedOffsets[partition] = offset + 1;
      sim.checks.onOffsetCommit(this.index, partition, offset + 1);
    }
    if (this.config.reportsCompletions) sim.sendCompletion(node, this.index, rec.eventId);
  }

  /** Replay from offset 0: the state is rebuilt from nothing. */
  reset(): void {
    this.balances.fill(0);
    this.epoch++;
    this.storedOffsets.fill(0);
    this.replays++;
  }
}
