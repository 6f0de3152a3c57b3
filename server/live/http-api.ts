import { z } from "zod";
import type { Scenario } from "../sim/scenario";
import { builtinScenarios, findBuiltin } from "../scenarios";
import {
  createRunRequestSchema,
  runIdSchema,
  type CreateRunResponse,
  type HttpError,
  type RunInfo,
  type ScenarioDetail,
  type ScenarioSummary,
} from "../protocol";
import { isCreateRunError, type RunManager } from "./run-manager";

/**
 * What the HTTP route handlers (app/api/...) do, without Next: each function takes the
 * parsed request and answers a status and a JSON body. The route files only read the
 * request and write the response, so these are tested directly.
 */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T | HttpError;
}

const notRunning: ApiAnswer = {
  status: 503,
  body: {
    error: "live runs need the custom server: start the app with `npm run dev` or `npm start`",
  },
};

export function summaryOf(s: Scenario): ScenarioSummary {
  return {
    name: s.name,
    title: s.title,
    teaches: s.teaches,
    description: s.description,
    seed: s.seed,
    durationMs: s.durationMs,
    brokers: s.brokers.count,
    partitions: s.topic.partitions,
    replicationFactor: s.topic.replicationFactor,
    producers: s.producers.map((p) => p.id),
    groups: s.groups.map((g) => g.id),
    faults: s.faults.length,
    narrationSteps: s.narration.length,
    variants: s.variants.map((v) => ({ name: v.name, title: v.title })),
  };
}

export function listScenarios(): ApiAnswer<{ scenarios: ScenarioSummary[] }> {
  return { status: 200, body: { scenarios: builtinScenarios().map(summaryOf) } };
}

export function getScenario(name: string): ApiAnswer<ScenarioDetail> {
  const s = findBuiltin(name);
  if (!s) return { status: 404, body: { error: `no built-in scenario "${name}"` } };
  return { status: 200, body: { ...summaryOf(s), scenario: s } };
}

/** POST /api/runs: the body is JSON already parsed (or the parse error). */
export function createRun(manager: RunManager | null, body: unknown): ApiAnswer<CreateRunResponse> {
  const parsed = createRunRequestSchema.safeParse(body);
  if (!parsed.success)
    return { status: 400, body: { error: "invalid request body", issues: issues(parsed.error) } };
  if (!manager) return notRunning as ApiAnswer<CreateRunResponse>;
  try {
    const { runId, operatorSecret } = manager.create(parsed.data);
    return { status: 201, body: { runId, operatorSecret } };
  } catch (e) {
    if (isCreateRunError(e))
      return {
        status: e.status,
        body: { error: e.message, ...(e.issues.length > 0 ? { issues: e.issues } : {}) },
      };
    throw e;
  }
}

export function listRuns(manager: RunManager | null): ApiAnswer<{ runs: RunInfo[] }> {
  if (!manager) return notRunning as ApiAnswer<{ runs: RunInfo[] }>;
  return { status: 200, body: { runs: manager.list() } };
}

export function getRun(manager: RunManager | null, id: string): ApiAnswer<RunInfo> {
  if (!runIdSchema.safeParse(id).success)
    return {
      status: 400,
      body: {
        error: "invalid run id",
        issues: [{ path: "id", message: "letters, digits, _ and -" }],
      },
    };
  if (!manager) return notRunning as ApiAnswer<RunInfo>;
  const info = manager.info(id);
  return info
    ? { status: 200, body: info }
    : { status: 404, body: { error: `no live run "${id}"` } };
}

/** An unreadable body: the answer names the problem instead of failing inside the handler. */
export function invalidJson(message: string): ApiAnswer {
  return {
    status: 400,
    body: { error: "the request body is not JSON", issues: [{ path: "(body)", message }] },
  };
}

function issues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.length > 0 ? i.path.join(".") : "(body)",
    message: i.message,
  }));
}
