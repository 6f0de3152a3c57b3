import {
  createRunRequestSchema,
  createRunResponseSchema,
  type CreateRunResponse,
} from "../protocol";
import { findBuiltin } from "../scenarios";
import type { Database } from "../db/database";
import { isCreateRunError, type RunManager } from "./run-manager";
import { answer, fail, parseOr400, type ApiAnswer } from "./http-common";
import { findUserScenario } from "./http-scenarios";

/**
 * What the HTTP route handlers (app/api/...) do, without Next: each function takes the
 * parsed request and answers a status and a JSON body. The route files only read the
 * request and write the response, so these are tested directly. Stored runs are in
 * http-runs.ts, the scenario library in http-scenarios.ts.
 */
export type { ApiAnswer } from "./http-common";
export { listRuns, getRun } from "./http-runs";
export { listScenarios, getScenario, summaryOf } from "./http-scenarios";

const notRunning =
  "live runs need the custom server: start the app with `npm run dev` or `npm start`";

/**
 * POST /api/runs: the body is JSON already parsed. A scenario named by a string is a
 * built-in, or else one of the user's own from the database.
 */
export async function createRun(
  manager: RunManager | null,
  body: unknown,
  pending: Promise<Database> | null = null,
): Promise<ApiAnswer<CreateRunResponse>> {
  const parsed = parseOr400(createRunRequestSchema, body, "request body");
  if (!parsed.ok) return parsed.answer;
  if (!manager) return fail(503, notRunning);
  const input = parsed.data;
  let scenario = input.scenario;
  if (typeof scenario === "string" && !findBuiltin(scenario)) {
    const user = await findUserScenario(pending, scenario);
    if (user) scenario = user as unknown as Record<string, unknown>;
  }
  try {
    const { runId, operatorSecret } = manager.create({ ...input, scenario });
    return answer(201, createRunResponseSchema, { runId, operatorSecret });
  } catch (e) {
    if (isCreateRunError(e))
      return fail(e.status, e.message, e.issues.length > 0 ? e.issues : undefined);
    throw e;
  }
}

/** An unreadable body: the answer names the problem instead of failing inside the handler. */
export function invalidJson(message: string): ApiAnswer<never> {
  return fail(400, "the request body is not JSON", [{ path: "(body)", message }]);
}
