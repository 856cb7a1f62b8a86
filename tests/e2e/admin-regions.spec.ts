import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

test("the 系统管理员 builds a township with two villages, renames one and merges them", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "admin");
  await page.goto("/admin/regions");
  await expect(page.getByRole("heading", { name: "区划管理" })).toBeVisible();
  await expect(page.getByRole("region", { name: "石桥镇" })).toBeVisible();

  // A township code of its own per run (the e2e database lives for the whole run).
  const number = String(400 + Math.floor(Math.random() * 500));
  const township = `522698${number}000`;
  const townshipName = `试点${number}镇`;
  await page.locator("summary", { hasText: "新建乡镇" }).click();
  const createTownship = page.getByRole("form", { name: "新建乡镇" });
  await createTownship.getByLabel("乡镇区划代码").fill(`522698${number}201`);
  await createTownship.getByLabel("乡镇名称").fill(townshipName);
  await createTownship.getByRole("button", { name: "新建乡镇" }).click();
  await expect(createTownship.getByText("该代码是村级代码，不是乡镇级代码").first()).toBeVisible();
  await createTownship.getByLabel("乡镇区划代码").fill(township);
  await createTownship.getByRole("button", { name: "新建乡镇" }).click();
  const section = page.getByRole("region", { name: townshipName });
  await expect(section).toBeVisible();
  await expect(section.getByText("该乡镇还没有村")).toBeVisible();

  for (const [suffix, name] of [
    ["201", "东风村"],
    ["202", "西岭村"],
  ]) {
    await section.locator("summary", { hasText: `在${townshipName}新建村` }).click();
    const form = section.getByRole("form", { name: "新建村" });
    await form.getByLabel("村区划代码").fill(`${township.slice(0, 9)}${suffix}`);
    await form.getByLabel("村名称").fill(name);
    await form.getByRole("button", { name: "新建村" }).click();
    await expect(section.getByRole("cell", { name, exact: true })).toBeVisible();
  }
  await screenshots(page, "admin-regions-tree");

  const eastRow = section.getByRole("row").filter({ hasText: "东风村" });
  await eastRow.locator("summary", { hasText: "操作" }).click();
  const rename = eastRow.getByRole("form", { name: "更名：东风村" });
  await rename.getByLabel("新名称").fill("东风社区");
  await rename.getByRole("button", { name: "保存名称" }).click();
  await expect(section.getByRole("cell", { name: "东风社区", exact: true })).toBeVisible();

  await section.locator("summary", { hasText: `合并${townshipName}的两个村` }).click();
  const merge = section.getByRole("form", { name: "合并村" });
  await merge.getByLabel("被合并的村（撤销）").selectOption({ label: "西岭村（0 户）" });
  await merge.getByLabel("合并到").selectOption({ label: "东风社区（0 户）" });
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(merge.getByText("请勾选确认：合并后被合并的村撤销，其户全部转入合并到的村并重新编号")).toBeVisible();
  await merge.getByRole("checkbox").check();
  await screenshots(page, "admin-regions-merge");
  page.once("dialog", (dialog) => dialog.accept());
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(section.getByRole("row").filter({ hasText: "西岭村" }).getByText("已并入东风社区")).toBeVisible();

  await page.goto(`/admin/regions?q=${township.slice(0, 9)}`);
  await expect(page.getByRole("region", { name: townshipName })).toBeVisible();
  await expect(page.getByRole("region", { name: "石桥镇" })).toHaveCount(0);
  await screenshots(page, "admin-regions-search");
  noConsoleErrors();
});

test("other roles cannot open the county setup", async ({ page }) => {
  await signIn(page, "county");
  await page.goto("/admin/regions");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "区划管理" })).toHaveCount(0);
});
