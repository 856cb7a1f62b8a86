import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import pg from "pg";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 预警: the county office uploads a department's list (one row matches a first-village household, one matches
// nobody and is listed back); the village cadre checks the new 预警 as 无需纳入 with a note.

const FIRST_VILLAGE = "522698100201"; // 石桥镇杨柳村

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

test("a department list raises a 预警, unmatched rows are listed; the village cadre checks it", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  // A first-village head with no open 预警 yet.
  const [head] = await query<{ id_number: string; household_id: string }>(
    `SELECT m.id_number, m.household_id FROM member m JOIN household h ON h.id = m.household_id
     WHERE h.village_code = $1 AND m.relation = 'HEAD' AND m.status = 'PRESENT'
       AND NOT EXISTS (SELECT 1 FROM monitoring_warning w WHERE w.household_id = h.id AND w.status = 'OPEN')
     ORDER BY h.household_no DESC LIMIT 1`,
    [FIRST_VILLAGE],
  );
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("名单");
  sheet.addRow(["身份证号码", "说明"]);
  sheet.addRow([head.id_number, "住院合规自付 2.6 万元"]);
  sheet.addRow(["110101190001010000", "本县查无此人"]);
  const file = Buffer.from(await book.xlsx.writeBuffer());

  await signIn(page, "county");
  await page.goto("/monitoring/warnings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("预警核实");
  const upload = page.locator("form").filter({ has: page.locator('input[name="file"]') });
  await upload.getByLabel("名单来自").selectOption("MEDICAL");
  await upload.locator('input[name="file"]').setInputFiles({ name: "医保名单.xlsx", mimeType: "application/octet-stream", buffer: file });
  page.once("dialog", (dialog) => void dialog.accept());
  await upload.getByRole("button", { name: "上传并比对" }).click();
  await expect(upload.getByText("新产生预警 1 条。")).toBeVisible();
  await expect(upload.getByText("第 3 行：")).toBeVisible();
  await screenshots(page, "monitoring-warnings-county");

  await signIn(page, "village");
  await page.goto("/monitoring/warnings?source=DEPARTMENT");
  const item = page.getByRole("listitem").filter({ hasText: "部门筛查预警（医保）：住院合规自付 2.6 万元" }).first();
  await expect(item).toContainText("待核实 · 已 0 天");
  await item.getByText("核实", { exact: true }).click();
  await item.getByLabel("核实结果").selectOption("NOT_NEEDED");
  page.once("dialog", (dialog) => void dialog.accept());
  await item.getByRole("button", { name: "提交核实结果" }).click();
  await expect(item.getByText("请填写无需纳入的理由").first()).toBeVisible();
  await item.getByLabel("说明（无需纳入时必填）").fill("已入户核实，医保报销后自付不足 3000 元");
  page.once("dialog", (dialog) => void dialog.accept());
  await item.getByRole("button", { name: "提交核实结果" }).click();
  // Checked, it leaves the default list of open 预警 and shows among the checked ones with its note.
  await expect(page.getByRole("listitem").filter({ hasText: "住院合规自付 2.6 万元" })).toHaveCount(0);
  await page.goto("/monitoring/warnings?status=CHECKED&source=DEPARTMENT");
  await expect(page.getByRole("listitem").filter({ hasText: "已入户核实，医保报销后自付不足 3000 元" }).first()).toContainText("无需纳入");
  await screenshots(page, "monitoring-warnings-village");
  const [row] = await query<{ status: string; outcome: string }>(
    `SELECT status, outcome FROM monitoring_warning WHERE household_id = $1 AND source = 'DEPARTMENT_MEDICAL' ORDER BY created_at DESC LIMIT 1`,
    [head.household_id],
  );
  expect(row).toEqual({ status: "CHECKED", outcome: "NOT_NEEDED" });
  noConsoleErrors();
});

test("医疗支出预警: the share on the settings page, the demo household's 预警 in the list, the medical figure on its income form", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "county");
  await page.goto("/monitoring/settings");
  await expect(page.getByTestId("warning-parameters")).toContainText("医疗支出 50%：年度合规自付医疗费用超过家庭纯收入的 50%");
  await expect(page.getByLabel("医疗支出占纯收入比例（%）")).toHaveValue("50");
  await screenshots(page, "monitoring-settings-medical");

  // The demo's household whose 合规自付医疗费用 is 70 % of its net income (prisma/demo-monitoring.ts), screened at the seed.
  const [ill] = await query<{ household_id: string; year: number; village_code: string }>(
    `SELECT i.household_id, i.year, h.village_code FROM income_record i JOIN household h ON h.id = i.household_id
     WHERE i.medical_out_of_pocket_fen IS NOT NULL ORDER BY h.household_no LIMIT 1`,
  );
  const [warning] = await query<{ reason: string }>(
    `SELECT reason FROM monitoring_warning WHERE household_id = $1 AND reason_code = 'MEDICAL_COST' AND status = 'OPEN'`,
    [ill.household_id],
  );
  expect(warning.reason).toMatch(new RegExp(`^${ill.year} 年合规自付医疗费用 [\\d,]+\\.\\d{2} 元，超过家庭纯收入 [\\d,]+\\.\\d{2} 元的 50%$`));

  await signIn(page, "town");
  await page.goto("/monitoring/warnings?source=ARCHIVE_INCOME");
  await expect(page.getByRole("listitem").filter({ hasText: warning.reason }).first()).toContainText("待核实");

  // Its income form opens on the year with the medical group unfolded; a negative amount is refused beside the field.
  await page.goto(`/households/${ill.household_id}?year=${ill.year}`);
  const form = page.locator('form[aria-label="年度收入"]');
  const medical = form.getByLabel("合规自付医疗费用（元）");
  await expect(medical).toBeVisible();
  await expect(form.getByText("它既不是收入，也不从纯收入中扣减")).toBeVisible();
  const stored = await medical.inputValue();
  await medical.fill("-1");
  await form.getByRole("button", { name: `保存 ${ill.year} 年收入修改` }).click();
  await expect(form.locator("#field-income-medicalOutOfPocketFen-error")).toHaveText("合规自付医疗费用：金额不能为负数");
  await form.locator('[data-section="合规自付医疗费用"]').scrollIntoViewIfNeeded();
  await screenshots(page, "income-form-medical");
  const [after] = await query<{ medical: number }>(`SELECT medical_out_of_pocket_fen AS medical FROM income_record WHERE household_id = $1 AND year = $2`, [
    ill.household_id,
    ill.year,
  ]);
  expect((after.medical / 100).toFixed(2)).toBe(stored);
  noConsoleErrors();
});
