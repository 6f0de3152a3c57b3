import { readFileSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { snap } from "./fixtures";
import { freshSeed, partitionB2, runToEnd, stepSeconds } from "./runs-fixtures";

test("an exported run imports again with the same trace hash; a tampered file is refused", async ({
  page,
}, testInfo) => {
  const seed = freshSeed();
  // With an operator command in its log: the file carries it, the import replays it.
  const runId = await runToEnd(page, "power-loss", seed, async () => {
    await stepSeconds(page, 2);
    await partitionB2(page);
    await stepSeconds(page, 2);
    await page.getByTestId("fault-panel").getByRole("button", { name: "End" }).click();
  });
  await page.goto(`/runs/${runId}/report`);
  const stored = (await page.getByTestId("report-trace-hash").textContent())!.trim();
  await expect(page.getByTestId("report-commands")).toContainText("inject partition b2");
  await expect(page.getByTestId("report-commands")).toContainText("end fault op1");
  await expect(page.getByTestId("report-timeline")).toContainText("partition b2");
  await snap(page, testInfo, "runs-13-report-with-commands", { fullPage: true });

  const download = page.waitForEvent("download");
  await page.getByTestId("report-export").click();
  const file = testInfo.outputPath("run.json");
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8")) as {
    format: string;
    seed: number;
    traceHash: string;
    commands: unknown[];
    checks: Record<string, { count: number; examples: number[] }>;
  };
  expect(exported.format).toBe("convergence-lab-run");
  expect(exported.seed).toBe(seed);
  expect(exported.traceHash).toBe(stored);
  expect(exported.commands).toHaveLength(2);

  // Import it: a new run, whose report has the same hash.
  await page.goto("/runs");
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("import-ok")).toContainText("the replay matched", {
    timeout: 60_000,
  });
  await page.getByTestId("import-ok").getByRole("link").click();
  await expect(page).toHaveURL(/\/runs\/[^/]+\/report$/);
  expect(page.url()).not.toContain(runId);
  await expect(page.getByTestId("report-seed")).toHaveText(String(seed));
  await expect(page.getByTestId("report-trace-hash")).toHaveText(stored);

  // A verdict edited to claim less than the inputs produce is refused, with the server's words.
  const tampered = structuredClone(exported);
  tampered.checks.lostAckedWrites = { count: 0, examples: [] };
  tampered.checks.duplicateEffects = { count: 0, examples: [] };
  tampered.traceHash = "0123456789abcdef";
  const bad = testInfo.outputPath("tampered.json");
  writeFileSync(bad, JSON.stringify(tampered, null, 2));
  await page.goto("/runs");
  await page.getByTestId("import-file").setInputFiles(bad);
  const error = page.getByTestId("import-error");
  await expect(error).toContainText("tampered.json was refused", { timeout: 60_000 });
  await expect(error).toContainText(/hash|tamper|changed/i);
  await snap(page, testInfo, "runs-30-import-refused");

  // A file that is not a run file at all says so too.
  const junk = testInfo.outputPath("junk.json");
  writeFileSync(junk, JSON.stringify({ format: "something-else" }));
  await page.getByTestId("import-file").setInputFiles(junk);
  await expect(error).toContainText("junk.json was refused");
});
