#!/usr/bin/env node
/* global process, console */
/**
 * Runs the Prisma CLI for the database Convergence Lab uses, offline. Plain JavaScript so
 * that it runs from npm scripts (postinstall, prestart) before anything is compiled.
 *
 *   node server/db/prisma-cli.mjs generate          generate both clients (prisma/generated/*)
 *   node server/db/prisma-cli.mjs migrate [URL]     apply committed migrations (migrate deploy)
 *   node server/db/prisma-cli.mjs migrate --warn-only   the same, but a failure only warns
 *                                                   (prestart: live runs need no database, and
 *                                                   the server retries on first use)
 *   node server/db/prisma-cli.mjs status [URL]      migrate status
 *   node server/db/prisma-cli.mjs diff [URL]        SQL from an empty database to the schema
 *   node server/db/prisma-cli.mjs new NAME [REF]    write the migrations (SQLite and PostgreSQL)
 *                                                   from the schemas at git REF (default HEAD)
 *                                                   to the schemas in the work tree
 *
 * URL defaults to DATABASE_URL, and without it to the embedded SQLite file
 * data/convergence-lab.db. A `file:` URL selects prisma/prisma.config.ts (SQLite), a
 * `postgres://` or `postgresql://` URL prisma/postgres/prisma.config.ts.
 *
 * Prisma 6.19 migrates through the driver adapter with its JavaScript schema engine; the
 * engine variables below only have to name an existing file (never executed), so that the
 * CLI does not try to download engine binaries (ENVIRONMENT.md).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");
const placeholder = path.join(root, "node_modules", "prisma", "package.json");

const flavours = {
  sqlite: {
    config: "prisma/prisma.config.ts",
    schema: "prisma/schema.prisma",
    migrations: "prisma/migrations",
  },
  postgresql: {
    config: "prisma/postgres/prisma.config.ts",
    schema: "prisma/postgres/schema.prisma",
    migrations: "prisma/postgres/migrations",
  },
};

/** The database URL with a relative SQLite path made absolute (against the project root). */
export function resolveUrl(raw) {
  const url = raw && raw.trim() !== "" ? raw.trim() : "file:data/convergence-lab.db";
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = path.resolve(root, url.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL); got "${url.split(":")[0]}:..."`,
  );
}

function engineEnv(url) {
  return {
    ...process.env,
    DATABASE_URL: url,
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
}

/** Runs one Prisma CLI command; returns its exit code and output. */
export function runPrisma(args, url, { quiet = false } = {}) {
  const result = spawnSync(process.execPath, [prismaBin, ...args], {
    cwd: root,
    encoding: "utf8",
    stdio: quiet ? "pipe" : "inherit",
    env: engineEnv(url),
  });
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? "",
    output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`,
  };
}

const configOf = (provider) => path.join(root, flavours[provider].config);
const schemaOf = (provider) => path.join(root, flavours[provider].schema);

function generate() {
  if (!existsSync(prismaBin)) {
    // `npm install --package-lock-only` runs postinstall with nothing installed.
    console.log("prisma: not installed (yet); the clients are generated on the next install");
    return 0;
  }
  for (const provider of Object.keys(flavours)) {
    const url =
      provider === "sqlite" ? "file:data/convergence-lab.db" : "postgresql://localhost/unused";
    const { status, output } = runPrisma(["generate", "--config", configOf(provider)], url, {
      quiet: true,
    });
    if (status !== 0) {
      process.stderr.write(output);
      return status;
    }
    console.log(`prisma: generated the ${provider} client`);
  }
  return 0;
}

function migrate(target) {
  const args = ["migrate", "deploy", "--config", configOf(target.provider)];
  const { status, output } = runPrisma(args, target.url, { quiet: true });
  if (status !== 0) {
    process.stderr.write(output);
    console.error(`prisma: migrating the ${target.provider} database failed (exit ${status})`);
    return status;
  }
  const applied = /No pending migrations/.test(output) ? "up to date" : "migrations applied";
  const where = target.file ? ` (${target.file})` : "";
  console.log(`prisma: ${target.provider} database ${applied}${where}`);
  return 0;
}

/**
 * Writes a migration for each database, from the schemas at a git revision to the schemas in
 * the work tree: `migrate diff` between two datamodels, which needs no shadow database (the
 * JavaScript engine cannot use one for SQLite, so `migrate dev` fails here).
 * server/db/schema.test.ts then checks that the migrations build what the schemas say.
 */
function newMigrations(name, ref) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) {
    console.error("usage: node server/db/prisma-cli.mjs new NAME [REF]  (NAME: a-z, 0-9 and _)");
    return 2;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "convergence-lab-migration-"));
  try {
    for (const [provider, { schema, migrations }] of Object.entries(flavours)) {
      const before = path.join(scratch, `${provider}.prisma`);
      writeFileSync(before, execFileSync("git", ["show", `${ref}:${schema}`], { cwd: root }));
      const url =
        provider === "sqlite"
          ? `file:${path.join(scratch, "scratch.db")}`
          : (process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
      const args = ["migrate", "diff", "--config", configOf(provider), "--script"];
      args.push("--from-schema-datamodel", before, "--to-schema-datamodel", schemaOf(provider));
      const { status, stdout, output } = runPrisma(args, url, { quiet: true });
      if (status !== 0) {
        process.stderr.write(output);
        return status;
      }
      if (!/^(CREATE|ALTER|DROP|PRAGMA|INSERT)/m.test(stdout)) {
        console.log(`prisma: ${provider}: the schema has not changed since ${ref}`);
        continue;
      }
      const existing = readdirSync(path.join(root, migrations));
      if (existing.some((d) => d.endsWith(`_${name}`))) {
        console.error(`prisma: ${provider}: a migration named ${name} exists already`);
        return 2;
      }
      const dir = path.join(root, migrations, `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), stdout);
      console.log(`prisma: wrote ${path.relative(root, dir)}/migration.sql`);
    }
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const USAGE =
  "usage: node server/db/prisma-cli.mjs generate | migrate [URL] | status [URL] | diff [URL] | new NAME [REF]";

function main(argv) {
  const warnOnly = argv.includes("--warn-only");
  const [command, ...rest] = argv.filter((a) => a !== "--warn-only");
  if (command === "generate") return generate();
  if (command === "new") return newMigrations(rest[0], rest[1] ?? "HEAD");
  if (!["migrate", "status", "diff"].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const target = resolveUrl(rest[0] ?? process.env.DATABASE_URL);
  if (target.file) mkdirSync(path.dirname(target.file), { recursive: true });
  if (command === "migrate") {
    const status = migrate(target);
    if (status !== 0 && warnOnly) {
      console.error(
        "prisma: WARNING: the database could not be migrated (above); the server starts without stored runs and tries again when it first needs them",
      );
      return 0;
    }
    return status;
  }
  const config = configOf(target.provider);
  if (command === "status")
    return runPrisma(["migrate", "status", "--config", config], target.url).status;
  const args = ["migrate", "diff", "--config", config, "--from-empty"];
  args.push("--to-schema-datamodel", schemaOf(target.provider), "--script");
  return runPrisma(args, target.url).status;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`prisma: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  }
}
