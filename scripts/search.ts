/**
 * The convergence property as a long search: `npm run search -- [--seed N] [--runs N]
 * [--budget N]`. Samples fault schedules from the property's own arbitrary
 * (server/sim/test/liveness.ts) with a fast-check seed, runs each against its random sim
 * seed, and prints one JSON line per failing case (sim seed, faults, why) and a summary
 * line; exits 1 if any case failed. Each run is capped at --budget events, so a message
 * storm shows as a failure instead of exhausting memory. The test suite runs 60 cases; a
 * search of 20,000 takes a few minutes and found the bugs pinned in regressions.test.ts.
 */
import fc from "fast-check";
import { z } from "zod";
import { Simulation } from "../server/sim/engine";
import { resultOf } from "../server/sim/run";
import { faultScheduleArb, liveness } from "../server/sim/test/liveness";

const flagsSchema = z.strictObject({
  seed: z.coerce.number({ error: "--seed must be a whole number" }).int().min(0).default(1),
  runs: z.coerce
    .number({ error: "--runs must be a whole number" })
    .int()
    .min(1, "--runs must be at least 1")
    .default(1_000),
  budget: z.coerce
    .number({ error: "--budget must be a whole number of events" })
    .int()
    .min(1_000, "--budget must be at least 1000 events")
    .default(400_000),
});

function parseFlags(argv: string[]): z.infer<typeof flagsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    const value = argv[i + 1];
    if (!argv[i]!.startsWith("--") || !(name in flagsSchema.shape) || value === undefined) {
      fail(`unknown flag or missing value: ${argv[i]}`);
    }
    raw[name] = value!;
    i++;
  }
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data!;
}

function fail(message: string): never {
  console.error(`search: ${message}\nusage: npm run search -- [--seed N] [--runs N] [--budget N]`);
  process.exit(2);
}

/** Why one case fails the property, or null when it passes. */
function verdict(simSeed: number, faults: Parameters<typeof liveness>[0], budget: number) {
  const scenario = liveness(faults);
  const sim = new Simulation(scenario, simSeed);
  sim.runBudget(scenario.durationMs, budget);
  if (sim.failure) return { why: `engine failure: ${sim.failure.message}`, events: sim.dispatched };
  if (sim.now < scenario.durationMs)
    return { why: `over ${budget} events by ${Math.round(sim.now)} ms`, events: sim.dispatched };
  const r = resultOf(sim);
  const broken = (["lostAckedWrites", "replicaDivergence", "projectionDivergence"] as const).filter(
    (c) => r.checks[c].count > 0,
  );
  if (!r.converged)
    return { why: `not converged: ${r.notConvergedBecause.join("; ")}`, events: r.events };
  if (broken.length > 0) return { why: `checks: ${broken.join(", ")}`, events: r.events };
  return null;
}

const flags = parseFlags(process.argv.slice(2));
const cases = fc.sample(fc.tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), faultScheduleArb), {
  seed: flags.seed,
  numRuns: flags.runs,
});
let failed = 0;
for (const [index, [simSeed, faults]] of cases.entries()) {
  const bad = verdict(simSeed, faults, flags.budget);
  if (bad === null) continue;
  failed++;
  console.log(JSON.stringify({ index, simSeed, faults, ...bad }));
}
console.log(JSON.stringify({ seed: flags.seed, runs: flags.runs, failed }));
process.exitCode = failed > 0 ? 1 : 0;
