/**
 * The browser phase of `npm run bench:live`: the run page in headless Chromium, watching
 * the medium benchmark scenario at max speed, served by the project's own server
 * (server/main.ts, production build) on a free loopback port. It measures, in the page:
 *   - the interval between animation frames (the rAF callbacks' frame timestamps), p50,
 *     p95, max, and how many frames took over 20 ms;
 *   - the longest task (PerformanceObserver "longtask": tasks over 50 ms) and the longest
 *     animation frame ("long-animation-frame", when the browser has it);
 *   - fault to paint: from the click on "Inject" in the fault panel (a pause of one broker)
 *     to the first animation frame after the topology shows that broker paused, i.e. the
 *     frame that painted it has been produced. Repeated (each fault ended before the next).
 * Needs `npm run build` first (the production build in .next).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { launchChromium } from "./record/browser";
import { benchCases } from "./bench-cases";

export interface BrowserFigures {
  phase: "browser";
  scenario: string;
  speed: "max";
  seconds: number;
  frameIntervalMs: FrameIntervals;
  /** The same, while only watching the run, and while injecting faults through the panel. */
  frameIntervalMsByPhase: { watching: FrameIntervals; faults: FrameIntervals };
  longestTaskMs: number;
  longTasks: number;
  /** While only watching the run, and while injecting faults through the panel. */
  longestTaskMsByPhase: { watching: number; faults: number };
  longestAnimationFrameMs: number | null;
  /** The three longest animation frames, with their longest scripts (attribution). */
  longestAnimationFrames: LoafRecord[];
  faultToPaintMs: { p50: number; p95: number; max: number; count: number };
  faultToDomMs: { p50: number; p95: number };
  /** Whether the page was cross-origin isolated: its timestamps then have 5 µs resolution. */
  crossOriginIsolated: boolean;
}

interface FrameIntervals {
  p50: number;
  p95: number;
  max: number;
  count: number;
  over20ms: number;
}

const ROOT = path.resolve(__dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startServer(port: number, dbDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DEMO_RUN: "0",
      // Without cross-origin isolation Chromium coarsens `performance.now()` and the
      // animation frames' timestamps to 100 µs with jitter, so a 60 Hz interval of
      // 16.67 ms reads as 16.6, 16.7 or 16.8: on a blank page about 7 % of intervals read
      // 16.8, over the 16.7 ms target with no frame late. Isolated, the resolution is
      // 5 µs and they read 16.66 to 16.67. (Headers added by Playwright's request
      // interception do not do: the document then counts as public, and Chromium's
      // local network access checks block its websocket to 127.0.0.1.)
      CROSS_ORIGIN_ISOLATED: "1",
      DATABASE_URL: `file:${path.join(dbDir, "bench.db")}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/scenarios`);
      if (r.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not start within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
}

function longest(tasks: { ms: number; phase: BenchPhase }[], phase: BenchPhase): number {
  return Math.max(0, ...tasks.filter((t) => t.phase === phase).map((t) => t.ms));
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function frameIntervals(intervals: number[]): FrameIntervals {
  return {
    p50: round1(quantile(intervals, 0.5)),
    p95: round1(quantile(intervals, 0.95)),
    max: round1(Math.max(...intervals)),
    count: intervals.length,
    over20ms: intervals.filter((x) => x > 20).length,
  };
}

/** A long animation frame as recorded: when, in which phase, and its longest scripts. */
interface LoafRecord {
  ms: number;
  phase: BenchPhase;
  /** Its longest scripts: invoker, function (the page's bundles are minified), time, forced layout. */
  scripts: string[];
}
type BenchPhase = "watching" | "faults";

interface BenchRecorder {
  frames: number[];
  /** The phase each frame in `frames` was recorded in. */
  framePhases: BenchPhase[];
  recording: boolean;
  phase: BenchPhase;
  longTasks: { ms: number; phase: BenchPhase }[];
  loafs: LoafRecord[];
}

/** Installed before the page's own scripts: the frame and long-task recorders. */
function installRecorders(): void {
  const w = window as unknown as { __bench: BenchRecorder };
  const bench: BenchRecorder = {
    frames: [],
    framePhases: [],
    recording: false,
    phase: "watching",
    longTasks: [],
    loafs: [],
  };
  w.__bench = bench;
  const onFrame = (t: number) => {
    if (bench.recording) {
      bench.frames.push(t);
      bench.framePhases.push(bench.phase);
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  const observe = (type: string, record: (e: PerformanceEntry) => void) => {
    try {
      new PerformanceObserver((list) => {
        if (!bench.recording) return;
        for (const e of list.getEntries()) record(e);
      }).observe({ type, buffered: false });
    } catch {
      // This browser does not report that entry type.
    }
  };
  observe("longtask", (e) => bench.longTasks.push({ ms: e.duration, phase: bench.phase }));
  observe("long-animation-frame", (e) => {
    const scripts = (
      e as PerformanceEntry & {
        scripts?: {
          invoker: string;
          sourceURL: string;
          sourceFunctionName: string;
          duration: number;
          forcedStyleAndLayoutDuration: number;
        }[];
      }
    ).scripts;
    bench.loafs.push({
      ms: e.duration,
      phase: bench.phase,
      scripts: [...(scripts ?? [])]
        .sort((a, b) => b.duration - a.duration)
        .slice(0, 3)
        .map(
          (x) =>
            `${x.invoker} (${x.sourceFunctionName || "?"} in ${x.sourceURL.split("/").pop() || "?"}) ${Math.round(x.duration)} ms, forced style and layout ${Math.round(x.forcedStyleAndLayoutDuration)} ms`,
        ),
    });
  });
}

/** One fault in the page: click Inject, wait for the broker to show paused, then a frame. */
function injectAndTime(broker: string): Promise<{ dom: number; paint: number }> {
  return new Promise((resolve, reject) => {
    const node = document.querySelector(`[data-testid="topology-node-${broker}"]`);
    const button = document.querySelector<HTMLButtonElement>('[data-testid="inject-fault"]');
    if (!node || !button) return reject(new Error(`no node ${broker} or no inject button`));
    let t0 = 0;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${broker} did not show paused within 10 s`));
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (node.getAttribute("data-state") !== "paused") return;
      const dom = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      // A rAF requested now runs once the frame holding this change has been produced.
      requestAnimationFrame(() => resolve({ dom: dom - t0, paint: performance.now() - t0 }));
    });
    observer.observe(node, { attributes: true, attributeFilter: ["data-state"] });
    t0 = performance.now();
    button.click();
  });
}

/**
 * Aims the fault form at a broker the way a person's choice in the select does: the select's
 * value, then the change event React listens for.
 */
function chooseTarget(broker: string): void {
  const select = document.querySelector<HTMLSelectElement>('[data-testid="fault-target"]');
  if (!select) throw new Error("no fault target select");
  select.value = broker;
  if (select.value !== broker) throw new Error(`the fault target has no option ${broker}`);
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Ends the first active fault (its End button) and waits until the broker shows up again. */
function endFaultAndWait(broker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const node = document.querySelector(`[data-testid="topology-node-${broker}"]`);
    const end = document.querySelector<HTMLButtonElement>(
      '[data-testid="fault-panel"] [data-testid^="end-fault-"]',
    );
    if (!node || !end) return reject(new Error(`no node ${broker} or no active fault to end`));
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${broker} did not show up again within 10 s`));
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (node.getAttribute("data-state") !== "up") return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(node, { attributes: true, attributeFilter: ["data-state"] });
    end.click();
  });
}

export async function openRun(page: Page, base: string): Promise<void> {
  const created = await fetch(`${base}/api/runs`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: benchCases.medium, paused: true }),
  });
  if (!created.ok) throw new Error(`POST /api/runs: ${created.status} ${await created.text()}`);
  const { runId, operatorSecret } = (await created.json()) as {
    runId: string;
    operatorSecret: string;
  };
  // The page finds the operator secret where the library page leaves it.
  await page.goto(`${base}/`);
  await page.evaluate(
    ([id, secret]) => window.localStorage.setItem(`convergence-lab:operator:${id}`, secret!),
    [runId, operatorSecret],
  );
  await page.goto(`${base}/runs/${encodeURIComponent(runId)}`);
  await page.locator('[data-testid="role"][data-role="operator"]').waitFor();
  await page.getByTestId("speed").selectOption("max");
  await page.getByTestId("resume").click();
  await page.getByTestId("pause").waitFor();
}

export async function browserPhase(seconds: number, faults: number): Promise<BrowserFigures> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")))
    throw new Error("no production build: run `npm run build` first");
  const port = await freePort();
  const dbDir = mkdtempSync(path.join(tmpdir(), "bench-live-"));
  const server = await startServer(port, dbDir);
  // The e2e tests' browser and flags (Debian's Chromium when installed).
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps named functions in a
    // __name(...) helper; the functions sent to the page need it there too.
    await page.addInitScript({ content: "window.__name = (f) => f;" });
    await page.addInitScript(installRecorders);
    const base = `http://127.0.0.1:${port}`;
    await openRun(page, base);
    await page.waitForTimeout(3000); // warm-up: the JIT, the first records, the charts

    // Animation frames and long tasks while the page follows the run at max speed.
    await page.evaluate(() => {
      const b = (window as unknown as { __bench: { recording: boolean } }).__bench;
      b.recording = true;
    });
    await page.waitForTimeout(seconds * 1000);

    // Faults, while still recording: injecting one and seeing it is part of using the page.
    await page.evaluate(() => {
      (window as unknown as { __bench: { phase: string } }).__bench.phase = "faults";
    });
    await page.getByTestId("fault-kind-pause").click();
    const brokers = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"];
    const toPaint: number[] = [];
    const toDom: number[] = [];
    // Every step is done inside the page, as a person's click or choice would be, with
    // no Playwright locator: a locator's actionability checks (scrolling, hit tests, two
    // frames of stability) and its waits (a CSS query over the whole page on every
    // animation frame) run in the page's main thread, so they were the harness's own work
    // counted in the page's frames and tasks.
    for (let i = 0; i < faults; i++) {
      const broker = brokers[i % brokers.length]!;
      await page.evaluate(chooseTarget, broker);
      const t = await page.evaluate(injectAndTime, broker);
      toPaint.push(t.paint);
      toDom.push(t.dom);
      // End it (its node shows up again) before the next, so each fault starts from calm.
      await page.evaluate(endFaultAndWait, broker);
      await page.waitForTimeout(300);
    }
    const rec = await page.evaluate(() => {
      const b = (window as unknown as { __bench: BenchRecorder }).__bench;
      b.recording = false;
      return {
        frames: b.frames,
        framePhases: b.framePhases,
        longTasks: b.longTasks,
        loafs: b.loafs,
      };
    });
    // An interval belongs to the phase of the frame that ends it.
    const intervals = rec.frames.slice(1).map((t, i) => t - rec.frames[i]!);
    const inPhase = (phase: BenchPhase) =>
      intervals.filter((_, i) => rec.framePhases[i + 1] === phase);
    const isolated = await page.evaluate(() => window.crossOriginIsolated);
    const loafSupported = await page.evaluate(() =>
      PerformanceObserver.supportedEntryTypes.includes("long-animation-frame"),
    );
    return {
      phase: "browser",
      scenario: "medium",
      speed: "max",
      seconds,
      frameIntervalMs: frameIntervals(intervals),
      frameIntervalMsByPhase: {
        watching: frameIntervals(inPhase("watching")),
        faults: frameIntervals(inPhase("faults")),
      },
      // Long tasks are reported from 50 ms up: none means every task was shorter.
      longestTaskMs: round1(Math.max(0, ...rec.longTasks.map((t) => t.ms))),
      longTasks: rec.longTasks.length,
      longestTaskMsByPhase: {
        watching: round1(longest(rec.longTasks, "watching")),
        faults: round1(longest(rec.longTasks, "faults")),
      },
      longestAnimationFrameMs: loafSupported
        ? round1(Math.max(0, ...rec.loafs.map((l) => l.ms)))
        : null,
      longestAnimationFrames: [...rec.loafs]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3)
        .map((l) => ({ ...l, ms: round1(l.ms) })),
      faultToPaintMs: {
        p50: round1(quantile(toPaint, 0.5)),
        p95: round1(quantile(toPaint, 0.95)),
        max: round1(Math.max(...toPaint)),
        count: toPaint.length,
      },
      faultToDomMs: { p50: round1(quantile(toDom, 0.5)), p95: round1(quantile(toDom, 0.95)) },
      crossOriginIsolated: isolated,
    };
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dbDir, { recursive: true, force: true });
  }
}
