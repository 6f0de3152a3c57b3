import { Simulation } from "../sim/engine";
import type { Scenario } from "../sim/scenario";
import type { CommandLogEntry } from "../sim/apply-command";
import { Timeline } from "../sim/timeline";
import { simulateCooperatively } from "../runs/cooperative";
import { MessageSampler } from "./samplers";
import { CHECKPOINT_INTERVAL_MS, type RunStart } from "./live-run";

/**
 * Rebuilds a stored run so that it can go on live (integration point 6 of
 * docs/data-model.md): the simulation is run from the scenario's start through the stored
 * log, applying each command at its time as a replay does, up to `untilMs`, taking the
 * checkpoints a live run would have taken on the way, so the reopened run can be seeked.
 * Costs the simulation of the run so far (a 10-minute medium run: a few seconds), done in
 * slices so that the live runs on the server keep their frames meanwhile.
 */
export async function startFromLog(
  scenario: Scenario,
  seed: number,
  commands: readonly CommandLogEntry[],
  untilMs: number,
  link: { parentRunId: string | null; forkAtMs: number | null },
): Promise<RunStart> {
  const messages = new MessageSampler();
  const sim = new Simulation(scenario, seed, { onMessage: messages.onMessage });
  const timeline = new Timeline(sim, CHECKPOINT_INTERVAL_MS);
  const end = Math.min(untilMs, scenario.durationMs);
  // The timeline takes its checkpoints on the way, as a live run's would.
  await simulateCooperatively(sim, commands, end, { afterStep: (s) => timeline.observe(s) });
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
