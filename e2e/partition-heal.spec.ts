import { expect, test } from "@playwright/test";
import { dataNumber, play, setSpeed, snap, startFromLibrary } from "./fixtures";

test("partition a follower from the fault panel, see its lag rise, heal, converge", async ({
  page,
}, testInfo) => {
  // No scripted fault; the producer stops at 9 s so the system can settle after the heal.
  await startFromLibrary(page, "replication-basics", {
    overrides: ["faults=[]", "producer.stopMs=9000", "durationMs=120000"],
  });
  await page.getByTestId("step-1s").click();
  await page.getByTestId("step-1s").click();
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "2000");

  // b4 follows partitions 1 and 2 and leads none: cut it off from everyone else.
  const panel = page.getByTestId("fault-panel");
  await panel.getByTestId("fault-kind-partition").click();
  await panel.getByTestId("side-a-b4").check();
  await panel.getByTestId("inject-fault").click();
  await expect(panel.getByTestId("fault-message")).toContainText("Injected");
  await expect(panel.getByTestId("active-faults")).toHaveAttribute("data-count", "1");
  await setSpeed(page, "2");
  await play(page);
  await expect(page.getByTestId("convergence-badge")).toHaveAttribute("data-status", "converging");

  // Its replica of partition 1 falls behind the leader, and leaves the ISR.
  await expect
    .poll(() => dataNumber(page, "lane-p1-b4", "data-lag"), { timeout: 20_000 })
    .toBeGreaterThan(25);
  await expect(page.getByTestId("partition-1")).toContainText("under-replicated");
  await expect(page.getByTestId("link-cut").first()).toBeVisible();

  // Selecting b4 in the topology adds its own line to the replication lag charts.
  await page.getByTestId("topology-node-b4").click();
  const selectedLine = page.getByTestId("chart-replication-lag").locator('[data-series="sel"]');
  await expect(selectedLine).toContainText("b4 (selected)");
  await expect
    .poll(async () => Number(await selectedLine.getAttribute("data-peak")), { timeout: 10_000 })
    .toBeGreaterThan(25);
  await expect(
    page.getByTestId("chart-replication-lag-ms").locator('[data-series="sel"]'),
  ).toContainText("b4 (selected)");
  await snap(page, testInfo, "04-partitioned-charts", { focus: "charts" });
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, testInfo, "04-partitioned");

  // Heal: end the fault. b4 catches up and the badge returns to converged.
  await panel.getByRole("button", { name: "End" }).click();
  await expect(panel.getByTestId("active-faults")).toHaveAttribute("data-count", "0");
  await expect(page.getByTestId("convergence-badge")).toHaveAttribute("data-status", "converged", {
    timeout: 40_000,
  });
  expect(await dataNumber(page, "lane-p1-b4", "data-lag")).toBe(0);
  await expect(page.getByTestId("convergence-detail")).toContainText("since");
  await snap(page, testInfo, "05-converged");
});
