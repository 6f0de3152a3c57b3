import { Simulation } from "../server/sim/engine";
import { Timeline } from "../server/sim/timeline";
import { scenario } from "../server/sim/test/fixtures";
const s = scenario({ durationMs: 40_000, producers: [{ id: "p1", ratePerSec: 100, stopMs: 30_000 }] });
const small = { historyCapacity: 4_000 };
const run = new Simulation(s, 3, small);
const timeline = new Timeline(run, 5_000);
for (let t = 250; t <= 30_000; t += 250) { run.runUntil(t); timeline.observe(run); }
console.log("run total", run.history.total);
const seeked = timeline.seek(26_000, run.commandLog, {}, run);
console.log("seeked total", seeked.history.total);
for (let id = 0; id < seeked.events.count; id++) {
  const r = seeked.history.steps(id, seeked.nodeName);
  if (r.steps.length > 100) { console.log("long", id, r.steps.length); break; }
}
console.log("done");
