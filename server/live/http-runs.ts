import {
  deletedResponseSchema,
  forkRunRequestSchema,
  importRunResponseSchema,
  listRunsParamsSchema,
  openedRunResponseSchema,
  replayParamsSchema,
  replayResponseSchema,
  runDetailResponseSchema,
  runIdSchema,
  runListResponseSchema,
  type DeletedResponse,
  type ImportRunResponse,
  type LiveHandle,
  type OpenedRunResponse,
  type ReplayResponse,
  type RunDetailResponse,
  type RunListResponse,
} from "../protocol";
import type { Database } from "../db/database";
import type { StoredRun } from "../db/schemas";
import { exportRun, importRun, serializeRunFile } from "../runs/export";
import { replayStoredRun, replayTarget } from "../runs/replay";
import { outcomeOf } from "../runs/summary";
import type { RunManager } from "./run-manager";
import {
  answer,
  errorAnswer,
  fail,
  parseOr400,
  storageErrorText,
  withDatabase,
  type ApiAnswer,
} from "./http-common";

/**
 * The stored-run routes (app/api/runs/...): what each does without Next, so that tests
 * call them directly. `pending` is the database the custom server opened (null without
 * one); `manager` the live runs (null without the custom server).
 */
type Pending = Promise<Database> | null;

function badId<T>(id: string): ApiAnswer<T> | null {
  return runIdSchema.safeParse(id).success
    ? null
    : fail(400, "invalid run id", [{ path: "id", message: "letters, digits, _ and -" }]);
}

/** URLSearchParams as an object: repeated or comma-separated `status`, the rest single. */
function paramsObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    out[key] =
      key === "status"
        ? params
            .getAll(key)
            .flatMap((v) => v.split(","))
            .filter(Boolean)
        : params.get(key);
  }
  return out;
}

/** GET /api/runs: the live runs, and one page of stored runs matching the filters. */
export async function listRuns(
  manager: RunManager | null,
  pending: Pending,
  params: URLSearchParams = new URLSearchParams(),
): Promise<ApiAnswer<RunListResponse>> {
  const parsed = parseOr400(listRunsParamsSchema, paramsObject(params), "query");
  if (!parsed.ok) return parsed.answer;
  const q = parsed.data;
  const live = manager?.list() ?? [];
  const empty = { runs: live, items: [], total: 0, limit: q.limit, offset: q.offset };
  if (!pending)
    return answer(200, runListResponseSchema, { ...empty, storageError: noStorage(manager) });
  try {
    const db = await pending;
    const text = q.text ?? q.q;
    const page = await db.runs.list({
      ...(q.scenario !== undefined ? { scenario: q.scenario } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.seed !== undefined ? { seed: q.seed } : {}),
      ...(text ? { text } : {}),
      ...(q.parent !== undefined ? { parentRunId: q.parent } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return answer(200, runListResponseSchema, {
      ...page,
      runs: live,
      items: page.items.map((i) => ({ ...i, live: manager?.get(i.id) !== undefined })),
    });
  } catch (e) {
    return answer(200, runListResponseSchema, { ...empty, storageError: storageErrorText(e) });
  }
}

function noStorage(manager: RunManager | null): string {
  return manager
    ? "runs are not stored: the server could not open its database at start (see its log)"
    : "run storage needs the custom server: start the app with `npm run dev` or `npm start`";
}

function storedWire(run: StoredRun, manager: RunManager | null) {
  return { ...run, live: manager?.get(run.id) !== undefined };
}

/** GET /api/runs/:id: live metadata, the stored record and its command log. */
export async function getRun(
  manager: RunManager | null,
  pending: Pending,
  id: string,
): Promise<ApiAnswer<RunDetailResponse>> {
  const bad = badId<RunDetailResponse>(id);
  if (bad) return bad;
  const live = manager?.info(id) ?? null;
  let stored: StoredRun | null = null;
  let commands: RunDetailResponse["commands"] = null;
  let storageError: string | undefined;
  if (pending) {
    try {
      const db = await pending;
      stored = await db.runs.get(id);
      if (stored) commands = await db.commands.list(id);
    } catch (e) {
      storageError = storageErrorText(e);
    }
  } else storageError = noStorage(manager);
  if (!live && !stored) {
    if (storageError && !live) return fail(503, storageError);
    return fail(404, `no run "${id}"`);
  }
  return answer(200, runDetailResponseSchema, {
    runId: id,
    live,
    stored: stored ? storedWire(stored, manager) : null,
    commands,
    ...(storageError ? { storageError } : {}),
  });
}

/** DELETE /api/runs/:id: closes it if live, deletes it and its log; forks stay. */
export async function deleteRun(
  manager: RunManager | null,
  pending: Pending,
  id: string,
): Promise<ApiAnswer<DeletedResponse>> {
  const bad = badId<DeletedResponse>(id);
  if (bad) return bad;
  return withDatabase(pending, async (db) => {
    const live = manager?.get(id);
    if (live) {
      manager!.close(id);
      // Its journal may still be writing; deleting after it keeps nothing behind.
      await live.stored();
    }
    const deleted = await db.runs.delete(id);
    if (!deleted && !live) return fail(404, `no run "${id}"`);
    return answer(200, deletedResponseSchema, { deleted: true });
  });
}

/** GET /api/runs/:id/export: the run file's text and a file name for it. */
export async function exportRunFile(
  pending: Pending,
  id: string,
): Promise<ApiAnswer<never> | { status: 200; filename: string; text: string }> {
  const bad = badId<never>(id);
  if (bad) return bad;
  if (!pending) return fail(503, noStorage(null));
  try {
    const file = await exportRun(await pending, id);
    const slug = file.title.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-|-$/g, "") || "run";
    return { status: 200, filename: `${slug}.convergence-run.json`, text: serializeRunFile(file) };
  } catch (e) {
    return errorAnswer(e);
  }
}

/** POST /api/runs/import: verifies the file completely before anything is written. */
export async function importRunFile(
  manager: RunManager | null,
  pending: Pending,
  text: string,
): Promise<ApiAnswer<ImportRunResponse>> {
  return withDatabase(pending, async (db) => {
    const run = await importRun(db, text);
    return answer(201, importRunResponseSchema, { run: storedWire(run, manager) });
  });
}

/** GET /api/runs/:id/replay?untilMs=: re-simulates the stored run and compares hashes. */
export async function replayRun(
  pending: Pending,
  id: string,
  params: URLSearchParams = new URLSearchParams(),
): Promise<ApiAnswer<ReplayResponse>> {
  const bad = badId<ReplayResponse>(id);
  if (bad) return bad;
  const parsed = parseOr400(replayParamsSchema, paramsObject(params), "query");
  if (!parsed.ok) return parsed.answer;
  return withDatabase(pending, async (db) => {
    const report = await replayStoredRun(db, id, parsed.data);
    const { result, ...rest } = report;
    return answer(200, replayResponseSchema, { ...rest, outcome: outcomeOf(result) });
  });
}

/**
 * POST /api/runs/:id/fork {atMs, title?}: a live parent forks from its own timeline (its
 * newest commands may not be stored yet); a stored one through the database, then opens live.
 */
export async function forkRun(
  manager: RunManager | null,
  pending: Pending,
  id: string,
  body: unknown,
): Promise<ApiAnswer<OpenedRunResponse>> {
  const bad = badId<OpenedRunResponse>(id);
  if (bad) return bad;
  const parsed = parseOr400(forkRunRequestSchema, body, "request body");
  if (!parsed.ok) return parsed.answer;
  const { atMs, title } = parsed.data;
  return withDatabase(pending, async (db) => {
    const parent = manager?.get(id);
    if (parent && manager) {
      const made = manager.fork(parent, atMs, title);
      await made.run.stored();
      const run = await db.runs.get(made.runId);
      if (!run) return fail(503, `the fork ${made.runId} is live but could not be stored`);
      return opened(201, run, manager, { runId: made.runId, operatorSecret: made.operatorSecret });
    }
    const run = await db.runs.fork(id, { forkAtMs: atMs, ...(title ? { title } : {}) });
    return openLive(201, db, manager, run);
  });
}

/** POST /api/runs/:id/open: a stored run that is not live goes live again, paused. */
export async function openRun(
  manager: RunManager | null,
  pending: Pending,
  id: string,
): Promise<ApiAnswer<OpenedRunResponse>> {
  const bad = badId<OpenedRunResponse>(id);
  if (bad) return bad;
  if (!manager) return fail(503, noStorage(null));
  if (manager.get(id)) return fail(409, `run ${id} is live already: join it`);
  return withDatabase(pending, async (db) => {
    const run = await db.runs.get(id);
    if (!run) return fail(404, `no run "${id}"`);
    return openLive(200, db, manager, run);
  });
}

async function openLive(
  status: number,
  db: Database,
  manager: RunManager | null,
  run: StoredRun,
): Promise<ApiAnswer<OpenedRunResponse>> {
  if (!manager) return opened(status, run, manager, null);
  const commands = await db.commands.list(run.id);
  const made = await manager.open(run.id, run, {
    commands,
    untilMs: replayTarget(run.virtualMs, commands),
    parentRunId: run.parentRunId,
    forkAtMs: run.forkAtMs,
  });
  await made.run.stored();
  const fresh = (await db.runs.get(run.id)) ?? run;
  return opened(status, fresh, manager, { runId: made.runId, operatorSecret: made.operatorSecret });
}

function opened(
  status: number,
  run: StoredRun,
  manager: RunManager | null,
  live: LiveHandle | null,
): ApiAnswer<OpenedRunResponse> {
  return answer(status, openedRunResponseSchema, { run: storedWire(run, manager), live });
}
