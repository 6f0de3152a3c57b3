import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { DbClient } from "./client";
import type { DatabaseTarget } from "./target";

/**
 * Brings a database up to the committed migrations (prisma/migrations for SQLite,
 * prisma/postgres/migrations for PostgreSQL). It first asks the database which migrations
 * it has, which costs one query; only when one is missing does it run `prisma migrate
 * deploy` (server/db/prisma-cli.mjs, about two seconds), so a fresh file or an empty
 * PostgreSQL database is set up on first start with no manual step.
 */
export class MigrationError extends Error {}

export function migrationsDir(target: DatabaseTarget, root = process.cwd()): string {
  return target.provider === "sqlite"
    ? path.join(root, "prisma", "migrations")
    : path.join(root, "prisma", "postgres", "migrations");
}

/** Names of the committed migrations, in the order they apply. */
export function committedMigrations(target: DatabaseTarget, root = process.cwd()): string[] {
  const dir = migrationsDir(target, root);
  if (!existsSync(dir)) throw new MigrationError(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/** Migrations the database has applied (none when it has never been migrated). */
export async function appliedMigrations(
  client: DbClient,
  provider: DatabaseTarget["provider"],
): Promise<string[]> {
  // Look for the table first rather than fail on it: a failed query is noise in logs.
  const [probe] = await client.$queryRawUnsafe<{ present: number | bigint }[]>(
    provider === "sqlite"
      ? `SELECT COUNT(*) AS present FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`
      : `SELECT CASE WHEN to_regclass('"_prisma_migrations"') IS NULL THEN 0 ELSE 1 END AS present`,
  );
  if (!probe || Number(probe.present) === 0) return [];
  const rows = await client.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return rows.map((r) => r.migration_name);
}

export async function pendingMigrations(
  client: DbClient,
  target: DatabaseTarget,
  root = process.cwd(),
): Promise<string[]> {
  const applied = new Set(await appliedMigrations(client, target.provider));
  return committedMigrations(target, root).filter((m) => !applied.has(m));
}

/** Runs `prisma migrate deploy` against the target; rejects with Prisma's output on failure. */
export function deployMigrations(target: DatabaseTarget, root = process.cwd()): Promise<void> {
  const cli = path.join(root, "server", "db", "prisma-cli.mjs");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "migrate"],
      {
        cwd: root,
        // The URL goes by environment, not argument, so that a password never shows in `ps`.
        env: { ...process.env, DATABASE_URL: target.url },
        timeout: 120_000,
        maxBuffer: 4 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) resolve();
        else reject(new MigrationError(`prisma migrate deploy failed:\n${stderr || stdout}`));
      },
    );
  });
}

/**
 * Applies whatever committed migrations the database lacks and returns their names. The
 * client is closed while Prisma migrates (SQLite allows one writer, and the CLI is another
 * process); the caller gets a fresh one.
 */
export async function migrateIfNeeded(
  client: DbClient,
  target: DatabaseTarget,
  reopen: () => Promise<DbClient>,
  root = process.cwd(),
): Promise<{ client: DbClient; applied: string[] }> {
  const pending = await pendingMigrations(client, target, root);
  if (pending.length === 0) return { client, applied: [] };
  await client.$disconnect();
  await deployMigrations(target, root);
  return { client: await reopen(), applied: pending };
}
