import ExcelJS from "exceljs";
import { expect, test, type Locator } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

/** Opens a <details> by its summary unless it is open already (a re-render keeps it as the user left it). */
async function openDisclosure(summary: Locator) {
  if (!(await summary.locator("..").evaluate((details) => (details as HTMLDetailsElement).open))) await summary.click();
}

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
  await openDisclosure(page.locator("summary", { hasText: "新建乡镇" }));
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
    await openDisclosure(section.locator("summary", { hasText: `在${townshipName}新建村` }));
    const form = section.getByRole("form", { name: "新建村" });
    await form.getByLabel("村区划代码").fill(`${township.slice(0, 9)}${suffix}`);
    await form.getByLabel("村名称").fill(name);
    await form.getByRole("button", { name: "新建村" }).click();
    await expect(section.getByRole("cell", { name, exact: true })).toBeVisible();
  }
  await screenshots(page, "admin-regions-tree");

  const eastRow = section.getByRole("row").filter({ hasText: "东风村" });
  await openDisclosure(eastRow.locator("summary", { hasText: "操作" }));
  const rename = eastRow.getByRole("form", { name: "更名：东风村" });
  await rename.getByLabel("新名称").fill("东风社区");
  await rename.getByRole("button", { name: "保存名称" }).click();
  await expect(section.getByRole("cell", { name: "东风社区", exact: true })).toBeVisible();

  await openDisclosure(section.locator("summary", { hasText: `合并${townshipName}的两个村` }));
  const merge = section.getByRole("form", { name: "合并村" });
  await merge.locator("select[name=sourceCode]").selectOption({ label: "西岭村（0 户）" });
  await merge.locator("select[name=targetCode]").selectOption({ label: "东风社区（0 户）" });
  // Confirmed in the browser but the box not ticked: the server refuses, beside the box.
  page.once("dialog", (dialog) => dialog.accept());
  await merge.getByRole("button", { name: "合并" }).click();
  await expect(merge.getByText("请勾选确认：合并后被合并的村撤销，其户全部转入合并到的村并重新编号").first()).toBeVisible();
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

async function treeWorkbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("区划");
  sheet.addRow(["乡镇和村"]);
  sheet.mergeCells(1, 1, 1, 4);
  sheet.addRow(["名称", "代码", "上级代码", "级别"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test("the 系统管理员 imports townships and villages from a spreadsheet: errors first, then the corrected file", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "admin");
  await page.goto("/admin/regions");
  await page.getByRole("link", { name: "从表格导入" }).click();
  await expect(page.getByRole("heading", { name: "从表格导入区划" })).toBeVisible();

  const number = String(400 + Math.floor(Math.random() * 500));
  const township = `522698${number}000`;
  const name = `导入${number}镇`;
  const bad = await treeWorkbook([
    [name, township, "522698000000", "镇"],
    ["上寨村", `${township.slice(0, 9)}201`, township, "村"],
    ["下寨村", `522698999202`, township, "村"],
  ]);
  const upload = page.getByLabel("Excel 文件（.xlsx，不超过 5 MB）");
  await upload.setInputFiles({ name: "区划.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bad });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByText("“区划.xlsx”共 3 行，有 1 处错误，未导入任何区划。请改正后重新预览。")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "第 5 行" })).toContainText(`村代码的前 9 位应与所属乡镇一致（${township.slice(0, 9)}）`);
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
  await screenshots(page, "admin-regions-import-errors");

  const good = await treeWorkbook([
    [name, township, "522698000000", "镇"],
    ["上寨村", `${township.slice(0, 9)}201`, township, "村"],
    ["下寨村", `${township.slice(0, 9)}202`, township, "村"],
  ]);
  await upload.setInputFiles({ name: "区划-改正.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: good });
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByText("检查通过：将新建乡镇 1 个、村 2 个")).toBeVisible();
  await screenshots(page, "admin-regions-import-preview");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "确认导入 3 个区划" }).click();
  await expect(page.getByText("已导入：新建乡镇 1 个、村 2 个")).toBeVisible();

  await page.goto(`/admin/regions?q=${township.slice(0, 9)}`);
  const section = page.getByRole("region", { name });
  await expect(section.getByRole("cell", { name: "上寨村", exact: true })).toBeVisible();
  await expect(section.getByRole("cell", { name: "下寨村", exact: true })).toBeVisible();
  noConsoleErrors();
});

test("other roles cannot open the county setup", async ({ page }) => {
  await signIn(page, "county");
  await page.goto("/admin/regions");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "区划管理" })).toHaveCount(0);
});
