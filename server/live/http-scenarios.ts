import type { Scenario } from "../sim/scenario";
import { builtinScenarios, findBuiltin } from "../scenarios";
import {
  deletedResponseSchema,
  saveScenarioRequestSchema,
  scenarioDetailSchema,
  scenarioListResponseSchema,
  type DeletedResponse,
  type ScenarioDetail,
  type ScenarioListResponse,
  type ScenarioSummary,
} from "../protocol";
import type { Database } from "../db/database";
import type { ScenarioRecord } from "../db/schemas";
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
 * The scenario library routes (app/api/scenarios/...): the built-ins, always there, and
 * the user's own scenarios in the database, created and edited through the engine's
 * scenario rules. Built-ins are read-only.
 */

export function summaryOf(s: Scenario, builtin = true): ScenarioSummary {
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
    builtin,
  };
}

const detailOf = (r: Pick<ScenarioRecord, "scenario" | "builtin">): ScenarioDetail => ({
  ...summaryOf(r.scenario, r.builtin),
  scenario: r.scenario,
});

/** GET /api/scenarios: the library; without a database, the built-ins and why. */
export async function listScenarios(
  pending: Promise<Database> | null,
): Promise<ApiAnswer<ScenarioListResponse>> {
  const builtins = () => builtinScenarios().map((s) => summaryOf(s));
  if (!pending) return answer(200, scenarioListResponseSchema, { scenarios: builtins() });
  try {
    const records = await (await pending).scenarios.list();
    return answer(200, scenarioListResponseSchema, {
      scenarios: records.map((r) => summaryOf(r.scenario, r.builtin)),
    });
  } catch (e) {
    return answer(200, scenarioListResponseSchema, {
      scenarios: builtins(),
      storageError: storageErrorText(e),
    });
  }
}

/** GET /api/scenarios/:name: a built-in needs no database; a user scenario does. */
export async function getScenario(
  pending: Promise<Database> | null,
  name: string,
): Promise<ApiAnswer<ScenarioDetail>> {
  const builtin = findBuiltin(name);
  if (builtin)
    return answer(200, scenarioDetailSchema, detailOf({ scenario: builtin, builtin: true }));
  return withDatabase(pending, async (db) => {
    const record = await db.scenarios.get(name);
    if (!record) return fail(404, `no scenario "${name}"`);
    return answer(200, scenarioDetailSchema, detailOf(record));
  });
}

/** POST /api/scenarios {scenario}: a new user scenario. */
export async function createScenario(
  pending: Promise<Database> | null,
  body: unknown,
): Promise<ApiAnswer<ScenarioDetail>> {
  const parsed = parseOr400(saveScenarioRequestSchema, body, "request body");
  if (!parsed.ok) return parsed.answer;
  return withDatabase(pending, async (db) => {
    const record = await db.scenarios.create(parsed.data.scenario);
    return answer(201, scenarioDetailSchema, detailOf(record));
  });
}

/** PUT /api/scenarios/:name {scenario}: replaces a user scenario; built-ins are read-only. */
export async function updateScenario(
  pending: Promise<Database> | null,
  name: string,
  body: unknown,
): Promise<ApiAnswer<ScenarioDetail>> {
  if (findBuiltin(name)) return readOnly(name);
  const parsed = parseOr400(saveScenarioRequestSchema, body, "request body");
  if (!parsed.ok) return parsed.answer;
  return withDatabase(pending, async (db) => {
    const record = await db.scenarios.update(name, parsed.data.scenario);
    return answer(200, scenarioDetailSchema, detailOf(record));
  });
}

/** DELETE /api/scenarios/:name: user scenarios only. */
export async function deleteScenario(
  pending: Promise<Database> | null,
  name: string,
): Promise<ApiAnswer<DeletedResponse>> {
  if (findBuiltin(name)) return readOnly(name);
  return withDatabase(pending, async (db) => {
    await db.scenarios.delete(name);
    return answer(200, deletedResponseSchema, { deleted: true });
  });
}

function readOnly<T>(name: string): ApiAnswer<T> {
  return fail(
    409,
    `"${name}" is a built-in scenario and read-only; save a copy under another name`,
  );
}

/** A user scenario by name, for POST /api/runs (null: none, or no database). */
export async function findUserScenario(
  pending: Promise<Database> | null,
  name: string,
): Promise<Scenario | null> {
  if (!pending) return null;
  try {
    const record = await (await pending).scenarios.get(name);
    return record && !record.builtin ? record.scenario : null;
  } catch (e) {
    errorAnswer(e);
    return null;
  }
}
