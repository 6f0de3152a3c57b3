import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { checkNames, httpErrorSchema } from "../../server/protocol";
import { listQueryString, type RunFilters } from "../runs/run-filters";

/**
 * The stored runs (the run list, one run's record, its replay, fork, export, import):
 * queryOptions factories under one key family, and the mutations. Answers are parsed:
 * the browser trusts nothing unparsed.
 */

/** A refused request, with the HTTP status (404: no such run, 503: the database is unreachable). */
export class StoredRunError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
  get unavailable(): boolean {
    return this.status === 503;
  }
}

const countsSchema = z.partialRecord(z.enum(checkNames), z.number().int().min(0));

export const runListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  scenarioName: z.string(),
  seed: z.number().int(),
  status: z.string(),
  error: z.string().nullable(),
  parentRunId: z.string().nullable(),
  forkAtMs: z.number().nullable(),
  virtualMs: z.number(),
  traceHash: z.string().nullable(),
  verdicts: countsSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RunListItem = z.infer<typeof runListItemSchema>;

export const runPageSchema = z.object({
  items: z.array(runListItemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type RunListPage = z.infer<typeof runPageSchema>;

async function answer(res: Response): Promise<unknown> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw refusal(body, res.status);
  return body;
}

export function refusal(body: unknown, status: number): StoredRunError {
  const parsed = httpErrorSchema.safeParse(body);
  if (!parsed.success)
    return new StoredRunError(
      status === 503 ? "the run store is unavailable" : `the server answered ${status}`,
      status,
    );
  return new StoredRunError(parsed.data.error, status, parsed.data.issues ?? []);
}

export const storedRunKeys = {
  all: ["stored-runs"] as const,
  list: (filters: RunFilters) => ["stored-runs", "list", listQueryString(filters)] as const,
  run: (runId: string) => ["stored-runs", "run", runId] as const,
  replay: (runId: string) => ["stored-runs", "replay", runId] as const,
};

const noRetryOnRefusal = (count: number, error: Error) =>
  !(error instanceof StoredRunError && error.status < 500) && count < 1;

export const storedRunsQuery = (filters: RunFilters) =>
  queryOptions({
    queryKey: storedRunKeys.list(filters),
    queryFn: async ({ signal }) =>
      runPageSchema.parse(
        await answer(await fetch(`/api/runs?${listQueryString(filters)}`, { signal })),
      ),
    staleTime: 3_000,
    retry: noRetryOnRefusal,
    placeholderData: (previous) => previous,
  });

export async function deleteStoredRun(runId: string): Promise<void> {
  await answer(await fetch(`/api/runs/${encodeURIComponent(runId)}`, { method: "DELETE" }));
}

/** Where the export of a run is downloaded from (an attachment). */
export function exportUrl(runId: string): string {
  return `/api/runs/${encodeURIComponent(runId)}/export`;
}

const importAnswerSchema = z
  .object({ runId: z.string() })
  .or(z.object({ id: z.string() }).transform((x) => ({ runId: x.id })));

/** Imports a run file as it was read; the server checks it by replaying it. */
export async function importRunFile(text: string): Promise<{ runId: string }> {
  const res = await fetch("/api/runs/import", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: text,
  });
  return importAnswerSchema.parse(await answer(res));
}
