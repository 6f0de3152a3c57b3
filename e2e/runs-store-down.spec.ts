import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { play, snap, startFromLibrary, virtualMs, waitForVirtualTime } from "./fixtures";

/**
 * The same production build served by a second server whose database cannot be reached
 * (a PostgreSQL URL on a port nothing listens on): stored runs are out of reach, live runs
 * are not.
 */
const port = Number(process.env.E2E_PORT ?? 3107) + 51;
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;

test.describe.configure({ mode: "serial" });
test.use({ baseURL: base });
test.skip(!!process.env.E2E_BASE_URL, "needs the local production build");

test.beforeAll(async () => {
  server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://127.0.0.1:9/unreachable",
    },
    stdio: "ignore",
  });
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${base}/`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("with the database down, the run pages say so and the live run keeps streaming", async ({
  page,
}, testInfo) => {
  const runId = await startFromLibrary(page, "replication-basics", { seed: 5 });
  await play(page);
  await waitForVirtualTime(page, 1000);

  await page.goto(`/runs`);
  const notice = page.getByTestId("store-unavailable");
  await expect(notice).toContainText("The run store cannot be reached");
  await expect(notice).toContainText("database");
  await expect(notice).toContainText("Live runs do not depend on it");
  await snap(page, testInfo, "runs-06-store-down-list");

  await page.goto(`/runs/${runId}/report`);
  await expect(page.getByTestId("store-unavailable")).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    "The run is live and goes on without the store",
  );
  await snap(page, testInfo, "runs-07-store-down-report");

  // The live page does not need the store: the clock moves on.
  await page.goto(`/runs/${runId}`);
  const now = await virtualMs(page);
  await waitForVirtualTime(page, now + 1000);
  await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "running");
});
