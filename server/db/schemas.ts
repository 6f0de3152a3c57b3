import { z } from "zod";
import { checkNames, timedCommandSchema, type Scenario } from "../sim/scenario";

/**
 * The shapes repositories take and return: plain data, validated with zod where it comes
 * in (callers, stored JSON), never Prisma's own types. docs/data-model.md describes them.
 */

/**
 * `running` and `paused` are runs live in the server now; `interrupted` ones were live when
 * the server stopped (or was killed) or closed them; `ended` reached their scenario's end.
 */
export const RUN_STATUSES = ["running", "paused", "interrupted", "ended", "failed"] as const;
export const storedRunStatusSchema = z.enum(RUN_STATUSES);
export type StoredRunStatus = z.infer<typeof storedRunStatusSchema>;

/** A run id: the live run's id (server/live/ids.ts) or one made here, URL-safe. */
export const storedRunIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and -");

/** Seeds are stored as 32-bit integers (PostgreSQL INTEGER). */
export const storedSeedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const overrideSchema = z.strictObject({
  path: z.string().min(1).max(200),
  value: z.unknown(),
});
export type Override = z.infer<typeof overrideSchema>;
export const overridesSchema = z.array(overrideSchema).max(200);

/** One entry of a run's command log: {atMs, command}, the command validated and normalised. */
export const commandEntrySchema = timedCommandSchema;
export type CommandEntry = z.infer<typeof commandEntrySchema>;
/** A command entry as callers may write it (defaults, such as replay's fixBug, not filled in yet). */
export type CommandEntryInput = z.input<typeof commandEntrySchema>;

export interface StoredCommand extends CommandEntry {
  seq: number;
}

export const checkResultSchema = z.strictObject({
  count: z.number().int().min(0),
  examples: z.array(z.number().int()),
});
/** The verdict of every checker (server/sim/checks CheckResults). */
export const checkResultsSchema = z.record(z.enum(checkNames), checkResultSchema);
export type StoredCheckResults = z.infer<typeof checkResultsSchema>;

/** What a run showed at `virtualMs`: RunResult without the checks, seed and trace hash. */
export const runSummarySchema = z.strictObject({
  events: z.number().int().min(0),
  converged: z.boolean(),
  convergedAtMs: z.number().nullable(),
  lastFaultEndedMs: z.number().nullable(),
  timeToConvergeMs: z.number().nullable(),
  notConvergedBecause: z.array(z.string()),
  expectation: z.strictObject({ met: z.boolean(), failures: z.array(z.string()) }),
  error: z.string().nullable(),
  /** The final metrics snapshot (server/sim/metrics MetricsSnapshot), as plain JSON. */
  metrics: z.record(z.string(), z.unknown()),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

const title = z.string().trim().min(1).max(200);

/** POST-like input of `runs.create`. `scenario` is validated with parseScenario. */
export const createRunInputSchema = z.strictObject({
  id: storedRunIdSchema.optional(),
  title: title.optional(),
  scenario: z.unknown(),
  seed: storedSeedSchema,
  overrides: overridesSchema.default([]),
  status: storedRunStatusSchema.default("running"),
  error: z.string().max(10_000).nullable().default(null),
  parentRunId: storedRunIdSchema.nullable().default(null),
  forkAtMs: z.number().min(0).nullable().default(null),
  virtualMs: z.number().min(0).default(0),
  traceHash: z.string().max(64).nullable().default(null),
  summary: runSummarySchema.nullable().default(null),
  checks: checkResultsSchema.nullable().default(null),
  /** The command log to store with the run (import, fork); live runs append as they go. */
  commands: z.array(commandEntrySchema).default([]),
});
export type CreateRunInput = z.input<typeof createRunInputSchema>;

export const runPatchSchema = z.strictObject({
  title: title.optional(),
  status: storedRunStatusSchema.optional(),
  error: z.string().max(10_000).nullable().optional(),
  virtualMs: z.number().min(0).optional(),
  traceHash: z.string().max(64).nullable().optional(),
  summary: runSummarySchema.nullable().optional(),
  checks: checkResultsSchema.nullable().optional(),
});
export type RunPatch = z.input<typeof runPatchSchema>;

export const forkInputSchema = z.strictObject({
  forkAtMs: z.number().min(0),
  id: storedRunIdSchema.optional(),
  title: title.optional(),
});
export type ForkInput = z.input<typeof forkInputSchema>;

export const listRunsQuerySchema = z.strictObject({
  scenario: z.string().min(1).max(64).optional(),
  status: z.union([storedRunStatusSchema, z.array(storedRunStatusSchema).min(1)]).optional(),
  /** Case-insensitive text matched anywhere in the title or the scenario name. */
  text: z.string().trim().max(200).optional(),
  parentRunId: storedRunIdSchema.optional(),
  seed: storedSeedSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListRunsQuery = z.input<typeof listRunsQuerySchema>;

/** A stored run, complete: enough to replay it exactly. Times are ISO 8601 strings. */
export interface StoredRun {
  id: string;
  title: string;
  scenarioName: string;
  scenario: Scenario;
  seed: number;
  overrides: Override[];
  status: StoredRunStatus;
  error: string | null;
  parentRunId: string | null;
  forkAtMs: number | null;
  virtualMs: number;
  traceHash: string | null;
  summary: RunSummary | null;
  checks: StoredCheckResults | null;
  createdAt: string;
  updatedAt: string;
}

/** A row of the run list: no scenario, summary or commands; the checkers' counts only. */
export interface RunListItem {
  id: string;
  title: string;
  scenarioName: string;
  seed: number;
  status: StoredRunStatus;
  error: string | null;
  parentRunId: string | null;
  forkAtMs: number | null;
  virtualMs: number;
  traceHash: string | null;
  /** Count per checker, or null before the run has a verdict. */
  verdicts: Partial<Record<(typeof checkNames)[number], number>> | null;
  createdAt: string;
  updatedAt: string;
}

export interface RunPage {
  items: RunListItem[];
  /** Runs matching the filters, over all pages. */
  total: number;
  limit: number;
  offset: number;
}

export interface ScenarioRecord {
  name: string;
  title: string;
  builtin: boolean;
  scenario: Scenario;
  createdAt: string;
  updatedAt: string;
}
