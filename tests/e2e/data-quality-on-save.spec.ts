import { expect, test } from "@playwright/test";
import { makeIdNumber } from "../../lib/members/id-number";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 疑点数据 on save and on the home page, as a village cadre: a 之子 saved with a woman's ID number is
// listed on the archive right after the save, and its form shows the hit beside 与户主关系; the home
// page counts the village's open hits.

test("a member saved with a 之子 / woman mismatch: listed after the save, shown beside the field; the home card counts the village", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "village");
  await page.goto("/");
  await expect(page.getByTestId("home-quality")).toContainText("本村");
  await expect(page.getByTestId("home-quality")).toContainText("条待处理疑点");
  await screenshots(page, "quality-home-card");

  await page.goto("/households");
  await page.getByRole("table", { name: "户档列表" }).locator("tbody tr").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "添加成员" }).click();
  const suffix = String(Date.now()).slice(-4);
  await page.locator('[name="name"]').fill(`女儿${suffix}`);
  await page.locator('[name="idNumber"]').fill(makeIdNumber("522698", "2001-05-06", (Math.floor(Math.random() * 450) + 1) * 2));
  await page.locator('[name="relation"]').selectOption({ label: "之子" });
  await page.locator('[name="educationLevel"]').selectOption({ label: "高中" });
  await page.locator('[name="labourSkill"]').selectOption({ label: "普通劳动力" });
  await page.getByRole("button", { name: "添加成员" }).click();

  await expect(page.getByText("成员信息已保存")).toBeVisible();
  const saved = page.getByTestId("saved-quality");
  await expect(saved).toBeVisible();
  await screenshots(page, "quality-after-save");
  await saved.getByRole("link", { name: /打开表单查看/ }).click();
  await expect(page.locator("#field-relation-notes")).toContainText("M-006");
  await screenshots(page, "quality-member-form-notes");

  // Corrected: the note beside 与户主关系 is gone.
  await page.locator('[name="relation"]').selectOption({ label: "之女" });
  await page.getByRole("button", { name: "保存成员信息" }).click();
  await expect(page.getByText("成员信息已保存")).toBeVisible();
  await page.goBack();
  await page.reload();
  await expect(page.locator("#field-relation-notes")).toHaveCount(0);
  noConsoleErrors();
});
