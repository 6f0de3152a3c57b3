import type { z } from "zod";

/**
 * What a repository call can fail with, whatever the database: each error carries the
 * HTTP status a route handler answers with, and invalid input names its failing fields.
 */
export interface FieldIssue {
  path: string;
  message: string;
}

export abstract class DbError extends Error {
  abstract readonly status: number;
}

export class NotFoundError extends DbError {
  readonly status = 404;
}

export class ConflictError extends DbError {
  readonly status = 409;
}

export class InvalidInputError extends DbError {
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(issues.length > 0 ? `${message}: ${formatFieldIssues(issues)}` : message);
  }
}

/** The database cannot be reached (or went away): live runs go on, storage is unavailable. */
export class DatabaseUnavailableError extends DbError {
  readonly status = 503;
}

export function formatFieldIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ");
}

export function zodIssues(error: z.ZodError, prefix = ""): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((p) => p !== "").join("."),
    message: i.message,
  }));
}

/** Parses input with a schema; a failure is an InvalidInputError naming each bad field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(`invalid ${what}`, zodIssues(parsed.error));
  return parsed.data;
}

/** Prisma error codes (and driver adapter error kinds) that mean the database is not there. */
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "AuthenticationFailed",
  "TlsConnectionError",
]);

interface PrismaLikeError {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  cause?: { kind?: unknown; code?: unknown };
}

/** The Prisma error code of a thrown value (P2002, P2025, ...), if it has one. */
export function prismaCode(e: unknown): string | undefined {
  const code = (e as PrismaLikeError | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Turns a connection failure into DatabaseUnavailableError; anything else is returned
 * unchanged. `where` says which database, without credentials.
 */
export function translateDbError(e: unknown, where: string): unknown {
  if (e instanceof DbError) return e;
  const err = e as PrismaLikeError | null;
  const code = prismaCode(e);
  const kind = err?.meta?.driverAdapterError?.cause?.kind ?? err?.cause?.kind;
  const sysCode = typeof err?.cause?.code === "string" ? err.cause.code : (code ?? "");
  const unreachable =
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) ||
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EPIPE)$/.test(sysCode) ||
    /Can't reach database|Connection terminated|connect ECONNREFUSED|Server has closed the connection/i.test(
      String(err?.message ?? ""),
    );
  if (!unreachable) return e;
  const detail = typeof kind === "string" ? kind : code || sysCode || "connection failed";
  return new DatabaseUnavailableError(
    `the database (${where}) cannot be reached (${detail}); stored runs and scenarios are unavailable until it is back`,
  );
}
