/**
 * The headless command line (DESIGN.md section 4):
 *   npm run sim -- --list [--json]
 *   npm run sim -- --scenario <name or file.json> --seed <n> [--set path=value ...] [--until-ms <n>] [--json]
 * Bad flags, paths or values name what is wrong and exit with code 2, without a stack trace.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { builtinScenarios, findBuiltin } from "../server/scenarios";
import { runScenario, withOverrides, type RunResult } from "../server/sim/run";
import { parseOverride, OverrideError } from "../server/sim/overrides";
import { parseScenario, ScenarioError } from "../server/sim/validate";
import type { Scenario } from "../server/sim/scenario";
import { checkNames, timedCommandSchema } from "../server/sim/scenario";
import type { CommandLogEntry } from "../server/sim/apply-command";
import { formatIssues } from "../server/sim/validate";

class UsageError extends Error {}

const USAGE = `usage:
  npm run sim -- --list [--json]
  npm run sim -- --scenario <name or file.json> [--seed <n> | --seeds <from>-<to>] [--set path=value ...]
                [--until-ms <n>] [--commands <file.json>] [--json]
  --seeds runs each seed in turn and prints one result per line;
  --commands replays an operator command log: a JSON array of {"atMs": n, "command": {...}}`;

const flagsSchema = z.strictObject({
  list: z.boolean(),
  json: z.boolean(),
  scenario: z.string().min(1).optional(),
  seed: z.coerce
    .number({ error: "--seed must be a whole number" })
    .int("--seed must be a whole number")
    .min(0, "--seed must be 0 or more")
    .optional(),
  untilMs: z.coerce
    .number({ error: "--until-ms must be a number of milliseconds" })
    .positive("--until-ms must be a positive number")
    .optional(),
  seeds: z
    .string()
    .regex(/^\d+-\d+$/, "--seeds must look like 1-20")
    .optional(),
  commands: z.string().min(1).optional(),
  set: z.array(z.string()),
});
type Flags = z.infer<typeof flagsSchema>;

function parseArgs(argv: string[]): Flags {
  const raw: {
    list: boolean;
    json: boolean;
    set: string[];
    scenario?: string;
    seed?: string;
    untilMs?: string;
    seeds?: string;
    commands?: string;
  } = {
    list: false,
    json: false,
    set: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--list":
        raw.list = true;
        break;
      case "--json":
        raw.json = true;
        break;
      case "--scenario":
        raw.scenario = value();
        break;
      case "--seed":
        raw.seed = value();
        break;
      case "--seeds":
        raw.seeds = value();
        break;
      case "--commands":
        raw.commands = value();
        break;
      case "--until-ms":
        raw.untilMs = value();
        break;
      case "--set":
        raw.set.push(value());
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown flag "${arg}"`);
    }
  }
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) {
    // Every message names its flag: zod's own ("expected number, received NaN") does not.
    const messages = parsed.error.issues.map((issue) => {
      const key = issue.path[0];
      const flag =
        typeof key === "string" ? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : "";
      return issue.message.startsWith(flag) ? issue.message : `${flag}: ${issue.message}`;
    });
    throw new UsageError(messages.join("; "));
  }
  if (!parsed.data.list && !parsed.data.scenario)
    throw new UsageError("give --list or --scenario <name or file.json>");
  return parsed.data;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function loadCommands(path: string): CommandLogEntry[] {
  const parsed = z.array(timedCommandSchema).safeParse(readJson(path));
  if (!parsed.success) throw new UsageError(`${path}: ${formatIssues(parsed.error)}`);
  // A command log is in the order it was applied; an entry earlier than the one before it
  // would be applied late, at the other's time, and the run would not be the one recorded.
  parsed.data.forEach((c, i) => {
    const before = parsed.data[i - 1];
    if (before !== undefined && c.atMs < before.atMs)
      throw new UsageError(
        `${path}: entry ${i} is at ${c.atMs} ms, before entry ${i - 1} at ${before.atMs} ms; a command log is in time order`,
      );
  });
  return parsed.data.map((c) => ({ atMs: c.atMs, command: c.command }));
}

/** A command the engine refuses stops the run: what ran would not be what the file says. */
function refuseCommand(path: string) {
  return (index: number, entry: CommandLogEntry, message: string): never => {
    throw new UsageError(`${path}: entry ${index} (at ${entry.atMs} ms) was refused: ${message}`);
  };
}

function seedList(flags: Flags, scenario: Scenario): number[] {
  if (flags.seeds === undefined) return [flags.seed ?? scenario.seed];
  const [from, to] = flags.seeds.split("-").map(Number) as [number, number];
  if (to < from || to - from > 100_000)
    throw new UsageError("--seeds: give from-to with from <= to");
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function loadScenario(ref: string): Scenario {
  const builtin = findBuiltin(ref);
  if (builtin) return builtin;
  if (!ref.endsWith(".json")) {
    const names = builtinScenarios()
      .map((s) => s.name)
      .join(", ");
    throw new UsageError(
      `no built-in scenario "${ref}" (built-in: ${names}); a file must end in .json`,
    );
  }
  const json = readJson(ref);
  return parseScenario(json);
}

function summary(r: RunResult): string {
  const lines = [
    `${r.scenario}  seed ${r.seed}  ${(r.virtualMs / 1000).toFixed(1)} s virtual  ${r.events} events  trace ${r.traceHash}`,
    "",
    "checks:",
    ...checkNames.map((name) => {
      const c = r.checks[name];
      const ex = c.examples.length > 0 ? `  e.g. events ${c.examples.slice(0, 5).join(", ")}` : "";
      return `  ${name.padEnd(22)} ${String(c.count).padStart(6)}${ex}`;
    }),
    "",
    r.converged
      ? `converged at ${r.convergedAtMs} ms${r.timeToConvergeMs !== null ? ` (${r.timeToConvergeMs} ms after the last fault ended)` : ""}`
      : `not converged: ${r.notConvergedBecause.join("; ")}`,
    "",
    ...r.metrics.producers.map(
      (p) =>
        `producer ${p.id}: sent ${p.sent}, acked ${p.acknowledged}, failed ${p.failed}, timed out ${p.timedOut}, retried ${p.retried}`,
    ),
    ...r.metrics.groups.map(
      (g) =>
        `group ${g.id}: applied ${g.applied}, redeliveries ${g.redeliveries}, duplicate effects ${g.duplicateEffects}, skipped ${g.skippedDuplicates}`,
    ),
    "",
    r.expectation.met
      ? "expected outcome: met"
      : `expected outcome: NOT met\n  ${r.expectation.failures.join("\n  ")}`,
  ];
  if (r.error) lines.push(`simulation error: ${r.error}`);
  return lines.join("\n");
}

function main(): void {
  const flags = parseArgs(process.argv.slice(2));
  if (flags.list) {
    const list = builtinScenarios().map((s) => ({
      name: s.name,
      title: s.title,
      teaches: s.teaches,
    }));
    console.log(
      flags.json
        ? JSON.stringify(list)
        : list.map((s) => `${s.name.padEnd(28)} ${s.title}`).join("\n"),
    );
    return;
  }
  const base = loadScenario(flags.scenario!);
  const scenario = withOverrides(base, flags.set.map(parseOverride));
  const commands = flags.commands !== undefined ? loadCommands(flags.commands) : [];
  for (const seed of seedList(flags, scenario)) {
    const until = flags.untilMs !== undefined ? { untilMs: flags.untilMs } : {};
    const onRefused = flags.commands !== undefined ? refuseCommand(flags.commands) : undefined;
    const result = runScenario(scenario, seed, { commands, onRefused, ...until });
    console.log(flags.json ? JSON.stringify(result) : summary(result) + "\n");
    if (result.error) process.exitCode = 1;
  }
}

try {
  main();
} catch (e) {
  if (e instanceof UsageError || e instanceof ScenarioError || e instanceof OverrideError) {
    console.error(`sim: ${e.message}\n${e instanceof UsageError ? USAGE : ""}`.trimEnd());
    process.exit(2);
  }
  throw e;
}
