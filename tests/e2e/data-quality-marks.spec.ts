import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 疑点数据 "已核实无误" as a village cadre: a 疑点 on /quality is marked with a reason after a confirmation, leaves the open
// list, shows under 处理状态：已核实无误 with the reason, on the household's 疑点数据 panel, and is withdrawn again.
// An inspector sees the hits but no form.

test.describe.configure({ timeout: 180_000 });

test("a village cadre marks a 疑点 as 已核实无误, finds it under 已核实, and withdraws the mark", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "village");
  // The refresh job's first round may run after the demo seed: wait for an open 疑点 of the village.
  const rows = page.getByRole("table", { name: "疑点清单" }).locator("tbody tr");
  await expect(async () => {
    await page.goto("/quality?severity=SUSPECT");
    await expect(rows.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 150_000 });
  const row = rows.first();
  const code = (await row.locator("span.font-mono").first().textContent())!.trim();
  const householdHref = (await row.getByRole("link").first().getAttribute("href"))!;
  const reason = `已入户核对户口簿，情况属实 ${Date.now() % 100000}`;

  await row.getByText("标为已核实无误…").click();
  const form = row.getByRole("form", { name: `将 ${code} 标为已核实无误` });
  // Without a reason: refused beside the field, nothing saved.
  page.once("dialog", (dialog) => dialog.accept());
  await form.getByRole("button", { name: "确认已核实无误" }).click();
  await expect(form.getByTestId("form-error")).toBeVisible();
  await screenshots(page, "quality-mark-form");
  await form.locator('textarea[name="reason"]').fill(reason);
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("已核实无误");
    void dialog.accept();
  });
  // The page is refreshed by the action: the marked hit leaves the open list (its row, and the success line, go with it).
  const marked = page.waitForResponse((response) => response.request().method() === "POST" && response.ok());
  await form.getByRole("button", { name: "确认已核实无误" }).click();
  await marked;

  // Listed under 已核实无误 with its reason; the household's panel shows it too.
  await page.goto(`/quality?status=verified&rule=${code}`);
  const verified = page.getByTestId("hit-verified").filter({ hasText: reason });
  await expect(verified).toBeVisible();
  await screenshots(page, "quality-verified-list");
  await page.goto(householdHref);
  const panel = page.getByTestId("household-quality");
  await expect(panel).toContainText("已核实无误");
  // Folded when the household has more than a few open hits.
  const outer = panel.locator(":scope > details");
  if (!(await outer.evaluate((details: HTMLDetailsElement) => details.open))) await outer.locator(":scope > summary").click();
  await expect(panel.getByText(reason)).toBeVisible();
  await screenshots(page, "quality-household-panel");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Withdrawn (after a confirmation): open again, gone from 已核实.
  await page.goto(`/quality?status=verified&rule=${code}`);
  const mark = page.getByTestId("hit-verified").filter({ hasText: reason });
  page.once("dialog", (dialog) => dialog.accept());
  const withdrawn = page.waitForResponse((response) => response.request().method() === "POST" && response.ok());
  await mark.getByRole("button", { name: "撤回标记" }).click();
  await withdrawn;
  await page.goto(`/quality?status=verified&rule=${code}`);
  await expect(page.getByTestId("hit-verified").filter({ hasText: reason })).toHaveCount(0);
  noConsoleErrors();
});

test("an inspector sees the 疑点 but cannot mark them", async ({ page }) => {
  await signIn(page, "inspector");
  await page.goto("/quality?severity=SUSPECT");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("疑点清单");
  await expect(page.getByText("标为已核实无误…")).toHaveCount(0);
});
