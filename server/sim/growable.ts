import { copySelf } from "./clone";

/**
 * The length a copy needs: up to the last entry that is not `fill`. Capacity doubles, so a
 * table is on average a quarter unused; checkpoints of a long run hold dozens of copies.
 */
function usedLength(data: Int32Array | Float64Array, fill: number): number {
  let n = data.length;
  while (n > 0 && data[n - 1] === fill) n--;
  return Math.max(n, 16);
}

/** Typed arrays that grow by doubling: compact per-event tables without per-entry objects. */
export class GrowableInt32 {
  data: Int32Array;
  constructor(
    initial = 1024,
    private readonly fill = 0,
  ) {
    this.data = new Int32Array(initial);
    if (fill !== 0) this.data.fill(fill);
  }
  get(i: number): number {
    return i < this.data.length ? this.data[i]! : this.fill;
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i);
    this.data[i] = v;
  }
  private grow(i: number): void {
    let n = this.data.length * 2;
    while (n <= i) n *= 2;
    const next = new Int32Array(n);
    if (this.fill !== 0) next.fill(this.fill, this.data.length);
    next.set(this.data);
    this.data = next;
  }
  /** For checkpoints and forks (see clone.ts): the used part only; it grows again on demand. */
  [copySelf](): GrowableInt32 {
    const out = new GrowableInt32(16, this.fill);
    out.data = this.data.slice(0, usedLength(this.data, this.fill));
    return out;
  }
}

export class GrowableFloat64 {
  data: Float64Array;
  constructor(initial = 1024) {
    this.data = new Float64Array(initial);
  }
  get(i: number): number {
    return i < this.data.length ? this.data[i]! : 0;
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      let n = this.data.length * 2;
      while (n <= i) n *= 2;
      const next = new Float64Array(n);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = v;
  }
  [copySelf](): GrowableFloat64 {
    const out = new GrowableFloat64(16);
    out.data = this.data.slice(0, usedLength(this.data, 0));
    return out;
  }
}
