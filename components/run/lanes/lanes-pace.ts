import type { RacingPace } from "../store/gated-store";
import type { RunView } from "../store/run-view";

/** The run plays at max speed: the lanes' window outruns both the eye and record fetches. */
export function isRacing(v: RunView): boolean {
  return v.pacing.speed === "max" && !v.pacing.paused && v.status === "running";
}

/**
 * The lanes take the run's state five times a second while it races, instead of at each
 * of the ten frames. At max speed their window moves by hundreds of offsets between two
 * frames, so the extra pictures show nothing a person can follow, and the lanes are the
 * page's costliest panel to redraw (in profiles of the run page at max speed, their rows
 * are most of React's work and of the attributes it sets). At any other speed, paused or
 * ended, they follow every frame.
 */
export const LANES_RACING_PACE: RacingPace<RunView> = { racing: isRacing, everyMs: 200 };
