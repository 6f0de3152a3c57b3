import type { Page } from "@playwright/test";
import "../../components/run/automation/api";
import { captureShown, type Capture } from "./capture";

export interface PlayOptions {
  /** Virtual ms per wall ms while playing from one step to the next. */
  speed: number;
  /** Multiplies the time each step's caption stays on screen (0: no pause, for tests). */
  dwellScale: number;
  /** Called at each step, for logs. */
  onStep?: (index: number, title: string) => void;
}

/** Reading time for a caption: about 22 characters a second, between 4 and 14 seconds. */
export function dwellMs(text: string, scale: number): number {
  return Math.round(Math.min(14_000, Math.max(4_000, text.length * 45)) * scale);
}

/**
 * Plays a run's narration as a lecturer would: each step's caption stays up long enough to
 * read, then the run plays on to the next step's time (and stops exactly there), and after
 * the last step to the end of the run. At every step, and at the end, it captures what the
 * page shows; two plays of the same scenario and seed give the same captures.
 */
export async function playNarration(page: Page, options: PlayOptions): Promise<Capture[]> {
  const steps = await page.evaluate(() => window.convergenceLab!.teaching.steps());
  const texts = await page.evaluate(
    () => window.convergenceLab!.view().meta?.scenario.narration.map((s) => s.text) ?? [],
  );
  const captures: Capture[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    // The first step may lie after 0 ms; every later one is reached by Next.
    const state = await page.evaluate(() => window.convergenceLab!.state());
    if (state.step < i || state.nowMs < step.atMs)
      await page.evaluate(
        (speed) => window.convergenceLab!.teaching.next({ play: true, speed }),
        options.speed,
      );
    options.onStep?.(i, step.title);
    captures.push(await captureShown(page));
    await page.waitForTimeout(dwellMs(texts[i] ?? "", options.dwellScale));
  }
  await page.evaluate(
    (speed) => window.convergenceLab!.teaching.next({ play: true, speed }),
    options.speed,
  );
  captures.push(await captureShown(page));
  await page.waitForTimeout(Math.round(3000 * options.dwellScale));
  return captures;
}
