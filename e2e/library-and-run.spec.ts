import { expect, test } from "@playwright/test";
import { dataNumber, play, snap, startFromLibrary, waitForVirtualTime } from "./fixtures";

test("start a scenario from the library and watch it run", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Scenario library" })).toBeVisible();
  await expect(page.getByTestId("scenario-replication-basics")).toContainText("Teaches");
  await snap(page, testInfo, "01-library", { fullPage: true });

  await startFromLibrary(page, "replication-basics", { seed: 7 });
  await expect(page.getByTestId("run-title")).toHaveText(/Replication basics/);
  await expect(page.getByTestId("run-seed")).toHaveText("7");
  await play(page);
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "running");

  // Virtual time advances, and records reach every replica of partition 0.
  await waitForVirtualTime(page, 3000);
  await expect.poll(() => dataNumber(page, "lane-p0-b1", "data-leo")).toBeGreaterThan(20);
  await expect.poll(() => dataNumber(page, "lane-p0-b2", "data-hw")).toBeGreaterThan(10);
  await expect(page.getByTestId("topology-node-b1")).toHaveAttribute("data-state", "up");
  await expect(page.getByTestId("check-count-lostAckedWrites")).toHaveText("0");
  // Panels below the fold update once they are scrolled into view.
  await page.getByTestId("charts").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("chart-replication-lag")).toBeVisible();
  await expect.poll(() => dataNumber(page, "chart-throughput", "data-points")).toBeGreaterThan(5);

  // Pausing stops the clock; a +1 s step moves it by one virtual second.
  await page.getByTestId("pause").click();
  await expect(page.getByTestId("resume")).toBeVisible();
  const paused = await dataNumber(page, "virtual-clock", "data-now-ms");
  await page.waitForTimeout(700);
  expect(await dataNumber(page, "virtual-clock", "data-now-ms")).toBe(paused);
  await page.getByTestId("step-1s").click();
  await expect
    .poll(() => dataNumber(page, "virtual-clock", "data-now-ms"))
    .toBeGreaterThanOrEqual(paused + 999);
  await snap(page, testInfo, "02-run");
  await snap(page, testInfo, "03-run-full", { fullPage: true });
  await snap(page, testInfo, "03b-charts", { focus: "charts" });
  await snap(page, testInfo, "03c-groups-and-messages", { focus: "consumer-groups" });
});
