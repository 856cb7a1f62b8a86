import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { failOnConsoleErrors, screenshots } from "./fixtures";
import { PNG, as, backdateNotice, eliminateThroughChain, query } from "./monitoring-helpers";

// The monitoring journey from discovery to 消除, by the demo accounts: the county office screens last year's incomes
// and a 预警 appears for a first-village household; the village cadre checks it as 纳入监测; 识别纳入 runs through the
// chain; a fitting 健康帮扶 measure is added in the household's 一户一档; 风险消除 is refused five months after
// identification and accepted at seven. Waiting periods are backdated in the database, never slept; the household's
// 三保障 and later incomes are seeded in the database as the archive would hold them.

const FIRST_VILLAGE = "522698100201"; // 石桥镇杨柳村
const THIS_YEAR = new Date().getFullYear();

async function setIncome(household: { id: string; county_code: string }, year: number, wageFen: number) {
  await query(
    `INSERT INTO income_record (id, household_id, county_code, year, wage_fen) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (household_id, year) DO UPDATE SET wage_fen = $5`,
    [randomUUID(), household.id, household.county_code, year, wageFen],
  );
}

test("预警 from income screening → 纳入监测 → 识别纳入 by the demo accounts → a fitting measure → 消除 refused early, then accepted", async ({ browser }) => {
  test.setTimeout(300_000);
  // An exited first-village household with someone able to work, not monitored and without 预警, one of whose causes a
  // 健康帮扶 measure may address (the measure form checks that) and with no health or social-security measure yet (so
  // that a 因病 risk has no fitting measure until the journey adds one).
  const [household] = await query<{ id: string; household_no: string; county_code: string; cause: string }>(
    `SELECT h.id, h.household_no, h.county_code, c.cause FROM household h
     CROSS JOIN LATERAL unnest(array_prepend(h.primary_cause, h.other_causes)) AS c(cause)
     JOIN cause_category_fit f ON f.cause = c.cause AND f.category = 'HEALTH'
     WHERE h.village_code = $1 AND h.status = 'EXITED'
       AND NOT EXISTS (SELECT 1 FROM monitoring_object o WHERE o.household_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM monitoring_warning w WHERE w.household_id = h.id)
       AND NOT EXISTS (SELECT 1 FROM measure x WHERE x.household_id = h.id AND x.category IN ('HEALTH', 'SOCIAL_SECURITY') AND x.status IN ('ACTIVE', 'COMPLETED'))
       AND NOT EXISTS (SELECT 1 FROM income_record i WHERE i.household_id = h.id AND i.year = $2)
       AND EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND m.status = 'PRESENT' AND m.labour_skill IN ('GENERAL', 'SKILLED'))
     ORDER BY h.household_no DESC LIMIT 1`,
    [FIRST_VILLAGE, THIS_YEAR - 1],
  );
  expect(household, "a demo household fit for the journey").toBeTruthy();
  // The archive as it stands: 不愁吃穿, safe water and housing secured, every member insured; last year's income far below the line.
  await query(
    `UPDATE household SET food_secure = true, clothing_secure = true, drinking_water_safe = true, drinking_water_difficult = false, housing_grade = 'A'
     WHERE id = $1`,
    [household.id],
  );
  await query(`UPDATE member SET basic_medical_insurance = true, serious_illness_insurance = true WHERE household_id = $1 AND status = 'PRESENT'`, [
    household.id,
  ]);
  await setIncome(household, THIS_YEAR - 1, 200_000);

  // 1. The county office screens last year's incomes (the form proposes last year).
  const county = await as(browser, "county");
  const noConsoleErrors = failOnConsoleErrors(county);
  await county.goto("/monitoring/warnings");
  const screen = county.locator("form").filter({ has: county.getByRole("button", { name: "筛查收入预警" }) });
  await expect(screen.getByLabel("筛查年度")).toHaveValue(String(THIS_YEAR - 1));
  await screen.getByRole("button", { name: "筛查收入预警" }).click();
  await expect(screen.getByText("筛查完成")).toBeVisible();
  await screenshots(county, "monitoring-journey-screened");

  // 2. The village cadre finds the 预警 among the open ones and checks it as 纳入监测.
  const village = await as(browser, "village");
  await village.goto("/monitoring/warnings?source=ARCHIVE_INCOME");
  const item = village.getByRole("listitem").filter({ hasText: household.household_no });
  await expect(item).toContainText(`${THIS_YEAR - 1} 年人均纯收入低于监测线`);
  await expect(item).toContainText("待核实 · 已 0 天");
  await item.getByText("核实", { exact: true }).click();
  await item.getByLabel("核实结果").selectOption("MONITORED");
  await item.getByLabel("监测对象类别（纳入监测时）").selectOption({ label: "脱贫不稳定户" });
  await item.getByLabel("风险类型（纳入监测时）").selectOption({ label: "因病" });
  await screenshots(village, "monitoring-journey-check");
  await item.getByRole("button", { name: "提交核实结果" }).click();
  await expect(village.getByRole("listitem").filter({ hasText: household.household_no })).toHaveCount(0);
  await village.goto("/monitoring/warnings?status=CHECKED&source=ARCHIVE_INCOME");
  const checked = village.getByRole("listitem").filter({ hasText: household.household_no });
  await expect(checked).toContainText("纳入监测");
  await checked.getByRole("link", { name: "查看监测对象" }).click();
  await expect(village).toHaveURL(/\/monitoring\/[0-9a-f-]{36}$/);
  const objectUrl = new URL(village.url()).pathname;
  const objectId = objectUrl.split("/").at(-1)!;
  await expect(village.getByTestId("risks")).toContainText("因病");
  await expect(village.getByTestId("risks")).toContainText("系统预警");

  // 3. 识别纳入 through the chain.
  await village.getByRole("button", { name: "开始识别纳入程序" }).click();
  await expect(village.getByTestId("chain")).toContainText("入户核实");
  const team = await as(browser, "team");
  await team.goto(objectUrl);
  await team.locator('input[type="file"][name="file"]').setInputFiles({ name: "承诺授权书.png", mimeType: "image/png", buffer: PNG });
  await team.getByRole("button", { name: "上传", exact: true }).click();
  await expect(team.getByTestId("consent")).toContainText("承诺授权书.png");
  await team.getByRole("button", { name: "签署入户核实" }).click();
  await expect(team.getByTestId("step-VISIT")).toContainText("已完成");
  await county.goto(objectUrl);
  await county.getByLabel("信息比对情况").fill("医保、民政、残联比对：住院自付费用较高属实");
  await county.getByRole("button", { name: "登记信息比对" }).click();
  await expect(county.getByTestId("step-DATA_CHECK")).toContainText("已完成");
  await village.goto(objectUrl);
  await village.getByRole("button", { name: "签署村民主评议" }).click();
  await expect(village.getByTestId("step-DEMOCRATIC_REVIEW")).toContainText("已完成");
  await village.getByRole("button", { name: "发布公示" }).click();
  await expect(village.getByTestId("notice")).toContainText("张贴");
  await backdateNotice(objectId, 5);
  const town = await as(browser, "town");
  await town.goto(objectUrl);
  await town.getByRole("button", { name: "结束公示" }).click();
  await expect(town.getByTestId("step-VILLAGE_NOTICE")).toContainText("已完成");
  await town.getByRole("button", { name: "签署乡镇审核" }).click();
  await expect(town.getByTestId("step-TOWNSHIP_REVIEW")).toContainText("已完成");
  await county.reload();
  await county.getByRole("button", { name: "签署县级审批" }).click();
  await expect(county.getByTestId("step-COUNTY_APPROVAL")).toContainText("已完成");
  await county.getByLabel("公告情况").fill("已在村务公开栏公告");
  await county.getByRole("button", { name: "登记公告" }).click();
  await expect(county.getByText("监测中").first()).toBeVisible();

  // 4. The risk has no fitting measure yet; the village cadre adds a 健康帮扶 one in the 一户一档.
  await village.goto(objectUrl);
  await expect(village.getByTestId("risk-fit-ILLNESS")).toContainText("未对应措施");
  await village.getByRole("link", { name: "在一户一档中查看或登记帮扶措施" }).click();
  const form = village.locator("details", { hasText: "添加帮扶措施" });
  if (!(await form.evaluate((element) => (element as HTMLDetailsElement).open))) await form.locator("summary").click();
  await form.getByLabel("措施类别").selectOption({ label: "健康帮扶" });
  await form.locator('[name="itemId"]').selectOption({ index: 1 });
  await form.locator(`input[name="addressedCauses"][value="${household.cause}"]`).check();
  await form.locator('[name="startDate"]').fill(`${THIS_YEAR}-01-15`);
  await form.locator('[name="fundingSource"]').selectOption({ label: "县级财政" });
  await form.locator('[name="responsibleUnit"]').fill("县卫健局");
  await form.getByRole("button", { name: "添加措施" }).click();
  await expect(village.getByRole("list", { name: "帮扶措施" })).toContainText("健康帮扶");
  await village.goto(objectUrl);
  await expect(village.getByTestId("risk-fit-ILLNESS")).toContainText("已有对应措施");
  await screenshots(village, "monitoring-journey-measure");

  // 5. 风险消除 five months after identification: refused with the reason, nothing signed.
  await query(`UPDATE monitoring_object SET identified_on = CURRENT_DATE - INTERVAL '5 months' WHERE id = $1`, [objectId]);
  await village.getByRole("button", { name: "开始风险消除程序" }).click();
  await expect(village.getByTestId("chain")).toContainText("县级审核批准");
  await team.goto(objectUrl);
  await team.getByRole("button", { name: "签署入户核实" }).click();
  await expect(team.getByTestId("form-error")).toContainText("未满 6 个月");
  await screenshots(team, "monitoring-journey-refused");
  const [{ count: signedEarly }] = await query<{ count: string }>(
    `SELECT count(*) FROM monitoring_signature s JOIN monitoring_sheet m ON m.id = s.sheet_id WHERE m.object_id = $1 AND m.kind = 'ELIMINATE'`,
    [objectId],
  );
  expect(signedEarly).toBe("0");

  // 6. Seven months after, recovered and back at work: incomes above the line in both years; the risk resolved; the chain to its 公告.
  await query(`UPDATE monitoring_object SET identified_on = CURRENT_DATE - INTERVAL '7 months' WHERE id = $1`, [objectId]);
  await setIncome(household, THIS_YEAR - 1, 10_000_000);
  await setIncome(household, THIS_YEAR, 10_000_000);
  await eliminateThroughChain({ village, team, town, county }, objectId);
  await screenshots(county, "monitoring-journey-eliminated");

  // 7. The dashboard counts it among this year's 消除, and the figure opens the list that shows it.
  const leader = await as(browser, "leader");
  await leader.goto("/dashboard");
  const section = leader.getByTestId("section-monitoring");
  await expect(section).toBeVisible();
  await screenshots(leader, "monitoring-journey-dashboard");
  await section.getByRole("link", { name: new RegExp(`^${THIS_YEAR}年消除：\\d+户，查看清单$`) }).click();
  await expect(leader.getByTestId("figure-filter")).toContainText(`${THIS_YEAR} 年风险已消除的监测对象`);
  const total = Number(await leader.getByTestId("figure-filter-total").textContent());
  expect(total).toBeGreaterThanOrEqual(1);
  await expect(leader.getByRole("table", { name: "监测对象列表" })).toContainText(household.household_no);
  noConsoleErrors();
});
