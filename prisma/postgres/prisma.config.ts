import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { introspectionPool } from "./introspection-pool";

/**
 * Prisma CLI configuration for the PostgreSQL flavour (see ../prisma.config.ts). Run it through
 * server/db/prisma-cli.mjs, which sets DATABASE_URL to a postgres:// or postgresql:// URL.
 */
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "schema.prisma"),
  migrations: { path: path.join(__dirname, "migrations") },
  adapter: async () => new PrismaPg(introspectionPool(url)),
});
