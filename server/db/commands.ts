import type { DbClient } from "./client";
import type { CommandWriter, WriteGate } from "./command-writer";
import { InvalidInputError, parseInput } from "./errors";
import { commandEntrySchema, type CommandEntryInput, type StoredCommand } from "./schemas";

/**
 * A run's operator command log, written one command at a time as the live run applies
 * them: one INSERT of one small row through the driver (command-writer.ts), committed
 * before the promise resolves, so a command whose append resolved survives the server
 * being killed. Scenario + seed + this log reproduce the run (server/sim/run.ts runScenario).
 */
export interface CommandRepository {
  /** Stores command number `seq` (0, 1, 2, ... in the order applied) of a run. */
  append(runId: string, seq: number, entry: CommandEntryInput): Promise<void>;
  /** The log in order; with untilMs, only the commands applied at or before it. */
  list(runId: string, options?: { untilMs?: number }): Promise<StoredCommand[]>;
  count(runId: string): Promise<number>;
  /**
   * Keeps only the first `keep` commands (seq < keep): a live run that was seeked back and
   * then given a new command replaced its future. Returns how many were deleted.
   */
  truncate(runId: string, keep: number): Promise<number>;
  /** An appender for one run that numbers commands itself and writes them in order. */
  recorder(runId: string, nextSeq?: number): CommandRecorder;
}

export interface CommandRecorder {
  /** Queues the command and resolves once it is stored; rejects if storing it failed. */
  record(entry: CommandEntryInput): Promise<void>;
  /** Resolves when every command recorded so far has been written (or has failed). */
  flush(): Promise<void>;
  readonly nextSeq: number;
}

export function createCommandRepository(
  client: DbClient,
  writer: CommandWriter,
  gate: WriteGate,
): CommandRepository {
  async function append(runId: string, seq: number, entry: CommandEntryInput): Promise<void> {
    if (!Number.isInteger(seq) || seq < 0) {
      throw new InvalidInputError("invalid command", [
        { path: "seq", message: "must be a whole number, 0 or more" },
      ]);
    }
    const valid = parseInput(commandEntrySchema, entry, "command");
    const json = JSON.stringify(valid.command);
    await gate.run(() => writer.insert(runId, seq, valid.atMs, json));
  }

  return {
    append,

    async list(runId, options = {}) {
      const rows = await client.runCommand.findMany({
        where: {
          runId,
          ...(options.untilMs !== undefined ? { atMs: { lte: options.untilMs } } : {}),
        },
        orderBy: { seq: "asc" },
      });
      return rows.map((r) => {
        const entry = commandEntrySchema.safeParse({
          atMs: r.atMs,
          command: JSON.parse(r.command),
        });
        if (!entry.success)
          throw new Error(
            `run ${runId}: stored command ${r.seq} is invalid: ${entry.error.message}`,
          );
        return { seq: r.seq, ...entry.data };
      });
    },

    count(runId) {
      return client.runCommand.count({ where: { runId } });
    },

    async truncate(runId, keep) {
      if (!Number.isInteger(keep) || keep < 0) {
        throw new InvalidInputError("invalid truncation", [
          { path: "keep", message: "must be a whole number, 0 or more" },
        ]);
      }
      const { count } = await gate.run(() =>
        client.runCommand.deleteMany({ where: { runId, seq: { gte: keep } } }),
      );
      return count;
    },

    recorder(runId, nextSeq = 0) {
      return createRecorder(append, runId, nextSeq);
    },
  };
}

/** Numbers a run's commands and writes them one after another, in the order recorded. */
export function createRecorder(
  append: CommandRepository["append"],
  runId: string,
  nextSeq = 0,
): CommandRecorder {
  let seq = nextSeq;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    record(entry) {
      const mine = seq++;
      const write = tail.then(() => append(runId, mine, entry));
      tail = write.catch(() => undefined);
      return write;
    },
    flush: () => tail.then(() => undefined),
    get nextSeq() {
      return seq;
    },
  };
}
