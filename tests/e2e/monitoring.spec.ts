import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 防止返贫动态监测, first part: the county office sets a monitoring line and sees which years cannot be
// screened; a village cadre brings a household never 建档立卡 in with its first risk, adds a second
// one, and sees it flagged in the list; a helper has no monitoring page.

test("the county office sets a monitoring line; the years without one are named", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "county");
  await page.goto("/");
  await page.getByRole("link", { name: "防止返贫监测" }).first().click();
  await expect(page).toHaveURL(/\/monitoring$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("防止返贫动态监测");
  await page.getByRole("link", { name: "监测线与风险类型" }).click();
  await expect(page).toHaveURL(/\/monitoring\/settings$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("监测线与风险类型");
  await expect(page.getByText("2021 年：6,000.00 元/人·年")).toBeVisible();
  await expect(page.getByTestId("missing-lines")).toContainText("2024");
  await expect(page.getByTestId("risk-types")).toContainText("因产业项目失败");

  // The new-year form is the last one (each line's edit form shares its field names).
  const lines = page.getByRole("region", { name: "各年度监测线" }).locator("form").last();
  await lines.locator('input[name="year"]').fill("2024");
  await lines.locator('input[name="amount"]').fill("abc");
  await lines.getByRole("button", { name: "新增年度" }).click();
  await expect(lines.getByText("请输入有效金额", { exact: true })).toBeVisible();
  await lines.locator('input[name="amount"]').fill("7,300");
  await lines.getByRole("button", { name: "新增年度" }).click();
  await expect(lines.getByTestId("form-success")).toHaveText("监测线已保存");
  await expect(page.getByText("2024 年：7,300.00 元/人·年")).toBeVisible();
  await expect(page.getByTestId("missing-lines")).not.toContainText("2024");
  await screenshots(page, "monitoring-settings");
  noConsoleErrors();
});

test("a village cadre brings in a household never 建档立卡 and records a second risk", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "village");
  await page.goto("/monitoring");
  await expect(page.getByRole("table", { name: "监测对象列表" })).toContainText("脱贫不稳定户");
  await screenshots(page, "monitoring-list");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("link", { name: "纳入监测对象" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("纳入监测对象");
  await page.getByLabel("未建档立卡的户").check();
  await page.getByLabel("所在村").selectOption({ label: "杨柳村" });
  await page.getByLabel("户主姓名").fill("端到端");
  // A wrong check digit is refused beside the field.
  await page.getByLabel("户主身份证号码").fill("522698198506150011");
  await page.getByLabel("家庭人口").fill("3");
  await page.getByLabel("住址").fill("杨柳村五组 3 号");
  await page.getByLabel("监测对象类别").selectOption({ label: "边缘易致贫户" });
  await page.getByLabel("风险类型").selectOption({ label: "因病" });
  await page.getByLabel("发现渠道").selectOption({ label: "农户自主申报" });
  await screenshots(page, "monitoring-new");
  await page.getByRole("button", { name: "纳入监测（待识别）" }).click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  const seq = String((Date.now() % 900) + 100).padStart(3, "0");
  const first17 = `52269819850615${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = first17.split("").reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
  await page.getByLabel("户主身份证号码").fill(first17 + "10X98765432"[sum % 11]);
  await page.getByRole("button", { name: "纳入监测（待识别）" }).click();

  await expect(page).toHaveURL(/\/monitoring\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("端到端 户");
  await expect(page.getByText("未建档立卡（无识别年度）")).toBeVisible();
  await expect(page.getByTestId("risks")).toContainText("因病");
  await expect(page.getByTestId("risks")).toContainText("农户自主申报");

  await page.getByText("登记新的风险").click();
  await page.getByLabel("风险类型").selectOption({ label: "因意外事故" });
  await page.getByLabel("发现渠道").selectOption({ label: "基层干部排查" });
  await page.getByLabel("风险说明（可选）").fill("摔伤住院");
  await page.getByRole("button", { name: "登记风险" }).click();
  await expect(page.getByTestId("risks")).toContainText("因意外事故");
  await expect(page.getByRole("heading", { name: "致贫/返贫风险（2/5）" })).toBeVisible();
  await screenshots(page, "monitoring-object");

  await page.goto("/monitoring?registered=no");
  await expect(page.getByRole("table", { name: "监测对象列表" })).toContainText("端到端");
  await expect(page.getByRole("table", { name: "监测对象列表" })).not.toContainText("脱贫不稳定户");
  noConsoleErrors();
});

test("a helper has no monitoring page", async ({ page }) => {
  await signIn(page, "helper");
  await page.goto("/monitoring");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("link", { name: "防止返贫监测" })).toHaveCount(0);
});
