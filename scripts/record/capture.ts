import type { Page } from "@playwright/test";
import type { LabState } from "../../components/run/automation/lab-state";
import "../../components/run/automation/api";

/** What the page showed at one virtual time: the text of its key numbers, and its state. */
export interface Capture {
  atMs: number;
  /** Text as rendered by the panels that are never paused off screen (see RunVisibilityGate). */
  shown: Record<string, string>;
  /** The numbers the page held (window.convergenceLab.state()), less what differs by run. */
  state: Omit<LabState, "runId" | "connection" | "paused" | "speed">;
}

/**
 * Captures the page at the virtual time it stands at. A snapshot is asked for first
 * (frames carry counters only every few ticks, so two films could differ by a tick in a
 * counter at the same time), then the page is left to render it.
 */
export async function captureShown(page: Page): Promise<Capture> {
  await page.evaluate(() => window.convergenceLab!.sync());
  await page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))),
  );
  // Plain calls only: tsx would wrap named helpers written here in __name(), which the
  // page does not have.
  const shown = await page.evaluate(() => window.convergenceLab!.shown());
  const full = await page.evaluate(() => window.convergenceLab!.state());
  const { runId: _r, connection: _c, paused: _p, speed: _s, ...state } = full;
  return { atMs: state.nowMs, shown, state };
}
