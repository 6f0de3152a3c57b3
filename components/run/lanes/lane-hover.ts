import type { WireRecord } from "../../../server/protocol";
import { recordAt } from "../store/apply-parts";
import { keyName, type PartitionLogView, type PartitionView } from "../store/run-view";
import { CELL_WIDTH, LABEL_WIDTH, ROW_HEIGHT } from "./lane-geometry";

export interface LaneHit {
  r: number;
  offset: number;
  rec: WireRecord | undefined;
  /** Where to draw the highlight, in the block's coordinates. */
  x: number;
  y: number;
  text: string;
}

/** Which replica's cell is under the pointer, and what it holds, in words. */
export function hitTest(
  px: number,
  py: number,
  part: PartitionView,
  log: PartitionLogView,
  rowYs: number[],
  start: number,
  cells: number,
): LaneHit | null {
  if (px < LABEL_WIDTH) return null;
  const i = Math.floor((px - LABEL_WIDTH) / CELL_WIDTH);
  if (i < 0 || i >= cells) return null;
  const r = rowYs.findIndex((y) => py >= y && py < y + ROW_HEIGHT);
  const replica = part.replicas[r];
  if (r < 0 || !replica) return null;
  const offset = start + i;
  const x = LABEL_WIDTH + i * CELL_WIDTH;
  const y = rowYs[r]!;
  if (offset >= replica.leo) {
    if (offset >= part.leo) return null;
    return {
      r,
      offset,
      rec: undefined,
      x,
      y,
      text: `offset ${offset} · on the leader, not yet fetched by ${replica.broker}`,
    };
  }
  const rec = recordAt(log, r, offset);
  const own = log.own[r];
  const state =
    own && offset >= own.from
      ? "not in the leader's log"
      : offset < replica.hw
        ? "committed"
        : "above the HW: not on every in-sync replica yet";
  const text = rec
    ? `${replica.broker} · offset ${offset} · event #${rec[0]} · ${keyName(rec[1])} +${rec[2]} · epoch ${rec[3]} · ${state}`
    : `${replica.broker} · offset ${offset} · ${state}`;
  return { r, offset, rec, x, y, text };
}
