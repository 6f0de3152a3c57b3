import { expect, test, type Locator } from "@playwright/test";
import { dataNumber, play, snap, startFromLibrary, waitForVirtualTime } from "./fixtures";
import {
  CELL_WIDTH,
  LABEL_WIDTH,
  ROW_HEIGHT,
  epochFill,
} from "../components/run/lanes/lane-geometry";

/** The colour of one CSS pixel of a lane canvas, as [r, g, b, a]. */
function pixel(canvas: Locator, x: number, y: number): Promise<number[]> {
  return canvas.evaluate(
    (el, [x, y]) => {
      const c = el as HTMLCanvasElement;
      const scale = c.width / c.getBoundingClientRect().width;
      const data = c
        .getContext("2d")!
        .getImageData(Math.floor(x! * scale), Math.floor(y! * scale), 1, 1).data;
      return [...data];
    },
    [x, y],
  );
}

function rgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

test("the lanes draw each record in its epoch's colour; a cell under the pointer names its record and opens its history", async ({
  page,
}, testInfo) => {
  await startFromLibrary(page, "replication-basics", { seed: 7 });
  await play(page);
  await waitForVirtualTime(page, 3000);
  await page.getByTestId("pause").click();
  await expect(page.getByTestId("resume")).toBeVisible();

  const block = page.getByTestId("partition-0");
  const canvas = block.getByTestId("lane-canvas");
  const start = await dataNumber(page, "partition-0", "data-start");
  const cells = await dataNumber(page, "partition-0", "data-cells");
  // The first lane is the first replica's; its row starts 4 px below the block's top.
  const lane = block.locator('[data-testid^="lane-p0-"]').first();
  const broker = (await lane.getAttribute("data-testid"))!.replace("lane-p0-", "");
  const hw = Number(await lane.getAttribute("data-hw"));
  const offset = hw - 1;
  expect(offset).toBeGreaterThanOrEqual(start);
  const x = LABEL_WIDTH + (offset - start) * CELL_WIDTH + CELL_WIDTH / 2;
  const y = 4 + ROW_HEIGHT / 2;

  // Hovering the cell names its record.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + x, box.y + y);
  const tooltip = block.getByRole("tooltip");
  await expect(tooltip).toContainText(`${broker} · offset ${offset} · event #`);
  await expect(tooltip).toContainText("committed");
  const text = (await tooltip.textContent())!;
  const epoch = Number(/epoch (\d+)/.exec(text)![1]);
  const eventId = Number(/event #(\d+)/.exec(text)![1]);
  await snap(page, testInfo, "lanes-hover", { focus: "lanes" });

  // The canvas holds that colour at the cell's centre, and nothing past the log's end.
  expect((await pixel(canvas, x, y)).slice(0, 3)).toEqual(rgb(epochFill(epoch)));
  const past = LABEL_WIDTH + (cells - 1) * CELL_WIDTH + CELL_WIDTH / 2;
  expect((await pixel(canvas, past, y))[3]).toBe(0);

  // Clicking it opens that record's whole history.
  await page.mouse.click(box.x + x, box.y + y);
  const inspector = page.getByTestId("message-inspector");
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText(`Event #${eventId}`);
  await expect(inspector.getByTestId("history-steps")).toBeVisible();
});
