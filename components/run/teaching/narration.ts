import type { NarrationStep } from "../../../server/protocol";

/**
 * Which narration step belongs to a virtual time. Teaching mode derives the current step
 * from the run's clock instead of keeping its own pointer: every viewer then sees the
 * step the operator is on without any message of its own, and a lecturer who plays or
 * steers freely is always on the step of the moment.
 */

/** Virtual times are rounded to 0.1 ms on the wire: this much counts as "at" a time. */
const AT_MS_TOLERANCE = 0.05;

/** The last step whose time has come, or -1 before the first. */
export function stepIndexAt(steps: readonly NarrationStep[], nowMs: number): number {
  let index = -1;
  steps.forEach((s, i) => {
    if (s.atMs <= nowMs + AT_MS_TOLERANCE) index = i;
  });
  return index;
}

/** The first step still ahead of `nowMs`, or null when every step's time has come. */
export function nextStepIndex(steps: readonly NarrationStep[], nowMs: number): number | null {
  const i = steps.findIndex((s) => s.atMs > nowMs + AT_MS_TOLERANCE);
  return i < 0 ? null : i;
}

/** Whether the run stands exactly at a step's time (where Next leaves it). */
export function isAtStep(step: NarrationStep, nowMs: number): boolean {
  return Math.abs(step.atMs - nowMs) <= AT_MS_TOLERANCE;
}
