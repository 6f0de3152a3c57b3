import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { deployMigrations } from "./migrate";
import { resolveDatabaseTarget } from "./target";
import {
  postgresForTests,
  postgresTestDatabase,
  sqliteTestDatabase,
  type TestDatabase,
} from "./test-support";

/**
 * The two schema files describe the same models, and the committed migrations of each
 * build exactly the database its schema describes: a database migrated with
 * `migrate deploy` has the same tables, columns, keys and indexes as one built straight
 * from the schema (`migrate diff --from-empty --script`). A schema change without its
 * migration, for either database, fails here.
 */

const root = process.cwd();
const models = (file: string) => {
  const text = readFileSync(path.join(root, file), "utf8");
  return text.slice(text.indexOf("/// A scenario in the library"));
};

function scriptFromSchema(url: string): string {
  return execFileSync(process.execPath, [path.join(root, "server/db/prisma-cli.mjs"), "diff"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const cleanups: TestDatabase[] = [];
afterAll(async () => {
  for (const c of cleanups) await c.cleanup();
});

it("prisma/schema.prisma and prisma/postgres/schema.prisma hold the same models", () => {
  expect(models("prisma/postgres/schema.prisma")).toEqual(models("prisma/schema.prisma"));
});

function describeSqlite(file: string) {
  const db = new Sqlite(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name`,
      )
      .all() as { name: string }[];
    return tables.map(({ name }) => ({
      name,
      columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
      foreignKeys: db.prepare(`PRAGMA foreign_key_list("${name}")`).all(),
      indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string }[])
        .map((i) => ({ ...i, columns: db.prepare(`PRAGMA index_info("${i.name}")`).all() }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  } finally {
    db.close();
  }
}

it("the SQLite migrations build what prisma/schema.prisma describes", async () => {
  const migrated = sqliteTestDatabase();
  const direct = sqliteTestDatabase();
  cleanups.push(migrated, direct);
  const a = resolveDatabaseTarget(migrated.url);
  const b = resolveDatabaseTarget(direct.url);
  await deployMigrations(a);
  const script = scriptFromSchema(direct.url);
  expect(script).toContain("CREATE TABLE");
  const db = new Sqlite(b.provider === "sqlite" ? b.file : "");
  db.exec(script);
  db.close();
  if (a.provider !== "sqlite" || b.provider !== "sqlite") throw new Error("expected SQLite");
  const migratedShape = describeSqlite(a.file);
  expect(migratedShape.map((t) => t.name)).toEqual(["Run", "RunCommand", "Scenario"]);
  expect(migratedShape).toEqual(describeSqlite(b.file));
});

const postgres = await postgresForTests();

describe.skipIf(!postgres)("PostgreSQL", () => {
  async function describePostgres(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const columns = await client.query(
        `SELECT table_name, column_name, data_type, is_nullable, column_default, ordinal_position
           FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%'
          ORDER BY table_name, ordinal_position`,
      );
      const indexes = await client.query(
        `SELECT tablename, indexname, indexdef FROM pg_indexes
          WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%' ORDER BY indexname`,
      );
      const constraints = await client.query(
        `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE '\\_%' ORDER BY conname`,
      );
      return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
    } finally {
      await client.end();
    }
  }

  it("the PostgreSQL migrations build what prisma/postgres/schema.prisma describes", async () => {
    const migrated = await postgresTestDatabase();
    const direct = await postgresTestDatabase();
    cleanups.push(migrated, direct);
    await deployMigrations(resolveDatabaseTarget(migrated.url));
    const script = scriptFromSchema(direct.url);
    const client = new pg.Client({ connectionString: direct.url });
    await client.connect();
    await client.query(script);
    await client.end();
    const migratedShape = await describePostgres(migrated.url);
    expect(new Set(migratedShape.columns.map((c) => c.table_name))).toEqual(
      new Set(["Run", "RunCommand", "Scenario"]),
    );
    expect(migratedShape).toEqual(await describePostgres(direct.url));
  });
});
