import Sqlite from "better-sqlite3";
import pg from "pg";
import { ConflictError, NotFoundError } from "./errors";
import type { DatabaseTarget } from "./target";

/**
 * The hot path of the command log: one INSERT per applied command, through the database
 * driver itself rather than Prisma. A Prisma create costs about 1.5 ms of CPU in its query
 * pipeline, forty times the SQLite insert it issues (about 0.03 ms); a live run at full speed
 * pays that on the simulation's own thread, so here it is a prepared statement
 * (scripts/bench-db.ts measures both). Reads of the log still go through Prisma.
 */
export interface CommandWriter {
  insert(runId: string, seq: number, atMs: number, commandJson: string): Promise<void>;
  close(): Promise<void>;
}

const INSERT_SQLITE = `INSERT INTO "RunCommand" ("runId", "seq", "atMs", "command") VALUES (?, ?, ?, ?)`;
const INSERT_POSTGRES = `INSERT INTO "RunCommand" ("runId", "seq", "atMs", "command") VALUES ($1, $2, $3, $4)`;

function conflict(runId: string, seq: number): ConflictError {
  return new ConflictError(`run ${runId} has a command number ${seq} already`);
}

function noRun(runId: string): NotFoundError {
  return new NotFoundError(`no run "${runId}" to add a command to`);
}

/**
 * SQLite: a second connection to the same file, in WAL mode with synchronous=NORMAL, like
 * the Prisma client's (client.ts). better-sqlite3 is synchronous: a write that had to wait
 * for a lock held by a Prisma transaction of this same process would wait on the thread that
 * transaction needs to finish. database.ts therefore passes every write, Prisma's and these,
 * through one WriteGate, so this statement only ever waits for other processes.
 */
function sqliteWriter(file: string): CommandWriter {
  const db = new Sqlite(file, { timeout: 5000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  let insert: Sqlite.Statement | null = null;
  return {
    async insert(runId, seq, atMs, commandJson) {
      try {
        insert ??= db.prepare(INSERT_SQLITE);
        insert.run(runId, seq, atMs, commandJson);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "SQLITE_CONSTRAINT_PRIMARYKEY") throw conflict(runId, seq);
        if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") throw noRun(runId);
        throw e;
      }
    },
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL: a small pool of its own and a named prepared statement. */
function postgresWriter(url: string): CommandWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  // An idle connection that the server drops must not crash the process.
  pool.on("error", () => undefined);
  return {
    async insert(runId, seq, atMs, commandJson) {
      try {
        await pool.query({
          name: "convergence-lab-append-command",
          text: INSERT_POSTGRES,
          values: [runId, seq, atMs, commandJson],
        });
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === "23505") throw conflict(runId, seq);
        if (code === "23503") throw noRun(runId);
        throw e;
      }
    },
    close: () => pool.end(),
  };
}

export function createCommandWriter(target: DatabaseTarget): CommandWriter {
  return target.provider === "sqlite" ? sqliteWriter(target.file) : postgresWriter(target.url);
}

/**
 * Runs writes one at a time (a promise chain). With SQLite every write of the process goes
 * through it; with PostgreSQL, whose locks are the server's, it lets everything through.
 */
export interface WriteGate {
  run<T>(write: () => Promise<T>): Promise<T>;
}

export function createWriteGate(serial: boolean): WriteGate {
  if (!serial) return { run: (write) => write() };
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(write) {
      const result = tail.then(write);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
