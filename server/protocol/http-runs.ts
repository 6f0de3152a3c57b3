import { z } from "zod";
import { operatorCommandSchema } from "../sim/commands";
import { checkNames, scenarioSchema } from "../sim/scenario";
import { runInfoSchema } from "./run-info";
import { runIdSchema } from "./wire";

/**
 * Bodies and answers of the stored-run routes (app/api/runs/...): the run list, a run's
 * record and command log, delete, export, import, fork, replay. The server parses what it
 * answers with these schemas too, so the browser can trust the types it imports.
 */

/**
 * A stored run's status. `interrupted`: the server stopped (or was killed) while the run
 * was live; its command log is intact, it can be replayed, forked or opened again.
 */
export const STORED_RUN_STATUSES = ["running", "paused", "interrupted", "ended", "failed"] as const;
export const storedRunStatusWireSchema = z.enum(STORED_RUN_STATUSES);
export type StoredRunStatusWire = z.infer<typeof storedRunStatusWireSchema>;

const seedSchema = z.coerce
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

/**
 * GET /api/runs query string. `status` may be repeated or comma-separated; `text` (or `q`)
 * matches the title or scenario name anywhere, case-insensitively. Unknown parameters are
 * refused (400), so a misspelt filter never silently lists everything.
 */
export const listRunsParamsSchema = z.strictObject({
  scenario: z.string().min(1).max(64).optional(),
  status: z.array(storedRunStatusWireSchema).min(1).max(5).optional(),
  seed: seedSchema.optional(),
  text: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  parent: runIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});
export type ListRunsParams = z.input<typeof listRunsParamsSchema>;

const checkCountsSchema = z.partialRecord(z.enum(checkNames), z.number().int().min(0));

/** A row of the run list: no scenario, summary or commands; the checkers' counts only. */
export const storedRunItemSchema = z.object({
  id: runIdSchema,
  title: z.string(),
  scenarioName: z.string(),
  seed: z.number().int(),
  status: storedRunStatusWireSchema,
  error: z.string().nullable(),
  parentRunId: runIdSchema.nullable(),
  forkAtMs: z.number().nullable(),
  virtualMs: z.number(),
  traceHash: z.string().nullable(),
  /** Count per checker, or null before the run has a verdict. */
  verdicts: checkCountsSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the run is live in this server now (join it to watch). */
  live: z.boolean(),
});
export type StoredRunItem = z.infer<typeof storedRunItemSchema>;

/**
 * GET /api/runs. `runs`: the live runs of this server, unfiltered (as before storage
 * existed; the library's "Live runs" box uses it). `items`/`total`/`limit`/`offset`: one
 * page of stored runs matching the filters, newest first. When the database cannot be
 * reached, `items` is empty and `storageError` says why: live runs go on without it.
 */
export const runListResponseSchema = z.object({
  runs: z.array(runInfoSchema),
  items: z.array(storedRunItemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  storageError: z.string().optional(),
});
export type RunListResponse = z.infer<typeof runListResponseSchema>;

export const checkResultWireSchema = z.object({
  count: z.number().int().min(0),
  examples: z.array(z.number().int()),
});
export const checkResultsWireSchema = z.partialRecord(z.enum(checkNames), checkResultWireSchema);

/** What a run showed at `virtualMs`: events, convergence, the expectation, final metrics. */
export const runSummaryWireSchema = z.object({
  events: z.number().int(),
  converged: z.boolean(),
  convergedAtMs: z.number().nullable(),
  lastFaultEndedMs: z.number().nullable(),
  timeToConvergeMs: z.number().nullable(),
  notConvergedBecause: z.array(z.string()),
  expectation: z.object({ met: z.boolean(), failures: z.array(z.string()) }),
  error: z.string().nullable(),
  metrics: z.record(z.string(), z.unknown()),
});
export type RunSummaryWire = z.infer<typeof runSummaryWireSchema>;

/** A stored run, whole but for its command log. */
export const storedRunSchema = storedRunItemSchema.omit({ verdicts: true }).extend({
  /** The scenario as run (overrides applied). */
  scenario: scenarioSchema,
  overrides: z.array(z.object({ path: z.string(), value: z.unknown() })),
  summary: runSummaryWireSchema.nullable(),
  checks: checkResultsWireSchema.nullable(),
});
export type StoredRunWire = z.infer<typeof storedRunSchema>;

/** One entry of a run's command log, in the order applied. */
export const storedCommandSchema = z.object({
  seq: z.number().int(),
  atMs: z.number(),
  command: operatorCommandSchema,
});
export type StoredCommandWire = z.infer<typeof storedCommandSchema>;

/**
 * GET /api/runs/:id. `live`: the run's live metadata when it is live in this server (the
 * live page uses it), else null. `stored`: its record, null when storage is unavailable
 * (`storageError` says why) or the run was never stored. `commands`: its command log.
 * 404 only when the run is neither live nor stored.
 */
export const runDetailResponseSchema = z.object({
  runId: runIdSchema,
  live: runInfoSchema.nullable(),
  stored: storedRunSchema.nullable(),
  commands: z.array(storedCommandSchema).nullable(),
  storageError: z.string().optional(),
});
export type RunDetailResponse = z.infer<typeof runDetailResponseSchema>;

/** DELETE /api/runs/:id and DELETE /api/scenarios/:name. */
export const deletedResponseSchema = z.object({ deleted: z.literal(true) });
export type DeletedResponse = z.infer<typeof deletedResponseSchema>;

/** POST /api/runs/:id/fork: a new run from the parent's state at `atMs`. */
export const forkRunRequestSchema = z.strictObject({
  atMs: z.number().finite().min(0),
  title: z.string().trim().min(1).max(200).optional(),
});
export type ForkRunRequest = z.input<typeof forkRunRequestSchema>;

/** Where to steer a run that is live now: give `operatorSecret` to join as `secret`. */
export const liveHandleSchema = z.object({
  runId: runIdSchema,
  operatorSecret: z.string(),
});
export type LiveHandle = z.infer<typeof liveHandleSchema>;

/**
 * POST /api/runs/:id/fork (201) and POST /api/runs/:id/open (200): the stored run and,
 * when this server runs live runs, the live run opened on it, paused where it stands.
 */
export const openedRunResponseSchema = z.object({
  run: storedRunSchema,
  live: liveHandleSchema.nullable(),
});
export type OpenedRunResponse = z.infer<typeof openedRunResponseSchema>;

/** POST /api/runs/import (201): the run stored from the file, under a new id. */
export const importRunResponseSchema = z.object({ run: storedRunSchema });
export type ImportRunResponse = z.infer<typeof importRunResponseSchema>;

/** GET /api/runs/:id/replay?untilMs=: the stored run re-simulated from scenario, seed and log. */
export const replayParamsSchema = z.strictObject({
  untilMs: z.coerce.number().finite().min(0).optional(),
});

export const replayResponseSchema = z.object({
  runId: runIdSchema,
  /** The virtual time replayed to: the time the run reached, or its last command's if later. */
  untilMs: z.number(),
  /** Commands applied on the way. */
  commands: z.number().int(),
  storedTraceHash: z.string().nullable(),
  replayedTraceHash: z.string(),
  /** Null when there is nothing to compare with (no stored hash at that time). */
  matches: z.boolean().nullable(),
  outcome: z.object({
    virtualMs: z.number(),
    traceHash: z.string(),
    summary: runSummaryWireSchema,
    checks: checkResultsWireSchema,
  }),
});
export type ReplayResponse = z.infer<typeof replayResponseSchema>;
