import { expect, test, type Locator } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

async function openDisclosure(summary: Locator) {
  if (!(await summary.locator("..").evaluate((details) => (details as HTMLDetailsElement).open))) await summary.click();
}

test("the 系统管理员 keeps a village's 自然村/组 list; the household form offers it as a select", async ({ page, browser }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "admin");
  // A township and village of their own per run (the e2e database lives for the whole run).
  const number = String(400 + Math.floor(Math.random() * 500));
  const township = `522698${number}000`;
  const townshipName = `分组${number}镇`;
  const villageName = `分组${number}村`;
  await page.goto("/admin/regions");
  await openDisclosure(page.locator("summary", { hasText: "新建乡镇" }));
  const createTownship = page.getByRole("form", { name: "新建乡镇" });
  await createTownship.getByLabel("乡镇区划代码").fill(township);
  await createTownship.getByLabel("乡镇名称").fill(townshipName);
  await createTownship.getByRole("button", { name: "新建乡镇" }).click();
  const section = page.getByRole("region", { name: townshipName });
  await openDisclosure(section.locator("summary", { hasText: `在${townshipName}新建村` }));
  const createVillage = section.getByRole("form", { name: "新建村" });
  await createVillage.getByLabel("村区划代码").fill(`${township.slice(0, 9)}201`);
  await createVillage.getByLabel("村名称").fill(villageName);
  await createVillage.getByRole("button", { name: "新建村" }).click();
  const row = section.getByRole("row").filter({ hasText: villageName });
  await expect(row).toBeVisible();

  await openDisclosure(row.locator("summary", { hasText: "自然村/组" }));
  await expect(row.getByText("还没有自然村/组清单")).toBeVisible();
  const add = row.getByRole("form", { name: `在${villageName}新建自然村/组` });
  await add.getByRole("button", { name: "新建自然村/组" }).click();
  await expect(add.getByText("请填写自然村/组名称").first()).toBeVisible();
  for (const name of ["1组", "2组", "大寨"]) {
    await add.getByLabel("新自然村/组名称").fill(name);
    await add.getByRole("button", { name: "新建自然村/组" }).click();
    await expect(row.getByRole("form", { name: `更名：${name}` })).toBeVisible();
  }
  await expect(row.locator("summary", { hasText: "自然村/组（3）" })).toBeVisible();
  await add.getByLabel("新自然村/组名称").fill("1组");
  await add.getByRole("button", { name: "新建自然村/组" }).click();
  await expect(add.getByText("同一村内名称不能重复").first()).toBeVisible();
  await screenshots(page, "village-groups-admin");

  const big = row.locator("li").filter({ hasText: "大寨" });
  page.once("dialog", (dialog) => dialog.accept());
  await big.getByRole("button", { name: "撤销" }).click();
  await expect(row.locator("li").filter({ hasText: "大寨" }).getByText("已撤销")).toBeVisible();
  await expect(row.locator("summary", { hasText: "自然村/组（2）" })).toBeVisible();
  noConsoleErrors();

  // The 县扶贫办's new-household form: the village with a list offers its groups in use; a village without keeps free text.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const form = await context.newPage();
  await signIn(form, "county");
  await form.goto("/households/new");
  await form.getByLabel("所属村").selectOption({ label: `${townshipName}${villageName}` });
  const select = form.getByLabel("自然村/组");
  await expect(select).toBeVisible();
  await expect(select.locator("option")).toHaveText(["（不填）", "1组", "2组"]);
  await screenshots(form, "village-groups-household-form");
  await form.getByLabel("所属村").selectOption({ index: 1 });
  await expect(form.getByLabel("村民小组")).toBeVisible();
  await context.close();
});
