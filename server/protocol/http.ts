import { z } from "zod";
import { scenarioSchema } from "../sim/scenario";
import { runIdSchema } from "./wire";

/** Bodies and answers of the HTTP route handlers (app/api/...), shared with the browser. */

/** POST /api/runs. `scenario` is a built-in name or a whole scenario object. */
export const createRunRequestSchema = z.strictObject({
  scenario: z.union([z.string().min(1).max(64), z.record(z.string(), z.unknown())]),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** Dotted-path overrides, as the CLI's --set: {"producer.acks": 1}. */
  overrides: z.record(z.string().min(1).max(200), z.unknown()).default({}),
  /** Start paused (true) or playing at 1x (false, the default). */
  paused: z.boolean().default(false),
});
export type CreateRunRequest = z.input<typeof createRunRequestSchema>;

export const createRunResponseSchema = z.object({
  runId: runIdSchema,
  /** Give it to join as `secret` to steer the run; keep it from viewers. */
  operatorSecret: z.string(),
});
export type CreateRunResponse = z.infer<typeof createRunResponseSchema>;

/** A scenario in the library list (GET /api/scenarios). */
export const scenarioSummarySchema = z.object({
  name: z.string(),
  title: z.string(),
  teaches: z.string(),
  description: z.string(),
  seed: z.number().int(),
  durationMs: z.number(),
  brokers: z.number().int(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  producers: z.array(z.string()),
  groups: z.array(z.string()),
  faults: z.number().int(),
  narrationSteps: z.number().int(),
  variants: z.array(z.object({ name: z.string(), title: z.string() })),
  /** Built-ins are read-only; user scenarios can be edited and deleted. Absent: built-in. */
  builtin: z.boolean().optional(),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

/** GET /api/scenarios/[name]: the summary and the whole scenario (narration, faults, expectations). */
export const scenarioDetailSchema = scenarioSummarySchema.extend({ scenario: scenarioSchema });
export type ScenarioDetail = z.infer<typeof scenarioDetailSchema>;

/**
 * GET /api/scenarios. When the database cannot be reached the built-ins are still listed,
 * and `storageError` says why the user's own scenarios are missing.
 */
export const scenarioListResponseSchema = z.object({
  scenarios: z.array(scenarioSummarySchema),
  storageError: z.string().optional(),
});
export type ScenarioListResponse = z.infer<typeof scenarioListResponseSchema>;

/**
 * POST /api/scenarios (201) and PUT /api/scenarios/:name (200): a user scenario, validated
 * with the engine's scenario rules; each failing field is named (`scenario.topic.partitions`).
 * A user scenario cannot take a built-in's name, and an edit cannot rename it.
 */
export const saveScenarioRequestSchema = z.strictObject({
  scenario: z.record(z.string(), z.unknown()),
});
export type SaveScenarioRequest = z.infer<typeof saveScenarioRequestSchema>;

/** 4xx answers: what is wrong, field by field. */
export const httpErrorSchema = z.object({
  error: z.string(),
  /** A machine-readable reason where there are several (run import: malformed, wrongVersion, tampered). */
  code: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type HttpError = z.infer<typeof httpErrorSchema>;
