import type { FrameStore } from "./frame-store";

/** What components need of a store: FrameStore has it, and so does a gate in front of one. */
export type ReadableStore<S> = Pick<
  FrameStore<S>,
  "getSnapshot" | "subscribe" | "update" | "latest"
>;

/**
 * While a run races (max speed, playing), a panel may take the run's state at most this
 * often instead of at every commit (see GatedStore's `racing`).
 */
export interface RacingPace<S> {
  racing: (state: S) => boolean;
  everyMs: number;
}

/**
 * A store in front of another that passes changes through only while open. A panel
 * scrolled out of view is closed: it keeps showing the state it last had and costs
 * nothing per frame; opened again, it catches up at once.
 *
 * With a `pace`, a panel also takes changes at most every `pace.everyMs` while the run
 * races, and the last change always arrives (a trailing timer). Otherwise, and as soon
 * as the run stops racing (paused, slowed down, ended), every change passes at once.
 *
 * With `ready`, a closed gate still passes changes until its state is ready (for a run:
 * its first snapshot has arrived). A panel that was off screen when the page loaded would
 * otherwise keep the page's state from before the snapshot, empty, and say something
 * false until scrolled to ("This scenario has no consumer group"), in a full-page
 * screenshot or for the moment it takes to catch up.
 */
export class GatedStore<S> implements ReadableStore<S> {
  private snapshot: S;
  private open = true;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  private passedAt = -Infinity;
  private trailing: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly inner: ReadableStore<S>,
    private readonly pace: RacingPace<S> | null = null,
    private readonly ready: ((state: S) => boolean) | null = null,
  ) {
    this.snapshot = inner.getSnapshot();
  }

  getSnapshot = (): S => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.unsubscribe = this.inner.subscribe(this.onInner);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unsubscribe?.();
        this.unsubscribe = null;
        this.cancelTrailing();
      }
    };
  };

  update(change: (state: S) => S): void {
    this.inner.update(change);
  }

  latest(): S {
    return this.inner.latest();
  }

  setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    if (open) this.onInner();
  }

  private onInner = (): void => {
    if (!this.open && (this.ready === null || this.ready(this.snapshot))) return;
    const next = this.inner.getSnapshot();
    if (next === this.snapshot) return;
    if (this.pace && this.pace.racing(next)) {
      const wait = this.passedAt + this.pace.everyMs - performance.now();
      if (wait > 0) {
        this.trailing ??= setTimeout(() => {
          this.trailing = null;
          this.onInner();
        }, wait);
        return;
      }
    }
    this.cancelTrailing();
    this.passedAt = performance.now();
    this.snapshot = next;
    for (const l of this.listeners) l();
  };

  private cancelTrailing(): void {
    if (this.trailing !== null) clearTimeout(this.trailing);
    this.trailing = null;
  }
}
