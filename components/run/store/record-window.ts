import type { WireRecord } from "../../../server/protocol";

/**
 * The newest records of one partition's log, by offset, as the browser keeps them: an
 * immutable window in chunks of RECORD_CHUNK offsets. A frame that appends records
 * copies the list of chunks (a few dozen references) and the chunks it writes into,
 * and shares the rest with the view before it.
 *
 * It was one array of up to 1,500 records, copied whole for every partition a frame
 * touched (and copied again when trimmed): at max speed that was most of the page's
 * allocation after the lanes' own drawing, several MB a second, and the garbage
 * collections that came with it fell inside frames.
 */
export const RECORD_CHUNK = 64;

type Chunk = readonly (WireRecord | undefined)[];

export interface RecordWindow {
  /** Offset of chunks[0][0]: a multiple of RECORD_CHUNK. */
  readonly base: number;
  /** The lowest offset the window holds (at or above `base`). */
  readonly first: number;
  /** One past the highest offset the window may hold; `end <= first` when empty. */
  readonly end: number;
  readonly chunks: readonly Chunk[];
}

export const EMPTY_WINDOW: RecordWindow = { base: 0, first: 0, end: 0, chunks: [] };

const chunkStart = (offset: number) => Math.floor(offset / RECORD_CHUNK) * RECORD_CHUNK;

/** The record at `offset`, if the window holds one. */
export function windowAt(w: RecordWindow, offset: number): WireRecord | undefined {
  if (offset < w.first || offset >= w.end) return undefined;
  const i = offset - w.base;
  return w.chunks[Math.floor(i / RECORD_CHUNK)]?.[i % RECORD_CHUNK];
}

/** The window without the offsets from `cut` on (the log was truncated there). */
export function cutWindow(w: RecordWindow, cut: number): RecordWindow {
  if (cut >= w.end) return w;
  // Cut at or below its first offset, the window is empty, and the next write starts it
  // afresh wherever it lands (the chunk holding `first` may hold nothing else).
  if (cut <= w.first) return { base: w.base, first: w.first, end: w.first, chunks: [] };
  const i = cut - w.base;
  const whole = Math.floor(i / RECORD_CHUNK);
  const part = i % RECORD_CHUNK;
  const chunks = w.chunks.slice(0, whole);
  const last = w.chunks[whole];
  if (part > 0 && last) chunks.push(last.slice(0, part));
  return { base: w.base, first: w.first, end: cut, chunks };
}

/** The window with `recs` written from offset `from` on. */
export function writeWindow(
  w: RecordWindow,
  from: number,
  recs: readonly WireRecord[],
): RecordWindow {
  if (recs.length === 0) return w;
  const empty = w.end <= w.first;
  let base = w.base;
  let chunks: Chunk[];
  if (empty) {
    base = chunkStart(from);
    chunks = [];
  } else if (from < base) {
    const newBase = chunkStart(from);
    chunks = [
      ...Array.from({ length: (base - newBase) / RECORD_CHUNK }, (): Chunk => []),
      ...w.chunks,
    ];
    base = newBase;
  } else chunks = w.chunks.slice();
  // Chunks written in this call are this window's own: copied once, then written in place.
  // The records are consecutive, so the chunks are met in order and the last one copied
  // is the only one to remember.
  let copied = -1;
  for (let k = 0; k < recs.length; k++) {
    const i = from + k - base;
    const c = Math.floor(i / RECORD_CHUNK);
    while (chunks.length <= c) chunks.push([]);
    if (c !== copied) {
      chunks[c] = chunks[c]!.slice();
      copied = c;
    }
    (chunks[c] as (WireRecord | undefined)[])[i % RECORD_CHUNK] = recs[k];
  }
  return {
    base,
    first: empty ? from : Math.min(w.first, from),
    end: Math.max(empty ? from : w.end, from + recs.length),
    chunks,
  };
}

/** The window with whole chunks dropped from the front while it holds over `keep` offsets. */
export function trimWindow(w: RecordWindow, keep: number): RecordWindow {
  const drop = Math.floor((w.end - w.base - keep) / RECORD_CHUNK);
  if (drop <= 0 || w.end <= w.first) return w;
  const base = w.base + drop * RECORD_CHUNK;
  return { base, first: Math.max(w.first, base), end: w.end, chunks: w.chunks.slice(drop) };
}
