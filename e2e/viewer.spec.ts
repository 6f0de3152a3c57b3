import { expect, test } from "@playwright/test";
import { play, setSpeed, snap, startFromLibrary, waitForVirtualTime } from "./fixtures";

test("a viewer sees the same numbers and cannot inject a fault", async ({
  page,
  browser,
}, testInfo) => {
  const runId = await startFromLibrary(page, "replication-basics");
  await play(page);
  await waitForVirtualTime(page, 1500);
  // A quarter speed: the 30-virtual-second run must still be running when the operator
  // pauses it below, however long a loaded machine takes to open the second browser.
  await setSpeed(page, "0.25");

  const viewerContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const viewer = await viewerContext.newPage();
  await viewer.goto(`/runs/${encodeURIComponent(runId)}`);
  await expect(viewer.getByTestId("role")).toHaveAttribute("data-role", "viewer");
  await expect(viewer.getByTestId("run-title")).toHaveText(/Replication basics/);

  // The viewer cannot steer: every control is disabled and says why.
  await expect(viewer.getByTestId("viewer-note")).toBeVisible();
  await expect(viewer.getByTestId("inject-fault")).toBeDisabled();
  await expect(viewer.getByTestId("pause")).toBeDisabled();
  await expect(viewer.getByTestId("speed")).toBeDisabled();

  // With the run paused, both browsers show the same state.
  await page.getByTestId("pause").click();
  await expect(viewer.getByTestId("resume")).toBeVisible();
  const clock = page.getByTestId("virtual-clock");
  const now = await clock.getAttribute("data-now-ms");
  await expect(viewer.getByTestId("virtual-clock")).toHaveAttribute("data-now-ms", now!);
  for (const id of [
    "hw-p0",
    "hw-p1",
    "hw-p2",
    "check-count-lostAckedWrites",
    "producer-acked-payments",
  ]) {
    await expect(viewer.getByTestId(id)).toHaveText((await page.getByTestId(id).textContent())!);
  }
  await snap(viewer, testInfo, "09-viewer");
  await viewerContext.close();
});
