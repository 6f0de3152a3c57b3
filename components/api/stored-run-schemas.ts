/**
 * TEMPORARY mirror of server/protocol/http-runs.ts (branch runs-server), so the pages
 * build before that lands; replaced by imports from server/protocol on merge.
 */
import { z } from "zod";
import {
  checkNames,
  operatorCommandSchema,
  runIdSchema,
  runInfoSchema,
} from "../../server/protocol";
import { scenarioSchema } from "../../server/sim/scenario";

const checkCountsSchema = z.partialRecord(z.enum(checkNames), z.number().int().min(0));

export const storedRunItemSchema = z.object({
  id: runIdSchema,
  title: z.string(),
  scenarioName: z.string(),
  seed: z.number().int(),
  status: z.string(),
  error: z.string().nullable(),
  parentRunId: runIdSchema.nullable(),
  forkAtMs: z.number().nullable(),
  virtualMs: z.number(),
  traceHash: z.string().nullable(),
  verdicts: checkCountsSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  live: z.boolean().default(false),
});
export type StoredRunItem = z.infer<typeof storedRunItemSchema>;

export const runListResponseSchema = z.object({
  runs: z.array(runInfoSchema).default([]),
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

export const storedRunSchema = storedRunItemSchema.omit({ verdicts: true }).extend({
  scenario: scenarioSchema,
  overrides: z.array(z.object({ path: z.string(), value: z.unknown() })),
  summary: runSummaryWireSchema.nullable(),
  checks: checkResultsWireSchema.nullable(),
});
export type StoredRunWire = z.infer<typeof storedRunSchema>;

export const storedCommandSchema = z.object({
  seq: z.number().int(),
  atMs: z.number(),
  command: operatorCommandSchema,
});
export type StoredCommandWire = z.infer<typeof storedCommandSchema>;

export const runDetailResponseSchema = z.object({
  runId: runIdSchema,
  live: runInfoSchema.nullable(),
  stored: storedRunSchema.nullable(),
  commands: z.array(storedCommandSchema).nullable(),
  storageError: z.string().optional(),
});
export type RunDetailResponse = z.infer<typeof runDetailResponseSchema>;

export const liveHandleSchema = z.object({ runId: runIdSchema, operatorSecret: z.string() });
export const openedRunResponseSchema = z.object({
  run: storedRunSchema,
  live: liveHandleSchema.nullable(),
});
export type OpenedRunResponse = z.infer<typeof openedRunResponseSchema>;

export const importRunResponseSchema = z.object({ run: storedRunSchema });

export const replayResponseSchema = z.object({
  runId: runIdSchema,
  untilMs: z.number(),
  commands: z.number().int(),
  storedTraceHash: z.string().nullable(),
  replayedTraceHash: z.string(),
  matches: z.boolean().nullable(),
  outcome: z.object({
    virtualMs: z.number(),
    traceHash: z.string(),
    summary: runSummaryWireSchema,
    checks: checkResultsWireSchema,
  }),
});
export type ReplayResponse = z.infer<typeof replayResponseSchema>;
