import { afterAll, describe, expect, it } from "vitest";
import {
  createRunResponseSchema,
  httpErrorSchema,
  runInfoSchema,
  scenarioDetailSchema,
  scenarioSummarySchema,
} from "../protocol";
import { createRun, getRun, getScenario, listRuns, listScenarios } from "./http-api";
import { RunManager } from "./run-manager";

const manager = new RunManager();
afterAll(() => manager.closeAll());

describe("scenarios", () => {
  it("lists the library as summaries and gives one whole", () => {
    const list = listScenarios();
    expect(list.status).toBe(200);
    const scenarios = (list.body as { scenarios: unknown[] }).scenarios;
    expect(scenarios.length).toBeGreaterThan(0);
    for (const s of scenarios) scenarioSummarySchema.parse(s);
    const one = getScenario("replication-basics");
    expect(one.status).toBe(200);
    expect(scenarioDetailSchema.parse(one.body).scenario.name).toBe("replication-basics");
    expect(getScenario("nope").status).toBe(404);
  });
});

describe("runs", () => {
  it("creates a run and answers the operator secret once", () => {
    const answer = createRun(manager, {
      scenario: "replication-basics",
      seed: 7,
      overrides: { "producer.acks": 1 },
    });
    expect(answer.status).toBe(201);
    const { runId } = createRunResponseSchema.parse(answer.body);
    const info = runInfoSchema.parse(getRun(manager, runId).body);
    expect(info).toMatchObject({ runId, seed: 7, status: "running" });
    expect(JSON.stringify(info)).not.toContain(
      (answer.body as { operatorSecret: string }).operatorSecret,
    );
    const list = listRuns(manager).body as { runs: unknown[] };
    expect(list.runs.map((r) => runInfoSchema.parse(r).runId)).toContain(runId);
    expect(manager.get(runId)!.sim.producers[0]!.acks).toBe(1);
  });

  it("creates a run from a whole scenario object", () => {
    const answer = createRun(manager, {
      scenario: {
        name: "tiny",
        title: "Tiny",
        teaches: "nothing",
        durationMs: 1000,
        producers: [{ id: "p" }],
      },
    });
    expect(answer.status).toBe(201);
  });

  it("answers 400 naming the failing fields", () => {
    const cases: [unknown, string][] = [
      [{ scenario: "replication-basics", seed: "x" }, "seed"],
      [{ scenario: "replication-basics", extra: 1 }, "(body)"],
      [{}, "scenario"],
      [{ scenario: "replication-basics", overrides: { "producer.acks": 7 } }, "producers.0.acks"],
      [
        { scenario: "replication-basics", overrides: { "producer.nope": 1 } },
        "overrides.producer.nope",
      ],
      [{ scenario: { name: "Bad Name" } }, "scenario.name"],
    ];
    for (const [body, path] of cases) {
      const answer = createRun(manager, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const error = httpErrorSchema.parse(answer.body);
      expect(
        error.issues?.map((i) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(createRun(manager, { scenario: "nope" }).status).toBe(404);
  });

  it("answers 404 for an unknown run and 503 without the live server", () => {
    expect(getRun(manager, "nope").status).toBe(404);
    expect(getRun(manager, "../etc").status).toBe(400);
    expect(createRun(null, { scenario: "replication-basics" }).status).toBe(503);
    expect(listRuns(null).status).toBe(503);
  });
});
