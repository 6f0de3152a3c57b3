import type { PartitionLogView, ReplicaView } from "../store/run-view";
import { recordAt } from "../store/apply-parts";
import { CELL_WIDTH, LABEL_WIDTH, ROW_HEIGHT, epochFill, epochStroke } from "./lane-geometry";

/**
 * What the lanes draw on their canvas: every replica's cells and its HW and LEO marks.
 * These change at every frame; drawn as SVG they were thousands of path segments whose
 * `d` the browser restyled, laid out and repainted five times a second. The labels, the
 * axis's numbers, the groups' committed offsets and the struck-out records stay in the
 * SVG under the canvas, where they are text people can select and tests can read. No
 * text is drawn on the canvas: Chromium's `fillText` first brings the canvas element's
 * style up to date, which in the middle of React's commit is a whole-page style
 * recalculation (about 2 ms per draw in a trace of the fault loop, as many as there are
 * blocks).
 */

/** The subset of a 2D context the painter uses, so a test can record the calls. */
export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | "beginPath"
  | "roundRect"
  | "moveTo"
  | "lineTo"
  | "fill"
  | "stroke"
  | "setLineDash"
  | "fillStyle"
  | "strokeStyle"
  | "lineWidth"
  | "globalAlpha"
>;

/** Colours and fonts from the page's stylesheet, read once per canvas. */
export interface LaneTheme {
  /** The HW mark. */
  text: string;
  /** The LEO mark. */
  accent: string;
  /** The fill of records above the HW: a hatch pattern in the browser. */
  hatch: string | CanvasPattern;
}

export interface LaneRow {
  /** The replica's index in the partition. */
  r: number;
  replica: ReplicaView;
  /** The row's top, in the block's coordinates. */
  y: number;
  /** A crashed or paused broker's row is drawn faded. */
  up: boolean;
}

export interface LanePicture {
  rows: readonly LaneRow[];
  log: PartitionLogView;
  /** The authoritative LEO: offsets between a replica's LEO and it are what it lacks. */
  leaderLeo: number;
  start: number;
  cells: number;
}

export const DOWN_ALPHA = 0.45;
/** The cells' colours that do not depend on the epoch. */
export const CELL_COLOURS = {
  /** The outline of a slot the replica lacks, and of a record the browser lacks. */
  missingStroke: "#b7c0cc",
  /** A committed record the browser has not received (its epoch is unknown). */
  unknownFill: "#e3e7ec",
  /** The outline of a record above the HW. */
  tailStroke: "#8ea2c9",
  /** The outline of a record that is not in the leader's log. */
  divergentStroke: "#c0362c",
};
const { missingStroke: MISSING_STROKE, unknownFill: UNKNOWN_FILL } = CELL_COLOURS;
const { tailStroke: TAIL_STROKE, divergentStroke: DIVERGENT_STROKE } = CELL_COLOURS;

/** A cell is a rounded rectangle inset from its slot by a pixel across and two down. */
const CELL_INSET_X = 1;
const CELL_INSET_Y = 2;
const CELL_W = CELL_WIDTH - 2;
const CELL_H = ROW_HEIGHT - 4;
// Dash patterns made once: the painter sets them for every look of every row.
const SOLID: number[] = [];
const MISSING_DASH = [2, 2];
const LEO_DASH = [3, 2];

/** The x of the boundary before an offset (where its HW or LEO mark stands). */
export function markX(offset: number, start: number): number {
  return LABEL_WIDTH + (offset - start) * CELL_WIDTH;
}

/** A look of a cell, as a number: MISSING, or the epoch (-1 unknown) with two flag bits. */
const MISSING = -1;
/** No cell at all: past both this replica's and the leader's LEO. */
const NONE = -2;
function lookKey(epoch: number, committed: boolean, divergent: boolean): number {
  return (epoch + 1) * 4 + (committed ? 2 : 0) + (divergent ? 1 : 0);
}

// Scratch space for one row's looks, reused across draws (the lanes draw five to ten
// times a second; a fresh array per row would be most of what a draw allocates).
let looks = new Int32Array(256);

function setLook(ctx: PaintContext, key: number, theme: LaneTheme): void {
  if (key === MISSING) {
    ctx.fillStyle = "transparent";
    ctx.strokeStyle = MISSING_STROKE;
    ctx.lineWidth = 1;
    ctx.setLineDash(MISSING_DASH);
    return;
  }
  const divergent = (key & 1) === 1;
  const committed = (key & 2) === 2;
  const epoch = (key >> 2) - 1;
  const known = epoch >= 0;
  ctx.fillStyle = !committed ? theme.hatch : known ? epochFill(epoch) : UNKNOWN_FILL;
  ctx.strokeStyle = divergent
    ? DIVERGENT_STROKE
    : !committed
      ? TAIL_STROKE
      : known
        ? epochStroke(epoch)
        : MISSING_STROKE;
  ctx.lineWidth = divergent ? 1.6 : 0.8;
  ctx.setLineDash(SOLID);
}

/**
 * Draws one replica's row: committed records solid in their leader epoch's colour (plain
 * while the browser lacks the record), the tail above its HW hatched, what it lacks of the
 * leader's log as dashed empty slots, a divergent suffix outlined in red, and the HW (solid)
 * and LEO (dashed) marks. Cells of one look are one path, filled and stroked once.
 */
function paintRow(ctx: PaintContext, row: LaneRow, pic: LanePicture, theme: LaneTheme): void {
  const { replica, r, y } = row;
  const { log, start, cells, leaderLeo } = pic;
  if (looks.length < cells) looks = new Int32Array(cells * 2);
  const own = log.own[r];
  const distinct: number[] = [];
  for (let i = 0; i < cells; i++) {
    const offset = start + i;
    let key: number;
    if (offset < replica.leo) {
      const committed = offset < replica.hw;
      const divergent = own !== undefined && offset >= own.from;
      const rec = committed ? recordAt(log, r, offset) : undefined;
      key = lookKey(rec ? rec[3] : -1, committed, divergent);
    } else if (offset < leaderLeo) {
      key = MISSING;
    } else {
      key = NONE;
    }
    looks[i] = key;
    if (key !== NONE && !distinct.includes(key)) distinct.push(key);
  }
  ctx.globalAlpha = row.up ? 1 : DOWN_ALPHA;
  for (const key of distinct) {
    setLook(ctx, key, theme);
    ctx.beginPath();
    for (let i = 0; i < cells; i++) {
      if (looks[i] !== key) continue;
      ctx.roundRect(markX(start + i, start) + CELL_INSET_X, y + CELL_INSET_Y, CELL_W, CELL_H, 2);
    }
    ctx.fill();
    ctx.stroke();
  }
  ctx.setLineDash(SOLID);
  const end = start + cells;
  if (replica.hw >= start && replica.hw <= end) {
    const x = markX(replica.hw, start);
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, y - 1);
    ctx.lineTo(x, y + ROW_HEIGHT + 1);
    ctx.stroke();
  }
  if (replica.leo >= start && replica.leo <= end) {
    const x = markX(replica.leo, start);
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(LEO_DASH);
    ctx.beginPath();
    ctx.moveTo(x, y + 1);
    ctx.lineTo(x, y + ROW_HEIGHT - 1);
    ctx.stroke();
    ctx.setLineDash(SOLID);
  }
  ctx.globalAlpha = 1;
}

/** Draws a partition's lanes onto a cleared context in the block's coordinates. */
export function paintLanes(ctx: PaintContext, pic: LanePicture, theme: LaneTheme): void {
  for (const row of pic.rows) paintRow(ctx, row, pic, theme);
}
