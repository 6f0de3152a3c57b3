import { Simulation } from "../sim/engine";
import type { Scenario } from "../sim/scenario";
import type { CommandLogEntry } from "../sim/apply-command";
import { Timeline } from "../sim/timeline";
import { MessageSampler } from "./samplers";
import { CHECKPOINT_INTERVAL_MS, type RunStart } from "./live-run";

/**
 * Rebuilds a stored run so that it can go on live (integration point 6 of
 * docs/data-model.md): the simulation is run from the scenario's start through the stored
 * log, applying each command at its time as a replay does, up to `untilMs`, taking the
 * checkpoints a live run would have taken on the way, so the reopened run can be seeked.
 * Costs the simulation of the run so far (a 10-minute medium run: about ten seconds).
 */
export function startFromLog(
  scenario: Scenario,
  seed: number,
  commands: readonly CommandLogEntry[],
  untilMs: number,
  link: { parentRunId: string | null; forkAtMs: number | null },
): RunStart {
  const messages = new MessageSampler();
  const sim = new Simulation(scenario, seed, { onMessage: messages.onMessage });
  const timeline = new Timeline(sim, CHECKPOINT_INTERVAL_MS);
  const end = Math.min(untilMs, scenario.durationMs);
  const advanceTo = (t: number) => {
    // In checkpoint-sized steps, so the timeline gets its checkpoints as a live run's would.
    while (sim.now < t && sim.failure === null) {
      sim.runUntil(Math.min(t, sim.now + CHECKPOINT_INTERVAL_MS / 10));
      timeline.observe(sim);
    }
    sim.runUntil(t);
  };
  for (const entry of commands) {
    if (entry.atMs > end) break;
    advanceTo(entry.atMs);
    sim.command(entry.command);
  }
  advanceTo(end);
  // The messages sampled on the way are history, not what the viewers see next.
  messages.take();
  return {
    sim,
    messages,
    timeline,
    tape: commands.slice(),
    headMs: Math.max(end, commands.length > 0 ? commands[commands.length - 1]!.atMs : 0),
    parentRunId: link.parentRunId,
    forkAtMs: link.forkAtMs,
  };
}
