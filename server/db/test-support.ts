import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Databases for tests: a temporary SQLite file per test file, and a fresh PostgreSQL
 * database per test file on the server at TEST_POSTGRES_URL (default
 * postgresql://postgres@127.0.0.1:5432/postgres, as these machines and .ci/run provide).
 */

export interface TestDatabase {
  url: string;
  cleanup(): Promise<void>;
}

export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "convergence-lab-db-"));
  return {
    url: `file:${path.join(dir, "test.db")}`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Null when the PostgreSQL server answers; otherwise why not. */
export async function postgresUnavailable(adminUrl = TEST_POSTGRES_URL): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (e) {
    return (e as Error).message || String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** Creates an empty database; cleanup drops it. */
export async function postgresTestDatabase(adminUrl = TEST_POSTGRES_URL): Promise<TestDatabase> {
  const name = `convergence_lab_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Whether this test file's PostgreSQL tests run. Under CI=true a missing server fails the
 * file loudly (.ci/run starts one); elsewhere the tests are skipped with a message saying why.
 */
export async function postgresForTests(): Promise<boolean> {
  const why = await postgresUnavailable();
  if (why === null) return true;
  if (process.env.CI === "true") {
    throw new Error(
      `PostgreSQL is required under CI=true but ${redact(TEST_POSTGRES_URL)} is not reachable (${why}). .ci/run starts it; set TEST_POSTGRES_URL to use another server.`,
    );
  }
  console.warn(
    `SKIPPING the PostgreSQL tests: no server at ${redact(TEST_POSTGRES_URL)} (${why}). Start one, or set TEST_POSTGRES_URL.`,
  );
  return false;
}
