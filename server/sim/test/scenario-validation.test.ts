import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScenario, ScenarioError } from "../validate";
import { withOverrides } from "../run";
import { scenario } from "./fixtures";

const valid = {
  name: "ok",
  title: "t",
  teaches: "t",
  durationMs: 1_000,
  producers: [{ id: "p1" }],
};

function errorOf(input: unknown): string {
  try {
    parseScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error("expected the scenario to be refused");
}

describe("scenario validation", () => {
  it("fills defaults", () => {
    const s = parseScenario(valid);
    expect(s.topic.replicationFactor).toBe(3);
    expect(s.producers[0]!.acks).toBe("all");
  });

  it.each([
    [{ ...valid, durationMs: -1 }, "durationMs"],
    [{ ...valid, producers: [] }, "producers"],
    [{ ...valid, producers: [{ id: "P 1" }] }, "producers.0.id"],
    [{ ...valid, topic: { acks: 1 } }, "topic"],
    [{ ...valid, topic: { replicationFactor: 5 } }, "topic.replicationFactor"],
    [
      { ...valid, topic: { minInsyncReplicas: 3, replicationFactor: 2 } },
      "topic.minInsyncReplicas",
    ],
    [{ ...valid, producers: [{ id: "p1" }, { id: "p1" }] }, '"p1"'],
    [{ ...valid, producers: [{ id: "ctrl" }] }, "reserved"],
    [
      { ...valid, faults: [{ kind: "crash", target: "b7", atMs: 1 }] },
      'faults.0: unknown node "b7"',
    ],
    [{ ...valid, faults: [{ kind: "crash", target: "b1", atMs: 5, untilMs: 2 }] }, "untilMs"],
    [{ ...valid, reconciliation: { group: "nope" } }, "reconciliation.group"],
  ])("names what is wrong: %#", (input, needle) => {
    expect(errorOf(input)).toContain(needle);
  });

  it("applies --set overrides by index, by id and by alias, and refuses unknown paths", () => {
    const s = scenario({ producers: [{ id: "p1" }, { id: "p2" }] });
    expect(withOverrides(s, [{ path: "producers.p2.acks", value: 1 }]).producers[1]!.acks).toBe(1);
    expect(
      withOverrides(s, [{ path: "producer.ratePerSec", value: 7 }]).producers[0]!.ratePerSec,
    ).toBe(7);
    expect(() => withOverrides(s, [{ path: "producers.p3.acks", value: 1 }])).toThrow(
      /no item "p3"/,
    );
    expect(() => withOverrides(s, [{ path: "topic.replicas", value: 1 }])).toThrow(
      /"replicas" is not a field/,
    );
    expect(() => withOverrides(s, [{ path: "producers.0.acks", value: 2 }])).toThrow(
      /producers.0.acks/,
    );
  });
});

describe("command line errors", () => {
  const sim = (...args: string[]) =>
    spawnSync("npx", ["tsx", "scripts/sim.ts", ...args], { encoding: "utf8" });

  it.each([
    [["--scenario"], "--scenario needs a value"],
    [["--bogus"], 'unknown flag "--bogus"'],
    [["--scenario", "nope"], 'no built-in scenario "nope"'],
    [["--scenario", "missing.json"], "cannot read missing.json"],
    [["--scenario", "replication-basics", "--seed", "x"], "--seed must be a whole number"],
    [["--scenario", "replication-basics", "--until-ms", "soon"], "--until-ms must be a number"],
    [["--scenario", "replication-basics", "--set", "topic.bogus=1"], '"bogus" is not a field'],
    [["--scenario", "replication-basics", "--seeds", "5"], "--seeds"],
  ])("%j exits 2 with a clear message and no stack trace", (args, needle) => {
    const r = sim(...args);
    expect(r.status).toBe(2);
    // The first line is the message; the usage text after it names every flag anyway.
    expect(r.stderr.split("\n")[0]).toContain(needle);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  const crash = (target: string) => ({
    type: "injectFault",
    fault: { kind: "crash", target, mode: "kill" },
  });
  it.each([
    [
      "a command the engine refuses",
      [{ atMs: 3_000, command: crash("b9") }],
      'entry 0 (at 3000 ms) was refused: unknownTarget: unknown node "b9"',
    ],
    [
      "an entry earlier than the one before it",
      [
        { atMs: 3_000, command: crash("b1") },
        { atMs: 1_000, command: crash("b2") },
      ],
      "entry 1 is at 1000 ms, before entry 0 at 3000 ms",
    ],
  ])("a --commands file with %s exits 2 and says which entry", (_what, log, needle) => {
    const file = join(mkdtempSync(join(tmpdir(), "sim-cmd-")), "commands.json");
    writeFileSync(file, JSON.stringify(log));
    const r = sim("--scenario", "replication-basics", "--commands", file, "--json");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toContain(needle);
  });

  it("--scenario --seed --json prints the result object of the contract", () => {
    const r = sim(
      "--scenario",
      "replication-basics",
      "--seed",
      "3",
      "--until-ms",
      "4000",
      "--json",
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ["seed", "scenario", "virtualMs", "events", "traceHash", "metrics"])
      expect(out, key).toHaveProperty(key);
    expect(out).toMatchObject({ seed: 3, scenario: "replication-basics", virtualMs: 4_000 });
    expect(out.traceHash).toMatch(/^[0-9a-f]+$/);
    expect(out.events).toBeGreaterThan(0);
    const checks = out.checks as Record<string, { count: number; examples: unknown[] }>;
    // The contract's names, spelled out rather than imported from the engine: renaming a
    // check there must fail here.
    expect(Object.keys(checks).sort()).toEqual(
      [
        "lostAckedWrites",
        "logDuplicates",
        "lostEffects",
        "duplicateEffects",
        "orderViolations",
        "replicaDivergence",
        "projectionDivergence",
      ].sort(),
    );
    for (const c of Object.values(checks)) {
      expect(typeof c.count).toBe("number");
      expect(Array.isArray(c.examples)).toBe(true);
    }
    expect(typeof out.converged).toBe("boolean");
    expect(out).toHaveProperty("convergedAtMs");
    expect(out.expectation).toMatchObject({
      met: expect.any(Boolean),
      failures: expect.any(Array),
    });
  });

  it("--list --json prints name, title and teaches for each built-in", () => {
    const out = JSON.parse(
      execFileSync("npx", ["tsx", "scripts/sim.ts", "--list", "--json"], { encoding: "utf8" }),
    ) as unknown[];
    expect(out.length).toBeGreaterThan(0);
    for (const s of out)
      expect(Object.keys(s as object).sort()).toEqual(["name", "teaches", "title"]);
  });
});
