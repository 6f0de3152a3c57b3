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

/**
 * Starts a scenario and plays it at full speed to its end; returns the run id. `before`
 * acts on the paused run first (operator commands, which the stored log then holds).
 */
export async function runToEnd(
  page: Page,
  scenario: string,
  seed: number,
  before?: () => Promise<void>,
): Promise<string> {
  const runId = await startFromLibrary(page, scenario, { seed });
  if (before) await before();
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

/** Cuts broker b2 off from everyone else (an operator command), for `durationMs`. */
export async function partitionB2(page: Page) {
  const panel = page.getByTestId("fault-panel");
  await panel.getByTestId("fault-kind-partition").click();
  await panel.getByTestId("side-a-b2").check();
  await panel.getByTestId("inject-fault").click();
  await expect(panel.getByTestId("fault-message")).toContainText("Injected");
}
