import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** Shared steps of the browser tests, in the words of the dashboard. */

const SHOTS = path.join("test-results", "screenshots");

/**
 * Saves a screenshot under test-results/screenshots and attaches it to the report. The
 * page is scrolled to the top first, or to bring `focus` (a test id) just under the
 * sticky run header, so each picture shows the view it is named after.
 */
export async function snap(
  page: Page,
  testInfo: TestInfo,
  name: string,
  opts: { fullPage?: boolean; focus?: string } = {},
) {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  if (opts.focus) {
    await page.getByTestId(opts.focus).evaluate((el) => {
      const header = document.querySelector("[data-testid=run-header]");
      const offset = header ? header.getBoundingClientRect().height + 12 : 12;
      window.scrollTo(0, window.scrollY + el.getBoundingClientRect().top - offset);
    });
  } else if (opts.fullPage) {
    // Off-screen panels pause (see RunVisibilityGate): pass over each once to bring it up to date.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 120));
      }
      window.scrollTo(0, 0);
    });
  } else await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/**
 * Starts a scenario from its card in the library, paused, and returns the run id once
 * the page shows the run; `play` then starts the clock. Starting paused keeps the
 * tests independent of how long the page takes to load.
 */
export async function startFromLibrary(
  page: Page,
  scenario: string,
  opts: { seed?: number; overrides?: string[]; paused?: boolean } = {},
): Promise<string> {
  await page.goto("/");
  const card = page.getByTestId(`scenario-${scenario}`);
  await expect(card).toBeVisible();
  if (opts.seed !== undefined) await card.getByTestId("seed-input").fill(String(opts.seed));
  if (opts.overrides && opts.overrides.length > 0) {
    await card.getByRole("button", { name: /overrides/i }).click();
    await card.getByTestId("overrides-input").fill(opts.overrides.join("\n"));
  }
  if (opts.paused !== false) await card.getByTestId("start-paused").check();
  await card.getByTestId("start-run").click();
  await page.waitForURL(/\/runs\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("role")).toHaveAttribute("data-role", "operator");
  await expect(page.getByTestId("run-status")).toHaveAttribute(
    "data-status",
    opts.paused === false ? "running" : "paused",
  );
  return decodeURIComponent(page.url().split("/runs/")[1]!);
}

/** Presses play. */
export async function play(page: Page) {
  await page.getByTestId("resume").click();
  await expect(page.getByTestId("pause")).toBeVisible();
}

/** Virtual time the page shows, in ms. */
export async function virtualMs(page: Page): Promise<number> {
  return Number(await page.getByTestId("virtual-clock").getAttribute("data-now-ms"));
}

/** Waits until the run's virtual time has passed `ms`. */
export async function waitForVirtualTime(page: Page, ms: number, timeout = 60_000) {
  await expect.poll(() => virtualMs(page), { timeout }).toBeGreaterThanOrEqual(ms);
}

export async function setSpeed(page: Page, speed: string) {
  await page.getByTestId("speed").selectOption(speed);
  await expect(page.getByTestId("speed")).toHaveValue(speed);
}

/** A number held in a data attribute of an element. */
export async function dataNumber(page: Page, testId: string, attribute: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute(attribute));
}
