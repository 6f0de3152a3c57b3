import type { z } from "zod";
import type { HttpError } from "../protocol";
// Types only: a route handler must not load Prisma (server/db/boundaries.test.ts).
import type { Database } from "../db/database";

/**
 * What every route handler shares: the answer type, the database it may use, and how
 * errors become answers. Route handlers are bundled by Next apart from the custom server,
 * so errors thrown by the server's database are recognised by their shape (a numeric
 * `status`), never with `instanceof`.
 */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T | HttpError;
}

export type Issue = { path: string; message: string };

export function fail<T>(status: number, error: string, issues?: Issue[]): ApiAnswer<T> {
  return { status, body: { error, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

/** Zod issues as `{path, message}`, paths dotted (`scenario.topic.partitions`). */
export function issuesOf(error: z.ZodError, prefix = ""): Issue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((p) => p !== "").join(".") || "(body)",
    message: i.message,
  }));
}

/** Parses input; a failure is a 400 naming every failing field. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): { ok: true; data: z.output<S> } | { ok: false; answer: ApiAnswer<never> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, answer: fail(400, `invalid ${what}`, issuesOf(parsed.error)) };
}

/** Parses what the server answers: a mismatch is a bug here, never the client's fault. */
export function answer<S extends z.ZodType>(
  status: number,
  schema: S,
  body: z.input<S>,
): ApiAnswer<z.output<S>> {
  return { status, body: schema.parse(body) };
}

interface StatusError {
  status: number;
  message: string;
  code?: unknown;
  issues?: unknown;
}

function isStatusError(e: unknown): e is StatusError {
  if (!(e instanceof Error)) return false;
  const status = (e as { status?: unknown }).status;
  return typeof status === "number" && status >= 400 && status < 600;
}

/** A DbError, RunFileError or CreateRunError as its answer; anything else is rethrown (500). */
export function errorAnswer<T>(e: unknown): ApiAnswer<T> {
  if (!isStatusError(e)) throw e;
  const issues = Array.isArray(e.issues) ? (e.issues as Issue[]) : [];
  return {
    status: e.status,
    body: {
      error: e.message,
      ...(typeof e.code === "string" ? { code: e.code } : {}),
      ...(issues.length > 0 ? { issues } : {}),
    },
  };
}

export const NO_STORAGE =
  "run storage is not open: the server could not open its database at start (see its log), or the app runs without the custom server (`npm run dev` or `npm start`)";

/**
 * Runs `work` with the database the custom server opened, turning every failure that has
 * a status into its answer: 503 (with the database named) when storage is down.
 */
export async function withDatabase<T>(
  pending: Promise<Database> | null,
  work: (db: Database) => Promise<ApiAnswer<T>>,
): Promise<ApiAnswer<T>> {
  if (!pending) return fail(503, NO_STORAGE);
  try {
    return await work(await pending);
  } catch (e) {
    return errorAnswer(e);
  }
}

/** The text of a storage failure for answers that go on without storage (`storageError`). */
export function storageErrorText(e: unknown): string {
  if (isStatusError(e)) return e.message;
  throw e;
}
