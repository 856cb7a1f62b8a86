import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { makeIdNumber } from "../../lib/members/id-number";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

/** The assessment year: a year whose national poverty line (4000 元) the demo county has configured. */
const YEAR = "2020";
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000500020106a1a5a40000000049454e44ae426082",
  "hex",
);

function idFor(birthDate: string) {
  return makeIdNumber("522698", birthDate, Math.floor(Math.random() * 450) * 2 + 1);
}

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, username);
  page.on("dialog", (dialog) => dialog.accept());
  return page;
}

/** The village cadre files a household through the UI, with 20,000 元 of 2020 income for its one member. */
async function fileHousehold(page: Page, headName: string, housingGrade = "B级（基本安全）"): Promise<string> {
  await page.goto("/households/new");
  await page.locator('[name="household.address"]').fill(`石桥镇杨柳村2组${headName}`);
  await page.locator('[name="household.attribute"]').selectOption({ label: "一般贫困户" });
  await page.locator('[name="household.identificationYear"]').fill("2015");
  await page.locator('[name="household.helperId"]').selectOption({ label: "赵红梅（石桥镇杨柳村）" });
  await page.locator('[name="household.primaryCause"]').selectOption({ label: "缺资金" });
  await page.locator('[name="household.housingGrade"]').selectOption({ label: housingGrade });
  await page.locator('[name="head.name"]').fill(headName);
  await page.locator('[name="head.idNumber"]').fill(idFor("1972-04-09"));
  await page.locator('[name="head.educationLevel"]').selectOption({ label: "初中" });
  await page.locator('[name="head.labourSkill"]').selectOption({ label: "普通劳动力" });
  await page.getByRole("button", { name: "建档" }).click();
  await expect(page.getByText("户档已建立")).toBeVisible();
  const householdId = page.url().match(/households\/([0-9a-f-]{36})/)![1];
  await page.locator("#field-income-year").fill(YEAR);
  await page.locator('[name="wageFen"]').fill("20000");
  await page.getByRole("button", { name: `登记 ${YEAR} 年收入` }).click();
  await expect(page.getByTestId("form-success")).toHaveText("收入已保存");
  return householdId;
}

async function stepState(page: Page, step: string) {
  return page.getByTestId(`step-${step}`);
}

test("the household chain in the UI: helper proposes → village 民主评议 → team 核实 → signed form uploaded → 公示 started", async ({ browser }) => {
  const suffix = String(Date.now()).slice(-5);
  const village = await as(browser, "village");
  const noConsoleErrors = failOnConsoleErrors(village);
  const householdId = await fileHousehold(village, `退出${suffix}`);

  // 帮扶责任人: 入户核验 shows every criterion with its data, then proposes.
  const helper = await as(browser, "helper");
  await helper.goto(`/households/${householdId}/exit?year=${YEAR}`);
  await expect(helper.getByTestId("criteria").getByText("✓ 达标")).toHaveCount(6);
  await expect(helper.getByTestId("criterion-INCOME")).toContainText("人均纯收入20,000.00 元，高于2020年度贫困线4,000.00 元");
  await expect(helper.getByTestId("income-calculation")).toContainText("÷ 在户人口 1");
  await screenshots(helper, "exit-preview");
  await helper.locator('[name="opinion"]').fill("经入户核验，两不愁三保障均已达标");
  await helper.getByRole("button", { name: "提出脱贫退出" }).click();
  await expect(helper.getByText("已提出脱贫退出")).toBeVisible();
  const sheetUrl = helper.url().replace(/\?.*$/, "");
  await expect(await stepState(helper, "PROPOSE")).toContainText("已完成");
  await expect(await stepState(helper, "DEMOCRATIC_REVIEW")).toContainText("待办理");

  // 村两委民主评议: from the work queue, with date, number present and result.
  await village.goto("/exits");
  const queued = village.getByTestId("queue-pending").locator("li", { hasText: `退出${suffix}` });
  await expect(queued).toContainText("村两委民主评议");
  await expect(queued).toContainText("今天");
  await screenshots(village, "exit-queue");
  await queued.getByRole("link", { name: "签署" }).click();
  await village.locator('[name="reviewPresent"]').fill("26");
  await village.locator('[name="reviewResult"]').fill("同意退出（26票赞成）");
  await village.getByRole("button", { name: "签署：村两委民主评议" }).click();
  await expect(await stepState(village, "DEMOCRATIC_REVIEW")).toContainText("已完成");
  await expect(village.getByText("您不是当前环节的办理人")).toBeVisible();

  // 驻村工作队核实.
  const team = await as(browser, "team");
  await team.goto(sheetUrl);
  await team.locator('[name="opinion"]').fill("入户核实，情况属实");
  await team.getByRole("button", { name: "签署：驻村工作队核实" }).click();
  await expect(await stepState(team, "WORK_TEAM_VERIFY")).toContainText("已完成");

  // 贫困户认可: refused without the scan, then the scan of the signed paper form is uploaded.
  await village.goto(sheetUrl);
  await village.getByRole("button", { name: "登记贫困户认可" }).click();
  await expect(village.getByTestId("form-error")).toHaveText("请先上传贫困户签字的认可书扫描件");
  await village
    .getByRole("form", { name: "上传认可书扫描件" })
    .locator('input[type="file"]')
    .setInputFiles({ name: "认可书.png", mimeType: "image/png", buffer: PNG });
  await village.getByRole("form", { name: "上传认可书扫描件" }).getByRole("button", { name: "上传", exact: true }).click();
  await expect(village.getByRole("link", { name: "【签字表格】认可书.png" }).first()).toBeVisible();
  await village.getByRole("button", { name: "登记贫困户认可" }).click();
  await expect(await stepState(village, "HOUSEHOLD_CONSENT")).toContainText("已完成");

  // 村内公示 with a photo of the posted notice.
  await village
    .getByRole("form", { name: "上传公示照片" })
    .locator('input[type="file"]')
    .setInputFiles({ name: "公示栏.png", mimeType: "image/png", buffer: PNG });
  await village.getByRole("form", { name: "上传公示照片" }).getByRole("button", { name: "上传", exact: true }).click();
  await expect(village.getByRole("link", { name: "【公示照片】公示栏.png" }).first()).toBeVisible();
  await village.getByRole("button", { name: "发布公示" }).click();
  await expect(village.getByText(/张贴日期：\d{4}-\d{2}-\d{2}；公示中/)).toBeVisible();
  await screenshots(village, "exit-sheet-notice");

  // The township cannot close it before the configured 7 days.
  const town = await as(browser, "town");
  await town.goto(sheetUrl);
  await expect(town.getByTestId("notice-status")).toContainText("最早可于");
  await town.getByRole("button", { name: "结束公示" }).click();
  await expect(town.getByTestId("form-error")).toContainText("公示期不足7天");
  await expect(await stepState(town, "PUBLIC_NOTICE")).toContainText("待办理");
  await screenshots(town, "exit-sheet-notice-too-short");
  noConsoleErrors();
});

test("a sheet seeded ten days ago with its 公示 posted eight days ago is closed and signed by town → county: the household is 已脱贫", async ({ browser }) => {
  const suffix = String(Date.now()).slice(-5);
  const headName = `销号${suffix}`;
  const village = await as(browser, "village");
  const noConsoleErrors = failOnConsoleErrors(village);
  const householdId = await fileHousehold(village, headName);
  await village.goto(`/households/${householdId}/exit?year=${YEAR}`);
  const hash = await village.getByTestId("content-hash").getAttribute("data-hash");
  expect(hash).toMatch(/^[0-9a-f]{64}$/);

  // The backend: the sheet with 提出, 民主评议 and 核实 ten days ago.
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const sheetId = randomUUID();
  try {
    const users = Object.fromEntries(
      (
        await db.query<{ username: string; id: string; role: string }>(`SELECT username, id, role FROM app_user WHERE username = ANY($1)`, [
          ["helper", "village", "team"],
        ])
      ).rows.map((row) => [row.username, row]),
    );
    const household = (await db.query(`SELECT county_code, township_code, village_code FROM household WHERE id = $1`, [householdId])).rows[0];
    const code = Array.from({ length: 8 }, () => "23456789ABCDEFGHJKMNPQRSTUVWXYZ"[Math.floor(Math.random() * 31)]).join("");
    await db.query(
      `INSERT INTO exit_sheet (id, county_code, township_code, village_code, household_id, assessment_year, verification_code, review_date, review_present, review_result, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (now() AT TIME ZONE 'Asia/Shanghai')::date - 10, 24, '同意退出', now() - interval '10 days', now() - interval '10 days')`,
      [sheetId, household.county_code, household.township_code, household.village_code, householdId, Number(YEAR), code],
    );
    const sign = (step: string, username: string, minutes: number, opinion: string | null) =>
      db.query(
        `INSERT INTO exit_signature (id, county_code, sheet_id, round, step, user_id, role, opinion, content_hash, signed_at) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, now() - interval '10 days' + make_interval(mins => $9::int))`,
        [randomUUID(), household.county_code, sheetId, step, users[username].id, users[username].role, opinion, hash, minutes],
      );
    await sign("PROPOSE", "helper", 0, "两不愁三保障均已达标");
    await sign("DEMOCRATIC_REVIEW", "village", 30, "评议日期见表，参会 24 人，评议结果：同意退出");
    await sign("WORK_TEAM_VERIFY", "team", 60, "核实属实");

    // The scan of the signed consent form is uploaded through the UI, then consent (ten days ago) and the notice (eight days ago) are seeded.
    await village.goto(`/exits/${sheetId}`);
    await expect(await stepState(village, "WORK_TEAM_VERIFY")).toContainText("已完成");
    await village
      .getByRole("form", { name: "上传认可书扫描件" })
      .locator('input[type="file"]')
      .setInputFiles({ name: "认可书.png", mimeType: "image/png", buffer: PNG });
    await village.getByRole("form", { name: "上传认可书扫描件" }).getByRole("button", { name: "上传", exact: true }).click();
    await expect(village.getByRole("link", { name: "【签字表格】认可书.png" }).first()).toBeVisible();
    await sign("HOUSEHOLD_CONSENT", "village", 90, "户主签字按手印");
    await db.query(`UPDATE exit_sheet SET notice_posted_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 8 WHERE id = $1`, [sheetId]);
  } finally {
    await db.end();
  }

  // 乡镇: the queue shows how long it has waited; close the notice, then 乡镇审核.
  const town = await as(browser, "town");
  await town.goto("/exits");
  const queued = town.getByTestId("queue-pending").locator("li", { hasText: headName });
  await expect(queued).toContainText("村内公示");
  await expect(queued).toContainText("已等待 8 天");
  await queued.getByRole("link", { name: "结束公示" }).click();
  await town.locator('[name="opinion"]').fill("公示期满，无异议");
  await town.getByRole("button", { name: "结束公示" }).click();
  await expect(await stepState(town, "PUBLIC_NOTICE")).toContainText("已完成");
  await town.getByRole("button", { name: "签署：乡镇审核" }).click();
  await expect(await stepState(town, "TOWNSHIP_REVIEW")).toContainText("已完成");

  // 县扶贫办审定 (with confirmation): 公告退出, the household is 已脱贫.
  const county = await as(browser, "county");
  await county.goto("/exits");
  await county.getByTestId("queue-pending").locator("li", { hasText: headName }).getByRole("link", { name: "签署" }).click();
  await county.locator('[name="opinion"]').fill("同意退出");
  await county.getByRole("button", { name: "审定并公告退出" }).click();
  await expect(county.getByText("本核验表已由县扶贫办审定")).toBeVisible();
  await expect(county.getByRole("heading", { level: 1 })).toContainText("已审定");
  await screenshots(county, "exit-sheet-approved");
  await county.goto(`/households/${householdId}`);
  await expect(county.getByRole("heading", { level: 1 })).toContainText("已脱贫");
  await county.goto(`/households/${householdId}/exit`);
  await expect(county.getByTestId("household-status")).toHaveText(`已脱贫（${YEAR}年）`);

  // The printed sheet: criteria, every signature with name/role/time, blanks for handwriting, QR code.
  await county.goto(`/exits/${sheetId}/print`);
  await county.emulateMedia({ media: "print" });
  const sheet = county.getByTestId("print-exit-sheet");
  await expect(sheet).toContainText("贫困户脱贫退出核验表");
  const signatures = county.getByTestId("print-signatures");
  for (const name of ["赵红梅", "杨光明", "李思远", "王立新", "周建国"]) await expect(signatures).toContainText(name);
  await expect(signatures).toContainText("县扶贫办");
  await expect(county.getByTestId("qr-code").locator("svg")).toBeVisible();
  await expect(county.getByTestId("handwritten")).toContainText("户主签字（按手印）");
  await expect(county.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await screenshots(county, "exit-sheet-print");

  // The QR code's link says whether the paper matches the current record.
  const code = (await county.getByTestId("print-code").textContent())!.trim();
  await county.emulateMedia({ media: "screen" });
  await county.goto(`/exits/verify/${code}?h=${hash}`);
  await expect(county.getByTestId("verify-result")).toHaveText("✓ 与当前记录一致");
  await county.goto(`/exits/verify/${code}?h=${"0".repeat(64)}`);
  await expect(county.getByTestId("verify-result")).toContainText("已过期（内容已变化）");
  noConsoleErrors();
});

test("a household with a grade D house shows 住房安全 not met and cannot be proposed", async ({ browser }) => {
  const suffix = String(Date.now()).slice(-5);
  const village = await as(browser, "village");
  const householdId = await fileHousehold(village, `危房${suffix}`, "D级（整栋危房）");
  const helper = await as(browser, "helper");
  const noConsoleErrors = failOnConsoleErrors(helper);
  await helper.goto(`/households/${householdId}/exit?year=${YEAR}`);
  await expect(helper.getByTestId("criterion-HOUSING")).toContainText("✗ 未达标");
  await expect(helper.getByTestId("criterion-HOUSING")).toContainText("住房安全等级为D级（整栋危房），且没有已完成的危房改造或易地扶贫搬迁");
  await expect(helper.getByTestId("propose-blocked")).toContainText("住房安全有保障未达标");
  await expect(helper.getByRole("button", { name: "提出脱贫退出" })).toHaveCount(0);
  await screenshots(helper, "exit-preview-housing-d");
  noConsoleErrors();
});

test("a village exits (出列) only with the signature of the 包片县级领导", async ({ browser }) => {
  const town = await as(browser, "town");
  const noConsoleErrors = failOnConsoleErrors(town);
  // 水口村 of 石桥镇 (the 包片 township of the demo leader): a large rural population keeps the incidence below 2%.
  await town.goto(`/village-exits?year=${YEAR}`);
  const row = town.getByTestId("village-522698100204");
  await row.getByRole("textbox").fill("100000");
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row).toContainText("（达标）");
  await screenshots(town, "village-exits");
  await row.getByRole("link", { name: "新建核验表" }).click();
  await town.locator('[name="collectiveIncome"]').fill("120000");
  for (const label of ["通硬化路", "通动力电", "安全饮水", '村卫生室"四室分离"', "有合格村医", "有文化活动场所", "通宽带"])
    await town.getByRole("checkbox", { name: label, exact: true }).check();
  await town.getByRole("button", { name: "保存并建立核验表" }).click();
  await expect(town.getByText("核验表已建立")).toBeVisible();
  const sheetUrl = town.url().replace(/\?.*$/, "");
  await town.getByRole("form", { name: "上传村级佐证材料" }).locator('[name="condition"]').selectOption({ label: "村卫生室达标" });
  await town
    .getByRole("form", { name: "上传村级佐证材料" })
    .locator('input[type="file"]')
    .setInputFiles({ name: "村卫生室.png", mimeType: "image/png", buffer: PNG });
  await town.getByRole("form", { name: "上传村级佐证材料" }).getByRole("button", { name: "上传", exact: true }).click();
  await expect(town.getByTestId("village-evidence")).toContainText("【村卫生室达标】村卫生室.png");
  await town.getByRole("button", { name: "乡镇提出出列" }).click();
  await expect(town.getByTestId("step-TOWNSHIP_PROPOSE")).toContainText("已完成");
  await town.locator('[name="postedOn"]').fill(await town.locator('[name="endedOn"]').inputValue());
  await town.getByRole("button", { name: "登记乡镇内公示" }).click();
  await expect(town.getByTestId("step-TOWNSHIP_NOTICE")).toContainText("已完成");

  const county = await as(browser, "county");
  await county.goto(sheetUrl);
  await county.getByRole("button", { name: "县扶贫办审定" }).click();
  await expect(county.getByTestId("step-COUNTY_APPROVAL")).toContainText("已完成");
  await expect(county.getByTestId("mark-blocked")).toContainText("缺少包片县级领导签字，不能出列");
  await expect(county.getByRole("button", { name: "公告出列" })).toHaveCount(0);
  await screenshots(county, "village-exit-sheet-waiting-leader");

  const leader = await as(browser, "leader");
  await leader.goto(sheetUrl);
  await leader.locator('[name="opinion"]').fill("同意出列");
  await leader.getByRole("button", { name: "包片县级领导签字" }).click();
  await expect(leader.getByTestId("step-LEADER_SIGN")).toContainText("已完成");

  await county.reload();
  await county.getByRole("button", { name: "公告出列" }).click();
  await expect(county.getByRole("heading", { level: 1 })).toContainText("已出列");
  await screenshots(county, "village-exit-sheet-exited");
  noConsoleErrors();
});
