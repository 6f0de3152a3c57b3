import { expect, test } from "@playwright/test";

test("a link to a run the server does not hold says so", async ({ page }) => {
  await page.goto("/runs/no-such-run");
  await expect(page.getByTestId("run-not-found")).toContainText("No live run");
  await page.getByRole("link", { name: "Back to the scenario library" }).click();
  await expect(page.getByRole("heading", { name: "Scenario library" })).toBeVisible();
});
