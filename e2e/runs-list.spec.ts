import { expect, test } from "@playwright/test";
import { play, snap, startFromLibrary, waitForVirtualTime } from "./fixtures";
import { freshSeed, listBySeed, stepSeconds } from "./runs-fixtures";

test("the run list shows a stored run, and the filters narrow it", async ({ page }, testInfo) => {
  const seed = freshSeed();
  const runId = await startFromLibrary(page, "replication-basics", { seed });
  await stepSeconds(page, 2);

  // From the header to the list.
  await page.getByTestId("nav-runs").click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByRole("heading", { name: "Runs", exact: true })).toBeVisible();
  const row = page.getByTestId(`run-row-${runId}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("replication-basics");
  await expect(row).toContainText(String(seed));
  await expect(row.getByTestId("open-live")).toBeVisible();
  await snap(page, testInfo, "runs-01-list", { fullPage: true });

  // The seed filter (typed, in the address) leaves this run alone.
  await page.getByTestId("filter-seed").fill(String(seed));
  await expect(page).toHaveURL(new RegExp(`seed=${seed}`));
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("page-label")).toHaveText("1–1 of 1");

  // Status: it is live and paused, not ended.
  await page.getByTestId("filter-status").selectOption("ended");
  await expect(page.getByTestId("run-list-empty")).toContainText("No stored run matches");
  await page.getByTestId("filter-status").selectOption("");
  await expect(row).toBeVisible();

  // Scenario and text search.
  await page.getByTestId("filter-scenario").selectOption("acks-failover");
  await expect(page.getByTestId("run-list-empty")).toBeVisible();
  await page.getByTestId("filter-scenario").selectOption("replication-basics");
  await expect(row).toBeVisible();
  await page.getByTestId("filter-text").fill("no such title anywhere");
  await expect(page.getByTestId("run-list-empty")).toBeVisible();
  await page.getByTestId("filter-text").fill("REPLICATION");
  await expect(row).toBeVisible();
  await snap(page, testInfo, "runs-02-list-filtered");

  // The filtered list survives a reload, and "Clear filters" empties the address.
  await page.reload();
  await expect(page.getByTestId("filter-seed")).toHaveValue(String(seed));
  await expect(row).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/runs$/);

  // The row leads back to the live run.
  await listBySeed(page, seed);
  await row.getByTestId("open-live").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByTestId("run-title")).toHaveText(/Replication basics/);
});

test("a run is deleted only after confirming", async ({ page }) => {
  const seed = freshSeed();
  const runId = await startFromLibrary(page, "replication-basics", { seed });
  await listBySeed(page, seed);
  const row = page.getByTestId(`run-row-${runId}`);
  await row.getByTestId("delete-run").click();
  const dialog = page.getByTestId("delete-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(runId);
  await dialog.getByTestId("confirm-cancel").click();
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();

  await row.getByTestId("delete-run").click();
  await page.getByTestId("delete-dialog").getByTestId("confirm-ok").click();
  await expect(page.getByTestId("run-list-empty")).toBeVisible();
  await page.goto(`/runs/${runId}/report`);
  await expect(page.getByTestId("report-not-found")).toBeVisible();
});

test("an unreachable run store is said plainly, and the live run keeps streaming", async ({
  page,
}, testInfo) => {
  const runId = await startFromLibrary(page, "replication-basics", { seed: freshSeed() });
  // From here on, every route that needs the database answers as the server does when it is down.
  const down = {
    status: 503,
    contentType: "application/json",
    body: JSON.stringify({
      error: "the database cannot be reached (SQLite file data/convergence-lab.db is locked)",
    }),
  };
  await page.route(/\/api\/runs(\?.*)?$/, (route) =>
    route.request().method() === "GET" ? route.fulfill(down) : route.continue(),
  );
  await page.route(/\/api\/runs\/[^/]+\/(report|replay|export)$/, (route) => route.fulfill(down));
  await page.route(new RegExp(`/api/runs/${runId}$`), (route) => route.fulfill(down));

  await play(page);
  await page.reload();
  await expect(page.getByTestId("run-title")).toHaveText(/Replication basics/);
  const before = Number(await page.getByTestId("virtual-clock").getAttribute("data-now-ms"));
  await waitForVirtualTime(page, before + 1500);

  await page.goto("/runs");
  await expect(page.getByTestId("store-unavailable")).toContainText(
    "The run store cannot be reached",
  );
  await expect(page.getByTestId("store-unavailable")).toContainText("data/convergence-lab.db");
  await expect(page.getByTestId("store-unavailable")).toContainText("Live runs");
  await snap(page, testInfo, "runs-05-store-unavailable");

  await page.goto(`/runs/${runId}/report`);
  await expect(page.getByTestId("store-unavailable")).toBeVisible();

  // Back on the live page, the clock still moves.
  await page.goto(`/runs/${runId}`);
  const now = Number(await page.getByTestId("virtual-clock").getAttribute("data-now-ms"));
  await waitForVirtualTime(page, now + 1000);
});
