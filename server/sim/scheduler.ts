/**
 * Discrete-event scheduler over virtual milliseconds. Events are ordered by time, then
 * by the order they were scheduled in (a sequence number), so that two events at the
 * same instant always run in the same order: the deterministic tie-break.
 *
 * A binary heap of slot numbers over typed columns (time, sequence, kind, node, a, b)
 * and one array of messages. An event is a slot, not an object: scheduling allocates
 * nothing (an object per event also boxed its time as a heap number), and the heap's
 * comparisons read two small contiguous arrays that stay in cache.
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
  /** Slot numbers in heap order; `count` of them are live. */
  private heap = new Int32Array(256);
  private count = 0;
  /** Free slots, as a stack. */
  private free = new Int32Array(256);
  private freeCount = 256;
  private t = new Float64Array(256);
  private seqs = new Float64Array(256);
  private kinds = new Int32Array(256);
  private nodes = new Int32Array(256);
  private as = new Float64Array(256);
  private bs = new Float64Array(256);
  private msgs: (M | null)[] = new Array<M | null>(256).fill(null);
  /**
   * What pop() returns: one object, overwritten by the next pop. A caller that keeps an
   * event past that (a paused node deferring it) copies it.
   */
  private readonly current: SimEvent<M> = { t: 0, seq: 0, kind: 0, node: 0, a: 0, b: 0, msg: null };
  private nextSeq = 0;
  now = 0;
  dispatched = 0;

  constructor() {
    for (let i = 0; i < 256; i++) this.free[i] = 255 - i;
  }

  get size(): number {
    return this.count;
  }

  schedule(t: number, kind: number, node: number, a: number, b: number, msg: M | null): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    const time = t < this.now ? this.now : t;
    const seq = this.nextSeq++;
    const times = this.t;
    const seqs = this.seqs;
    times[slot] = time;
    seqs[slot] = seq;
    this.kinds[slot] = kind;
    this.nodes[slot] = node;
    this.as[slot] = a;
    this.bs[slot] = b;
    this.msgs[slot] = msg;
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Doubles every column; slots keep their numbers. */
  private grow(): void {
    const n = this.t.length;
    const widen = <A extends Float64Array | Int32Array>(a: A, make: (n: number) => A): A => {
      const out = make(n * 2);
      out.set(a);
      return out;
    };
    this.heap = widen(this.heap, (m) => new Int32Array(m));
    this.free = widen(this.free, (m) => new Int32Array(m));
    this.t = widen(this.t, (m) => new Float64Array(m));
    this.seqs = widen(this.seqs, (m) => new Float64Array(m));
    this.kinds = widen(this.kinds, (m) => new Int32Array(m));
    this.nodes = widen(this.nodes, (m) => new Int32Array(m));
    this.as = widen(this.as, (m) => new Float64Array(m));
    this.bs = widen(this.bs, (m) => new Float64Array(m));
    for (let i = 0; i < n; i++) this.msgs.push(null);
    // The new slots n..2n-1 are free; pushed so that the lowest is taken first.
    for (let i = 0; i < n; i++) this.free[this.freeCount++] = 2 * n - 1 - i;
  }

  /** The time of the next event, or Infinity when there is none. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.t[this.heap[0]!]!;
  }

  /**
   * Removes the next event and advances the clock to it. The returned object is reused
   * by the next call: read it, or copy it, before popping again.
   */
  pop(): SimEvent<M> | undefined {
    if (this.count === 0) return undefined;
    const heap = this.heap;
    const times = this.t;
    const seqs = this.seqs;
    const top = heap[0]!;
    const n = --this.count;
    if (n > 0) {
      const last = heap[n]!;
      const lt = times[last]!;
      const ls = seqs[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        let child = heap[l]!;
        let ct = times[child]!;
        if (r < n) {
          const rc = heap[r]!;
          const rt = times[rc]!;
          if (rt < ct || (rt === ct && seqs[rc]! < seqs[child]!)) {
            c = r;
            child = rc;
            ct = rt;
          }
        }
        if (lt < ct || (lt === ct && ls < seqs[child]!)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    const ev = this.current;
    ev.t = times[top]!;
    ev.seq = seqs[top]!;
    ev.kind = this.kinds[top]!;
    ev.node = this.nodes[top]!;
    ev.a = this.as[top]!;
    ev.b = this.bs[top]!;
    ev.msg = this.msgs[top]!;
    // The slot forgets its message so that a delivered message can be collected.
    this.msgs[top] = null;
    this.free[this.freeCount++] = top;
    this.now = ev.t;
    this.dispatched++;
    return ev;
  }
}
