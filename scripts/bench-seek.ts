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

const seeks: number[] = [];
// CPU time of this process beside wall time: on a shared machine the wall figure includes
// waiting for a core, the CPU figure does not.
const cpuSeeks: number[] = [];
for (let i = 0; i < 40; i++) {
  // Spread over the run, including just before checkpoints (the worst case).
  const at = Math.round(((i + 0.97) / 40) * runMs);
  const s0 = performance.now();
  const c0 = process.cpuUsage();
  const state = timeline.seek(at, sim.commandLog);
  seeks.push(performance.now() - s0);
  const c = process.cpuUsage(c0);
  cpuSeeks.push((c.user + c.system) / 1000);
  if (process.env.SEEK_VERBOSE) console.error(at, Math.round(seeks[seeks.length - 1]!));
  if (state.now !== at) throw new Error("seek landed elsewhere");
}
seeks.sort((a, b) => a - b);
cpuSeeks.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    name: "seek-medium-10min",
    checkpoints: timeline.count,
    checkpointTimesS: timeline.times().map((t) => t / 1000),
    seekMsMax: Math.round(seeks[seeks.length - 1]!),
    seekMsP50: Math.round(seeks[Math.floor(seeks.length / 2)]!),
    cpuMsMax: Math.round(cpuSeeks[cpuSeeks.length - 1]!),
    cpuMsP50: Math.round(cpuSeeks[Math.floor(cpuSeeks.length / 2)]!),
    liveRunWallMs: Math.round(liveWallMs),
    heapMbSimOnly: before,
    heapMbWithCheckpoints: withCheckpoints,
    arrayBuffersMbSimOnly: buffersBefore,
    arrayBuffersMbWithCheckpoints: buffersWithCheckpoints,
  }),
);
