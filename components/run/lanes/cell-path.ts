import { CELL_WIDTH, ROW_HEIGHT } from "./lane-geometry";

/** A cell's look; cells that look the same are drawn as one path. */
export interface CellStyle {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  className?: string;
}

/**
 * Cells are rounded rectangles (rx 2) inset by a pixel, and every cell has the same shape,
 * so a group's path is drawn in relative moves: where one cell's outline closes, `m` steps
 * to the next. A run of adjacent cells is then one constant string repeated, built once
 * per run rather than once per cell with its coordinates: at max speed each row's paths
 * are rebuilt five times a second, and the per-cell strings were most of what the page
 * allocated.
 */
const CELL_W = CELL_WIDTH - 2 - 4;
const CELL_H = ROW_HEIGHT - 4 - 4;
const CELL_OUTLINE = `h${CELL_W}a2 2 0 0 1 2 2v${CELL_H}a2 2 0 0 1-2 2h${-CELL_W}a2 2 0 0 1-2-2v${-CELL_H}a2 2 0 0 1 2-2z`;
/** One cell's outline, ending where the next offset's cell starts. */
const CELL_STEP = `${CELL_OUTLINE}m${CELL_WIDTH} 0`;

/** The cells of one look in a row: a path built run by run. */
export class CellGroup {
  private d: string;
  /** The offset the path's pen stands at (where the next cell would start). */
  private pen: number;
  private run = 0;

  constructor(
    readonly style: CellStyle,
    offset: number,
    y: number,
  ) {
    this.d = `M${offset * CELL_WIDTH + 3} ${y + 2}`;
    this.pen = offset;
  }

  add(offset: number): void {
    if (offset !== this.pen + this.run) {
      this.flush();
      this.d += `m${(offset - this.pen) * CELL_WIDTH} 0`;
      this.pen = offset;
    }
    this.run++;
  }

  path(): string {
    this.flush();
    return this.d;
  }

  private flush(): void {
    if (this.run === 0) return;
    this.d += CELL_STEP.repeat(this.run);
    this.pen += this.run;
    this.run = 0;
  }
}
