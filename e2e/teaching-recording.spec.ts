import { existsSync, statSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ensurePlaywrightFfmpeg } from "../scripts/record/ffmpeg";
import { recordScenario } from "../scripts/record/record-scenario";

/**
 * Same seed, same film: two recordings of one scenario, at different playing speeds,
 * show the same numbers at every narration step (the text of the page's key numbers and
 * the state it renders from, captured at the steps' exact virtual times). Pixels are not
 * compared: fonts and timing of animations may differ; the numbers may not.
 */
// The recorder writes its own trace of each film; the runner's would collide with it.
test.use({ trace: "off" });

test("same seed, same film: two recordings show the same numbers at each step", async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  ensurePlaywrightFfmpeg();
  const record = (speed: number, dir: string) =>
    recordScenario(browser, {
      baseURL: baseURL!,
      scenario: "acks-failover",
      speed,
      dwellScale: 0,
      outDir: testInfo.outputPath(dir),
      video: true,
    });
  const a = await record(10, "film-a");
  const b = await record(4, "film-b");

  expect(a.runId).not.toBe(b.runId);
  const steps = a.captures.map((c) => c.atMs);
  expect(steps).toEqual([0, 5000, 8000, 9000, 12500, 19000, 25000]);
  expect(b.captures).toEqual(a.captures);
  // The story the film tells: acknowledged writes lost after the leader died.
  const afterKill = a.captures.find((c) => c.atMs === 9000)!;
  expect(afterKill.state.checks.lostAckedWrites).toBeGreaterThan(0);
  expect(afterKill.shown["check-count-lostAckedWrites"]).toBe(
    String(afterKill.state.checks.lostAckedWrites),
  );
  for (const file of [a.video!, a.trace!, b.video!]) {
    expect(existsSync(file), file).toBe(true);
    expect(statSync(file).size, file).toBeGreaterThan(10_000);
  }
});
