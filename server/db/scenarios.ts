import type { Scenario } from "../sim/scenario";
import { parseScenario, ScenarioError } from "../sim/validate";
import { builtinScenarios } from "../scenarios";
import type { DbClient } from "./client";
import { ConflictError, InvalidInputError, NotFoundError, prismaCode } from "./errors";
import type { ScenarioRecord } from "./schemas";

/**
 * The scenario library: the built-ins (server/scenarios, written to the table on open so
 * that the list is one query) and the user's own, created and edited through parseScenario.
 */
export interface ScenarioRepository {
  /** Built-ins in the library's teaching order, then user scenarios by name. */
  list(): Promise<ScenarioRecord[]>;
  get(name: string): Promise<ScenarioRecord | null>;
  create(input: unknown): Promise<ScenarioRecord>;
  /** Replaces a user scenario; its name cannot change. */
  update(name: string, input: unknown): Promise<ScenarioRecord>;
  delete(name: string): Promise<void>;
  /** Writes the built-ins that are new or changed since the last start; returns how many. */
  seedBuiltins(): Promise<number>;
}

interface ScenarioRow {
  name: string;
  title: string;
  json: string;
  builtin: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Validates a scenario as a user wrote it; failures name each field, under `scenario.`. */
export function validateScenario(input: unknown): Scenario {
  try {
    return parseScenario(input);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const issues = e.message.split("\n").map((line) => {
      const colon = line.indexOf(": ");
      if (colon <= 0 || line.startsWith('"')) return { path: "scenario", message: line };
      const field = line.slice(0, colon);
      return {
        path: field === "(root)" ? "scenario" : `scenario.${field}`,
        message: line.slice(colon + 2),
      };
    });
    throw new InvalidInputError("the scenario is invalid", issues);
  }
}

function toRecord(row: ScenarioRow): ScenarioRecord {
  return {
    name: row.name,
    title: row.title,
    builtin: row.builtin,
    scenario: parseScenario(JSON.parse(row.json)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createScenarioRepository(client: DbClient): ScenarioRepository {
  async function mustBeUserScenario(name: string): Promise<void> {
    const row = await client.scenario.findUnique({ where: { name }, select: { builtin: true } });
    if (!row) throw new NotFoundError(`no scenario "${name}"`);
    if (row.builtin) {
      throw new ConflictError(`"${name}" is a built-in scenario; save a copy under another name`);
    }
  }

  return {
    async list() {
      const rows = await client.scenario.findMany();
      const order = new Map(builtinScenarios().map((s, i) => [s.name, i]));
      const rank = (r: ScenarioRow) => (r.builtin ? (order.get(r.name) ?? 1e6) : 2e6);
      return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name)).map(toRecord);
    },

    async get(name) {
      const row = await client.scenario.findUnique({ where: { name } });
      return row ? toRecord(row) : null;
    },

    async create(input) {
      const scenario = validateScenario(input);
      try {
        const row = await client.scenario.create({
          data: {
            name: scenario.name,
            title: scenario.title,
            json: JSON.stringify(scenario),
            builtin: false,
          },
        });
        return toRecord(row);
      } catch (e) {
        if (prismaCode(e) === "P2002") {
          throw new ConflictError(`a scenario named "${scenario.name}" exists already`);
        }
        throw e;
      }
    },

    async update(name, input) {
      const scenario = validateScenario(input);
      if (scenario.name !== name) {
        throw new InvalidInputError("the scenario is invalid", [
          { path: "scenario.name", message: `is "${scenario.name}"; it must stay "${name}"` },
        ]);
      }
      await mustBeUserScenario(name);
      const row = await client.scenario.update({
        where: { name },
        data: { title: scenario.title, json: JSON.stringify(scenario) },
      });
      return toRecord(row);
    },

    async delete(name) {
      await mustBeUserScenario(name);
      await client.scenario.delete({ where: { name } });
    },

    async seedBuiltins() {
      const rows = await client.scenario.findMany({
        select: { name: true, json: true, builtin: true },
      });
      const existing = new Map(rows.map((r) => [r.name, r]));
      let written = 0;
      for (const scenario of builtinScenarios()) {
        const json = JSON.stringify(scenario);
        const row = existing.get(scenario.name);
        // Unchanged built-ins are left alone; a user's scenario keeps its name.
        if (row && (!row.builtin || row.json === json)) continue;
        await client.scenario.upsert({
          where: { name: scenario.name },
          create: { name: scenario.name, title: scenario.title, json, builtin: true },
          update: { title: scenario.title, json },
        });
        written++;
      }
      return written;
    },
  };
}
