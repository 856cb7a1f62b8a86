import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 帮扶 tied to risks: the county office keeps the risk ↔ measure category fit (one row of chips per risk type,
// saved with its version); a cadre sees which monitored households have a risk without a fitting measure,
// and on the object page which measures fit each open risk.

test("the county office keeps the risk ↔ measure category fit; an empty row is refused beside the chips", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "county");
  await page.goto("/monitoring/fit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("风险与措施类别匹配");
  const row = page.getByTestId("risk-fit-UNSTABLE_WORK");
  await expect(row.getByRole("checkbox", { name: /因务工就业不稳—\s?就业帮扶/ })).toBeChecked();
  await expect(row.getByRole("checkbox", { name: /因务工就业不稳—\s?产业帮扶/ })).not.toBeChecked();

  // Unchecking the only category: refused, with the message beside the chips.
  await row.getByRole("checkbox", { name: /因务工就业不稳—\s?就业帮扶/ }).uncheck();
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.getByRole("alert")).toHaveText("至少选择一个措施类别");

  // Keeping 就业帮扶 and adding 产业帮扶: saved, the row now says the county changed it.
  await row.getByRole("checkbox", { name: /因务工就业不稳—\s?就业帮扶/ }).check();
  await row.getByRole("checkbox", { name: /因务工就业不稳—\s?产业帮扶/ }).check();
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.getByTestId("form-success")).toHaveText("匹配已保存");
  await page.reload();
  await expect(page.getByTestId("risk-fit-UNSTABLE_WORK").getByRole("checkbox", { name: /因务工就业不稳—\s?产业帮扶/ })).toBeChecked();
  await expect(page.getByTestId("risk-fit").locator("li").filter({ hasText: "因务工就业不稳" })).toContainText("本县已调整");
  await screenshots(page, "monitoring-fit");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Back to the default categories, so the other specs (and a re-run) meet the same matrix.
  const again = page.getByTestId("risk-fit-UNSTABLE_WORK");
  await again.getByRole("checkbox", { name: /因务工就业不稳—\s?产业帮扶/ }).uncheck();
  page.once("dialog", (dialog) => dialog.accept());
  await again.getByRole("button", { name: "保存" }).click();
  await expect(again.getByTestId("form-success")).toHaveText("匹配已保存");
  noConsoleErrors();
});

test("a township cadre reads the 风险未对应措施 list and an object's risks with their measures", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "town");
  await page.goto("/");
  await page.getByRole("link", { name: "风险未对应措施" }).first().click();
  await expect(page).toHaveURL(/\/monitoring\/unmatched$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("风险未对应措施");
  await screenshots(page, "monitoring-unmatched");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Filtering by a risk type nobody has keeps the page and shows the empty state.
  await page.goto("/monitoring/unmatched?riskType=NO_SUCH_TYPE");
  await expect(page.getByText("没有风险未对应措施的监测对象")).toBeVisible();

  // Any monitoring object's page shows the 帮扶措施与风险对应 section.
  await page.goto("/monitoring");
  await page.getByRole("table", { name: "监测对象列表" }).getByRole("link").first().click();
  await expect(page.getByTestId("risk-measures")).toBeVisible();
  await expect(page.getByRole("heading", { name: "帮扶措施与风险对应" })).toBeVisible();
  await screenshots(page, "monitoring-object-risk-measures");
  noConsoleErrors();
});
