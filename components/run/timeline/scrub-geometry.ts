import type { FaultWindowWire } from "../../../server/protocol";

/**
 * The arithmetic of a time track (the live run's scrubber and the report's fault
 * timeline): virtual time <-> position, fault windows as bands, round ticks. Pure.
 */

/** Seeks land on whole multiples of this: a position on a 600 px track is not finer anyway. */
export const SEEK_STEP_MS = 100;

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Where `ms` sits on a track of `0..maxMs`, from 0 to 1. */
export function timeToFraction(ms: number, maxMs: number): number {
  if (!(maxMs > 0)) return 0;
  return clamp(ms / maxMs, 0, 1);
}

/** The virtual time at `fraction` of a track of `0..maxMs`, on the seek step, within the track. */
export function fractionToTime(fraction: number, maxMs: number, stepMs = SEEK_STEP_MS): number {
  if (!(maxMs > 0)) return 0;
  const ms = Math.round((clamp(fraction, 0, 1) * maxMs) / stepMs) * stepMs;
  return clamp(ms, 0, Math.floor(maxMs / stepMs) * stepMs);
}

/** The time a key moves the thumb to: arrows by 100 ms (1 s with shift), Home and End to the ends. */
export function keyToTime(
  key: string,
  shift: boolean,
  currentMs: number,
  maxMs: number,
): number | null {
  const step = shift ? 1000 : SEEK_STEP_MS;
  const end = Math.floor(maxMs / SEEK_STEP_MS) * SEEK_STEP_MS;
  switch (key) {
    case "ArrowLeft":
    case "ArrowDown":
      return clamp(currentMs - step, 0, end);
    case "ArrowRight":
    case "ArrowUp":
      return clamp(currentMs + step, 0, end);
    case "PageDown":
      return clamp(currentMs - 10 * step, 0, end);
    case "PageUp":
      return clamp(currentMs + 10 * step, 0, end);
    case "Home":
      return 0;
    case "End":
      return end;
    default:
      return null;
  }
}

export interface Band {
  id: string;
  label: string;
  kind: string;
  startMs: number;
  /** Null while the fault is still active. */
  endMs: number | null;
  /** Fractions of the track. */
  left: number;
  width: number;
}

/** Fault windows as bands on a track of `0..maxMs`; an open window runs to the end. */
export function faultBands(windows: readonly FaultWindowWire[], maxMs: number): Band[] {
  return windows
    .filter((w) => w.startMs <= maxMs)
    .map((w) => {
      const left = timeToFraction(w.startMs, maxMs);
      const right = timeToFraction(w.endMs ?? maxMs, maxMs);
      return { ...w, left, width: Math.max(0, right - left) };
    });
}

/**
 * Bands placed in rows so that no two overlap in one row (the first row that is free,
 * in order of start): the fault timeline draws one row each.
 */
export function bandRows(bands: readonly Band[]): Band[][] {
  const rows: { end: number; bands: Band[] }[] = [];
  const sorted = [...bands].sort((a, b) => a.left - b.left || b.width - a.width);
  for (const band of sorted) {
    const right = band.left + band.width;
    const row = rows.find((r) => r.end <= band.left);
    if (row) {
      row.bands.push(band);
      row.end = right;
    } else rows.push({ end: right, bands: [band] });
  }
  return rows.map((r) => r.bands);
}

const TICK_STEPS_MS = [
  100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
];

/** Round virtual times for a track's labels, `count` at most (0 included). */
export function trackTicks(maxMs: number, count = 8): number[] {
  if (!(maxMs > 0)) return [0];
  const step = TICK_STEPS_MS.find((s) => maxMs / s <= count) ?? 1_800_000;
  const ticks: number[] = [];
  for (let t = 0; t <= maxMs + 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** A tick's label: whole seconds as "12s" and "1:05", finer steps with a decimal ("2.5s"). */
export function tickLabel(ms: number): string {
  if (ms % 1000 === 0) {
    const s = ms / 1000;
    return s < 60 ? `${s}s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  }
  return `${(ms / 1000).toFixed(1)}s`;
}
