/** Formatting shared by every panel, so one quantity reads the same everywhere. */

/** Virtual time as seconds with millisecond precision: "12.345 s". */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(3)} s`;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return Number.isInteger(rest)
    ? `${m}:${String(rest).padStart(2, "0")} min`
    : `${m}:${rest.toFixed(3).padStart(6, "0")}`;
}

/** A span of time, compact: "850 ms", "2.4 s", "3 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (Math.abs(s) < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** Virtual time on a chart axis: "12s", "1:05". */
export function formatAxisTime(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const integer = new Intl.NumberFormat("en-US");
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return integer.format(Math.round(n));
}

export function formatSpeed(speed: number | "max"): string {
  if (speed === "max") return "max";
  return speed < 1 ? `${speed}×` : `${speed}×`;
}
