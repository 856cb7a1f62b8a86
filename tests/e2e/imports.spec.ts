import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { generateNationalRows, nationalWorkbookBuffer } from "../../scripts/generate-national-workbook";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

test("the county office imports the national export: errors found and reported, fixed, imported, in the list", async ({ page }) => {
  test.setTimeout(120_000);
  const noConsoleErrors = failOnConsoleErrors(page);
  const run = Number(String(Date.now()).slice(-3));
  // Run-unique 户编号 and ID numbers, in the demo county's villages.
  const generated = generateNationalRows({
    households: 4,
    seed: run,
    untidy: true,
    firstSequence: 8000 + run,
    idRegion: `52${String(10 + (run % 80)).padStart(2, "0")}01`,
  });
  const fixedBuffer = await nationalWorkbookBuffer(generated, { untidy: true });
  const badRow = generated.rows[1];
  const rightHealth = badRow.health;
  badRow.health = "一般";
  const badBuffer = await nationalWorkbookBuffer(generated, { untidy: true });
  badRow.health = rightHealth;
  const householdNo = String(generated.rows[0].householdNo);

  await signIn(page, "county");
  await page.goto("/imports");
  await expect(page.getByRole("heading", { name: "导入导出（国家系统贫困人口明细）" })).toBeVisible();
  await page.getByLabel("导入文件").setInputFiles({ name: "贫困人口明细-有错.xlsx", mimeType: "application/octet-stream", buffer: badBuffer });
  await page.getByRole("button", { name: "上传并校验" }).click();

  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-progress")).toBeVisible();
  await expect(page.getByTestId("import-totals")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-progress")).toContainText(`已读取 ${generated.rows.length + 3} 行`);
  await expect(page.getByTestId("issue-table")).toContainText(`第 ${generated.sheetRows[1]} 行`);
  await expect(page.getByTestId("issue-table")).toContainText("“健康状况”的值“一般”不在规定范围内");
  await screenshots(page, "imports-review-with-errors");

  // The error report: the original rows plus an error column.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("error-report").click()]);
  expect(download.suggestedFilename()).toBe("贫困人口明细-有错-错误报告.xlsx");
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.worksheets[0];
  const errorColumn = sheet.getRow(3).cellCount;
  expect(sheet.getRow(3).getCell(errorColumn).value).toBe("错误说明（导入校验）");
  expect(String(sheet.getRow(generated.sheetRows[1]).getCell(errorColumn).value)).toContain("健康状况");

  // All-or-nothing refuses this file.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: /^导入 \d+ 户$/ }).click();
  await expect(page.getByTestId("form-error")).toContainText("按“全部导入”不能入库");

  // Fixed and uploaded again: no errors, imported.
  await page.goto("/imports");
  await page.getByLabel("导入文件").setInputFiles({ name: "贫困人口明细.xlsx", mimeType: "application/octet-stream", buffer: fixedBuffer });
  await page.getByRole("button", { name: "上传并校验" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-totals")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("没有发现错误")).toBeVisible();
  await screenshots(page, "imports-review-clean");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "导入 4 户" }).click();
  await expect(page.getByTestId("batch-status")).toContainText("已导入", { timeout: 30_000 });
  await expect(page.getByText("已导入 4 户")).toBeVisible();
  await screenshots(page, "imports-merged");

  await page.goto(`/households?q=${householdNo}`);
  await expect(page.getByText(householdNo).first()).toBeVisible();
  await screenshots(page, "imports-households-list");

  // The same file again with the first household's phone changed: listed as already archived, with the difference; update chosen.
  for (const row of generated.rows.filter((entry) => String(entry.householdNo) === householdNo)) row.phone = "13912345678";
  await page.goto("/imports");
  await page
    .getByLabel("导入文件")
    .setInputFiles({ name: "贫困人口明细-更新.xlsx", mimeType: "application/octet-stream", buffer: await nationalWorkbookBuffer(generated, { untidy: true }) });
  await page.getByRole("button", { name: "上传并校验" }).click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("import-totals")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "已在档案中（跳过或更新）" }).click();
  const existing = page.getByTestId(`existing-${householdNo}`);
  await expect(existing).toContainText("联系电话");
  await expect(existing).toContainText("13912345678");
  await expect(existing).toContainText("跳过");
  page.once("dialog", (dialog) => void dialog.accept());
  await existing.getByRole("button", { name: "导入时按文件更新该户" }).click();
  await expect(existing).toContainText("按文件更新");
  await expect(existing.getByRole("button", { name: "改为跳过" })).toBeVisible();
  await screenshots(page, "imports-existing-changes");

  await page.goto("/imports");
  await expect(page.getByTestId("batch-list")).toContainText("贫困人口明细.xlsx");
  await screenshots(page, "imports-batches");
  noConsoleErrors();
});
