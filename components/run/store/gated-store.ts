import type { FrameStore } from "./frame-store";

/** What components need of a store: FrameStore has it, and so does a gate in front of one. */
export type ReadableStore<S> = Pick<
  FrameStore<S>,
  "getSnapshot" | "subscribe" | "update" | "latest"
>;

/**
 * A store in front of another that passes changes through only while open. A panel
 * scrolled out of view is closed: it keeps showing the state it last had and costs
 * nothing per frame; opened again, it catches up at once.
 */
export class GatedStore<S> implements ReadableStore<S> {
  private snapshot: S;
  private open = true;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly inner: ReadableStore<S>) {
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
    if (!this.open) return;
    const next = this.inner.getSnapshot();
    if (next === this.snapshot) return;
    this.snapshot = next;
    for (const l of this.listeners) l();
  };
}
