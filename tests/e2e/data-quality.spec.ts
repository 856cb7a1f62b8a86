import { expect, test, type Page } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 疑点数据 as a village cadre: the rule catalogue with the open hits of their village, a rule's
// hits, and from a hit to the household's archive. A helper has no such page.

// The refresh job's first round may run before the demo seed has finished: wait for hits.
test.describe.configure({ timeout: 180_000 });

async function openRules(page: Page) {
  await expect(async () => {
    await page.goto("/quality/rules?open=1");
    await expect(page.getByTestId("quality-total")).not.toHaveText("0", { timeout: 1_000 });
  }).toPass({ timeout: 150_000 });
}

test("a village cadre opens the rules, a rule's hits and the household behind a hit", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "village");
  await page.goto("/");
  await page.getByRole("link", { name: "疑点数据" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("疑点清单");

  await openRules(page);
  const table = page.getByRole("table", { name: "疑点数据规则" });
  // Not M-006: data-quality-on-save.spec.ts, which may run alongside, raises and clears one in this village.
  const firstRule = table
    .locator("tbody tr")
    .filter({ hasNot: page.getByRole("cell", { name: "M-006", exact: true }) })
    .first();
  await expect(firstRule.locator("td").first()).toHaveText(/^[MHISXVC]-\d{3}$/);
  await screenshots(page, "quality-rules");

  // No horizontal scroll on a phone outside the table.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  const code = (await firstRule.locator("td").first().textContent())!.trim();
  // That rule's row from here on, wherever it is after the page is shown again.
  const rule = table.locator("tbody tr").filter({ has: page.getByRole("cell", { name: code, exact: true }) });
  const count = Number((await rule.getByRole("link").first().textContent())!.match(/^(\d+)/)![1]);
  const households = Number((await rule.getByRole("link").nth(1).textContent())!.match(/^(\d+)/)![1]);

  // The household list filtered by the rule: as many households as the catalogue says.
  await rule.getByRole("link").nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/households\\?quality=${code}`));
  await expect(page.getByTestId("quality-filter-total")).toHaveText(String(households));
  await page.goBack();

  await rule.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/quality\\?rule=${code}`));
  const hits = page.getByRole("table", { name: "疑点清单" });
  await expect(hits.locator("tbody tr").first()).toContainText(code);
  await expect(page.getByTestId("total-count")).toContainText(`共 ${count} 条`);
  await screenshots(page, "quality-hits");

  await hits.locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  noConsoleErrors();
});

test("the whole catalogue is listed with filters, and a helper has no 疑点数据 page", async ({ page }) => {
  await signIn(page, "leader");
  await page.goto("/quality/rules?level=CROSS");
  await expect(page.getByRole("table", { name: "疑点数据规则" }).locator("tbody tr")).toHaveCount(5);
  await page.goto("/quality/rules");
  await expect(page.getByTestId("total-count")).toContainText(/共 1\d\d 条/);

  await page.context().clearCookies();
  await signIn(page, "helper");
  await page.goto("/quality/rules");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("link", { name: "疑点数据" })).toHaveCount(0);
});
