import { expect, test, type Page } from "@playwright/test";
import { computeCheckCharacter, makeIdNumber } from "../../lib/members/id-number";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

/** Valid, run-unique ID numbers (the sequence digits vary per run). */
function idFor(birthDate: string, gender: "MALE" | "FEMALE") {
  const base = Math.floor(Math.random() * 450) * 2 + 1;
  return makeIdNumber("522698", birthDate, gender === "MALE" ? base : base + 1);
}

function withWrongCheckDigit(id: string) {
  const right = computeCheckCharacter(id.slice(0, 17));
  const wrong = right === "1" ? "2" : "1";
  return id.slice(0, 17) + wrong;
}

async function fillMember(
  page: Page,
  prefix: string,
  member: { name: string; idNumber: string; relation?: string; education: string; school?: string; labour: string },
) {
  await page.locator(`[name="${prefix}name"]`).fill(member.name);
  await page.locator(`[name="${prefix}idNumber"]`).fill(member.idNumber);
  if (member.relation) await page.locator(`[name="${prefix}relation"]`).selectOption({ label: member.relation });
  await page.locator(`[name="${prefix}educationLevel"]`).selectOption({ label: member.education });
  if (member.school) {
    await page.locator("summary", { hasText: "民族、就学与健康" }).click(); // an optional group, folded until opened
    await page.locator(`[name="${prefix}schoolStatus"]`).selectOption({ label: member.school });
  }
  await page.locator(`[name="${prefix}labourSkill"]`).selectOption({ label: member.labour });
}

test("a village cadre keeps a household's archive: create, members, search, conflict, print", async ({ page, browser }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  const suffix = String(Date.now()).slice(-5);
  const headName = `龙建${suffix}`;
  const headId = idFor("1968-03-15", "MALE");
  const spouseId = idFor("1970-08-02", "FEMALE");
  const childId = idFor("2013-09-20", "MALE");

  await signIn(page, "village");
  await page.goto("/households/new");
  await page.locator('[name="household.address"]').fill(`石桥镇杨柳村3组${suffix}号`);
  await page.locator('[name="household.villageGroup"]').fill("3组");
  await page.locator('[name="household.attribute"]').selectOption({ label: "一般贫困户" });
  await page.locator('[name="household.identificationYear"]').fill("2015");
  await page.locator('[name="household.helperId"]').selectOption({ label: "赵红梅（石桥镇杨柳村）" });
  await page.locator('[name="household.primaryCause"]').selectOption({ label: "因病" });
  await page.locator("summary", { hasText: "其他致贫原因" }).click(); // an optional group, folded until opened
  await page.getByRole("checkbox", { name: "缺技术" }).check();
  await page.locator('[name="household.housingGrade"]').selectOption({ label: "B级（基本安全）" });
  await fillMember(page, "head.", { name: headName, idNumber: headId.toLowerCase(), education: "初中", labour: "普通劳动力" });
  await screenshots(page, "household-new");
  await page.getByRole("button", { name: "建档" }).click();
  await expect(page.getByText("户档已建立")).toBeVisible();
  const householdUrl = page.url().replace(/\?.*$/, "");

  // The spouse, first with a wrong check digit: refused with the exact reason.
  await page.getByRole("link", { name: "添加成员" }).click();
  await fillMember(page, "", { name: "杨秀英", idNumber: withWrongCheckDigit(spouseId), relation: "配偶", education: "小学", labour: "普通劳动力" });
  await page.getByRole("button", { name: "添加成员" }).click();
  await expect(page.locator("#field-idNumber-error")).toHaveText("第18位校验码不正确，请逐位核对号码");
  await screenshots(page, "member-wrong-check-digit");
  await page.locator('[name="idNumber"]').fill(spouseId);
  await page.getByRole("button", { name: "添加成员" }).click();
  await expect(page.getByText("成员信息已保存")).toBeVisible();

  await page.getByRole("link", { name: "添加成员" }).click();
  await fillMember(page, "", { name: `龙小${suffix}`, idNumber: childId, relation: "之子", education: "小学", school: "小学", labour: "无劳动力" });
  await page.getByRole("button", { name: "添加成员" }).click();
  await expect(page.getByText("成员信息已保存")).toBeVisible();
  const members = page.getByRole("table", { name: "家庭成员" });
  await expect(members.getByRole("row")).toHaveCount(4);
  await expect(members).toContainText("杨秀英");
  await expect(members).toContainText(`${headId.slice(0, 4)}**********${headId.slice(-4)}`);
  await expect(page.getByTestId("history")).toContainText("新增成员");
  await screenshots(page, "household-archive");

  // Search finds it by name and by the last 4 digits of an ID.
  await page.goto(`/households?q=${encodeURIComponent(headName)}`);
  await expect(page.getByRole("table", { name: "户档列表" }).getByRole("link", { name: headName })).toBeVisible();
  await page.goto(`/households?q=${spouseId.slice(-6)}`);
  await expect(page.getByRole("table", { name: "户档列表" }).getByRole("link", { name: headName })).toBeVisible();
  await screenshots(page, "household-list");

  // Two tabs edit the same household: the second save is refused, not overwritten.
  const second = await browser.newPage();
  await signIn(second, "village");
  await page.goto(`${householdUrl}/edit`);
  await second.goto(`${householdUrl}/edit`);
  await page.locator('[name="household.phone"]').fill("13800000001");
  await page.getByRole("button", { name: "保存修改" }).click();
  await expect(page.getByText("户信息已保存")).toBeVisible();
  await second.locator('[name="household.phone"]').fill("13900000002");
  await second.getByRole("button", { name: "保存修改" }).click();
  await expect(second.getByTestId("form-error")).toHaveText("该记录已被他人修改，请刷新后重试");
  await second.close();
  await expect(page.getByText("13800000001", { exact: true })).toBeVisible();
  await expect(page.getByTestId("history")).toContainText("联系电话：（空） → 13800000001");

  // The printed archive (A4 print CSS).
  await page.goto(`${householdUrl}/print`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("print-archive")).toContainText("建档立卡贫困户一户一档");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  await screenshots(page, "household-print");
  noConsoleErrors();
});

test("a second-township user gets the same not-found page for a first-township household as for a missing one", async ({ page }) => {
  await signIn(page, "village");
  await page.goto("/households");
  const first = page.getByRole("table", { name: "户档列表" }).getByRole("link").first();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/households\/[0-9a-f-]{36}$/);
  const headName = await page.getByRole("table", { name: "户档列表" }).getByRole("row").nth(1).getByRole("cell").nth(1).textContent();
  await page.context().clearCookies();
  await signIn(page, "town2");
  await page.goto(href!);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByText(headName!.trim())).toHaveCount(0);
  await page.goto("/households/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});
