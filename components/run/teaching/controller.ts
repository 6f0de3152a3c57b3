import type { NarrationStep } from "../../../server/protocol";
import type { ReadableStore } from "../store/gated-store";
import type { RunActions } from "../store/run-actions";
import type { RunView } from "../store/run-view";
import { advanceToAndShow } from "../automation/advance";
import { playTo } from "../automation/play-to";
import { firedSteps, markFired } from "./fired-steps";
import { isAtStep, nextStepIndex } from "./narration";

export interface TeachingStatus {
  /** The step being played or jumped to, while Next is under way. */
  goingTo: number | null;
  error: string | null;
}

export type MoveMode = "play" | "jump";

/**
 * What the lecturer's Next does, shared by the teaching panel and the automation hooks.
 *
 * How the narration and the fault script interact: the script (`faults` and `script` of
 * the scenario) belongs to the simulation and fires by itself at its virtual times, in
 * teaching mode or not. Next never sends a scripted fault; it moves virtual time to the
 * next step's `atMs` (playing there at the chosen speed, or jumping) and pauses exactly
 * there, so a fault scripted at that time has just fired when the step's text appears.
 * A step's own `commands` (extra operator commands for live demos) are sent once, when
 * Next arrives at the step; fired steps are remembered per run. Nothing is therefore
 * sent twice, and a lecturer who pauses, plays or injects faults freely in between is
 * simply somewhere on the clock: Next goes on from there to the next step ahead.
 */
export class TeachingController {
  private status: TeachingStatus = { goingTo: null, error: null };
  private readonly listeners = new Set<() => void>();
  private abort: AbortController | null = null;

  constructor(
    private readonly runId: string,
    private readonly actions: RunActions,
    private readonly store: ReadableStore<RunView>,
  ) {}

  getStatus = (): TeachingStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  steps(): NarrationStep[] {
    return this.store.getSnapshot().meta?.scenario.narration ?? [];
  }

  /** Moves to the next step ahead (or to the end of the run after the last). */
  async next(mode: MoveMode, speed: number | "max" = 1): Promise<void> {
    const view = this.store.getSnapshot();
    const index = nextStepIndex(this.steps(), view.nowMs);
    await this.goTo(index, mode, speed);
  }

  /** Moves forward to step `index` (null: the end of the run). Virtual time never goes back. */
  async goTo(index: number | null, mode: MoveMode, speed: number | "max" = 1): Promise<void> {
    if (this.status.goingTo !== null) return;
    const steps = this.steps();
    const view = this.store.getSnapshot();
    const target = index === null ? (view.meta?.durationMs ?? view.nowMs) : steps[index]!.atMs;
    this.abort = new AbortController();
    this.set({ goingTo: index ?? steps.length, error: null });
    try {
      // A step at the run's current time (the first one, at 0 ms) is arrived at already.
      await this.fireCommands(steps, view.nowMs);
      if (target > view.nowMs) {
        if (mode === "jump") await advanceToAndShow(this.actions, this.store, target);
        else await playTo(this.actions, this.store, target, speed, this.abort.signal);
      }
      await this.fireCommands(steps, this.store.getSnapshot().nowMs);
      this.set({ goingTo: null, error: null });
    } catch (e) {
      this.set({ goingTo: null, error: (e as Error).message });
    } finally {
      this.abort = null;
    }
  }

  /** Stops a Next that is playing; the run stays paused where it got to. */
  stop(): void {
    this.abort?.abort();
  }

  /** Sends the commands of the step the run stands exactly at, once per run. */
  private async fireCommands(steps: NarrationStep[], nowMs: number): Promise<void> {
    const index = steps.findIndex((s) => isAtStep(s, nowMs));
    const step = steps[index];
    if (!step || step.commands.length === 0 || firedSteps(this.runId).has(index)) return;
    markFired(this.runId, index);
    for (const command of step.commands) {
      const result = await this.actions.command(command);
      if (!result.ok)
        throw new Error(`step ${index + 1}: ${command.type} refused: ${result.message}`);
    }
  }

  private set(status: TeachingStatus): void {
    this.status = status;
    for (const l of this.listeners) l();
  }
}
