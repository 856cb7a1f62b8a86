import { expect, test, type Page } from "@playwright/test";
import { makeIdNumber } from "../../lib/members/id-number";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

async function createHouseholdForHelper(page: Page, headName: string) {
  await signIn(page, "village");
  await page.goto("/households/new");
  await page.locator('[name="household.address"]').fill("石桥镇杨柳村5组8号");
  await page.locator('[name="household.attribute"]').selectOption({ label: "一般贫困户" });
  await page.locator('[name="household.identificationYear"]').fill("2016");
  await page.locator('[name="household.helperId"]').selectOption({ label: "赵红梅（石桥镇杨柳村）" });
  await page.locator('[name="household.primaryCause"]').selectOption({ label: "因病" });
  await page.locator("summary", { hasText: "其他致贫原因" }).click(); // an optional group, folded until opened
  await page.getByRole("checkbox", { name: "缺技术" }).check();
  await page.locator('[name="household.housingGrade"]').selectOption({ label: "A级（安全）" });
  await page.locator('[name="head.name"]').fill(headName);
  await page.locator('[name="head.idNumber"]').fill(makeIdNumber("522698", "1975-06-18", Math.floor(Math.random() * 400) * 2 + 1));
  await page.locator('[name="head.educationLevel"]').selectOption({ label: "小学" });
  await page.locator('[name="head.labourSkill"]').selectOption({ label: "普通劳动力" });
  await page.getByRole("button", { name: "建档" }).click();
  await expect(page.getByText("户档已建立")).toBeVisible();
  return page.url().replace(/\?.*$/, "");
}

async function addMeasure(page: Page, category: string, item: string, cause: string) {
  const form = page.locator("details", { hasText: "添加帮扶措施" });
  if (!(await form.evaluate((element) => (element as HTMLDetailsElement).open))) await form.locator("summary").click();
  await form.getByLabel("措施类别").selectOption({ label: category });
  await form.locator('[name="itemId"]').selectOption({ label: item });
  await form.getByRole("checkbox", { name: cause }).check();
  await form.locator('[name="startDate"]').fill("2020-03-01");
  await form.locator('[name="amountFen"]').fill("1200.50");
  await form.locator('[name="fundingSource"]').selectOption({ label: "县级财政" });
  await form.locator('[name="responsibleUnit"]').fill("县卫健局");
  await form.getByRole("button", { name: "添加措施" }).click();
  await expect(page.getByRole("list", { name: "帮扶措施" }).getByText(`${category} · ${item}`)).toBeVisible();
}

test("a helper covers both causes, terminates one measure, and the township sees the household as 施策不精准; a visit with a photo", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  const headName = `施策${String(Date.now()).slice(-5)}`;
  const householdUrl = await createHouseholdForHelper(page, headName);
  const householdNo = (await page.locator("p", { hasText: "户编号" }).first().textContent())?.match(/\d{16}/)?.[0];
  expect(householdNo).toBeTruthy();

  await page.context().clearCookies();
  await signIn(page, "helper");
  await page.goto(householdUrl);
  await expect(page.getByTestId("coverage-ILLNESS")).toContainText("未覆盖");
  await addMeasure(page, "健康帮扶", "家庭医生签约", "因病");
  await addMeasure(page, "就业帮扶", "技能培训", "缺技术");
  await expect(page.getByTestId("coverage-ILLNESS")).toContainText("已覆盖：家庭医生签约（实施中）");
  await expect(page.getByTestId("coverage-LACK_SKILLS")).toContainText("已覆盖：技能培训（实施中）");
  await screenshots(page, "measures-covered");

  const training = page.getByTestId("measure").filter({ hasText: "技能培训" });
  await training.getByLabel("技能培训的新状态").selectOption({ label: "改为已终止" });
  page.once("dialog", (dialog) => dialog.accept());
  await training.getByRole("button", { name: "确定" }).click();
  await expect(page.getByTestId("coverage-LACK_SKILLS")).toContainText("未覆盖");
  await expect(page.getByTestId("coverage-ILLNESS")).toContainText("已覆盖");

  const visitForm = page.locator("details", { hasText: "记录一次走访" });
  await visitForm.locator("summary").click();
  await visitForm.locator('[name="findings"]').fill("患者按时服药，家庭医生每月随访");
  await visitForm.locator('[name="actions"]').fill("联系技能培训班");
  await visitForm.getByLabel("走访照片").setInputFiles({ name: "走访.png", mimeType: "image/png", buffer: PNG });
  await visitForm.getByRole("button", { name: "保存走访记录" }).click();
  await expect(page.getByRole("list", { name: "走访记录" })).toContainText("患者按时服药");
  await expect(page.getByRole("link", { name: "照片：走访.png" })).toBeVisible();
  await screenshots(page, "measures-terminated-visit");
  noConsoleErrors();

  await page.context().clearCookies();
  await signIn(page, "town");
  await page.goto("/measures/uncovered?village=522698100201&pageSize=100");
  const row = page.getByRole("row").filter({ hasText: householdNo! });
  await expect(row).toContainText("缺技术");
  await expect(row).not.toContainText("因病");
  await screenshots(page, "uncovered-list-town");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 Excel" }).click();
  expect((await download).suggestedFilename()).toMatch(/^施策不精准清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
});
