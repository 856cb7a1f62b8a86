import { expect, test, type Locator, type Page } from "@playwright/test";
import { makeIdNumber } from "../../lib/members/id-number";
import { screenshots } from "./fixtures";
import { createHousehold, openForOffline, phone, query } from "./offline-helpers";

// The rest of field work without signal (issue 14 item 2): a year's income entered offline and sent once, a stale
// income year shown field by field until the user chooses (its current values read from /households/<id>?year=),
// a draft opened back in its form from 待上传草稿 and from the form's own page, edited and saved again, and a new
// member kept offline and added exactly once — also when its send is repeated after a lost answer.

type StoredDraft = { id: string; kind: string; title: string; mine: Record<string, string[]>; status: string };

/** The drafts in the phone's IndexedDB, as lib/offline/store.ts keeps them. */
function storedDrafts(page: Page): Promise<StoredDraft[]> {
  return page.evaluate(
    () =>
      new Promise<StoredDraft[]>((resolve, reject) => {
        const request = indexedDB.open("fupin-offline");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const all = request.result.transaction("drafts").objectStore("drafts").getAll();
          all.onsuccess = () => resolve(all.result as StoredDraft[]);
        };
      }),
  );
}

/** The income form alone at both widths, besides the whole page (which on a phone is several screens long). */
async function formShots(page: Page, form: Locator, name: string) {
  for (const [width, suffix] of [
    [1280, "desktop"],
    [390, "phone"],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await form.screenshot({ path: `test-results/screenshots/${name}-form-${suffix}.png` });
  }
}

function incomeForm(page: Page): Locator {
  // By its label, not its role: folded away it is not in the accessibility tree.
  return page.locator('form[aria-label="年度收入"]');
}

/** The household page's income form, unfolded, on the given year. */
async function openIncome(page: Page, year: number): Promise<Locator> {
  const form = incomeForm(page);
  const disclosure = page.locator("details", { has: form });
  if (!(await disclosure.evaluate((details) => (details as HTMLDetailsElement).open))) await disclosure.locator("summary").first().click();
  await form.locator('[name="year"]').fill(String(year));
  return form;
}

async function saveIncome(page: Page, year: number, wage: string) {
  const form = await openIncome(page, year);
  await form.locator('[name="wageFen"]').fill(wage);
  await form.getByRole("button", { name: new RegExp(`${year} 年收入`) }).click();
}

test("offline: income entered offline is sent once; a stale year is compared field by field; a draft reopens in its form", async ({ browser }) => {
  test.setTimeout(240_000);
  const { context, page } = await phone(browser, "village");
  const stamp = String(Date.now()).slice(-6);
  const householdPath = await createHousehold(page, `收入${stamp}`);
  const householdId = householdPath.split("/").pop()!;

  // Two years recorded online: 2025 is the one the form opens on, 2024 is reached by changing the year.
  await page.goto(householdPath);
  await saveIncome(page, 2024, "9000");
  await expect(incomeForm(page).getByText("收入已保存")).toBeVisible();
  await saveIncome(page, 2025, "12000");
  await expect(incomeForm(page).getByText("收入已保存")).toBeVisible();
  const wage = async (year: number) =>
    (
      await query<{ wage_fen: number; version: number }>(`SELECT wage_fen, version FROM income_record WHERE household_id = $1 AND year = $2`, [
        householdId,
        year,
      ])
    )[0];
  expect(await wage(2025)).toEqual({ wage_fen: 1_200_000, version: 1 });
  const audits = async () =>
    Number((await query<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'income.save' AND entity_id = $1`, [householdId]))[0].n);
  expect(await audits()).toBe(2);

  await openForOffline(page, "/drafts");
  await openForOffline(page, householdPath);

  // No signal: 2025's wage changed and kept on the phone.
  await context.setOffline(true);
  await page.goto(householdPath);
  await saveIncome(page, 2025, "15000");
  await expect(incomeForm(page).getByTestId("offline-saved")).toContainText("已保存到本机");
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  await expect(incomeForm(page).getByTestId("draft-banner")).toContainText("表单中是本机草稿的内容");
  await incomeForm(page).scrollIntoViewIfNeeded();
  await screenshots(page, "offline-drafts-1-income-kept");
  await formShots(page, incomeForm(page), "offline-drafts-1-income-kept");
  expect(await wage(2025)).toEqual({ wage_fen: 1_200_000, version: 1 });

  // Opened back in its form from 待上传草稿 (still offline: the pages kept on the phone), edited, saved again.
  await page.goto("/drafts");
  const draft = page.getByTestId("draft");
  await expect(draft).toHaveCount(1);
  await expect(draft).toContainText("收入 · 2025 年收入");
  await screenshots(page, "offline-drafts-2-drafts-page");
  await draft.getByRole("link", { name: "在表单中打开" }).click();
  await expect(incomeForm(page).getByTestId("draft-banner")).toContainText("表单中是本机草稿的内容");
  await expect(incomeForm(page).locator('[name="year"]')).toHaveValue("2025");
  await expect(incomeForm(page).locator('[name="wageFen"]')).toHaveValue("15000");
  await incomeForm(page).locator('[name="wageFen"]').fill("16000");
  await incomeForm(page).getByRole("button", { name: "保存 2025 年收入修改" }).click();
  await expect(incomeForm(page).getByTestId("offline-saved")).toContainText("已保存到本机");
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  const [replaced] = await storedDrafts(page);
  expect(replaced.mine.wageFen).toEqual(["16000"]);

  // On the form's own page, a draft for that record is announced and can be put back into the form.
  await page.goto(householdPath);
  const banner = incomeForm(page).getByTestId("draft-banner");
  await expect(banner).toContainText("本机有这条记录未上传的草稿");
  await incomeForm(page).scrollIntoViewIfNeeded();
  await screenshots(page, "offline-drafts-3-income-form-draft");
  await formShots(page, incomeForm(page), "offline-drafts-3-income-form-draft");
  await banner.getByRole("button", { name: "在表单中继续编辑" }).click();
  await expect(incomeForm(page).locator('[name="wageFen"]')).toHaveValue("16000");

  // Signal again: sent by itself, once, with one audit row.
  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0, { timeout: 30_000 });
  expect(await wage(2025)).toEqual({ wage_fen: 1_600_000, version: 2 });
  expect(await audits()).toBe(3);
  expect(await storedDrafts(page)).toEqual([]);

  // A stale year: 2024 changed offline here, and by the township cadre meanwhile. The current values come from
  // the household page rendering 2024's form (?year=2024), not the 2025 form it opens on by itself.
  await openForOffline(page, householdPath);
  await context.setOffline(true);
  await page.goto(householdPath);
  await saveIncome(page, 2024, "17000");
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");

  const town = await phone(browser, "town");
  await town.page.goto(`${householdPath}?year=2024`);
  await expect(incomeForm(town.page).locator('[name="year"]')).toHaveValue("2024");
  await incomeForm(town.page).locator('[name="wageFen"]').fill("18000");
  await incomeForm(town.page)
    .locator('[name="pensionFen"]')
    .evaluate((input) => input.closest("details")!.setAttribute("open", ""));
  await incomeForm(town.page).locator('[name="pensionFen"]').fill("2400");
  await incomeForm(town.page).getByRole("button", { name: "保存 2024 年收入修改" }).click();
  await expect(incomeForm(town.page).getByText("收入已保存")).toBeVisible();
  await town.context.close();
  expect(await wage(2024)).toEqual({ wage_fen: 1_800_000, version: 2 });

  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条（1 条需处理）", { timeout: 30_000 });
  // Not overwritten while the user has not chosen.
  expect(await wage(2024)).toEqual({ wage_fen: 1_800_000, version: 2 });
  await page.getByTestId("pending-drafts").click();
  const row = page.getByTestId("conflict-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("工资性收入（元）");
  await expect(row).toContainText("17000");
  await expect(row).toContainText("18000.00");
  await expect(row).toContainText("他人已改");
  await screenshots(page, "offline-drafts-4-income-conflict");
  await page.getByRole("button", { name: "保留我的修改" }).click();
  await expect(page.getByText("“2024 年收入”已保存。")).toBeVisible();
  // The user's wage, the township cadre's pension.
  const [kept] = await query<{ wage_fen: number; pension_fen: number; version: number }>(
    `SELECT wage_fen, pension_fen, version FROM income_record WHERE household_id = $1 AND year = 2024`,
    [householdId],
  );
  expect(kept).toEqual({ wage_fen: 1_700_000, pension_fen: 240_000, version: 3 });
  expect(await audits()).toBe(5);
  await context.close();
});

test("offline: a new member kept on the phone is added once, also when the send is repeated; a reopened draft can be discarded", async ({ browser }) => {
  test.setTimeout(180_000);
  const { context, page } = await phone(browser, "village");
  const stamp = String(Date.now()).slice(-6);
  const householdPath = await createHousehold(page, `新增${stamp}`);
  const householdId = householdPath.split("/").pop()!;
  const newMemberPath = `${householdPath}/members/new`;
  await openForOffline(page, "/drafts");
  await openForOffline(page, newMemberPath);

  const addChild = async (name: string, serial: number) => {
    await page.locator('[name="name"]').fill(name);
    await page.locator('[name="idNumber"]').fill(makeIdNumber("522698", "2012-05-01", serial));
    await page.locator('[name="relation"]').selectOption({ label: "之子" });
    await page.locator('[name="educationLevel"]').selectOption({ label: "小学" });
    await page.locator('[name="labourSkill"]').selectOption({ label: "无劳动力" });
    await page.getByRole("button", { name: "添加成员" }).click();
  };
  const serial = (Math.floor(Math.random() * 400) + 50) * 2 + 1;

  await context.setOffline(true);
  await page.goto(newMemberPath);
  await addChild(`离子${stamp}`, serial);
  await expect(page.getByTestId("offline-saved")).toContainText("已保存到本机");
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  // The form is cleared for the next member, as after a save.
  await expect(page.locator('[name="name"]')).toHaveValue("");
  await screenshots(page, "offline-drafts-5-new-member-kept");
  const [kept] = await storedDrafts(page);
  expect(kept.kind).toBe("newMember");
  expect(kept.mine.idempotencyKey?.[0]).toMatch(/^[0-9a-f-]{36}$/);
  const members = async () => query<{ id: string }>(`SELECT id FROM member WHERE household_id = $1 AND name = $2`, [householdId, `离子${stamp}`]);
  expect(await members()).toHaveLength(0);

  // A second one, opened back from 待上传草稿 and discarded there in its form (after a confirmation).
  await addChild(`弃子${stamp}`, serial + 2);
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 2 条");
  await page.goto("/drafts");
  const second = page.getByTestId("draft").filter({ hasText: `弃子${stamp}` });
  await expect(second).toContainText("新增成员");
  await second.getByRole("link", { name: "在表单中打开" }).click();
  await expect(page.locator('[name="name"]')).toHaveValue(`弃子${stamp}`);
  await expect(page.locator('[name="relation"]')).toHaveValue("SON");
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await page.getByTestId("draft-banner").getByRole("button", { name: "放弃草稿" }).click();
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  expect(asked).toContain(`成员 弃子${stamp}`);
  await expect(page.locator('[name="name"]')).toHaveValue("");

  // Signal again: added once.
  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0, { timeout: 30_000 });
  expect(await members()).toHaveLength(1);
  const created = async () =>
    Number(
      (
        await query<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'member.create' AND entity_id = $1 AND after->>'name' = $2`, [
          householdId,
          `离子${stamp}`,
        ])
      )[0].n,
    );
  expect(await created()).toBe(1);
  expect(await query(`SELECT id FROM member WHERE household_id = $1 AND name = $2`, [householdId, `弃子${stamp}`])).toHaveLength(0);

  // The answer of that send lost: the same draft is on the phone again and sent again — it finds the member.
  await page.evaluate(
    (draft) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open("fupin-offline");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction("drafts", "readwrite");
          tx.objectStore("drafts").put(draft);
          tx.oncomplete = () => resolve();
        };
      }),
    kept,
  );
  await page.goto(householdPath);
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0, { timeout: 30_000 });
  expect(await members()).toHaveLength(1);
  expect(await created()).toBe(1);
  await expect(page.getByText(`离子${stamp}`).first()).toBeVisible();
  await screenshots(page, "offline-drafts-6-new-member-once");
  await context.close();
});

test("offline: a new household kept on the phone is created once, also when the send is repeated", async ({ browser }) => {
  test.setTimeout(150_000);
  const { context, page } = await phone(browser, "village");
  const stamp = String(Date.now()).slice(-6);
  const headName = `离建${stamp}`;
  const idNumber = makeIdNumber("522698", "1975-07-15", (Math.floor(Math.random() * 400) + 50) * 2 + 1);
  await openForOffline(page, "/households/new");

  await context.setOffline(true);
  await page.goto("/households/new");
  await page.locator('[name="household.address"]').fill("石桥镇杨柳村3组8号");
  await page.locator('[name="household.attribute"]').selectOption({ label: "一般贫困户" });
  await page.locator('[name="household.identificationYear"]').fill("2016");
  await page.locator('[name="household.helperId"]').selectOption({ label: "赵红梅（石桥镇杨柳村）" });
  await page.locator('[name="household.primaryCause"]').selectOption({ label: "缺技术" });
  await page.locator('[name="household.housingGrade"]').selectOption({ label: "A级（安全）" });
  await page.locator('[name="head.name"]').fill(headName);
  await page.locator('[name="head.idNumber"]').fill(idNumber);
  await page.locator('[name="head.educationLevel"]').selectOption({ label: "小学" });
  await page.locator('[name="head.labourSkill"]').selectOption({ label: "普通劳动力" });
  await page.getByRole("button", { name: "建档" }).click();
  await expect(page.getByTestId("offline-saved")).toContainText("已保存到本机");
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  await expect(page.locator('[name="head.name"]')).toHaveValue("");
  const [kept] = await storedDrafts(page);
  expect([kept.kind, kept.title]).toEqual(["newHousehold", `户主 ${headName}`]);
  const households = () =>
    query<{ household_id: string }>(`SELECT household_id FROM member WHERE id_number = $1 AND relation = 'HEAD' AND status = 'PRESENT'`, [idNumber]);
  expect(await households()).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0, { timeout: 30_000 });
  const [created] = await households();
  expect(created).toBeTruthy();
  const audits = async () =>
    Number(
      (await query<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action = 'household.create' AND after->>'headName' = $1`, [headName]))[0].n,
    );
  expect(await audits()).toBe(1);

  // The answer of that send lost: the same draft sent again finds the household.
  await page.evaluate(
    (draft) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open("fupin-offline");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction("drafts", "readwrite");
          tx.objectStore("drafts").put(draft);
          tx.oncomplete = () => resolve();
        };
      }),
    kept,
  );
  await page.goto(`/households/${created.household_id}`);
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0, { timeout: 30_000 });
  expect(await households()).toEqual([created]);
  expect(await audits()).toBe(1);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(headName);
  await context.close();
});
