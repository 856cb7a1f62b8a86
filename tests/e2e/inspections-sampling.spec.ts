import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 抽查 and 入户核查 as the demo inspector: the demo round verifies (重新抽取验证 → 一致), 三率一度 drills down to lists whose
// length is the number clicked, and a new round is created, drawn and one pick checked on a phone.

test.describe.configure({ timeout: 120_000 });

test("the demo round: list, round page, 重新抽取验证 says 一致", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "inspector");
  await page.goto("/inspections/rounds");
  await expect(page.getByRole("heading", { name: "抽查轮次" })).toBeVisible();
  const demo = page.getByTestId("round-list").getByRole("link", { name: /脱贫户抽查（第一轮）/ });
  await expect(demo).toBeVisible();
  await screenshots(page, "inspections-rounds");
  await demo.click();
  await expect(page.getByText("公开随机数：")).toBeVisible();
  await expect(page.getByText(/替换 .+，理由：全家外出务工/).first()).toBeVisible();
  await expect(page.getByText(/错退：住房安全有保障/).first()).toBeVisible();
  await page.getByRole("link", { name: "重新抽取验证" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("一致");
  await expect(page.getByTestId("verify-result")).not.toContainText("不一致");
  await screenshots(page, "inspections-round");
  // The sample of one township only.
  const township = page.getByLabel("乡镇", { exact: true });
  const first = (await township.locator("option").nth(1).textContent())!;
  await township.selectOption({ label: first });
  await page.getByRole("button", { name: "查看样本" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`^${first}（抽中`) }).first()).toBeVisible();
  const shown = await page.getByRole("heading", { level: 3, name: /（抽中 \d+ 户，含替换）/ }).allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((text) => text.startsWith(first))).toBe(true);
  noConsoleErrors();
});

test("三率一度: each number opens the list of the households behind it", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "inspector");
  await page.goto("/inspections/rates");
  const table = page.getByTestId("rates-table");
  await expect(table).toBeVisible();
  await expect(page.getByText("（满意 + 基本满意）÷ 全部回答（含不满意、不了解）")).toBeVisible();
  await screenshots(page, "inspections-rates");
  for (const [measure, part] of [
    ["wrongExit", "denominator"],
    ["wrongExit", "numerator"],
    ["missed", "numerator"],
    ["approval", "denominator"],
  ] as const) {
    const link = page.getByTestId(`rate-${measure}-total`).getByTestId(part);
    const shown = Number(await link.innerText());
    await link.click();
    await expect(page.getByTestId("drill-count")).toHaveText(String(shown));
    await expect(page.getByTestId("drill-row")).toHaveCount(shown);
    if (measure === "wrongExit" && part === "numerator") await screenshots(page, "inspections-rates-households");
    await page.goBack();
  }
  expect(Number(await page.getByTestId("rate-wrongExit-total").getByTestId("numerator").innerText())).toBeGreaterThan(0);
  noConsoleErrors();
});

test("on a phone: a new round is created, drawn with its public value, and one pick checked", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  page.on("dialog", (dialog) => dialog.accept());
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "inspector");
  await page.goto("/inspections/rounds/new");
  await screenshots(page, "inspections-round-new");
  await page.getByLabel("轮次名称").fill("手机端测试轮次");
  await page.getByLabel("抽查总体：脱贫年度").selectOption({ index: 1 });
  await page.getByLabel("每乡镇抽查户数").fill("1");
  await page.getByLabel("公开随机数来源").fill("福利彩票双色球第 2026140 期");
  await page.getByRole("button", { name: "建立轮次并冻结名单" }).click();
  await expect(page.getByRole("heading", { name: "手机端测试轮次" })).toBeVisible();
  await expect(page.getByText("待抽取：名单已冻结，等待公开随机数")).toBeVisible();
  await page.getByLabel("公开随机数").fill("02 09 14 21 28 33 + 07");
  await page.getByRole("button", { name: "抽取样本" }).click();
  await expect(page.getByRole("link", { name: "重新抽取验证" })).toBeVisible();

  await page.getByRole("link", { name: "入户核查" }).first().click();
  await expect(page.getByRole("heading", { name: /入户核查：/ })).toBeVisible();
  await page.getByText("见到农户", { exact: true }).click();
  await page.getByText("符合", { exact: true }).click();
  await page.getByText("基本满意", { exact: true }).click();
  await page.getByLabel("核查情况").fill("两不愁三保障均已落实，家中有稳定务工收入");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await screenshots(page, "inspections-field-check");
  await page.getByRole("button", { name: "登记核查结果" }).click();
  await expect(page.getByTestId("check-result")).toContainText("基本满意");
  await expect(page.getByTestId("check-result")).toContainText("符合");
  // A correction is a note added to the check, which itself stays as recorded.
  await page.getByRole("textbox", { name: "更正或补充说明" }).fill("核查时户主在家，妻子外出务工");
  await page.getByRole("button", { name: "提交说明" }).click();
  await expect(page.getByTestId("check-notes")).toContainText("核查时户主在家，妻子外出务工");
  await screenshots(page, "inspections-field-check-recorded");
  noConsoleErrors();
});
