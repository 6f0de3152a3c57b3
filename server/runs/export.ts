import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { parseScenario, ScenarioError } from "../sim/validate";
// Pure modules of server/db only (no Prisma), so that a route handler can use this file.
import type { Database } from "../db/database";
import { NotFoundError } from "../db/errors";
import {
  checkResultsSchema,
  commandEntrySchema,
  overridesSchema,
  runSummarySchema,
  storedRunIdSchema,
  storedRunStatusSchema,
  storedSeedSchema,
  type StoredRun,
} from "../db/schemas";
import { replay, replayCountingCommands, replayTarget } from "./replay";
import { outcomeOf } from "./summary";

/**
 * A run as one JSON file (docs/export-format.md): the inputs that reproduce it (scenario,
 * seed, overrides, command log, virtual time) and what they produced (trace hash, summary,
 * checker verdicts). Importing re-runs the inputs and refuses the file unless they produce
 * exactly what it says; nothing is written before that.
 */
export const RUN_FILE_FORMAT = "convergence-lab-run";
export const RUN_FILE_VERSION = 1;
/** Larger files are refused before they are parsed. */
export const RUN_FILE_MAX_BYTES = 32 * 1024 * 1024;

export const runFileV1Schema = z.strictObject({
  format: z.literal(RUN_FILE_FORMAT),
  version: z.literal(RUN_FILE_VERSION),
  exportedAt: z.iso.datetime(),
  title: z.string().trim().min(1).max(200),
  status: storedRunStatusSchema,
  error: z.string().max(10_000).nullable(),
  createdAt: z.iso.datetime(),
  /** The run's id where it was exported; informational (an import gets a new id). */
  sourceRunId: storedRunIdSchema,
  /** The parent's id and the fork time where it was exported, if the run was a fork. */
  parentRunId: storedRunIdSchema.nullable(),
  forkAtMs: z.number().min(0).nullable(),
  /** The scenario as run, overrides already applied; validated with parseScenario. */
  scenario: z.record(z.string(), z.unknown()),
  seed: storedSeedSchema,
  overrides: overridesSchema,
  commands: z.array(commandEntrySchema).max(100_000),
  /** The virtual time the run reached: traceHash, summary and checks describe it then. */
  virtualMs: z.number().min(0),
  traceHash: z.string().regex(/^[0-9a-f]{1,64}$/, "a lower-case hexadecimal hash"),
  summary: runSummarySchema,
  checks: checkResultsSchema,
});
export type RunFile = z.infer<typeof runFileV1Schema>;

export type RunFileErrorCode = "malformed" | "wrongVersion" | "tampered";

/** Why a file was refused; `issues` names the failing fields of a malformed file. */
export class RunFileError extends Error {
  readonly status = 400;
  constructor(
    readonly code: RunFileErrorCode,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Builds the export of a stored run; a run that never reported its outcome is replayed for it. */
export async function exportRun(db: Database, runId: string, now = new Date()): Promise<RunFile> {
  const run = await db.runs.get(runId);
  if (!run) throw new NotFoundError(`no run "${runId}" to export`);
  const commands = (await db.commands.list(runId)).map(({ atMs, command }) => ({ atMs, command }));
  // The stored outcome serves when it covers every stored command; otherwise (a run that
  // never reported one, or whose server died after its last report) the replay supplies it.
  const untilMs = replayTarget(run.virtualMs, commands);
  const outcome =
    storedOutcome(run, untilMs) ??
    outcomeOf(await replay(run.scenario, run.seed, commands, untilMs));
  return {
    format: RUN_FILE_FORMAT,
    version: RUN_FILE_VERSION,
    exportedAt: now.toISOString(),
    title: run.title,
    status: run.status,
    error: run.error,
    createdAt: run.createdAt,
    sourceRunId: run.id,
    parentRunId: run.parentRunId,
    forkAtMs: run.forkAtMs,
    scenario: run.scenario as unknown as Record<string, unknown>,
    seed: run.seed,
    overrides: run.overrides,
    commands: commands.filter((c) => c.atMs <= outcome.virtualMs),
    virtualMs: outcome.virtualMs,
    traceHash: outcome.traceHash,
    summary: outcome.summary,
    checks: outcome.checks,
  };
}

function storedOutcome(run: StoredRun, untilMs: number) {
  if (run.traceHash === null || run.summary === null || run.checks === null) return null;
  if (run.virtualMs !== untilMs) return null;
  return {
    virtualMs: run.virtualMs,
    traceHash: run.traceHash,
    summary: run.summary,
    checks: run.checks,
  };
}

/** The file's text: pretty-printed, so that a diff of two exports is readable. */
export function serializeRunFile(file: RunFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Checks a run file completely: JSON, format, version, every field, the scenario, and then
 * the replay: scenario + seed + commands must reach the file's trace hash, summary and
 * verdicts at its virtual time. Throws RunFileError; writes nothing.
 */
export async function verifyRunFile(input: unknown): Promise<RunFile> {
  const json = typeof input === "string" ? parseJson(input) : input;
  checkHeader(json);
  const parsed = runFileV1Schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join(".") || "(root)",
      message: i.message,
    }));
    throw new RunFileError(
      "malformed",
      `the run file is malformed: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
      issues,
    );
  }
  const file = parsed.data;
  const scenario = checkScenario(file.scenario);
  for (let i = 1; i < file.commands.length; i++) {
    if (file.commands[i]!.atMs < file.commands[i - 1]!.atMs) {
      throw new RunFileError(
        "malformed",
        `commands.${i}.atMs is earlier than the command before it`,
        [{ path: `commands.${i}.atMs`, message: "is earlier than the command before it" }],
      );
    }
  }
  const late = file.commands.findIndex((c) => c.atMs > file.virtualMs);
  if (late >= 0) {
    throw new RunFileError("malformed", `commands.${late} is after the run's virtualMs`, [
      { path: `commands.${late}.atMs`, message: `is after virtualMs (${file.virtualMs})` },
    ]);
  }
  const { result, applied } = await replayCountingCommands(
    scenario,
    file.seed,
    file.commands,
    file.virtualMs,
  );
  const outcome = outcomeOf(result);
  if (outcome.traceHash !== file.traceHash) {
    throw new RunFileError(
      "tampered",
      `the run file does not reproduce: replaying its scenario, seed and ${file.commands.length} commands to ${file.virtualMs} ms gives trace hash ${outcome.traceHash}, the file says ${file.traceHash}. The file was changed, or it was made by another version of the simulation.`,
    );
  }
  if (applied !== file.commands.length) {
    throw new RunFileError(
      "tampered",
      `the run file's command log has ${file.commands.length - applied} command(s) the simulation refuses; a run stores only the commands it applied, so the log was edited`,
    );
  }
  for (const part of ["summary", "checks"] as const) {
    if (!isDeepStrictEqual(outcome[part], file[part])) {
      throw new RunFileError(
        "tampered",
        `the run file's ${part} does not match its replay (the trace hash does): the ${part} was edited`,
      );
    }
  }
  return file;
}

/** Verifies a run file and stores it as a new run with its command log, in one transaction. */
export async function importRun(db: Database, input: unknown): Promise<StoredRun> {
  const file = await verifyRunFile(input);
  return db.runs.create({
    title: file.title,
    scenario: file.scenario,
    seed: file.seed,
    overrides: file.overrides,
    // Nothing is running an imported run here.
    status: file.status === "running" ? "paused" : file.status,
    error: file.error,
    virtualMs: file.virtualMs,
    traceHash: file.traceHash,
    summary: file.summary,
    checks: file.checks,
    commands: file.commands,
  });
}

function parseJson(text: string): unknown {
  if (Buffer.byteLength(text, "utf8") > RUN_FILE_MAX_BYTES) {
    throw new RunFileError("malformed", `the run file is larger than ${RUN_FILE_MAX_BYTES} bytes`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RunFileError("malformed", `the run file is not JSON: ${(e as Error).message}`);
  }
}

function checkHeader(json: unknown): void {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new RunFileError("malformed", "the run file is not a JSON object");
  }
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== RUN_FILE_FORMAT) {
    throw new RunFileError(
      "malformed",
      `not a Convergence Lab run file: "format" is ${JSON.stringify(format) ?? "missing"}, expected "${RUN_FILE_FORMAT}"`,
      [{ path: "format", message: `expected "${RUN_FILE_FORMAT}"` }],
    );
  }
  if (version !== RUN_FILE_VERSION) {
    const newer = typeof version === "number" && version > RUN_FILE_VERSION;
    throw new RunFileError(
      "wrongVersion",
      `run file version ${JSON.stringify(version) ?? "(missing)"} is not supported: this server reads version ${RUN_FILE_VERSION}${newer ? "; the file comes from a newer Convergence Lab" : ""}`,
      [{ path: "version", message: `expected ${RUN_FILE_VERSION}` }],
    );
  }
}

function checkScenario(scenario: unknown) {
  try {
    return parseScenario(scenario);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const issues = e.message.split("\n").map((line) => ({ path: "scenario", message: line }));
    throw new RunFileError("malformed", `the run file's scenario is invalid: ${e.message}`, issues);
  }
}
