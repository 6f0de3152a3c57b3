import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PrismaClient as SqliteClient, Prisma } from "../../prisma/generated/sqlite/client";
import type { DatabaseTarget } from "./target";

/**
 * The Prisma client for a target. Two clients are generated from two schema files that
 * differ only in their provider (prisma/schema.prisma for SQLite, prisma/postgres/schema.prisma
 * for PostgreSQL); their query API over these models is the same, so the repositories are
 * written once against the SQLite client's types and the PostgreSQL client is used through
 * them. Nothing outside server/db sees either.
 */
export type DbClient = SqliteClient;
export type DbTransaction = Prisma.TransactionClient;

export async function createClient(target: DatabaseTarget): Promise<DbClient> {
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.file), { recursive: true });
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
      import("../../prisma/generated/sqlite/client"),
      import("@prisma/adapter-better-sqlite3"),
    ]);
    const client = new PrismaClient({
      adapter: new PrismaBetterSQLite3({ url: target.url, timeout: 5000 }),
    });
    await tuneSqlite(client);
    return client;
  }
  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import("../../prisma/generated/postgres/client"),
    import("@prisma/adapter-pg"),
  ]);
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: target.url, max: 10 }),
  });
  return client as unknown as DbClient;
}

/**
 * WAL lets the run list be read while commands are written. synchronous=NORMAL commits
 * without waiting for the disk: a committed command survives the server being killed
 * (SIGKILL, a crash), since it is in the WAL file; only a power loss can drop the last
 * few, which a replay then simply does not have. That keeps an append well under a
 * millisecond (scripts/bench-db.ts measures it).
 */
async function tuneSqlite(client: DbClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}
