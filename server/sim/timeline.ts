import type { Simulation } from "./engine";
import { History } from "./history";
import type { CommandLogEntry } from "./apply-command";

/**
 * Time travel: checkpoints of a run taken as it advances, and `seek`, which rebuilds
 * the state at any virtual time from the nearest checkpoint before it plus exact
 * re-simulation of the commands in between (RaftScope's checkpoints, made exact by
 * determinism). Checkpoints are kept sparse as a run grows: when there are too many,
 * every other one is dropped and the interval doubles.
 */
export class Timeline {
  private readonly checkpoints: Simulation[] = [];
  private intervalMs: number;

  constructor(
    start: Simulation | null,
    intervalMs = 10_000,
    private readonly maxCheckpoints = 64,
  ) {
    this.intervalMs = intervalMs;
    if (start) this.checkpoints.push(start.clone("checkpoint"));
  }

  /**
   * The timeline of a fork taken at `atMs` after `commandCount` commands: it shares the
   * checkpoints that lie on the fork's past (checkpoints are never changed, only cloned
   * from), so the fork can be seeked back before the point it was taken at.
   */
  branch(atMs: number, commandCount: number): Timeline {
    const out = new Timeline(null, this.intervalMs, this.maxCheckpoints);
    for (const c of this.checkpoints)
      if (c.now <= atMs && c.commandLog.length <= commandCount) out.checkpoints.push(c);
    return out;
  }

  /**
   * The run's future changed at `atMs` (a new command after its first `commandCount`):
   * checkpoints taken later, or holding commands that are no longer in the log, go.
   */
  truncate(atMs: number, commandCount: number): void {
    let keep = this.checkpoints.length;
    while (keep > 1) {
      const c = this.checkpoints[keep - 1]!;
      if (c.now <= atMs && c.commandLog.length <= commandCount) break;
      keep--;
    }
    this.checkpoints.length = keep;
  }

  get count(): number {
    return this.checkpoints.length;
  }

  /** Times of the checkpoints held, oldest first. */
  times(): number[] {
    return this.checkpoints.map((c) => c.now);
  }

  /** Call as the live simulation advances; takes a checkpoint when one is due. */
  observe(sim: Simulation): void {
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (sim.now - last.now < this.intervalMs) return;
    this.checkpoints.push(sim.clone("checkpoint"));
    if (this.checkpoints.length > this.maxCheckpoints) {
      // Keep the first and every other one after it.
      for (let i = this.checkpoints.length - 1; i >= 1; i -= 2) this.checkpoints.splice(i, 1);
      this.intervalMs *= 2;
    }
  }

  /**
   * The run's state at `atMs`, given the run's whole command log. The result is a new,
   * independent simulation; a fork takes it as its start and goes its own way. With
   * `replace`, the result takes the place of `current`, which must not be run again.
   */
  seek(
    atMs: number,
    commands: readonly CommandLogEntry[],
    hooks = {},
    current?: Simulation,
    replace = false,
  ): Simulation {
    let base = this.checkpoints[0]!;
    for (const c of this.checkpoints) if (c.now <= atMs) base = c;
    // Seeking forward (or a short way back past no checkpoint): the run's own state is a
    // nearer start than any checkpoint. Its command log is a prefix of `commands`.
    if (
      current !== undefined &&
      current.failure === null &&
      current.now <= atMs &&
      current.now > base.now &&
      current.commandLog.length <= commands.length
    )
      base = current;
    // Message history. A checkpoint keeps none: the run's own history, taken back to the
    // checkpoint, is exactly what the run had there (the re-simulation adds the rest). When
    // the result replaces `current` (a live seek), its history is moved, not copied.
    let history: History | undefined;
    if (base === current) history = replace ? current.history : undefined;
    else
      history =
        current !== undefined
          ? current.history.rebuiltFor(base.history, replace)
          : History.startingAt(base.history);
    const sim = base.clone("fork", hooks, history);
    for (let i = base.commandLog.length; i < commands.length; i++) {
      const entry = commands[i]!;
      if (entry.atMs > atMs) break;
      sim.runUntil(entry.atMs);
      sim.command(entry.command);
    }
    sim.runUntil(atMs);
    return sim;
  }
}
