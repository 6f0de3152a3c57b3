import { expect, type Page } from "@playwright/test";
import type { LabState } from "../../components/run/automation/lab-state";
import "../../components/run/automation/api";

/**
 * The automation hooks (window.convergenceLab, docs/teaching.md) from a Playwright test.
 * Each call returns when the page shows the result: no test sleeps on the wall clock.
 */

/** Waits until the run page has its first snapshot and the hooks are installed. */
export async function labReady(page: Page): Promise<void> {
  await expect(page.getByTestId("lab-state")).toHaveAttribute("data-ready", "true");
  await page.waitForFunction(() => window.convergenceLab !== undefined);
}

export function labState(page: Page): Promise<LabState> {
  return page.evaluate(() => window.convergenceLab!.state());
}

export function advance(page: Page, ms: number): Promise<LabState> {
  return page.evaluate((ms) => window.convergenceLab!.advance(ms), ms);
}

export function advanceTo(page: Page, ms: number): Promise<LabState> {
  return page.evaluate((ms) => window.convergenceLab!.advanceTo(ms), ms);
}

export function sync(page: Page): Promise<LabState> {
  return page.evaluate(() => window.convergenceLab!.sync());
}

/** Next, as the lecturer presses it: jumps (or plays at `speed`) to the next step's time. */
export function nextStep(page: Page, options: { play?: boolean; speed?: number } = {}) {
  return page.evaluate((o) => window.convergenceLab!.teaching.next(o), options);
}
