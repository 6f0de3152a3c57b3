import type { Pacing, Speed } from "../protocol";

/** A paced run that falls behind its target by more than this much wall time drops the debt. */
export const MAX_DEBT_WALL_MS = 250;

/**
 * Maps wall-clock time to the virtual time a run should have reached: at speed s, a
 * wall millisecond is s virtual milliseconds, counted from the last anchor (set at every
 * resume and speed change). At "max" there is no target; the run goes as fast as the
 * server lets it. Pure: the wall time is always passed in.
 */
export class Pacer {
  paused: boolean;
  speed: Speed;
  /** While paused: a step's destination in virtual time, until reached. */
  stepTarget: number | null = null;
  private anchorWall = 0;
  private anchorVirtual = 0;

  constructor(paused: boolean, speed: Speed = 1) {
    this.paused = paused;
    this.speed = speed;
  }

  state(): Pacing {
    return { paused: this.paused, speed: this.speed };
  }

  anchor(wallMs: number, virtualMs: number): void {
    this.anchorWall = wallMs;
    this.anchorVirtual = virtualMs;
  }

  pause(): void {
    this.paused = true;
  }

  resume(wallMs: number, virtualMs: number): void {
    this.paused = false;
    this.stepTarget = null;
    this.anchor(wallMs, virtualMs);
  }

  setSpeed(speed: Speed, wallMs: number, virtualMs: number): void {
    this.speed = speed;
    this.anchor(wallMs, virtualMs);
  }

  /** The virtual time the run should reach by `wallMs`; Infinity at max speed. */
  target(wallMs: number, virtualNow: number): number {
    if (this.paused) return this.stepTarget ?? virtualNow;
    if (this.speed === "max") return Infinity;
    let target = this.anchorVirtual + (wallMs - this.anchorWall) * this.speed;
    const debtMax = MAX_DEBT_WALL_MS * this.speed;
    if (target > virtualNow + debtMax) {
      // The server cannot keep up with this speed: forget the time it could not simulate.
      this.anchorVirtual -= target - (virtualNow + debtMax);
      target = virtualNow + debtMax;
    }
    return target;
  }
}
