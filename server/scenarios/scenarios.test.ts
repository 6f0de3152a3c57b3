import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { builtinScenarios } from ".";
import { runScenario, withOverrides } from "../sim/run";
import type { Scenario } from "../sim/scenario";

/**
 * The built-in library keeps its promises: every scenario, run with its own seed, shows
 * the outcome its `expect` block describes, and so does every variant (the scenario with
 * the variant's overrides applied, judged by the variant's own expectation).
 */

const scenarios = builtinScenarios();

function variantScenario(scenario: Scenario, name: string): Scenario {
  const variant = scenario.variants.find((v) => v.name === name)!;
  const overrides = Object.entries(variant.set).map(([path, value]) => ({ path, value }));
  return { ...withOverrides(scenario, overrides), expect: variant.expect };
}

function failuresOf(result: ReturnType<typeof runScenario>): string {
  return [
    `${result.scenario} seed ${result.seed}:`,
    ...result.expectation.failures.map((f) => `  - ${f}`),
    `  checks: ${Object.entries(result.checks)
      .map(([k, v]) => `${k}=${v.count}`)
      .join(" ")}`,
    `  converged: ${result.converged}${result.converged ? "" : ` (${result.notConvergedBecause.join("; ")})`}`,
  ].join("\n");
}

describe("built-in scenario library", () => {
  it("has the twelve scenarios of DESIGN.md section 8, with unique names", () => {
    const names = scenarios.map((s) => s.name);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
  });

  it("registers every NN-<name>.json file of this folder, in order, under its own name", () => {
    const files = readdirSync(__dirname)
      .filter((f) => /^\d\d-.+\.json$/.test(f))
      .sort();
    const fromFiles = files.map((f) => {
      const json = JSON.parse(readFileSync(join(__dirname, f), "utf8")) as { name: string };
      expect(f, "file named after its scenario").toBe(`${f.slice(0, 2)}-${json.name}.json`);
      return json.name;
    });
    expect(scenarios.map((s) => s.name)).toEqual(fromFiles);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    "%s is a well-formed teaching scenario",
    (_name, s) => {
      expect(s.narration.length, "4 to 7 narration steps").toBeGreaterThanOrEqual(4);
      expect(s.narration.length, "4 to 7 narration steps").toBeLessThanOrEqual(7);
      expect(s.durationMs, "short enough for the test suite").toBeLessThanOrEqual(60_000);
      const steps = s.narration.map((n) => n.atMs);
      expect(steps, "narration steps in time order").toEqual([...steps].sort((a, b) => a - b));
      for (const n of s.narration) expect(n.atMs).toBeLessThan(s.durationMs);
      // A quiet period at the end, so that convergence can be judged.
      for (const p of s.producers) {
        expect(p.stopMs, `producer ${p.id} stops`).not.toBeNull();
        expect(p.stopMs!).toBeLessThan(s.durationMs);
      }
      for (const f of s.faults) {
        expect(f.untilMs, `fault ${f.id ?? f.kind} ends`).toBeDefined();
        expect(f.untilMs!).toBeLessThan(s.durationMs);
      }
      for (const c of s.script) expect(c.atMs).toBeLessThan(s.durationMs);
      const variantNames = s.variants.map((v) => v.name);
      expect(new Set(variantNames).size).toBe(variantNames.length);
    },
  );
});

describe.each(scenarios.map((s) => [s.name, s] as const))("scenario %s", (_name, scenario) => {
  it(`meets its expectation with its default seed (${scenario.seed})`, () => {
    const result = runScenario(scenario, scenario.seed);
    expect(result.error).toBeNull();
    expect(result.expectation.met, failuresOf(result)).toBe(true);
  });

  const variants = scenario.variants.map((v) => v.name);
  if (variants.length > 0) {
    it.each(variants)("variant %s meets its own expectation", (name) => {
      const result = runScenario(variantScenario(scenario, name), scenario.seed);
      expect(result.error).toBeNull();
      expect(result.expectation.met, failuresOf(result)).toBe(true);
    });
  }
});
