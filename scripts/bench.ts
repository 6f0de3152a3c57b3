/**
 * Engine benchmark: `npm run bench [-- --cases small,medium --virtual-ms 60000 --hour]`.
 * Prints one JSON line per case:
 *   simEventsPerSec       scheduler dispatches per wall second with the real handlers
 *   baselineEventsPerSec  the same scheduler with empty handlers (same process, same heap size)
 *   ratio                 sim / baseline
 *   virtualPerWall        virtual seconds simulated per wall second
 *   peakHeapMb            peak live V8 heap (after a full collection; needs --expose-gc)
 *   peakHeapUsedMb        peak V8 heapUsed as sampled, garbage included
 *   peakArrayBuffersMb    peak memory of ArrayBuffers (typed arrays: the scheduler's queue,
 *                         the history ring, the replica tables), which the V8 heap figures
 *                         leave out
 * With --hour, the medium case runs one virtual hour and reports its peak heap.
 */
import { z } from "zod";
import { Simulation } from "../server/sim/engine";
import { Scheduler } from "../server/sim/scheduler";
import { parseScenario } from "../server/sim/validate";
import { benchCases } from "./bench-cases";

const flags = z
  .object({
    cases: z.array(z.enum(["small", "medium", "large"])).default(["small", "medium", "large"]),
    virtualMs: z.number().positive().default(300_000),
    hour: z.boolean().default(false),
  })
  .parse(parseArgs(process.argv.slice(2)));

function parseArgs(argv: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--cases") out.cases = argv[++i]?.split(",");
    else if (argv[i] === "--virtual-ms") out.virtualMs = Number(argv[++i]);
    else if (argv[i] === "--hour") out.hour = true;
    else {
      console.error(`bench: unknown flag ${argv[i]}`);
      process.exit(2);
    }
  }
  return out;
}

/** Events dispatched before the clock starts, for the simulation and the baseline alike. */
const WARMUP_EVENTS = 200_000;

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Heap figures: the peak of V8's heapUsed as sampled (it includes garbage not yet
 * collected), and, when the script runs with --expose-gc (npm run bench does), the peak
 * live heap right after a full collection: what the simulation really holds.
 */
class HeapPeak {
  peakUsed = 0;
  peakLive = 0;
  peakArrayBuffers = 0;
  sampleUsed(): void {
    const m = process.memoryUsage();
    this.peakUsed = Math.max(this.peakUsed, m.heapUsed);
    this.peakArrayBuffers = Math.max(this.peakArrayBuffers, m.arrayBuffers);
  }
  sampleLive(): void {
    if (!gc) return;
    gc();
    this.peakLive = Math.max(this.peakLive, process.memoryUsage().heapUsed);
  }
}

/** Runs the case for `virtualMs`; heap sampling (and its collections) is kept out of the timing. */
function runCase(name: keyof typeof benchCases, virtualMs: number) {
  const scenario = parseScenario(benchCases[name]);
  const heap = new HeapPeak();
  const sim = new Simulation(scenario, 1);
  const queueSizes: number[] = [];
  // Warm up as the baseline does (WARMUP_EVENTS events before its clock starts): V8's
  // optimising compiler works on a background thread, and the handlers of a case that runs
  // first in a fresh process are still being compiled some 50,000 events in. Timing from
  // 2 virtual seconds (6,600 events of the small case) measured that compilation in the
  // first case only, and the ratio compared a cold engine with a warm baseline. The cold
  // rate is printed too (`coldEventsPerSec`), so nothing is hidden.
  const w0 = process.hrtime.bigint();
  sim.runUntil(2000);
  while (sim.dispatched < WARMUP_EVENTS && sim.now < virtualMs / 2 && sim.failure === null)
    sim.runUntil(sim.now + 1000);
  const warmupSec = Number(process.hrtime.bigint() - w0) / 1e9;
  const startEvents = sim.dispatched;
  const startVirtual = sim.now;
  const liveEveryMs = Math.max(10_000, virtualMs / 60);
  let excludedNs = 0n;
  const t0 = process.hrtime.bigint();
  for (let t = startVirtual + 1000; t <= virtualMs; t += 1000) {
    sim.runUntil(t);
    const s0 = process.hrtime.bigint();
    queueSizes.push(sim.sched.size);
    heap.sampleUsed();
    if (t % liveEveryMs < 1000) heap.sampleLive();
    excludedNs += process.hrtime.bigint() - s0;
  }
  const wallSec = Number(process.hrtime.bigint() - t0 - excludedNs) / 1e9;
  heap.sampleLive();
  const events = sim.dispatched - startEvents;
  const meanQueue = Math.round(
    queueSizes.reduce((a, b) => a + b, 0) / Math.max(1, queueSizes.length),
  );
  const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  return {
    simEventsPerSec: Math.round(events / wallSec),
    coldEventsPerSec: Math.round(startEvents / warmupSec),
    warmupEvents: startEvents,
    virtualPerWall: Math.round(((sim.now - startVirtual) / 1000 / wallSec) * 10) / 10,
    peakHeapMb: gc ? mb(heap.peakLive) : mb(heap.peakUsed),
    peakHeapUsedMb: mb(heap.peakUsed),
    peakArrayBuffersMb: mb(heap.peakArrayBuffers),
    events,
    meanQueue,
    nodes: sim.nodes.length,
    failure: sim.failure?.message ?? null,
  };
}

/**
 * The baseline: the same scheduler, with a queue as large as the case's, dispatching
 * events whose handler only schedules the next one (the minimum any simulation does).
 */
function baseline(queueSize: number, events: number): number {
  const sched = new Scheduler<null>();
  let x = 1;
  const nextDelay = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x % 10000) / 100;
  };
  for (let i = 0; i < queueSize; i++) sched.schedule(nextDelay(), 1, i, 0, 0, null);
  const run = (n: number) => {
    for (let i = 0; i < n; i++) {
      const ev = sched.pop()!;
      sched.schedule(sched.now + nextDelay(), ev.kind, ev.node, 0, 0, null);
    }
  };
  run(Math.min(events, WARMUP_EVENTS));
  const t0 = process.hrtime.bigint();
  run(events);
  return Math.round(events / (Number(process.hrtime.bigint() - t0) / 1e9));
}

for (const name of flags.cases) {
  const virtualMs = flags.hour && name === "medium" ? 3_600_000 : flags.virtualMs;
  const r = runCase(name, virtualMs);
  const base = baseline(Math.max(1, r.meanQueue), Math.max(1_000_000, r.events));
  console.log(
    JSON.stringify({
      name,
      nodes: r.nodes,
      virtualMs,
      simEventsPerSec: r.simEventsPerSec,
      coldEventsPerSec: r.coldEventsPerSec,
      warmupEvents: r.warmupEvents,
      baselineEventsPerSec: base,
      ratio: Math.round((r.simEventsPerSec / base) * 1000) / 1000,
      virtualPerWall: r.virtualPerWall,
      peakHeapMb: r.peakHeapMb,
      peakHeapUsedMb: r.peakHeapUsedMb,
      peakArrayBuffersMb: r.peakArrayBuffersMb,
      meanQueue: r.meanQueue,
      events: r.events,
      failure: r.failure,
    }),
  );
}
