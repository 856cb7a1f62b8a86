import { expect, test, type Page } from "@playwright/test";
import { computeCheckCharacter, makeIdNumber } from "../../lib/members/id-number";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// A village cadre on a phone: 390 × 844, touch, mobile viewport.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

function idFor(birthDate: string, female = false) {
  const base = Math.floor(Math.random() * 450) * 2 + 1;
  return makeIdNumber("522698", birthDate, female ? base + 1 : base);
}

function withWrongCheckDigit(id: string) {
  const right = computeCheckCharacter(id.slice(0, 17));
  return id.slice(0, 17) + (right === "1" ? "2" : "1");
}

const section = (page: Page, title: string) => page.locator(`details[data-section="${title}"]`);
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");

/** Every id on the page is unique (several forms on one page used to repeat field-<name>). */
async function expectUniqueIds(page: Page) {
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const element of document.querySelectorAll("[id]")) seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(duplicates, "duplicate ids").toEqual([]);
}

test("a household of four filed on a phone: sectioned form, an error summary that takes the focus, nothing typed is lost", async ({ page }) => {
  test.setTimeout(180_000); // one long journey: a household, four members and a year's income, with a refusal at each form
  const noConsoleErrors = failOnConsoleErrors(page);
  const suffix = String(Date.now()).slice(-5);
  const headName = `吴德${suffix}`;
  const headId = idFor("1969-02-11");

  await signIn(page, "village");
  await page.goto("/households/new");

  // The fields to fill in first; the groups with presets are folded.
  await expect(page.locator("fieldset[data-section='基本信息']")).toBeVisible();
  for (const folded of ["户主其他信息", "其他致贫原因", "生产生活条件"]) await expect(section(page, folded)).not.toHaveAttribute("open");
  await expect(page.locator('[name="household.farmlandMu"]')).toBeHidden();
  // The right phone keyboards.
  await expect(page.locator('[name="household.phone"]')).toHaveAttribute("type", "tel");
  await expect(page.locator('[name="household.identificationYear"]')).toHaveAttribute("inputmode", "numeric");
  await expect(page.locator('[name="household.farmlandMu"]')).toHaveAttribute("inputmode", "decimal");
  await expect(page.locator('[name="head.idNumber"]')).toHaveAttribute("pattern", "[0-9]{17}[0-9Xx]");
  // Tap targets of at least 44 px.
  for (const locator of [
    page.locator('[name="household.address"]'),
    page.getByRole("button", { name: "建档" }),
    section(page, "生产生活条件").locator("summary"),
  ]) {
    expect((await locator.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }
  await screenshots(page, "phone-forms-1-new");

  // Fill everything but: no 住址, a wrong check digit, a farmland area that is not a number (in a folded group).
  await page.locator('[name="household.villageGroup"]').fill("4组");
  await page.locator('[name="household.phone"]').fill("13800001234");
  await page.locator('[name="household.attribute"]').selectOption({ label: "一般贫困户" });
  await page.locator('[name="household.identificationYear"]').fill("2016");
  await page.locator('[name="household.helperId"]').selectOption({ label: "赵红梅（石桥镇杨柳村）" });
  await page.locator('[name="household.primaryCause"]').selectOption({ label: "因病" });
  await page.locator('[name="head.name"]').fill(headName);
  await page.locator('[name="head.idNumber"]').fill(withWrongCheckDigit(headId));
  await page.locator('[name="head.educationLevel"]').selectOption({ label: "初中" });
  await page.locator('[name="head.labourSkill"]').selectOption({ label: "普通劳动力" });
  await page.locator('[name="household.housingGrade"]').selectOption({ label: "B级（基本安全）" });
  await section(page, "其他致贫原因").locator("summary").tap();
  await page.getByRole("checkbox", { name: "缺技术" }).check();
  await section(page, "生产生活条件").locator("summary").tap();
  await page.locator('[name="household.farmlandMu"]').fill("三亩");
  await page.locator('[name="household.roadType"]').selectOption({ label: "泥土路" });
  await page.getByRole("checkbox", { name: "通广播电视" }).uncheck();
  await section(page, "生产生活条件").locator("summary").tap(); // folded again before sending
  await expect(section(page, "生产生活条件")).not.toHaveAttribute("open");
  await page.getByRole("button", { name: "建档" }).tap();

  // The summary lists the three, in the order of the form, and has the focus.
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary.getByRole("heading")).toHaveText("提交未成功，请修改以下 3 处：");
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(3);
  await expect(links.nth(0)).toHaveAttribute("href", "#field-household.address");
  await expect(links.nth(0)).toContainText("住址：");
  await expect(links.nth(1)).toHaveAttribute("href", "#field-head.idNumber");
  await expect(links.nth(1)).toContainText("身份证号码：第18位校验码不正确");
  await expect(links.nth(2)).toHaveAttribute("href", "#field-household.farmlandMu");
  await expect(links.nth(2)).toContainText("耕地面积（亩）：");
  expect(await activeTestId(page)).toBe("error-summary");
  await expect(summary).toBeInViewport();
  // The folded group holding an error is open; each refused field says so and points to its message.
  await expect(section(page, "生产生活条件")).toHaveAttribute("open");
  for (const name of ["household.address", "head.idNumber", "household.farmlandMu"]) {
    const field = page.locator(`[name="${name}"]`);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAttribute("aria-describedby", new RegExp(`field-${name.replace(".", "\\.")}-error`));
  }
  await expect(page.locator('[name="household.phone"]')).toHaveAttribute("aria-invalid", "false");
  // Nothing typed was lost: text, selects, checkboxes.
  await expect(page.locator('[name="head.name"]')).toHaveValue(headName);
  await expect(page.locator('[name="household.phone"]')).toHaveValue("13800001234");
  await expect(page.locator('[name="household.helperId"]')).not.toHaveValue("");
  await expect(page.locator('[name="household.attribute"]')).toHaveValue("GENERAL");
  await expect(page.locator('[name="household.roadType"]')).not.toHaveValue("HARDENED");
  await expect(page.locator('[name="household.housingGrade"]')).toHaveValue("B");
  await expect(page.locator('[name="household.farmlandMu"]')).toHaveValue("三亩");
  await expect(page.getByRole("checkbox", { name: "缺技术" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "通广播电视" })).not.toBeChecked();
  await screenshots(page, "phone-forms-2-error-summary");

  // Each link takes the focus to its field.
  for (const [index, id] of ["field-household.address", "field-head.idNumber", "field-household.farmlandMu"].entries()) {
    await links.nth(index).tap();
    expect(await activeId(page)).toBe(id);
    await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
  }
  await screenshots(page, "phone-forms-3-focused-field");

  // Corrected, it is filed.
  await page.locator('[name="household.address"]').fill(`石桥镇杨柳村4组${suffix}号`);
  await page.locator('[name="head.idNumber"]').fill(headId);
  await page.locator('[name="household.farmlandMu"]').fill("3.5");
  await page.getByRole("button", { name: "建档" }).tap();
  await expect(page.getByText("户档已建立")).toBeVisible();
  const householdUrl = page.url().replace(/\?.*$/, "");
  await expectUniqueIds(page);

  // Three more members through the member form; the first try of the first one is refused, keeping a date and a folded select.
  const members = [
    { name: `杨兰${suffix}`, id: idFor("1971-06-30", true), relation: "配偶", education: "小学", labour: "普通劳动力" },
    { name: `吴明${suffix}`, id: idFor("2012-09-01"), relation: "之子", education: "小学", labour: "无劳动力", school: "小学" },
    { name: `吴芳${suffix}`, id: idFor("2016-03-12", true), relation: "之女", education: "学龄前儿童", labour: "无劳动力" },
  ];
  for (const [index, member] of members.entries()) {
    await page.goto(`${householdUrl}/members/new`);
    await expect(section(page, "民族、就学与健康")).not.toHaveAttribute("open");
    await page.locator('[name="name"]').fill(member.name);
    await page.locator('[name="educationLevel"]').selectOption({ label: member.education });
    await page.locator('[name="labourSkill"]').selectOption({ label: member.labour });
    if (member.school) {
      await section(page, "民族、就学与健康").locator("summary").tap();
      await page.locator('[name="schoolStatus"]').selectOption({ label: member.school });
    }
    if (index === 0) {
      await page.locator('[name="joinedOn"]').fill("2016-05-01");
      await expect(page.locator('[name="joinedOn"]')).toHaveAttribute("lang", "zh-CN");
      await section(page, "务工与社会保障").locator("summary").tap();
      await page.locator('[name="workMonths"]').fill("8");
      await expect(page.locator('[name="workMonths"]')).toHaveAttribute("inputmode", "numeric");
      await page.getByRole("checkbox", { name: "享受低保" }).check();
      // No relation and no ID number: two errors.
      await page.getByRole("button", { name: "添加成员" }).tap();
      await expect(page.getByTestId("error-summary").getByRole("link")).toHaveCount(2);
      expect(await activeTestId(page)).toBe("error-summary");
      await expect(page.locator('[name="joinedOn"]')).toHaveValue("2016-05-01");
      await expect(page.locator('[name="workMonths"]')).toHaveValue("8");
      await expect(page.getByRole("checkbox", { name: "享受低保" })).toBeChecked();
      await expect(page.locator('[name="educationLevel"]')).not.toHaveValue("");
      await screenshots(page, "phone-forms-4-member-errors");
      await page.getByTestId("error-summary").getByRole("link").nth(1).tap();
      expect(await activeId(page)).toBe("field-relation");
    }
    await page.locator('[name="idNumber"]').fill(member.id);
    await page.locator('[name="relation"]').selectOption({ label: member.relation });
    await page.getByRole("button", { name: "添加成员" }).tap();
    await expect(page.getByText("成员信息已保存")).toBeVisible();
  }
  await page.goto(householdUrl);
  const table = page.getByRole("table", { name: "家庭成员" });
  await expect(table.getByRole("row")).toHaveCount(5); // the header and four members
  await expect(page.getByText("在户 4 人")).toBeVisible();
  await screenshots(page, "phone-forms-5-four-members");

  // Income: the confirmation is shown where the user is, and goes at the next edit.
  await page.goto(`${householdUrl}?saved=household`);
  await expect(page.getByTestId("saved-banner")).toBeVisible();
  await page.locator("#field-income-year").fill("2025");
  await expect(page.getByTestId("saved-banner")).toHaveCount(0);
  await page.locator('[name="wageFen"]').fill("一万二");
  await page.getByRole("button", { name: "登记 2025 年收入" }).tap();
  await expect(page.getByTestId("error-summary").getByRole("link")).toHaveCount(1);
  expect(await activeTestId(page)).toBe("error-summary");
  await page.locator('[name="wageFen"]').fill("12000");
  await section(page, "财产性与转移性收入").locator("summary").tap();
  await page.locator('[name="pensionFen"]').fill("1800");
  await page.getByRole("button", { name: "登记 2025 年收入" }).tap();
  await expect(page.getByTestId("form-success")).toHaveText("收入已保存");
  await expect(page.getByTestId("form-success")).toBeInViewport();
  await expect(page.getByTestId("error-summary")).toBeHidden();
  await screenshots(page, "phone-forms-6-income-saved");
  // The full-page phone shot of the archive is too tall to read: the income form alone, as the user sees it after saving.
  await page.getByRole("form", { name: "年度收入" }).screenshot({ path: "test-results/screenshots/phone-forms-6-income-form-phone.png" });
  await page.locator('[name="wageFen"]').fill("12500");
  await expect(page.getByTestId("form-success")).toHaveCount(0);
  await expectUniqueIds(page);
  noConsoleErrors();
});

test("wording that misled: the 入户核验 year, a bad 核验码, the visit limit", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page, [/404/]);
  await signIn(page, "village");
  await page.goto("/households");
  await page.getByRole("table", { name: "户档列表" }).getByRole("link").first().click();
  await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}/exit`);

  // It opens on a year that has a poverty line, so income is really judged.
  const year = page.getByRole("form", { name: "选择评估年度" }).locator('select[name="year"]');
  const selected = await year.evaluate((select: HTMLSelectElement) => select.selectedOptions[0].textContent ?? "");
  expect(selected).not.toContain("未设贫困线");
  await expect(page.getByTestId("no-poverty-line")).toHaveCount(0);
  await screenshots(page, "phone-forms-7-exit-default-year");
  // A year without a line says so plainly, with the way to one that has.
  const without = year.locator("option", { hasText: "未设贫困线" });
  if ((await without.count()) > 0) {
    await year.selectOption((await without.first().getAttribute("value"))!);
    await page.getByRole("button", { name: "核验" }).tap();
    await expect(page.getByTestId("no-poverty-line")).toContainText("尚未设置贫困线，无法判断收入是否达标");
    await screenshots(page, "phone-forms-8-exit-year-without-line");
  }

  // A 核验码 that matches nothing: "核验码无效", not "页面不存在".
  // (The page streams behind the exits loading state, so the answer is the not-found view, not a 404 status.)
  await page.goto("/exits/verify/ZZZZ00000000");
  await expect(page.getByTestId("verify-invalid")).toContainText("核验码无效");
  await expect(page.getByText("页面不存在")).toHaveCount(0);
  await screenshots(page, "phone-forms-9-invalid-code");

  // 走访提醒 promises only what the reader can do.
  await page.goto("/visits/overdue");
  await expect(page.getByText("天数由县扶贫办在系统设置中确定")).toBeVisible();
  noConsoleErrors();
});
