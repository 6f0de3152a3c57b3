import path from "node:path";
import { builtinScenarios } from "../server/scenarios";
import { launchChromium } from "./record/browser";
import { ensurePlaywrightFfmpeg } from "./record/ffmpeg";
import { recordScenario } from "./record/record-scenario";
import { productionServer } from "./record/server";

/**
 * npm run record -- <scenario name ...|all> [--url http://host:port] [--seed n]
 *                   [--speed 2] [--dwell 1] [--out recordings]
 *
 * Films scenarios in headless Chromium, playing each one's narration at a watchable pace:
 * recordings/<name>.webm, <name>.trace.zip and <name>.numbers.json (what the page showed
 * at each step, for comparing two recordings). Starts its own production server unless
 * --url names one. docs/teaching.md explains it.
 */
interface Args {
  names: string[];
  url?: string;
  seed?: number;
  speed: number;
  dwell: number;
  out: string;
}

const USAGE =
  "usage: npm run record -- <scenario ...|all> [--url http://host:port] [--seed n] [--speed 2] [--dwell 1] [--out recordings]";

function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], speed: 2, dwell: 1, out: "recordings" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const number = (min: number, max: number) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < min || n > max)
        throw new Error(`${a} must be a number from ${min} to ${max}`);
      return n;
    };
    if (a === "--url") args.url = value();
    else if (a === "--seed") args.seed = number(0, 2 ** 31);
    else if (a === "--speed") args.speed = number(0.1, 100);
    else if (a === "--dwell") args.dwell = number(0, 10);
    else if (a === "--out") args.out = value();
    else if (a.startsWith("--")) throw new Error(`unknown flag ${a}`);
    else args.names.push(a);
  }
  const known = builtinScenarios().map((s) => s.name);
  if (args.names.length === 0) throw new Error("name a scenario, or all");
  if (args.names.includes("all")) args.names = known;
  const unknown = args.names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown scenario ${unknown.join(", ")}; built-in: ${known.join(", ")}`);
  return args;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`record: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  console.log(`record: video: ${ensurePlaywrightFfmpeg()}`);
  const server = await productionServer(args.url);
  const browser = await launchChromium();
  try {
    for (const name of args.names) {
      const started = Date.now();
      const r = await recordScenario(browser, {
        baseURL: server.url,
        scenario: name,
        ...(args.seed !== undefined ? { seed: args.seed } : {}),
        speed: args.speed,
        dwellScale: args.dwell,
        outDir: path.resolve(args.out),
        video: true,
        log: (line) => console.log(`record: ${line}`),
      });
      console.log(
        `record: ${name}: ${path.relative(".", r.video ?? "")}, ${path.relative(".", r.trace ?? "")} (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e: unknown) => {
  console.error("record:", e instanceof Error ? e.message : e);
  process.exit(1);
});
