import path from "node:path";

/**
 * Where the data lives. Without DATABASE_URL it is the embedded SQLite file
 * data/convergence-lab.db under the project; a `file:` URL names another SQLite file
 * (relative paths are taken from the project root, the directory the server starts in);
 * a `postgres://` or `postgresql://` URL selects PostgreSQL.
 */
export type DatabaseTarget =
  { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string };

export const DEFAULT_SQLITE_URL = "file:data/convergence-lab.db";

export class DatabaseUrlError extends Error {}

export function resolveDatabaseTarget(
  raw: string | undefined = process.env.DATABASE_URL,
  root: string = process.cwd(),
): DatabaseTarget {
  const url = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_SQLITE_URL;
  if (/^postgres(ql)?:\/\//.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = path.resolve(root, url.slice("file:".length));
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  throw new DatabaseUrlError(
    `DATABASE_URL must start with file: (SQLite) or postgres:// or postgresql:// (PostgreSQL); it starts with "${url.split(":")[0]}:"`,
  );
}

/** The target for logs and error messages: a PostgreSQL password is never shown. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return `SQLite ${target.file}`;
  try {
    const u = new URL(target.url);
    return `PostgreSQL ${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "PostgreSQL (unparsable URL)";
  }
}
