import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";
import { pdfPageCount, pdfPageTexts } from "./pdf-text";

// The printed documents on A4 (issue 14 item 5): the 扶贫手册 (一户一档), the household exit sheet and the village exit sheet.
// Each is printed to PDF by Chromium: its pages are counted and read back, so the running header and "第 N 页 / 共 M 页"
// (CSS @page margin boxes) are checked on every page, not only on the screen.

const OUT = path.join("test-results", "screenshots");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000500020106a1a5a40000000049454e44ae426082",
  "hex",
);

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, username);
  page.on("dialog", (dialog) => dialog.accept());
  return page;
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Text as the reader sees it. The PDF's font maps some characters to their radical forms (⼾ for 户, ⻚ for 页): NFKC folds the
 * Kangxi radicals to an ideograph (⼾ → 戶, the traditional form), the table below takes both to the simplified character.
 */
const RADICALS: Record<string, string> = { 戶: "户", "⻚": "页", "⻢": "马", "⻰": "龙", "⻅": "见", "⻆": "角", "⻩": "黄", "⺠": "民", "⻬": "齐" };
const plain = (text: string) =>
  text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[戶⻚⻢⻰⻅⻆⻩⺠⻬]/g, (char) => RADICALS[char]);

/** Prints the page to an A4 PDF (kept beside the screenshots) and returns the text of each page. */
async function printToPdf(page: Page, name: string): Promise<string[]> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", path: path.join(OUT, `${name}.pdf`) });
  const texts = pdfPageTexts(pdf).map(plain);
  expect(texts.length, "pages read back").toBe(pdfPageCount(pdf));
  fs.appendFileSync(path.join(OUT, "print-page-counts.txt"), `${name}: ${texts.length} 页\n`);
  return texts;
}

/** Every page carries the running header and its own "第 N 页 / 共 M 页". */
function expectRunningHeader(texts: string[], header: string) {
  texts.forEach((text, index) => {
    expect(text, `page ${index + 1}`).toContain(plain(header));
    expect(text, `page ${index + 1}`).toMatch(new RegExp(`第${index + 1}页/共${texts.length}页`));
  });
}

/** The handwritten signature block is kept whole: its heading and every blank on one and the same page. */
function expectSignaturesTogether(texts: string[], heading: string, blanks: string[]) {
  const pages = texts.filter((text) => text.includes(plain(heading)));
  expect(pages, heading).toHaveLength(1);
  for (const blank of blanks) expect(pages[0]).toContain(`${plain(blank)}:`);
}

/** Print-media screenshots (the A4 view at 1280 px), then the same page on screen at both widths: on a phone only tables scroll sideways. */
async function printScreenshots(page: Page, name: string) {
  await page.emulateMedia({ media: "print" });
  await screenshots(page, `${name}-print`);
  await page.emulateMedia({ media: "screen" });
  await screenshots(page, `${name}-screen`);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(() => {
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync(path.join(OUT, "print-page-counts.txt"), { force: true });
});

test("the printed 扶贫手册 holds what the paper holds, with 户编号 and page numbers on every page", async ({ browser }) => {
  // A 石桥镇 household of the demo with an exit sheet under way, measures and visits.
  const [target] = await query<{ id: string; household_no: string; measures: number; visits: number; verification_code: string }>(
    `SELECT * FROM (
       SELECT h.id, h.household_no, s.verification_code,
              (SELECT count(*)::int FROM measure m WHERE m.household_id = h.id) AS measures,
              (SELECT count(*)::int FROM visit v WHERE v.household_id = h.id) AS visits
         FROM household h JOIN exit_sheet s ON s.household_id = h.id
        WHERE h.township_code = '522698100000' AND s.status = 'IN_PROGRESS') AS candidate
      ORDER BY measures + visits DESC, household_no LIMIT 1`,
  );
  expect(target.measures).toBeGreaterThan(0);
  const town = await as(browser, "town");
  const noConsoleErrors = failOnConsoleErrors(town);

  // The demo has no 脱贫计划; the township files one through the household page, so the handbook prints one.
  await town.goto(`/households/${target.id}`);
  await town.getByText("制定年度脱贫计划").click();
  const planForm = town.locator("form", { has: town.locator('[name="plannedMeasures"]') }).last();
  await planForm.locator('[name="year"]').fill("2026");
  await planForm.locator('[name="targetPerCapitaFen"]').fill("6500");
  await planForm.locator('[name="plannedExitYear"]').fill("2026");
  await planForm.locator('[name="plannedMeasures"]').fill("扩大种植规模；务工技能培训");
  await planForm.getByRole("button", { name: "保存脱贫计划" }).click();
  await expect(town.getByText("计划措施：扩大种植规模；务工技能培训").first()).toBeVisible();

  await town.goto(`/households/${target.id}`);
  await town.getByRole("link", { name: "打印一户一档" }).click();
  const handbook = town.getByTestId("print-archive");
  await expect(handbook).toContainText("扶贫手册");
  for (const title of [
    "户基本情况",
    "家庭成员",
    "致贫原因与因户施策",
    "帮扶责任人",
    "家庭收入",
    "脱贫计划",
    "帮扶措施及成效",
    "走访记录",
    "脱贫退出",
    "佐证材料目录",
  ])
    await expect(handbook.getByRole("heading", { name: title })).toBeVisible();
  await expect(town.getByTestId("handbook-plans")).toContainText("扩大种植规模；务工技能培训");
  await expect(town.getByTestId("handbook-measures").locator("tbody tr")).toHaveCount(target.measures);
  await expect(town.getByTestId("handbook-visits").locator("tbody tr")).toHaveCount(Math.min(target.visits, 50));
  await expect(town.getByTestId("handbook-exit")).toContainText(target.verification_code);
  await expect(town.getByTestId("handbook-helper")).toContainText("联系电话");
  // Income: every year's calculation as the income rules wrote it.
  await expect(town.getByTestId("handbook-income")).toContainText("人均纯收入 = (工资性");
  // ID numbers masked: no 18-character ID anywhere in the document.
  expect(await handbook.innerText()).not.toMatch(/\d{17}[\dX]/);

  const texts = await printToPdf(town, "handbook-print");
  await expect(town.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await expect(town.getByRole("button", { name: "打印扶贫手册" })).toBeHidden();
  expectRunningHeader(texts, `户编号 ${target.household_no}`);
  expect(texts.join("")).toContain("扩大种植规模");
  await printScreenshots(town, "handbook");
  noConsoleErrors();
});

test("the demo exit sheet prints on at most 2 A4 pages, the sheet page too, with 户编号 and page numbers", async ({ browser }) => {
  // The approved demo sheet of the largest household: the fullest sheet (every signature, most member rows).
  const [sheet] = await query<{ id: string; household_no: string; verification_code: string }>(
    `SELECT s.id, h.household_no, s.verification_code FROM exit_sheet s JOIN household h ON h.id = s.household_id
      WHERE s.status = 'APPROVED'
      ORDER BY (SELECT count(*) FROM member m WHERE m.household_id = h.id) DESC, s.id LIMIT 1`,
  );
  const county = await as(browser, "county");
  const noConsoleErrors = failOnConsoleErrors(county);

  await county.goto(`/exits/${sheet.id}/print`);
  await expect(county.getByTestId("print-exit-sheet")).toContainText("贫困户脱贫退出核验表");
  const texts = await printToPdf(county, "exit-sheet-print");
  expect(texts.length).toBeLessThanOrEqual(2);
  expectRunningHeader(texts, `户编号 ${sheet.household_no}`);
  expectSignaturesTogether(texts, "六、签字（手写）", [
    "户主签字（按手印）",
    "帮扶责任人",
    "村两委（盖章）",
    "驻村工作队",
    "乡镇人民政府（盖章）",
    "县扶贫办（盖章）",
  ]);
  await printScreenshots(county, "exit-sheet");

  // The sheet page itself prints without navigation, links and forms, in as few pages.
  await county.emulateMedia({ media: "screen" });
  await county.goto(`/exits/${sheet.id}`);
  await expect(county.getByRole("link", { name: "打印核验表" })).toBeVisible();
  const pageTexts = await printToPdf(county, "exit-sheet-page-print");
  await expect(county.getByRole("link", { name: "打印核验表" })).toBeHidden();
  await expect(county.getByRole("navigation", { name: "主导航" })).toBeHidden();
  expect(pageTexts.length).toBeLessThanOrEqual(2);
  expectRunningHeader(pageTexts, `户编号 ${sheet.household_no}`);
  await county.emulateMedia({ media: "print" });
  await screenshots(county, "exit-sheet-page-print");
  noConsoleErrors();
});

test("the village exit sheet prints with its signatures, 包片县级领导 included", async ({ browser }) => {
  test.setTimeout(120_000); // three users take the sheet through its chain before it is printed
  const YEAR = "2019";
  const town = await as(browser, "town");
  const noConsoleErrors = failOnConsoleErrors(town);
  // 岩脚村 of 石桥镇 (the demo leader's 包片 township): a large rural population keeps the incidence below 2%.
  await town.goto(`/village-exits?year=${YEAR}`);
  const row = town.getByTestId("village-522698100205");
  await row.getByRole("textbox").fill("90000");
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row).toContainText("（达标）");
  await row.getByRole("link", { name: "新建核验表" }).click();
  await town.locator('[name="collectiveIncome"]').fill("150000");
  for (const label of ["通硬化路", "通动力电", "安全饮水", '村卫生室"四室分离"', "有合格村医", "有文化活动场所", "通宽带"])
    await town.getByRole("checkbox", { name: label, exact: true }).check();
  await town.getByRole("button", { name: "保存并建立核验表" }).click();
  await expect(town.getByText("核验表已建立")).toBeVisible();
  const sheetUrl = town.url().replace(/\?.*$/, "");
  const upload = town.getByRole("form", { name: "上传村级佐证材料" });
  await upload.locator('[name="condition"]').selectOption({ label: "通硬化路" });
  await upload.locator('input[type="file"]').setInputFiles({ name: "通组硬化路.png", mimeType: "image/png", buffer: PNG });
  await upload.getByRole("button", { name: "上传", exact: true }).click();
  await expect(town.getByTestId("village-evidence")).toContainText("【通硬化路】通组硬化路.png");
  await town.getByRole("button", { name: "乡镇提出出列" }).click();
  await expect(town.getByTestId("step-TOWNSHIP_PROPOSE")).toContainText("已完成");
  await town.locator('[name="postedOn"]').fill(await town.locator('[name="endedOn"]').inputValue());
  await town.getByRole("button", { name: "登记乡镇内公示" }).click();
  await expect(town.getByTestId("step-TOWNSHIP_NOTICE")).toContainText("已完成");

  // The sheet page prints without its forms: the township still has the conditions and evidence forms on screen.
  await expect(town.getByRole("button", { name: "保存村级条件" })).toBeVisible();
  await town.emulateMedia({ media: "print" });
  await expect(town.locator("main").locator("button:visible, input:visible, select:visible, textarea:visible")).toHaveCount(0);
  await town.emulateMedia({ media: "screen" });

  const county = await as(browser, "county");
  await county.goto(sheetUrl);
  await county.getByRole("button", { name: "县扶贫办审定" }).click();
  await expect(county.getByTestId("step-COUNTY_APPROVAL")).toContainText("已完成");
  const leader = await as(browser, "leader");
  await leader.goto(sheetUrl);
  await leader.locator('[name="opinion"]').fill("同意出列");
  await leader.getByRole("button", { name: "包片县级领导签字" }).click();
  await expect(leader.getByTestId("step-LEADER_SIGN")).toContainText("已完成");
  const leaderName = (await query<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'leader'`))[0].display_name;

  await county.goto(sheetUrl);
  await county.getByRole("link", { name: "打印核验表" }).click();
  const sheet = county.getByTestId("print-village-sheet");
  await expect(sheet).toContainText("贫困村退出核验表");
  const signatures = county.getByTestId("print-village-signatures");
  await expect(signatures).toContainText(leaderName);
  await expect(signatures).toContainText("同意出列");
  await expect(signatures).toContainText("县扶贫办");
  await expect(county.getByTestId("village-handwritten")).toContainText("包片县级领导");
  await expect(sheet).toContainText("【通硬化路】通组硬化路.png");
  const texts = await printToPdf(county, "village-exit-sheet-print");
  expectRunningHeader(texts, "贫困村退出核验表 · 石桥镇岩脚村");
  expectSignaturesTogether(texts, "五、签字（手写）", ["村两委（盖章）", "乡镇人民政府（盖章）", "县扶贫办（盖章）", "包片县级领导"]);
  await printScreenshots(county, "village-exit-sheet");
  noConsoleErrors();
});
