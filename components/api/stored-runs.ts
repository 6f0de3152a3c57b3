import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { httpErrorSchema } from "../../server/protocol";
import {
  importRunResponseSchema,
  openedRunResponseSchema,
  replayResponseSchema,
  runDetailResponseSchema,
  runListResponseSchema,
  type OpenedRunResponse,
  type RunListResponse,
  type StoredRunItem,
} from "../../server/protocol";
import { listQueryString, type RunFilters } from "../runs/run-filters";
import { saveOperatorSecret } from "./operator-secret";

/**
 * The stored runs (the run list, one run's record, its replay, fork, open, export,
 * import): queryOptions factories under one key family, and the mutations. Answers are
 * parsed with the protocol's schemas: the browser trusts nothing unparsed.
 */

export type RunListItem = StoredRunItem;
export type RunListPage = RunListResponse;

/** A refused request, with the HTTP status (404: no such run, 503: the run store is unreachable). */
export class StoredRunError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
    readonly code?: string,
  ) {
    super(message);
  }
  get unavailable(): boolean {
    return this.status === 503;
  }
}

export function refusal(body: unknown, status: number): StoredRunError {
  const parsed = httpErrorSchema.safeParse(body);
  if (!parsed.success)
    return new StoredRunError(
      status === 503 ? "the run store is unavailable" : `the server answered ${status}`,
      status,
    );
  const { error, issues, code } = parsed.data;
  return new StoredRunError(error, status, issues ?? [], code);
}

async function parsed<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw refusal(body, res.status);
  return schema.parse(body);
}

/** The run store answered, but could not reach its database: the same as a 503. */
function unavailableIf<T extends { storageError?: string | undefined }>(answer: T): T {
  if (answer.storageError) throw new StoredRunError(answer.storageError, 503);
  return answer;
}

const runPath = (runId: string) => `/api/runs/${encodeURIComponent(runId)}`;

export const storedRunKeys = {
  all: ["stored-runs"] as const,
  list: (filters: RunFilters) => ["stored-runs", "list", listQueryString(filters)] as const,
  run: (runId: string) => ["stored-runs", "run", runId] as const,
  replay: (runId: string) => ["stored-runs", "replay", runId] as const,
};

/** Asking again helps with a network blip, not with a refusal. */
const retryUnlessRefused = (count: number, error: Error) =>
  !(error instanceof StoredRunError) && count < 1;

export const storedRunsQuery = (filters: RunFilters) =>
  queryOptions({
    queryKey: storedRunKeys.list(filters),
    queryFn: async ({ signal }) =>
      unavailableIf(
        await parsed(
          await fetch(`/api/runs?${listQueryString(filters)}`, { signal }),
          runListResponseSchema,
        ),
      ),
    staleTime: 3_000,
    retry: retryUnlessRefused,
    placeholderData: (previous) => previous,
  });

/** One run: its stored record and command log, and its live metadata when it is live. */
export const storedRunQuery = (runId: string) =>
  queryOptions({
    queryKey: storedRunKeys.run(runId),
    queryFn: async ({ signal }) =>
      parsed(await fetch(runPath(runId), { signal }), runDetailResponseSchema),
    staleTime: 5_000,
    retry: retryUnlessRefused,
  });

/** The stored run re-simulated from its scenario, seed and command log (seconds for long runs). */
export const replayQuery = (runId: string) =>
  queryOptions({
    queryKey: storedRunKeys.replay(runId),
    queryFn: async ({ signal }) =>
      parsed(await fetch(`${runPath(runId)}/replay`, { signal }), replayResponseSchema),
    staleTime: Infinity,
    retry: false,
  });

export async function deleteStoredRun(runId: string): Promise<void> {
  await parsed(await fetch(runPath(runId), { method: "DELETE" }), z.unknown());
}

/** Where the export of a run is downloaded from (an attachment). */
export function exportUrl(runId: string): string {
  return `${runPath(runId)}/export`;
}

/** Imports a run file as it was read; the server replays it before storing it. */
export async function importRunFile(text: string): Promise<{ runId: string }> {
  const res = await fetch("/api/runs/import", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: text,
  });
  const answer = await parsed(res, importRunResponseSchema);
  return { runId: answer.run.id };
}

async function opened(res: Response): Promise<OpenedRunResponse> {
  const answer = await parsed(res, openedRunResponseSchema);
  if (answer.live) saveOperatorSecret(answer.live.runId, answer.live.operatorSecret);
  return answer;
}

/** A new run from this one's state at `atMs`; this browser becomes its operator. */
export async function forkStoredRun(runId: string, atMs: number): Promise<OpenedRunResponse> {
  return opened(
    await fetch(`${runPath(runId)}/fork`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ atMs }),
    }),
  );
}

/** Opens a stored run live again, paused where it stands; this browser becomes its operator. */
export async function openStoredRun(runId: string): Promise<OpenedRunResponse> {
  return opened(await fetch(`${runPath(runId)}/open`, { method: "POST" }));
}
