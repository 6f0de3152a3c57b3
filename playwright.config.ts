import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against the production build in a real Chromium. On machines without
 * internet (ENVIRONMENT.md) Playwright cannot download its browser, so Debian's
 * /usr/bin/chromium is used when it exists, and Playwright's own browser otherwise:
 * the same `npm test` works on both.
 */
const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // Each test runs a live simulation and a browser; two at a time suit a two-core machine.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "npm run build && npm run start",
        url: `${baseURL}/`,
        env: { PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
        timeout: 240_000,
        reuseExistingServer: !process.env.CI,
        stdout: "ignore",
        stderr: "pipe",
      },
});
