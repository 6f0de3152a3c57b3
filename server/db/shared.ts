import type { Database } from "./database";

/**
 * The application's database as the custom server opened it (server/main.ts calls
 * getDatabase). Next.js bundles the route handlers apart from the custom server, so they
 * reach the same instance through globalThis, as they reach the run manager
 * (server/live/registry.ts). This module imports nothing of Prisma: a route handler that uses
 * it (with ./schemas, ./errors and server/runs) does not bundle the database drivers.
 */
export const DATABASE_KEY = "__convergenceLabDb";

type Holder = { [DATABASE_KEY]?: Promise<Database> };

/** The database promise, or null when the custom server has not opened one. */
export function sharedDatabase(): Promise<Database> | null {
  return (globalThis as Holder)[DATABASE_KEY] ?? null;
}

export function setSharedDatabase(db: Promise<Database> | undefined): void {
  (globalThis as Holder)[DATABASE_KEY] = db;
}
