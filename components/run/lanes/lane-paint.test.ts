import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { WireRecord } from "../../../server/protocol";
import { EMPTY_WINDOW, writeWindow } from "../store/record-window";
import type { PartitionLogView, ReplicaView } from "../store/run-view";
import { CELL_WIDTH, LABEL_WIDTH, ROW_HEIGHT, epochFill, epochStroke } from "./lane-geometry";
import {
  CELL_COLOURS,
  DOWN_ALPHA,
  paintLanes,
  type LanePicture,
  type LaneTheme,
  type PaintContext,
} from "./lane-paint";

interface Drawn {
  x: number;
  y: number;
  w: number;
  h: number;
  fill: unknown;
  stroke: unknown;
  lineWidth: number;
  dash: number[];
  alpha: number;
}

/** A 2D context that records what was drawn: each cell with the style it was drawn in. */
class Recorder {
  fillStyle: unknown = "#000";
  strokeStyle: unknown = "#000";
  lineWidth = 1;
  globalAlpha = 1;
  cells: Drawn[] = [];
  lines: { x0: number; y0: number; x1: number; y1: number; stroke: unknown; dash: number[] }[] = [];
  private dash: number[] = [];
  private rects: { x: number; y: number; w: number; h: number }[] = [];
  private segments: { x0: number; y0: number; x1: number; y1: number }[] = [];
  private at = { x: 0, y: 0 };
  private filled: unknown = null;

  beginPath() {
    this.rects = [];
    this.segments = [];
    this.filled = null;
  }
  roundRect(x: number, y: number, w: number, h: number) {
    this.rects.push({ x, y, w, h });
  }
  moveTo(x: number, y: number) {
    this.at = { x, y };
  }
  lineTo(x: number, y: number) {
    this.segments.push({ x0: this.at.x, y0: this.at.y, x1: x, y1: y });
    this.at = { x, y };
  }
  setLineDash(d: number[]) {
    this.dash = [...d];
  }
  fill() {
    this.filled = this.fillStyle;
  }
  stroke() {
    for (const r of this.rects)
      this.cells.push({
        ...r,
        fill: this.filled,
        stroke: this.strokeStyle,
        lineWidth: this.lineWidth,
        dash: this.dash,
        alpha: this.globalAlpha,
      });
    for (const s of this.segments)
      this.lines.push({ ...s, stroke: this.strokeStyle, dash: this.dash });
  }
}

const HATCH = "hatch-pattern";
const THEME: LaneTheme = {
  text: "hw-colour",
  accent: "leo-colour",
  hatch: HATCH,
};

function paint(pic: LanePicture): Recorder {
  const rec = new Recorder();
  paintLanes(rec as unknown as PaintContext, pic, THEME);
  return rec;
}

const rec = (offset: number, epoch: number): WireRecord => [offset + 1000, 0, 1, epoch, 0];

/** One replica's row over a partition log: the leader's records, maybe a divergent suffix. */
const scene = fc
  .record({
    leaderLeo: fc.integer({ min: 0, max: 160 }),
    extra: fc.integer({ min: -160, max: 20 }),
    hwBack: fc.integer({ min: 0, max: 30 }),
    start: fc.integer({ min: 0, max: 170 }),
    cells: fc.integer({ min: 12, max: 60 }),
    epochs: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 200, maxLength: 200 }),
    /** Offsets whose record the browser lacks. */
    unknown: fc.array(fc.integer({ min: 0, max: 199 }), { maxLength: 20 }),
    divergeBack: fc.option(fc.integer({ min: 0, max: 30 })),
    up: fc.boolean(),
  })
  .map((s) => {
    const leo = Math.max(0, s.leaderLeo + s.extra);
    const hw = Math.max(0, Math.min(leo, s.leaderLeo) - s.hwBack);
    const records = Array.from({ length: s.leaderLeo }, (_, o) => rec(o, s.epochs[o]!));
    let window = EMPTY_WINDOW;
    // The browser's window holds the leader's records but for the unknown offsets.
    for (let o = 0; o < records.length; o++)
      if (!s.unknown.includes(o)) window = writeWindow(window, o, [records[o]!]);
    const from = s.divergeBack === null ? null : Math.max(0, leo - s.divergeBack);
    const own: PartitionLogView["own"] = {};
    if (from !== null && from < leo)
      own[0] = {
        from,
        records: Array.from({ length: leo - from }, (_, i) => rec(from + i, 9)),
      };
    const log: PartitionLogView = { window, own, truncated: {}, older: {} };
    const replica: ReplicaView = { broker: "b1", leo, hw, flushed: hw };
    const pic: LanePicture = {
      rows: [{ r: 0, replica, y: 30, up: s.up }],
      log,
      leaderLeo: s.leaderLeo,
      start: s.start,
      cells: s.cells,
    };
    return { pic, leo, hw, up: s.up, unknown: s.unknown, epochs: s.epochs };
  });

describe("paintLanes", () => {
  it("draws each offset in the window once, at its x, in the look its state gives it (as the legend says)", () => {
    fc.assert(
      fc.property(scene, ({ pic, leo, hw, up, unknown, epochs }) => {
        const drawn = paint(pic).cells;
        const { start, cells, leaderLeo } = pic;
        const own = pic.log.own[0];
        const expected: Drawn[] = [];
        for (let o = start; o < start + cells; o++) {
          const box = {
            x: LABEL_WIDTH + (o - start) * CELL_WIDTH + 1,
            y: 32,
            w: CELL_WIDTH - 2,
            h: ROW_HEIGHT - 4,
            alpha: up ? 1 : DOWN_ALPHA,
          };
          if (o < leo) {
            const committed = o < hw;
            const divergent = own !== undefined && o >= own.from;
            const known = o < leaderLeo && !unknown.includes(o);
            const epoch = divergent ? 9 : known ? epochs[o]! : null;
            expected.push({
              ...box,
              fill: !committed
                ? HATCH
                : epoch === null
                  ? CELL_COLOURS.unknownFill
                  : epochFill(epoch),
              stroke: divergent
                ? CELL_COLOURS.divergentStroke
                : !committed
                  ? CELL_COLOURS.tailStroke
                  : epoch === null
                    ? CELL_COLOURS.missingStroke
                    : epochStroke(epoch),
              lineWidth: divergent ? 1.6 : 0.8,
              dash: [],
            });
          } else if (o < leaderLeo) {
            expected.push({
              ...box,
              fill: "transparent",
              stroke: CELL_COLOURS.missingStroke,
              lineWidth: 1,
              dash: [2, 2],
            });
          }
        }
        const byX = (a: Drawn, b: Drawn) => a.x - b.x;
        expect([...drawn].sort(byX)).toEqual(expected.sort(byX));
      }),
      { numRuns: 300 },
    );
  });

  it("marks the HW (solid) and the LEO (dashed) at the boundary before their offset, only inside the window", () => {
    fc.assert(
      fc.property(scene, ({ pic, leo, hw }) => {
        const lines = paint(pic).lines;
        const { start, cells } = pic;
        const inside = (o: number) => o >= start && o <= start + cells;
        const x = (o: number) => LABEL_WIDTH + (o - start) * CELL_WIDTH;
        const hwLines = lines.filter((l) => l.stroke === THEME.text);
        const leoLines = lines.filter((l) => l.stroke === THEME.accent);
        expect(hwLines.map((l) => [l.x0, l.x1, l.dash])).toEqual(
          inside(hw) ? [[x(hw), x(hw), []]] : [],
        );
        expect(leoLines.map((l) => [l.x0, l.x1, l.dash])).toEqual(
          inside(leo) ? [[x(leo), x(leo), [3, 2]]] : [],
        );
      }),
    );
  });
});
