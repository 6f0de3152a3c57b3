import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { builtinScenarios } from "../../server/scenarios";
import { checkNames, type Scenario } from "../../server/protocol";
import { startFromLibrary } from "../fixtures";
import { advanceTo, labReady, labState, nextStep, sync } from "../support/lab";
import type { Expectation } from "../../server/sim/scenario";
import { pageMetric } from "./page-metrics";
import type { LabState } from "../../components/run/automation/lab-state";

/**
 * Every built-in scenario, played through the run page the way a lecturer would: started
 * from its card, then Next through each narration step (checking the step and its
 * highlighted regions at the step's exact virtual time) and on to the end, where the
 * outcome the scenario promises (`expect`) is read off the page: the checker tiles, the
 * convergence badge, and the numbers the panels hold. Time moves by `advance`, never by
 * sleeping, so the suite takes as long as the simulation does.
 */
for (const scenario of builtinScenarios()) {
  test(`${scenario.name}: ${scenario.title}`, async ({ page }, testInfo) => {
    await startFromLibrary(page, scenario.name);
    await labReady(page);
    const start = await labState(page);
    await walkThroughNarration(page, scenario);

    const end = await nextStep(page);
    expect(end.nowMs, "Next after the last step goes to the end of the run").toBe(
      scenario.durationMs,
    );
    await expectOutcome(page, scenario.expect, start, testInfo);
  });

  for (const variant of scenario.variants) {
    test(`${scenario.name}, variant ${variant.name}: ${variant.title}`, async ({
      page,
    }, testInfo) => {
      const overrides = Object.entries(variant.set).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      await startFromLibrary(page, scenario.name, { overrides });
      await labReady(page);
      const start = await labState(page);
      // A variant may change the duration: the page knows the run's own.
      const end = await advanceTo(page, start.durationMs);
      expect(end.nowMs).toBe(start.durationMs);
      await expectOutcome(page, variant.expect, start, testInfo);
    });
  }
}

/** The outcome a scenario or variant promises, read off the page at the end of the run. */
async function expectOutcome(
  page: Page,
  expectation: Expectation | undefined,
  start: LabState,
  testInfo: TestInfo,
): Promise<void> {
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "finished");
  // Counters travel every few frames: a snapshot makes every number on the page exact.
  const final = await sync(page);
  await expectChecks(page, expectation);
  if (expectation?.converged !== undefined)
    await expect(page.getByTestId("convergence-badge")).toHaveAttribute(
      "data-status",
      expectation.converged ? "converged" : /converging|diverged/,
    );
  for (const [path, bound] of Object.entries(expectation?.metrics ?? {})) {
    const m = pageMetric(path, final, start);
    if ("unavailable" in m) {
      testInfo.annotations.push({ type: "not on the page", description: m.unavailable });
      continue;
    }
    if (bound.min !== undefined && m.bound === "both")
      expect(m.value, `${path} ≥ ${bound.min}`).toBeGreaterThanOrEqual(bound.min);
    if (bound.max !== undefined)
      expect(m.value, `${path} ≤ ${bound.max}`).toBeLessThanOrEqual(bound.max);
  }
}

async function walkThroughNarration(page: Page, scenario: Scenario): Promise<void> {
  const panel = page.getByTestId("teaching-panel");
  for (const [i, step] of scenario.narration.entries()) {
    if (i > 0 || step.atMs > 0) {
      const s = await nextStep(page);
      expect(s.nowMs, `step ${i + 1} at its own time`).toBe(step.atMs);
    }
    await expect(panel).toHaveAttribute("data-step", String(i));
    await expect(page.getByTestId("teaching-step-title")).toHaveText(step.title);
    expect(step.lookAt.length, `step ${i + 1} says where to look`).toBeGreaterThan(0);
    await expect(page.locator(`[data-look-here="step ${i + 1}"]`)).toHaveCount(step.lookAt.length);
  }
}

async function expectChecks(page: Page, expectation: Expectation | undefined): Promise<void> {
  for (const name of checkNames) {
    const bound = expectation?.checks[name];
    if (!bound) continue;
    const count = Number(await page.getByTestId(`check-${name}`).getAttribute("data-count"));
    if (bound.min !== undefined)
      expect(count, `${name} ≥ ${bound.min}`).toBeGreaterThanOrEqual(bound.min);
    if (bound.max !== undefined)
      expect(count, `${name} ≤ ${bound.max}`).toBeLessThanOrEqual(bound.max);
  }
}
