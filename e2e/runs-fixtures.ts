import { expect, type Page } from "@playwright/test";
import { setSpeed, startFromLibrary, virtualMs } from "./fixtures";

/** Shared steps of the run list, report and time-travel specs. */

/**
 * A seed no earlier test run used: the run store persists between runs of the suite, so
 * each test finds its own runs by seed.
 */
export function freshSeed(): number {
  return 100_000 + Math.floor(Math.random() * 2_000_000_000);
}

/** Steps a paused run forward by whole virtual seconds and waits until the clock shows it. */
export async function stepSeconds(page: Page, seconds: number) {
  const target = (await virtualMs(page)) + seconds * 1000;
  for (let i = 0; i < seconds; i++) await page.getByTestId("step-1s").click();
  await expect.poll(() => virtualMs(page)).toBeGreaterThanOrEqual(target);
}

/** Starts a scenario and plays it at full speed to its end; returns the run id. */
export async function runToEnd(page: Page, scenario: string, seed: number): Promise<string> {
  const runId = await startFromLibrary(page, scenario, { seed });
  await setSpeed(page, "max");
  await page.getByTestId("resume").click();
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "finished", {
    timeout: 60_000,
  });
  return runId;
}

/** Opens the run list filtered to one seed. */
export async function listBySeed(page: Page, seed: number) {
  await page.goto(`/runs?seed=${seed}`);
  await expect(page.getByTestId("run-list-page")).toBeVisible();
}
