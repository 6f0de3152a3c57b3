import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CellGroup } from "./cell-path";
import { CELL_WIDTH, ROW_HEIGHT } from "./lane-geometry";

/**
 * Follows a path's pen through the commands the lanes use (M m h v a z) and returns the
 * box of every closed outline: where each cell is drawn.
 */
function outlines(d: string): { x: number; y: number; w: number; h: number }[] {
  const tokens = d.match(/[MmhvazZ]|-?\d*\.?\d+/g) ?? [];
  const boxes: { x: number; y: number; w: number; h: number }[] = [];
  let x = 0;
  let y = 0;
  let start = { x: 0, y: 0 };
  let lo = { x: 0, y: 0 };
  let hi = { x: 0, y: 0 };
  const see = () => {
    lo = { x: Math.min(lo.x, x), y: Math.min(lo.y, y) };
    hi = { x: Math.max(hi.x, x), y: Math.max(hi.y, y) };
  };
  let i = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    const c = tokens[i++];
    if (c === "M" || c === "m") {
      const [dx, dy] = [num(), num()];
      [x, y] = c === "M" ? [dx, dy] : [x + dx, y + dy];
      start = { x, y };
      lo = { x, y };
      hi = { x, y };
    } else if (c === "h") {
      x += num();
      see();
    } else if (c === "v") {
      y += num();
      see();
    } else if (c === "a") {
      for (let k = 0; k < 5; k++) num();
      x += num();
      y += num();
      see();
    } else if (c === "z" || c === "Z") {
      boxes.push({ x: lo.x, y: lo.y, w: hi.x - lo.x, h: hi.y - lo.y });
      [x, y] = [start.x, start.y];
    } else throw new Error(`unexpected token ${c}`);
  }
  return boxes;
}

describe("CellGroup", () => {
  it("draws one cell outline per offset added, where an absolute cell would be", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(300), { minLength: 1, maxLength: 60 }),
        fc.nat(200),
        (offsets, y) => {
          const sorted = [...offsets].sort((a, b) => a - b);
          const group = new CellGroup({}, sorted[0]!, y);
          for (const o of sorted) group.add(o);
          const boxes = outlines(group.path());
          expect(boxes.map((b) => [b.x, b.y])).toEqual(
            sorted.map((o) => [o * CELL_WIDTH + 1, y + 2]),
          );
          for (const b of boxes) expect([b.w, b.h]).toEqual([CELL_WIDTH - 2, ROW_HEIGHT - 4]);
        },
      ),
    );
  });

  it("repeats one constant string for a run of adjacent cells", () => {
    const group = new CellGroup({}, 10, 0);
    for (let o = 10; o < 50; o++) group.add(o);
    const d = group.path();
    expect(d.startsWith(`M${10 * CELL_WIDTH + 3} 2`)).toBe(true);
    // No coordinates after the first move: only the repeated outline and its step.
    expect(d.match(/M/g)).toHaveLength(1);
    expect(outlines(d)).toHaveLength(40);
  });
});
