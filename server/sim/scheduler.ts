/**
 * Discrete-event scheduler over virtual milliseconds. Events are ordered by time, then
 * by the order they were scheduled in (a sequence number), so that two events at the
 * same instant always run in the same order: the deterministic tie-break.
 * A binary heap of event objects; fields are plain numbers so V8 keeps them unboxed.
 */
export interface SimEvent<M> {
  t: number;
  seq: number;
  kind: number;
  node: number;
  a: number;
  b: number;
  msg: M | null;
}

export class Scheduler<M> {
  private heap: SimEvent<M>[] = [];
  private nextSeq = 0;
  now = 0;
  dispatched = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(t: number, kind: number, node: number, a: number, b: number, msg: M | null): void {
    const ev: SimEvent<M> = {
      t: t < this.now ? this.now : t,
      seq: this.nextSeq++,
      kind,
      node,
      a,
      b,
      msg,
    };
    const heap = this.heap;
    let i = heap.length;
    heap.push(ev);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.t < ev.t || (p.t === ev.t && p.seq < ev.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = ev;
  }

  /** The time of the next event, or Infinity when there is none. */
  peekTime(): number {
    const top = this.heap[0];
    return top === undefined ? Infinity : top.t;
  }

  /** Removes and returns the next event, advancing the clock to it. */
  pop(): SimEvent<M> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        let child = heap[l]!;
        if (r < n) {
          const rc = heap[r]!;
          if (rc.t < child.t || (rc.t === child.t && rc.seq < child.seq)) {
            c = r;
            child = rc;
          }
        }
        if (last.t < child.t || (last.t === child.t && last.seq < child.seq)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    this.now = top.t;
    this.dispatched++;
    return top;
  }
}
