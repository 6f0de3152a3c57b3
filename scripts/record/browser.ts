import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * Headless Chromium: Debian's when it is installed (machines without internet cannot
 * download Playwright's, ENVIRONMENT.md), Playwright's own otherwise; the same flags as
 * playwright.config.ts, so that Chromium does not keep calling hosts it cannot reach.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
