import { z } from "zod";
import { pacingSchema, runIdSchema, runStatusSchema } from "./wire";

/** What anyone may know about a live run (HTTP GET /api/runs, and the snapshot's `run`). */
export const runInfoSchema = z.object({
  runId: runIdSchema,
  scenario: z.string(),
  title: z.string(),
  seed: z.number().int(),
  status: runStatusSchema,
  /** Set when status is "failed": what the simulation threw. */
  error: z.string().nullable(),
  /** Wall-clock creation time, ISO 8601. */
  createdAt: z.string(),
  nowMs: z.number(),
  durationMs: z.number(),
  pacing: pacingSchema,
  viewers: z.number().int(),
  overrides: z.array(z.object({ path: z.string(), value: z.unknown() })),
  /** The furthest virtual time the run reached: seek and fork go anywhere from 0 to here. */
  headMs: z.number().optional(),
  /** The run it was forked from, and the virtual time of the fork (null for a new run). */
  parentRunId: runIdSchema.nullable().optional(),
  forkAtMs: z.number().nullable().optional(),
});
export type RunInfo = z.infer<typeof runInfoSchema>;
