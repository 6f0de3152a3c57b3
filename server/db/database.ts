import { createClient, type DbClient } from "./client";
import { createCommandWriter, createWriteGate, type WriteGate } from "./command-writer";
import { createCommandRepository, createRecorder, type CommandRepository } from "./commands";
import { translateDbError } from "./errors";
import { migrateIfNeeded } from "./migrate";
import { setSharedDatabase, sharedDatabase } from "./shared";
import { createRunRepository, type RunRepository } from "./runs";
import { createScenarioRepository, type ScenarioRepository } from "./scenarios";
import { describeTarget, resolveDatabaseTarget, type DatabaseTarget } from "./target";

/**
 * The storage of Convergence Lab: scenarios, runs and their command logs, over SQLite or
 * PostgreSQL. The application uses one instance (getDatabase); tests open their own.
 */
export interface Database {
  readonly provider: DatabaseTarget["provider"];
  /** Where the data is, without credentials: "SQLite /path/file.db", "PostgreSQL host:5432/db". */
  readonly where: string;
  readonly scenarios: ScenarioRepository;
  readonly runs: RunRepository;
  readonly commands: CommandRepository;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Defaults to DATABASE_URL, then to the embedded SQLite file data/convergence-lab.db. */
  url?: string;
  /** Apply missing migrations first (default true). */
  migrate?: boolean;
  /** Write the built-in scenarios (default true). */
  seedBuiltins?: boolean;
}

/**
 * Wraps every repository method so that a lost connection surfaces as
 * DatabaseUnavailableError (HTTP 503) naming the database, whatever the driver said.
 */
function guarded<T extends object>(repo: T, where: string): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(repo)) {
    if (typeof fn !== "function") continue;
    out[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        throw translateDbError(e, where);
      }
    };
  }
  return out as T;
}

/** Passes the named methods through the write gate (see command-writer.ts). */
function gated<T extends object>(repo: T, writes: (keyof T)[], gate: WriteGate): T {
  const out = { ...repo } as Record<string, unknown>;
  for (const name of writes) {
    const fn = repo[name] as (...a: unknown[]) => Promise<unknown>;
    out[name as string] = (...args: unknown[]) => gate.run(() => fn(...args));
  }
  return out as T;
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const target = resolveDatabaseTarget(options.url);
  const where = describeTarget(target);
  let client: DbClient;
  try {
    client = await createClient(target);
    if (options.migrate !== false) {
      ({ client } = await migrateIfNeeded(client, target, () => createClient(target)));
    }
  } catch (e) {
    throw translateDbError(e, where);
  }
  const gate = createWriteGate(target.provider === "sqlite");
  const writer = createCommandWriter(target);
  const scenarios = gated(
    createScenarioRepository(client),
    ["create", "update", "delete", "seedBuiltins"],
    gate,
  );
  const runs = gated(
    createRunRepository(client),
    ["create", "update", "delete", "fork", "interruptRunning"],
    gate,
  );
  const commands = guarded(createCommandRepository(client, writer, gate), where);
  const db: Database = {
    provider: target.provider,
    where,
    scenarios: guarded(scenarios, where),
    runs: guarded(runs, where),
    commands: {
      ...commands,
      // A recorder keeps state of its own; it writes through the guarded append.
      recorder: (runId, nextSeq) => createRecorder(commands.append, runId, nextSeq),
    },
    close: async () => {
      await writer.close().catch(() => undefined);
      await client.$disconnect();
    },
  };
  if (options.seedBuiltins !== false) await db.scenarios.seedBuiltins();
  return db;
}

/**
 * The application's one database, opened (and migrated, and seeded) on first use. Kept on
 * globalThis (shared.ts) so that Next.js reloading a module in development, or a route
 * handler bundled apart from the custom server, finds the same one. A failed open is not
 * kept: the next call tries again.
 */
export function getDatabase(): Promise<Database> {
  let pending = sharedDatabase();
  if (!pending) {
    pending = openDatabase().catch((e: unknown) => {
      setSharedDatabase(undefined);
      throw e;
    });
    setSharedDatabase(pending);
  }
  return pending;
}

/** Closes the application's database (server shutdown, tests). */
export async function closeDatabase(): Promise<void> {
  const pending = sharedDatabase();
  setSharedDatabase(undefined);
  if (pending) await (await pending).close().catch(() => undefined);
}
