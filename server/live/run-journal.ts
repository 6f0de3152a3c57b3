import type { CommandLogEntry } from "../sim/apply-command";
// Types only: nothing of Prisma or the drivers is loaded by the live layer.
import type { Database } from "../db/database";
import type { CreateRunInput, RunPatch } from "../db/schemas";

/**
 * What a live run tells its storage, in the order things happen to it. The live run never
 * waits for it: the simulation goes on while the writes are in flight, and a database
 * that is gone costs the run its storage, never its life.
 */
export interface RunJournal {
  /** Command number `seq` of the run's log was applied; resolves once it is stored (or storing failed). */
  command(seq: number, entry: CommandLogEntry): Promise<void>;
  /** The log keeps only its first `keep` commands: a new command replaced the run's future. */
  truncate(keep: number): void;
  /** Status, virtual time, trace hash, outcome. */
  update(patch: RunPatch): void;
  /** Resolves when everything written so far is stored (or failed). */
  flush(): Promise<void>;
}

/** The journal of a run that is not stored (no database): it forgets everything. */
export const noJournal: RunJournal = {
  command: () => Promise.resolve(),
  truncate: () => undefined,
  update: () => undefined,
  flush: () => Promise.resolve(),
};

export type RunStorage = Pick<Database, "runs" | "commands" | "where">;

/**
 * A run's journal over the database: every write goes through one promise chain, so the
 * log is written in the order the run applied it, after the run's row exists. The first
 * failed write (the database went away) stops the command log there: writing later
 * commands after a gap would store a log that no longer replays the run. The run is then
 * marked interrupted, if the database lets us, and the error is logged once.
 */
export class DatabaseJournal implements RunJournal {
  private tail: Promise<unknown> = Promise.resolve();
  private broken: string | null = null;

  constructor(
    private readonly storage: RunStorage,
    private readonly runId: string,
    create: CreateRunInput | null,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {
    if (create) void this.write(() => storage.runs.create(create));
  }

  /** Why the run's storage stopped, or null while it is whole. */
  get failure(): string | null {
    return this.broken;
  }

  command(seq: number, entry: CommandLogEntry): Promise<void> {
    return this.write(() => this.storage.commands.append(this.runId, seq, entry));
  }

  truncate(keep: number): void {
    void this.write(() => this.storage.commands.truncate(this.runId, keep));
  }

  update(patch: RunPatch): void {
    void this.write(() => this.storage.runs.update(this.runId, patch));
  }

  flush(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  private write(op: () => Promise<unknown>): Promise<void> {
    const next = this.tail.then(async () => {
      if (this.broken !== null) return;
      try {
        await op();
      } catch (e) {
        this.fail(e);
      }
    });
    this.tail = next;
    return next;
  }

  private fail(e: unknown): void {
    this.broken = e instanceof Error ? e.message : String(e);
    this.log(`run ${this.runId}: storing it failed, the run goes on unstored: ${this.broken}`);
    // Best effort: if the database is still there, say where the stored log stops.
    this.storage.runs
      .update(this.runId, {
        status: "interrupted",
        error:
          `storage failed while the run was live; its stored log stops here (${this.broken})`.slice(
            0,
            10_000,
          ),
      })
      .catch(() => undefined);
  }
}
