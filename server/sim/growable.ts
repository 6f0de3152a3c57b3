import { copySelf } from "./clone";

/** Entries per chunk: 4,096 (16 KB of int32, 32 KB of float64). */
const CHUNK_BITS = 12;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

type Column = Int32Array | Float64Array;

/**
 * Per-event tables (the event table's columns, the checkers' marks, ...) as typed arrays in
 * chunks, shared copy-on-write between a simulation and its copies.
 *
 * A checkpoint used to copy every table whole: tables grow with the run, so a checkpoint
 * of a 10-minute medium run copied about 11 MB, fresh memory that this VM faults in at
 * some 13 µs a page, about 35 ms a checkpoint, which at max speed held up the live
 * server's frames several times a second. Now a copy takes the list of chunks and both
 * tables give up writing them in place: the first write to a chunk afterwards copies that
 * chunk alone. Writes go almost only to recent events, so a checkpoint costs a chunk or
 * two of copying instead of the whole table.
 *
 * Invariant: `owned[k] === 1` only if no other table holds `chunks[k]`.
 */
abstract class ChunkedTable<C extends Column> {
  protected chunks: C[] = [];
  /** Per chunk: 1 if this table may write it in place, 0 if it may be shared. */
  protected owned = new Uint8Array(16);

  constructor(protected readonly fill: number) {}

  protected abstract make(): C;
  protected abstract copyOf(chunk: C): C;
  protected abstract empty(): this;

  get(i: number): number {
    const k = i >>> CHUNK_BITS;
    return k < this.chunks.length ? this.chunks[k]![i & CHUNK_MASK]! : this.fill;
  }

  set(i: number, v: number): void {
    const k = i >>> CHUNK_BITS;
    const chunk =
      k < this.chunks.length && this.owned[k] === 1 ? this.chunks[k]! : this.writable(k);
    chunk[i & CHUNK_MASK] = v;
  }

  /** How many entries the table has room for without growing (a multiple of the chunk size). */
  get capacity(): number {
    return this.chunks.length * CHUNK_SIZE;
  }

  /** Sets every entry from `start` on back to the fill value. */
  clearFrom(start: number): void {
    for (let k = start >>> CHUNK_BITS; k < this.chunks.length; k++) {
      const from = Math.max(0, start - k * CHUNK_SIZE);
      this.writable(k).fill(this.fill, from);
    }
  }

  /** Chunk `k` made this table's own: new (and every one before it), or copied if shared. */
  private writable(k: number): C {
    if (this.owned.length <= k) {
      const grown = new Uint8Array(Math.max(this.owned.length * 2, k + 1));
      grown.set(this.owned);
      this.owned = grown;
    }
    // A new chunk is this table's own. (It used to be left marked shared, so the write that
    // made it copied it straight away: every chunk was allocated twice, 16 or 32 KB of
    // fresh memory, which this VM faults in at some 13 µs a page, and a copy for nothing.)
    while (this.chunks.length <= k) {
      this.owned[this.chunks.length] = 1;
      this.chunks.push(this.make());
    }
    if (this.owned[k] === 0) {
      this.chunks[k] = this.copyOf(this.chunks[k]!);
      this.owned[k] = 1;
    }
    return this.chunks[k]!;
  }

  /** For checkpoints and forks (see clone.ts): shares every chunk, copy-on-write. */
  [copySelf](): this {
    const out = this.empty();
    out.chunks = this.chunks.slice();
    out.owned = new Uint8Array(this.owned.length);
    this.owned.fill(0);
    return out;
  }
}

export class GrowableInt32 extends ChunkedTable<Int32Array> {
  constructor(fill = 0) {
    super(fill);
  }
  protected make(): Int32Array {
    const chunk = new Int32Array(CHUNK_SIZE);
    if (this.fill !== 0) chunk.fill(this.fill);
    return chunk;
  }
  protected copyOf(chunk: Int32Array): Int32Array {
    return chunk.slice();
  }
  protected empty(): this {
    return new GrowableInt32(this.fill) as this;
  }
}

export class GrowableFloat64 extends ChunkedTable<Float64Array> {
  constructor() {
    super(0);
  }
  protected make(): Float64Array {
    return new Float64Array(CHUNK_SIZE);
  }
  protected copyOf(chunk: Float64Array): Float64Array {
    return chunk.slice();
  }
  protected empty(): this {
    return new GrowableFloat64() as this;
  }
}
