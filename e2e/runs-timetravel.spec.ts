import { expect, test } from "@playwright/test";
import { dataNumber, snap, startFromLibrary } from "./fixtures";
import { stepSeconds } from "./runs-fixtures";

test("the scrubber seeks back, and the clock and lanes show the earlier time", async ({
  page,
}, testInfo) => {
  await startFromLibrary(page, "replication-basics", { seed: 7 });
  await stepSeconds(page, 5);
  const track = page.getByTestId("scrubber-track");
  await expect(track).toHaveAttribute("data-max-ms", "5000");
  const laterLeo = await dataNumber(page, "lane-p0-b1", "data-leo");
  const laterHw = await dataNumber(page, "lane-p0-b2", "data-hw");
  expect(laterLeo).toBeGreaterThan(20);
  await snap(page, testInfo, "runs-20-scrubber-before", { focus: "time-travel" });

  // Back three seconds with the keyboard: the run pauses at exactly 2.000 s.
  await page.getByTestId("scrubber-thumb").focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowLeft");
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "2000");
  await expect.poll(() => dataNumber(page, "lane-p0-b1", "data-leo")).toBeLessThan(laterLeo);
  // The furthest point stays reachable: the track still ends at 5 s.
  await expect(track).toHaveAttribute("data-max-ms", "5000");
  await expect(page.getByTestId("time-travel-state")).toContainText("back");
  await expect(page.getByTestId("resume")).toBeVisible();
  await snap(page, testInfo, "runs-21-scrubber-after-seek", { focus: "time-travel" });

  // Clicking the end of the track goes forward again, to the same future.
  const box = (await track.boundingBox())!;
  await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "5000");
  await expect.poll(() => dataNumber(page, "lane-p0-b1", "data-leo")).toBe(laterLeo);
  await expect.poll(() => dataNumber(page, "lane-p0-b2", "data-hw")).toBe(laterHw);
});

test("a viewer follows the operator's seek and cannot scrub", async ({ page, browser }) => {
  const runId = await startFromLibrary(page, "replication-basics", { seed: 3 });
  await stepSeconds(page, 4);
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(`/runs/${encodeURIComponent(runId)}`);
  await expect(viewer.getByTestId("role")).toHaveAttribute("data-role", "viewer");
  await expect(viewer.getByTestId("scrubber-thumb")).toHaveAttribute("aria-readonly", "true");
  await expect(viewer.getByTestId("fork-here")).toBeDisabled();

  await page.getByTestId("scrubber-thumb").focus();
  await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "2000");
  await expect(viewer.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "2000");
  await viewerContext.close();
});

test("fork from here opens a new run, linked to its parent, at the scrubbed time", async ({
  page,
}, testInfo) => {
  const parentId = await startFromLibrary(page, "acks-failover", { seed: 11 });
  await stepSeconds(page, 4);
  await page.getByTestId("scrubber-thumb").focus();
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "3000");

  await page.getByTestId("fork-here").click();
  await page.waitForURL((url) => !url.pathname.endsWith(`/runs/${parentId}`));
  const forkId = decodeURIComponent(page.url().split("/runs/")[1]!);
  expect(forkId).not.toBe(parentId);
  await expect(page.getByTestId("role")).toHaveAttribute("data-role", "operator");
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "3000");
  await expect(page.getByTestId("fork-parent")).toContainText(parentId);
  await expect(page.getByTestId("fork-parent")).toContainText("3.000 s");
  // The fork is a run of its own: it plays on from where it started.
  await stepSeconds(page, 1);
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "4000");
  await snap(page, testInfo, "runs-22-fork", { focus: "time-travel" });
});

test("a fault's band on the scrubber sits at its virtual times as the track grows", async ({
  page,
}) => {
  await startFromLibrary(page, "replication-basics", { seed: 5 });
  await stepSeconds(page, 2);
  // Broker b2 paused for one virtual second, from 2 s to 3 s.
  const panel = page.getByTestId("fault-panel");
  await panel.getByTestId("fault-kind-pause").click();
  await panel.getByTestId("fault-target").selectOption("b2");
  await panel.getByTestId("fault-duration").fill("1");
  await panel.getByTestId("inject-fault").click();
  await expect(panel.getByTestId("fault-message")).toContainText("Injected");
  const track = page.getByTestId("scrubber-track");
  // Operator commands are numbered op1, op2, ... (the scenario's own faults have names).
  const band = track.getByTestId("scrubber-band-op1");

  /** The band's left and right as fractions of the track. */
  const bandFractions = async () => {
    const t = (await track.boundingBox())!;
    const b = (await band.boundingBox())!;
    return [(b.x - t.x) / t.width, (b.x + b.width - t.x) / t.width];
  };
  await stepSeconds(page, 3);
  await expect(track).toHaveAttribute("data-max-ms", "5000");
  await expect(band).toHaveAttribute("title", /pause b2: 2\.000 s to 3\.000 s/);
  let [left, right] = await bandFractions();
  expect(left).toBeCloseTo(2000 / 5000, 2);
  expect(right).toBeCloseTo(3000 / 5000, 2);

  // Five seconds on, the same band covers half the share of a track twice as long.
  await stepSeconds(page, 5);
  await expect(track).toHaveAttribute("data-max-ms", "10000");
  [left, right] = await bandFractions();
  expect(left).toBeCloseTo(2000 / 10000, 2);
  expect(right).toBeCloseTo(3000 / 10000, 2);
});
