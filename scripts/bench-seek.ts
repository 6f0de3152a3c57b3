/**
 * Time-travel benchmark: `npm run bench:seek`. Runs the medium case for 10 virtual
 * minutes taking checkpoints as a live run would, then seeks to spread-out points and
 * prints one JSON line: seek times (max, p50), checkpoint count, and the heap they take.
 * Target (issue 4): seeking anywhere in a 10-virtual-minute medium run in at most 300 ms.
 */
import { Simulation } from "../server/sim/engine";
import { Timeline } from "../server/sim/timeline";
import { parseScenario } from "../server/sim/validate";
import { benchCases } from "./bench-cases";

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const heapMb = () => {
  gc?.();
  return mb(process.memoryUsage().heapUsed);
};
/** Typed arrays live outside the V8 heap; a checkpoint copies the per-event tables. */
const arrayBuffersMb = () => {
  gc?.();
  return mb(process.memoryUsage().arrayBuffers);
};

const runMs = 600_000;
const sim = new Simulation(parseScenario(benchCases.medium), 1);
const before = heapMb();
const buffersBefore = arrayBuffersMb();
const timeline = new Timeline(sim);
const t0 = performance.now();
for (let t = 100; t <= runMs; t += 100) {
  sim.runUntil(t);
  timeline.observe(sim);
}
const liveWallMs = performance.now() - t0;
const withCheckpoints = heapMb();
const buffersWithCheckpoints = arrayBuffersMb();

const tape = sim.commandLog.slice();

/** Wall and CPU milliseconds of each call (CPU excludes waiting for a core on a shared machine). */
class Timings {
  wall: number[] = [];
  cpu: number[] = [];
  time<T>(f: () => T): T {
    const s0 = performance.now();
    const c0 = process.cpuUsage();
    const out = f();
    this.wall.push(performance.now() - s0);
    const c = process.cpuUsage(c0);
    this.cpu.push((c.user + c.system) / 1000);
    return out;
  }
  summary(prefix: string): Record<string, number> {
    const pick = (xs: number[], q: number) =>
      Math.round(
        [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!,
      );
    return {
      [`${prefix}MsMax`]: pick(this.wall, 1),
      [`${prefix}MsP50`]: pick(this.wall, 0.5),
      [`${prefix}CpuMsMax`]: pick(this.cpu, 1),
      [`${prefix}CpuMsP50`]: pick(this.cpu, 0.5),
    };
  }
}

// Scrubbing, as the live server seeks: each seek replaces the run's state with the state at
// the target (the message history moves along). Targets are spread over the run, just
// before checkpoints (the most re-simulation), visited in a scrambled order so that seeks
// go both back and forward, the first from the head.
const seeks = new Timings();
let current = sim;
for (let k = 0; k < 40; k++) {
  const i = (k * 17) % 40;
  const at = Math.round(((i + 0.97) / 40) * runMs);
  current = seeks.time(() => timeline.seek(at, tape, {}, current, true));
  if (current.now !== at) throw new Error("seek landed elsewhere");
  if (process.env.SEEK_VERBOSE) console.error("seek", at, Math.round(seeks.wall.at(-1)!));
}
// Forks: the state at a point as a new run, the current one left as it is (its history copied).
const forks = new Timings();
for (let k = 0; k < 10; k++) {
  const at = Math.round(((k * 4 + 0.97) / 40) * runMs);
  const fork = forks.time(() => timeline.seek(at, tape, {}, current, false));
  if (fork.now !== at) throw new Error("fork landed elsewhere");
}
console.log(
  JSON.stringify({
    name: "seek-medium-10min",
    checkpoints: timeline.count,
    checkpointTimesS: timeline.times().map((t) => t / 1000),
    ...seeks.summary("seek"),
    ...forks.summary("fork"),
    liveRunWallMs: Math.round(liveWallMs),
    heapMbSimOnly: before,
    heapMbWithCheckpoints: withCheckpoints,
    arrayBuffersMbSimOnly: buffersBefore,
    arrayBuffersMbWithCheckpoints: buffersWithCheckpoints,
  }),
);
