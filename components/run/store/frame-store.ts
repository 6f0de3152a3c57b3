/**
 * A small external store for state that arrives faster than the screen refreshes.
 * Socket frames call `update` as often as they like; the new state is committed, and
 * subscribers are told, at most once per animation frame. React reads it through
 * useSyncExternalStore, so every component sees the same committed state in a render.
 */
export class FrameStore<S> {
  private committed: S;
  private pending: S | null = null;
  private scheduled: { kind: "raf" | "timeout"; id: number } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(initial: S) {
    this.committed = initial;
  }

  getSnapshot = (): S => this.committed;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Applies a change to the newest state (committed or pending); commits on the next frame. */
  update(change: (state: S) => S): void {
    this.pending = change(this.pending ?? this.committed);
    if (this.scheduled !== null) return;
    if (typeof requestAnimationFrame === "function" && !document.hidden) {
      this.scheduled = { kind: "raf", id: requestAnimationFrame(this.flush) };
    } else {
      // A hidden tab gets no animation frames; commit on a timer so it does not fall behind.
      this.scheduled = { kind: "timeout", id: window.setTimeout(this.flush, 100) };
    }
  }

  /**
   * Commits the pending state now: at the animation frame, or at once for a change the
   * user is waiting to see (and in tests), which then paints in the very next frame.
   */
  flush = (): void => {
    this.cancel();
    if (this.pending === null) return;
    this.committed = this.pending;
    this.pending = null;
    for (const l of this.listeners) l();
  };

  /** The newest state, committed or not: for code that reacts to frames, never for rendering. */
  latest(): S {
    return this.pending ?? this.committed;
  }

  dispose(): void {
    this.cancel();
    this.listeners.clear();
  }

  private cancel(): void {
    if (this.scheduled?.kind === "raf") cancelAnimationFrame(this.scheduled.id);
    if (this.scheduled?.kind === "timeout") clearTimeout(this.scheduled.id);
    this.scheduled = null;
  }
}
