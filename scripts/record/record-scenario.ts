import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "@playwright/test";
import type { Capture } from "./capture";
import { playNarration } from "./play";

export interface RecordOptions {
  baseURL: string;
  scenario: string;
  /** The scenario's own seed when absent. */
  seed?: number;
  speed: number;
  dwellScale: number;
  outDir: string;
  /** Write the .webm (needs ffmpeg) and the trace; a determinism check can go without. */
  video: boolean;
  log?: (line: string) => void;
}

export interface Recording {
  runId: string;
  video: string | null;
  trace: string | null;
  numbers: string;
  captures: Capture[];
}

const VIEWPORT = { width: 1440, height: 900 };

/**
 * Films one scenario: starts a run of it (paused, as this browser's operator), opens its
 * page, plays the narration at a watchable pace, and writes <out>/<name>.webm,
 * <name>.trace.zip and <name>.numbers.json (what the page showed at each step).
 */
export async function recordScenario(browser: Browser, o: RecordOptions): Promise<Recording> {
  mkdirSync(o.outDir, { recursive: true });
  const res = await fetch(`${o.baseURL}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      scenario: o.scenario,
      paused: true,
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
    }),
  });
  if (res.status !== 201)
    throw new Error(`POST /api/runs answered ${res.status}: ${await res.text()}`);
  const { runId, operatorSecret } = (await res.json()) as { runId: string; operatorSecret: string };
  const context = await browser.newContext({
    baseURL: o.baseURL,
    viewport: VIEWPORT,
    ...(o.video
      ? { recordVideo: { dir: path.join(tmpdir(), "convergence-lab-video"), size: VIEWPORT } }
      : {}),
  });
  // The page steers the run when this browser holds its operator secret (components/api).
  await context.addInitScript(
    ([key, secret]) => window.localStorage.setItem(key!, secret!),
    [`convergence-lab:operator:${runId}`, operatorSecret],
  );
  if (o.video) await context.tracing.start({ snapshots: true, title: o.scenario });
  const page = await context.newPage();
  let captures: Capture[];
  const base = path.join(o.outDir, o.scenario);
  let trace: string | null = null;
  let video: string | null = null;
  try {
    await page.goto(`/runs/${runId}`);
    await page
      .locator('[data-testid="lab-state"][data-ready="true"]')
      .waitFor({ state: "attached" });
    await page.locator('[data-testid="role"][data-role="operator"]').waitFor();
    await page.waitForFunction(() => window.convergenceLab !== undefined);
    captures = await playNarration(page, {
      speed: o.speed,
      dwellScale: o.dwellScale,
      onStep: (i, title) => o.log?.(`${o.scenario}: step ${i + 1}: ${title}`),
    });
  } finally {
    if (o.video) {
      trace = `${base}.trace.zip`;
      await context.tracing.stop({ path: trace });
    }
    const recorded = page.video();
    await context.close();
    if (recorded) {
      video = `${base}.webm`;
      await recorded.saveAs(video);
      await recorded.delete();
    }
  }
  const numbers = `${base}.numbers.json`;
  writeFileSync(numbers, JSON.stringify({ scenario: o.scenario, runId, captures }, null, 2) + "\n");
  return { runId, video, trace, numbers, captures };
}
