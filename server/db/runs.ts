import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { parseScenario } from "../sim/validate";
import type { DbClient, DbTransaction } from "./client";
import { ConflictError, InvalidInputError, NotFoundError, parseInput, prismaCode } from "./errors";
import { validateScenario } from "./scenarios";
import {
  checkResultsSchema,
  createRunInputSchema,
  forkInputSchema,
  listRunsQuerySchema,
  overridesSchema,
  runPatchSchema,
  runSummarySchema,
  storedRunIdSchema,
  storedRunStatusSchema,
  type CommandEntry,
  type CreateRunInput,
  type ForkInput,
  type ListRunsQuery,
  type RunListItem,
  type RunPage,
  type RunPatch,
  type StoredRun,
  type StoredRunStatus,
} from "./schemas";

/**
 * Runs: created when a live run starts (or by import and fork), updated as it pauses,
 * ends or fails, listed with filters for the run list page. The command log lives in
 * RunCommand (commands.ts); create and fork write a whole log in the same transaction.
 */
export interface RunRepository {
  create(input: CreateRunInput): Promise<StoredRun>;
  get(id: string): Promise<StoredRun | null>;
  list(query?: ListRunsQuery): Promise<RunPage>;
  update(id: string, patch: RunPatch): Promise<StoredRun>;
  /** Deletes the run and its commands; its forks stay, unlinked. False if there was none. */
  delete(id: string): Promise<boolean>;
  /** A new run (paused, at forkAtMs) linked to its parent, with the parent's commands up to forkAtMs. */
  fork(parentId: string, input: ForkInput): Promise<StoredRun>;
  /**
   * At server start: runs still marked running or paused were live when the server stopped
   * (or was killed), and nothing runs them now. They become interrupted, with a note; their
   * command log is intact. Returns how many.
   */
  interruptRunning(note?: string): Promise<number>;
}

export function newStoredRunId(): string {
  return randomBytes(9).toString("base64url");
}

interface RunRow {
  id: string;
  title: string;
  scenarioName: string;
  scenarioJson: string;
  seed: number;
  overridesJson: string;
  status: string;
  error: string | null;
  parentRunId: string | null;
  forkAtMs: number | null;
  virtualMs: number;
  traceHash: string | null;
  summaryJson: string | null;
  checksJson: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Stored JSON is checked on the way out too: a bad row fails with its run and column named. */
function column<T extends z.ZodType>(
  schema: T,
  text: string,
  runId: string,
  name: string,
): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`run ${runId}: the stored ${name} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`run ${runId}: the stored ${name} is invalid: ${parsed.error.message}`);
  return parsed.data;
}

function statusOf(row: { id: string; status: string }): StoredRunStatus {
  const parsed = storedRunStatusSchema.safeParse(row.status);
  if (!parsed.success)
    throw new Error(`run ${row.id}: the stored status "${row.status}" is unknown`);
  return parsed.data;
}

function toStoredRun(row: RunRow): StoredRun {
  return {
    id: row.id,
    title: row.title,
    scenarioName: row.scenarioName,
    scenario: parseScenario(JSON.parse(row.scenarioJson)),
    seed: row.seed,
    overrides: column(overridesSchema, row.overridesJson, row.id, "overrides"),
    status: statusOf(row),
    error: row.error,
    parentRunId: row.parentRunId,
    forkAtMs: row.forkAtMs,
    virtualMs: row.virtualMs,
    traceHash: row.traceHash,
    summary:
      row.summaryJson === null
        ? null
        : column(runSummarySchema, row.summaryJson, row.id, "summary"),
    checks:
      row.checksJson === null ? null : column(checkResultsSchema, row.checksJson, row.id, "checks"),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type ListRow = Omit<RunRow, "scenarioJson" | "overridesJson" | "summaryJson">;

function toListItem(row: ListRow): RunListItem {
  const checks =
    row.checksJson === null ? null : column(checkResultsSchema, row.checksJson, row.id, "checks");
  return {
    id: row.id,
    title: row.title,
    scenarioName: row.scenarioName,
    seed: row.seed,
    status: statusOf(row),
    error: row.error,
    parentRunId: row.parentRunId,
    forkAtMs: row.forkAtMs,
    virtualMs: row.virtualMs,
    traceHash: row.traceHash,
    verdicts:
      checks && Object.fromEntries(Object.entries(checks).map(([name, r]) => [name, r.count])),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const listSelect = {
  id: true,
  title: true,
  scenarioName: true,
  seed: true,
  status: true,
  error: true,
  parentRunId: true,
  forkAtMs: true,
  virtualMs: true,
  traceHash: true,
  checksJson: true,
  createdAt: true,
  updatedAt: true,
} as const;

/**
 * What the run list's text search matches: title and scenario name, lower-cased, with
 * LIKE's special characters (% _ \\) replaced by private-use stand-ins. Prisma's `contains`
 * becomes LIKE without escaping them, so a search for "100%" or "_" would match anything;
 * the query text goes through the same replacement, so it matches literally on both databases.
 */
const LIKE_STAND_INS: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };

export function searchKey(text: string): string {
  return text.toLowerCase().replace(/[%_\\]/g, (c) => LIKE_STAND_INS[c]!);
}

export function searchText(title: string, scenarioName: string): string {
  return searchKey(`${title}\n${scenarioName}`);
}

function checkCommandOrder(commands: CommandEntry[]): void {
  for (let i = 1; i < commands.length; i++) {
    if (commands[i]!.atMs < commands[i - 1]!.atMs) {
      throw new InvalidInputError("invalid run", [
        { path: `commands.${i}.atMs`, message: "is earlier than the command before it" },
      ]);
    }
  }
}

async function insertRun(
  tx: DbTransaction,
  input: z.output<typeof createRunInputSchema>,
): Promise<RunRow> {
  const scenario = validateScenario(input.scenario);
  if ((input.parentRunId === null) !== (input.forkAtMs === null)) {
    throw new InvalidInputError("invalid run", [
      { path: "forkAtMs", message: "parentRunId and forkAtMs go together" },
    ]);
  }
  checkCommandOrder(input.commands);
  const id = input.id ?? newStoredRunId();
  const title = input.title ?? `${scenario.title} (seed ${input.seed})`;
  const row = await tx.run.create({
    data: {
      id,
      title,
      scenarioName: scenario.name,
      scenarioJson: JSON.stringify(scenario),
      seed: input.seed,
      overridesJson: JSON.stringify(input.overrides),
      status: input.status,
      error: input.error,
      parentRunId: input.parentRunId,
      forkAtMs: input.forkAtMs,
      virtualMs: input.virtualMs,
      traceHash: input.traceHash,
      summaryJson: input.summary === null ? null : JSON.stringify(input.summary),
      checksJson: input.checks === null ? null : JSON.stringify(input.checks),
      search: searchText(title, scenario.name),
    },
  });
  if (input.commands.length > 0) {
    await tx.runCommand.createMany({
      data: input.commands.map((c, seq) => ({
        runId: id,
        seq,
        atMs: c.atMs,
        command: JSON.stringify(c.command),
      })),
    });
  }
  return row;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(3)} s`;
}

export function createRunRepository(client: DbClient): RunRepository {
  async function createParsed(input: z.output<typeof createRunInputSchema>): Promise<StoredRun> {
    try {
      return toStoredRun(await client.$transaction((tx) => insertRun(tx, input)));
    } catch (e) {
      const code = prismaCode(e);
      if (code === "P2002") throw new ConflictError(`a run with id "${input.id}" exists already`);
      if (code === "P2003") throw new NotFoundError(`no parent run "${input.parentRunId}"`);
      throw e;
    }
  }

  return {
    async create(input) {
      return createParsed(parseInput(createRunInputSchema, input, "run"));
    },

    async get(id) {
      if (!storedRunIdSchema.safeParse(id).success) return null;
      const row = await client.run.findUnique({ where: { id } });
      return row ? toStoredRun(row) : null;
    },

    async list(query = {}) {
      const q = parseInput(listRunsQuerySchema, query, "run list query");
      const text = q.text ? searchKey(q.text) : undefined;
      const where = {
        ...(q.scenario !== undefined ? { scenarioName: q.scenario } : {}),
        ...(q.status !== undefined
          ? { status: Array.isArray(q.status) ? { in: q.status } : q.status }
          : {}),
        ...(q.parentRunId !== undefined ? { parentRunId: q.parentRunId } : {}),
        ...(q.seed !== undefined ? { seed: q.seed } : {}),
        ...(text ? { search: { contains: text } } : {}),
      };
      const [rows, total] = await Promise.all([
        client.run.findMany({
          where,
          select: listSelect,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: q.limit,
          skip: q.offset,
        }),
        client.run.count({ where }),
      ]);
      return { items: rows.map(toListItem), total, limit: q.limit, offset: q.offset };
    },

    async update(id, patch) {
      const p = parseInput(runPatchSchema, patch, "run update");
      let search: string | undefined;
      if (p.title !== undefined) {
        const current = await client.run.findUnique({
          where: { id },
          select: { scenarioName: true },
        });
        if (!current) throw new NotFoundError(`no run "${id}"`);
        search = searchText(p.title, current.scenarioName);
      }
      try {
        const row = await client.run.update({
          where: { id },
          data: {
            ...(p.title !== undefined ? { title: p.title, search } : {}),
            ...(p.status !== undefined ? { status: p.status } : {}),
            ...(p.error !== undefined ? { error: p.error } : {}),
            ...(p.virtualMs !== undefined ? { virtualMs: p.virtualMs } : {}),
            ...(p.traceHash !== undefined ? { traceHash: p.traceHash } : {}),
            ...(p.summary !== undefined
              ? { summaryJson: p.summary === null ? null : JSON.stringify(p.summary) }
              : {}),
            ...(p.checks !== undefined
              ? { checksJson: p.checks === null ? null : JSON.stringify(p.checks) }
              : {}),
          },
        });
        return toStoredRun(row);
      } catch (e) {
        if (prismaCode(e) === "P2025") throw new NotFoundError(`no run "${id}"`);
        throw e;
      }
    },

    async delete(id) {
      const { count } = await client.run.deleteMany({ where: { id } });
      return count > 0;
    },

    async interruptRunning(note = "the server stopped while this run was live") {
      const { count } = await client.run.updateMany({
        where: { status: { in: ["running", "paused"] } },
        data: { status: "interrupted", error: note },
      });
      return count;
    },

    async fork(parentId, input) {
      const f = parseInput(forkInputSchema, input, "fork");
      const parent = await client.run.findUnique({ where: { id: parentId } });
      if (!parent) throw new NotFoundError(`no run "${parentId}" to fork`);
      const scenario = parseScenario(JSON.parse(parent.scenarioJson));
      if (f.forkAtMs > scenario.durationMs) {
        throw new InvalidInputError("invalid fork", [
          {
            path: "forkAtMs",
            message: `is after the end of the run (${scenario.durationMs} ms)`,
          },
        ]);
      }
      const commands = await client.runCommand.findMany({
        where: { runId: parentId, atMs: { lte: f.forkAtMs } },
        orderBy: { seq: "asc" },
      });
      return createParsed(
        createRunInputSchema.parse({
          ...(f.id !== undefined ? { id: f.id } : {}),
          title: f.title ?? `${parent.title} · fork at ${formatMs(f.forkAtMs)}`,
          scenario,
          seed: parent.seed,
          overrides: JSON.parse(parent.overridesJson),
          status: "paused",
          parentRunId: parentId,
          forkAtMs: f.forkAtMs,
          virtualMs: f.forkAtMs,
          commands: commands.map((c) => ({ atMs: c.atMs, command: JSON.parse(c.command) })),
        }),
      );
    },
  };
}
