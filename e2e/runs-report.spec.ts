import { expect, test } from "@playwright/test";
import { snap } from "./fixtures";
import { freshSeed, listBySeed, runToEnd } from "./runs-fixtures";

test("the report shows every verdict, and a replay reaches the same trace hash", async ({
  page,
}, testInfo) => {
  const seed = freshSeed();
  const runId = await runToEnd(page, "acks-failover", seed);

  await listBySeed(page, seed);
  const row = page.getByTestId(`run-row-${runId}`);
  await expect(row).toHaveAttribute("data-status", "ended");
  await row.getByTestId("open-report").click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}/report$`));

  await expect(page.getByTestId("report-title")).toContainText("acks=1");
  await expect(page.getByTestId("report-seed")).toHaveText(String(seed));
  const verdicts = page.getByTestId("report-verdicts");
  for (const name of [
    "lostAckedWrites",
    "logDuplicates",
    "lostEffects",
    "duplicateEffects",
    "orderViolations",
    "replicaDivergence",
    "projectionDivergence",
  ])
    await expect(verdicts.getByTestId(`verdict-${name}`)).not.toHaveAttribute("data-count", "");
  // The scenario's lesson: acks=1 loses acknowledged writes when the leader fails.
  const lost = verdicts.getByTestId("verdict-lostAckedWrites");
  await expect(lost).toContainText("acknowledged to a producer, then lost");
  expect(Number(await lost.getAttribute("data-count"))).toBeGreaterThan(0);
  await expect(lost).toContainText("First examples");

  // The fault timeline shows the scripted leader crash; the charts are drawn.
  await expect(page.getByTestId("report-timeline")).toContainText("kill");
  await expect(page.getByTestId("report-chart-replication-lag")).toBeVisible();
  await expect
    .poll(async () =>
      Number(await page.getByTestId("report-chart-throughput").getAttribute("data-points")),
    )
    .toBeGreaterThan(20);
  const stored = (await page.getByTestId("report-trace-hash").textContent())!.trim();
  expect(stored).toMatch(/^[0-9a-f]{8,}$/);
  await expect(page.getByTestId("charts-trace-hash")).toContainText(`✓ ${stored}`);

  // Replay on the server: the same hash.
  await page.getByTestId("replay-run").click();
  await expect(page.getByTestId("replay-result")).toHaveAttribute("data-matches", "true", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("replay-hash")).toHaveText(stored);
  await expect(page.getByTestId("replay-stored-hash")).toHaveText(stored);
  await expect(page.getByTestId("replay-verdict")).toContainText("Equal");
  await snap(page, testInfo, "runs-10-report", { fullPage: true });
  await snap(page, testInfo, "runs-11-report-top");

  // The run page's scrubber spans the whole run, with the same fault windows as bands.
  await page.getByTestId("report-open-live").click();
  await expect(page.getByTestId("scrubber-track")).toHaveAttribute("data-max-ms", "25000");
  await snap(page, testInfo, "runs-23-scrubber-with-faults", { focus: "time-travel" });
});

test("a fork made from the report opens live, linked to its parent", async ({ page }, testInfo) => {
  const seed = freshSeed();
  const parentId = await runToEnd(page, "partition-heal", seed);
  await page.goto(`/runs/${parentId}/report`);
  await page.getByTestId("report-fork").click();
  const dialog = page.getByTestId("fork-dialog");
  await dialog.getByTestId("fork-at").fill("6");
  await snap(page, testInfo, "runs-12-fork-dialog");
  await dialog.getByTestId("confirm-ok").click();

  await page.waitForURL(
    (url) => /^\/runs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(parentId),
  );
  const forkId = decodeURIComponent(page.url().split("/runs/")[1]!);
  await expect(page.getByTestId("role")).toHaveAttribute("data-role", "operator");
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "6000");
  await expect(page.getByTestId("fork-parent")).toContainText(parentId);

  // The list links the fork to its parent, and "its forks" finds it.
  await page.goto(`/runs?parent=${parentId}`);
  const row = page.getByTestId(`run-row-${forkId}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("parent-link")).toHaveText(parentId);
  await expect(row).toContainText("6.000 s");
  await expect(page.getByTestId("filter-parent")).toContainText(parentId);
});
