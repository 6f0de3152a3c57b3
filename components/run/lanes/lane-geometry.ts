import type { PartitionLogView, PartitionView } from "../store/run-view";

export const LABEL_WIDTH = 150;
export const CELL_WIDTH = 15;
export const ROW_HEIGHT = 22;
export const GHOST_ROW_HEIGHT = 12;

/** Where the window of offsets ends: a little past the furthest LEO any replica has. */
export function tailEnd(part: PartitionView, log: PartitionLogView | undefined): number {
  let end = part.leo;
  for (const r of part.replicas) end = Math.max(end, r.leo);
  if (log)
    for (const own of Object.values(log.own)) end = Math.max(end, own.from + own.records.length);
  return end + 2;
}

/**
 * The first offset a lane window following the tail shows: the newest `cells` offsets,
 * unless a replica runs far ahead of the leader (a zombie's writes), in which case the
 * window keeps the leader's LEO and the point of divergence in view.
 */
export function followStart(
  part: PartitionView,
  log: PartitionLogView | undefined,
  cells: number,
): number {
  let start = tailEnd(part, log) - cells;
  let anchor = part.leo;
  if (log) for (const own of Object.values(log.own)) anchor = Math.min(anchor, own.from);
  if (anchor < start + 4) start = anchor - 4;
  return Math.max(0, start);
}

/** The offsets the axis numbers: every tenth in the window. */
export function axisTicks(start: number, cells: number): number[] {
  const ticks: number[] = [];
  for (let o = Math.ceil(start / 10) * 10; o < start + cells; o += 10) ticks.push(o);
  return ticks;
}

export function cellCountFor(width: number): number {
  return Math.max(12, Math.floor((width - LABEL_WIDTH - 12) / CELL_WIDTH));
}

/** Soft fills per leader epoch, so a divergent suffix written under another epoch stands out. */
const EPOCH_FILLS = ["#c9d6f6", "#f5d9b8", "#c4e8e1", "#ecc9dd", "#dfe5b8", "#d8cff3"];
const EPOCH_STROKES = ["#6f8fdc", "#d9822b", "#1c9a8a", "#b9458f", "#7a8a1f", "#6f56c9"];

export function epochFill(epoch: number): string {
  return EPOCH_FILLS[((epoch % 6) + 6) % 6]!;
}

export function epochStroke(epoch: number): string {
  return EPOCH_STROKES[((epoch % 6) + 6) % 6]!;
}

export const GROUP_COLOURS = ["#1c9a8a", "#b9458f", "#d9822b", "#6f56c9", "#7a8a1f", "#2f5bd3"];
