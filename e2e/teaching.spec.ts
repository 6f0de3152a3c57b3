import { expect, test } from "@playwright/test";
import { startFromLibrary } from "./fixtures";
import { advance, advanceTo, labReady, labState, sync } from "./support/lab";

test("teaching mode: Next moves to each step's time, where the scripted faults fire, and highlights what to look at", async ({
  page,
  browser,
}) => {
  const runId = await startFromLibrary(page, "acks-failover");
  await labReady(page);
  const panel = page.getByTestId("teaching-panel");
  await expect(panel).toHaveAttribute("data-step", "0");
  await expect(page.getByTestId("teaching-step-title")).toContainText("acks=1");
  await expect(page.getByTestId("lanes")).toHaveAttribute("data-look-here", "step 1");

  // Jump: straight to the next step's time, paused there.
  await page.getByTestId("teaching-jump").click();
  await expect(page.getByTestId("lab-state")).toHaveAttribute("data-virtual-ms", "5000");
  await expect(panel).toHaveAttribute("data-step", "1");
  await page.getByTestId("teaching-jump").click();
  await expect(page.getByTestId("lab-state")).toHaveAttribute("data-virtual-ms", "8000");
  // The kill is scripted at 8 s: it has fired by the time the step about it shows, once.
  await expect(page.getByTestId("topology-node-b1")).toHaveAttribute("data-state", "down");
  await expect(page.getByTestId("topology")).toHaveAttribute("data-look-here", "step 3");
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "paused");

  // A viewer sees the same step, without the lecturer's buttons.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(`/runs/${runId}`);
  await expect(viewer.getByTestId("teaching-panel")).toHaveAttribute("data-step", "2");
  await expect(viewer.getByTestId("teaching-next")).toHaveCount(0);

  // Play: at the header's speed, stopping exactly at the next step's time.
  await page.getByTestId("speed").selectOption("10");
  await page.getByTestId("teaching-next").click();
  await expect(panel).toHaveAttribute("data-step", "3", { timeout: 30_000 });
  await expect(page.getByTestId("lab-state")).toHaveAttribute("data-virtual-ms", "9000");
  await expect(viewer.getByTestId("teaching-panel")).toHaveAttribute("data-step", "3");
  await viewerContext.close();
});

test("automation hooks: advance exactly, wait for a condition, sync, data attributes", async ({
  page,
}) => {
  await startFromLibrary(page, "partition-heal");
  await labReady(page);
  const lab = page.getByTestId("lab-state");

  const s1 = await advance(page, 1234.5);
  expect(s1.nowMs).toBe(1234.5);
  expect(s1.paused).toBe(true);
  await expect(lab).toHaveAttribute("data-virtual-ms", "1234.5");
  await expect(page.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", "1235");

  // Advances add up, and stop at the end of the run.
  const end = await advanceTo(page, 60_000);
  expect(end.nowMs).toBe(end.durationMs);
  await expect(lab).toHaveAttribute("data-status", "finished");

  // A condition on the page's state, checked at every frame.
  const converged = await page.evaluate(() =>
    window.convergenceLab!.waitFor((s) => s.converged && s.checks.lostAckedWrites === 0),
  );
  expect(converged.converged).toBe(true);
  await expect(lab).toHaveAttribute("data-converged", "true");
  await expect(lab).toHaveAttribute("data-check-lost-acked-writes", "0");

  // After sync every counter is the simulation's: the producer stopped long ago, so the
  // numbers no longer move and a second sync agrees with the first.
  const a = await sync(page);
  const b = await sync(page);
  expect(b).toEqual(a);
  expect((await labState(page)).producers[0]!.acknowledged).toBeGreaterThan(0);
});
