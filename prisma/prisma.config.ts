import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * Prisma CLI configuration for the SQLite flavour. Prisma 6.19's JavaScript schema engine
 * migrates through the driver adapter, so no engine binary is downloaded (ENVIRONMENT.md).
 * Run it through server/db/prisma-cli.ts (`npm run db:migrate`, `npm run db:generate`), which
 * sets the database URL and the engine variables; the URL is a `file:` path.
 */
const url = process.env.DATABASE_URL ?? "file:data/convergence-lab.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "schema.prisma"),
  migrations: { path: path.join(__dirname, "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
