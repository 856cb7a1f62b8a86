import { expect, test, type Page } from "@playwright/test";
import { screenshots } from "./fixtures";
import { createHousehold, openForOffline, phone, query } from "./offline-helpers";

// Field work without signal (issue 14 item 2), on a phone: the pages last opened load from the service
// worker, a visit with a photo and a member edit are kept on the device ("待上传 2 条"), both are saved exactly
// once when the connection returns, and an edit that meets someone else's save is shown field by field until
// the user chooses.

/** A photo of a phone's size: 4000 × 3000 pixels (12 megapixels), drawn in the browser and posted as a PNG. */
async function bigPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 4000;
    canvas.height = 3000;
    const context = canvas.getContext("2d")!;
    for (let i = 0; i < 400; i++) {
      context.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
      context.fillRect((i * 97) % 4000, (i * 53) % 3000, 300, 200);
    }
    return canvas.toDataURL("image/png").split(",")[1];
  });
  return Buffer.from(base64, "base64");
}

test("offline: a visit with a photo and a member edit wait on the phone, then are saved exactly once; a conflicting edit waits for the user's choice", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { context, page } = await phone(browser, "village");
  const stamp = String(Date.now()).slice(-6);
  const householdPath = await createHousehold(page, `离线${stamp}`);
  const householdId = householdPath.split("/").pop()!;
  const [head] = await query<{ id: string }>(`SELECT id FROM member WHERE household_id = $1 AND relation = 'HEAD'`, [householdId]);
  const memberPath = `${householdPath}/members/${head.id}`;

  await openForOffline(page, memberPath);
  await openForOffline(page, householdPath);
  const photo = await bigPhoto(page);
  expect(photo.length).toBeGreaterThan(200_000);

  // No signal: the pages opened before still load.
  await context.setOffline(true);
  await page.goto(householdPath);
  // Served by the service worker from the copy kept when it was opened.
  await expect(page.getByText(`离线${stamp}`).first()).toBeVisible();
  const visitForm = page.locator("details", { hasText: "记录一次走访" });
  await visitForm.locator("summary").click();
  const findings = `离线走访${stamp}：屋顶漏雨已修补`;
  await visitForm.locator('[name="findings"]').fill(findings);
  await visitForm.getByLabel("走访照片").setInputFiles({ name: "屋顶.png", mimeType: "image/png", buffer: photo });
  await visitForm.getByRole("button", { name: "保存走访记录" }).click();
  await expect(visitForm.getByText(/已保存到本机，联网后自动上传/)).toBeVisible();
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  await expect(page.getByTestId("offline-status")).toContainText("无网络");
  await screenshots(page, "offline-1-visit-kept");

  await page.goto(memberPath);
  // 民族、就学与健康 is a folded group of the member form unless it already holds answers other than the presets.
  const healthGroup = page.locator("details", { has: page.locator('[name="health"]') });
  if (!(await healthGroup.evaluate((group) => (group as HTMLDetailsElement).open))) await healthGroup.locator("summary").click();
  await page.locator('[name="health"]').selectOption({ label: "长期慢性病" });
  await page.locator('[name="disabilityGrade"]').fill("");
  await page.getByRole("button", { name: "保存成员信息" }).click();
  await expect(page.getByText(/已保存到本机，联网后自动上传/)).toBeVisible();
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 2 条");
  await screenshots(page, "offline-2-two-waiting");
  // Nothing reached the server.
  expect(await query(`SELECT id FROM visit WHERE household_id = $1`, [householdId])).toHaveLength(0);
  expect((await query<{ health: string }>(`SELECT health FROM member WHERE id = $1`, [head.id]))[0].health).not.toBe("CHRONIC");

  // A page never opened on this phone: the offline page, in Chinese.
  await page.goto("/measures/catalogue").catch(() => undefined);
  await expect(page.getByRole("heading", { name: "当前没有网络，这个页面还没有保存在本机" })).toBeVisible();
  await screenshots(page, "offline-3-fallback-page");

  // Signal again: both are sent by themselves, once.
  await page.goto(memberPath);
  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0, { timeout: 30_000 });
  const visits = await query<{ id: string; findings: string }>(`SELECT id, findings FROM visit WHERE household_id = $1`, [householdId]);
  expect(visits.map((visit) => visit.findings)).toEqual([findings]);
  const photos = await query<{ mime_type: string; size_bytes: number; original_name: string }>(
    `SELECT mime_type, size_bytes, original_name FROM attachment WHERE owner_type = 'VISIT' AND owner_id = $1`,
    [visits[0].id],
  );
  expect(photos).toHaveLength(1);
  expect(photos[0].mime_type).toBe("image/jpeg");
  expect(photos[0].original_name).toBe("屋顶.jpg");
  expect(photos[0].size_bytes).toBeLessThan(photo.length);
  const [member] = await query<{ health: string; version: number }>(`SELECT health, version FROM member WHERE id = $1`, [head.id]);
  expect(member).toEqual({ health: "CHRONIC", version: 2 });
  expect(await query(`SELECT id FROM audit_event WHERE action = 'member.update' AND entity_id = $1`, [householdId])).toHaveLength(1);
  expect(await query(`SELECT id FROM audit_event WHERE action = 'visit.create' AND entity_id = $1`, [householdId])).toHaveLength(1);

  // The photo as stored is at most 1600 px on its long side.
  await page.goto(householdPath);
  await expect(page.getByRole("list", { name: "走访记录" })).toContainText(findings);
  const href = await page.getByRole("link", { name: "照片：屋顶.jpg" }).getAttribute("href");
  const size = await page.evaluate(async (url) => {
    const bitmap = await createImageBitmap(await (await fetch(url!)).blob());
    return [bitmap.width, bitmap.height];
  }, href);
  expect(size).toEqual([1600, 1200]);
  await screenshots(page, "offline-4-saved-once");

  // A conflicting edit: offline, the user renames the member; meanwhile the township cadre renames them too.
  await openForOffline(page, memberPath);
  await context.setOffline(true);
  await page.goto(memberPath);
  await page.locator('[name="name"]').fill(`我改${stamp}`);
  await page.getByRole("button", { name: "保存成员信息" }).click();
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");

  const other = await phone(browser, "town");
  await other.page.goto(memberPath);
  await other.page.locator('[name="name"]').fill(`他改${stamp}`);
  await other.page.locator('[name="labourSkill"]').selectOption({ label: "技能劳动力" });
  await other.page.getByRole("button", { name: "保存成员信息" }).click();
  await other.page.waitForURL(/saved=member/);
  await other.context.close();

  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条（1 条需处理）", { timeout: 30_000 });
  // Not overwritten: the other save stands until the user chooses.
  expect((await query<{ name: string; version: number }>(`SELECT name, version FROM member WHERE id = $1`, [head.id]))[0]).toEqual({
    name: `他改${stamp}`,
    version: 3,
  });

  await page.getByTestId("pending-drafts").click();
  await expect(page.getByRole("heading", { name: "待上传草稿" })).toBeVisible();
  const row = page.getByTestId("conflict-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("姓名");
  await expect(row).toContainText(`我改${stamp}`);
  await expect(row).toContainText(`他改${stamp}`);
  await expect(row).toContainText("他人已改");
  await screenshots(page, "offline-5-conflict");

  await page.getByRole("button", { name: "保留我的修改" }).click();
  await expect(page.getByText(`“成员 我改${stamp}”已保存。`)).toBeVisible();
  await expect(page.getByTestId("pending-drafts")).toHaveCount(0);
  const [kept] = await query<{ name: string; labour_skill: string; version: number }>(`SELECT name, labour_skill, version FROM member WHERE id = $1`, [
    head.id,
  ]);
  // The user's field wins because they chose it; the other person's skill change stays.
  expect(kept).toEqual({ name: `我改${stamp}`, labour_skill: "SKILLED", version: 4 });
  await screenshots(page, "offline-6-kept-mine");

  // A draft left waiting belongs to this user only: signing out warns, then deletes it from the phone.
  await openForOffline(page, memberPath);
  await context.setOffline(true);
  await page.goto(memberPath);
  await page.locator('[name="name"]').fill(`未传${stamp}`);
  await page.getByRole("button", { name: "保存成员信息" }).click();
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条");
  const town = await phone(browser, "town");
  await town.page.goto(memberPath);
  await town.page.locator('[name="name"]').fill(`镇改${stamp}`);
  await town.page.getByRole("button", { name: "保存成员信息" }).click();
  await town.page.waitForURL(/saved=member/);
  await town.context.close();
  await context.setOffline(false);
  await expect(page.getByTestId("pending-drafts")).toHaveText("待上传 1 条（1 条需处理）", { timeout: 30_000 });
  let warning = "";
  page.once("dialog", (dialog) => {
    warning = dialog.message();
    void dialog.accept();
  });
  await page.getByRole("button", { name: "菜单" }).click(); // on a phone 退出 is at the foot of the menu drawer
  await page.getByRole("button", { name: "退出" }).click();
  await page.waitForURL(/\/login/);
  expect(warning).toBe("本机还有 1 条未上传的记录，退出后将被删除。确定退出吗？");
  const left = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open("fupin-offline");
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const count = request.result.transaction("drafts").objectStore("drafts").count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
  expect(left).toBe(0);
  expect(await page.evaluate(async () => (await caches.keys()).includes("pages"))).toBe(false);
  // The other person's save stands.
  expect((await query<{ name: string }>(`SELECT name FROM member WHERE id = $1`, [head.id]))[0].name).toBe(`镇改${stamp}`);
  await context.close();
});
