import { queryOptions } from "@tanstack/react-query";
import {
  createRunResponseSchema,
  httpErrorSchema,
  runDetailResponseSchema,
  runInfoSchema,
  scenarioSummarySchema,
  type CreateRunRequest,
  type CreateRunResponse,
} from "../../server/protocol";
import { z } from "zod";

/**
 * Every HTTP request of the dashboard: queryOptions factories (one key per resource,
 * shared by every component and by cache updates) and the run-creating mutation.
 * Answers are parsed with the protocol's schemas: the browser trusts nothing unparsed.
 */

/** A refused request, with the HTTP status (404: no such run). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new RequestError(errorText(body, res.status), res.status);
  return schema.parse(body);
}

function errorText(body: unknown, status: number): string {
  const parsed = httpErrorSchema.safeParse(body);
  if (!parsed.success) return `the server answered ${status}`;
  const issues = parsed.data.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
  return issues ? `${parsed.data.error} (${issues})` : parsed.data.error;
}

const scenarioListSchema = z.union([
  z.array(scenarioSummarySchema),
  z.object({ scenarios: z.array(scenarioSummarySchema) }).transform((x) => x.scenarios),
]);

export const queryKeys = {
  scenarios: ["scenarios"] as const,
  runs: ["runs"] as const,
  run: (runId: string) => ["runs", runId] as const,
};

export const scenariosQuery = () =>
  queryOptions({
    queryKey: queryKeys.scenarios,
    queryFn: ({ signal }) => getJson("/api/scenarios", scenarioListSchema, signal),
    staleTime: 5 * 60_000,
  });

const runListSchema = z.union([
  z.array(runInfoSchema),
  z.object({ runs: z.array(runInfoSchema) }).transform((x) => x.runs),
]);

export const runsQuery = () =>
  queryOptions({
    queryKey: queryKeys.runs,
    queryFn: ({ signal }) => getJson("/api/runs", runListSchema, signal),
    staleTime: 5_000,
  });

export const runQuery = (runId: string) =>
  queryOptions({
    queryKey: queryKeys.run(runId),
    // GET /api/runs/:id answers the live part and the stored record; this page needs the live one.
    queryFn: async ({ signal }) => {
      const detail = await getJson(
        `/api/runs/${encodeURIComponent(runId)}`,
        runDetailResponseSchema,
        signal,
      );
      if (!detail.live) throw new RequestError(`run ${runId} is not live`, 404);
      return runInfoSchema.parse(detail.live);
    },
    staleTime: 5_000,
    // A run that does not exist will not appear by asking again.
    retry: (count, error) => !(error instanceof RequestError && error.status === 404) && count < 2,
  });

export async function createRun(request: CreateRunRequest): Promise<CreateRunResponse> {
  const res = await fetch("/api/runs", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(request),
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(errorText(body, res.status));
  return createRunResponseSchema.parse(body);
}
