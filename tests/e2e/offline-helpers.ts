import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { makeIdNumber } from "../../lib/members/id-number";
import { signIn } from "./fixtures";

// Shared by the offline specs (offline.spec.ts, offline-drafts.spec.ts): a phone context, the database read
// directly (what reached the server), a household made through the form, a page opened under the service worker.

export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function phone(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, username);
  return { context, page };
}

export async function createHousehold(page: Page, headName: string): Promise<string> {
  await page.goto("/households/new");
  await page.locator('[name="household.address"]').fill("石桥镇杨柳村7组2号");
  await page.locator('[name="household.attribute"]').selectOption({ label: "一般贫困户" });
  await page.locator('[name="household.identificationYear"]').fill("2016");
  await page.locator('[name="household.helperId"]').selectOption({ label: "赵红梅（石桥镇杨柳村）" });
  await page.locator('[name="household.primaryCause"]').selectOption({ label: "因病" });
  await page.locator('[name="household.housingGrade"]').selectOption({ label: "A级（安全）" });
  await page.locator('[name="head.name"]').fill(headName);
  await page.locator('[name="head.idNumber"]').fill(makeIdNumber("522698", "1968-03-09", Math.floor(Math.random() * 400) * 2 + 1));
  await page.locator('[name="head.educationLevel"]').selectOption({ label: "小学" });
  await page.locator('[name="head.labourSkill"]').selectOption({ label: "普通劳动力" });
  await page.getByRole("button", { name: "建档" }).click();
  await expect(page.getByText("户档已建立")).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Opens a page once the service worker controls it, so that it is kept for offline use. */
export async function openForOffline(page: Page, path: string) {
  await page.goto(path);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
  });
  await page.reload();
  await expect.poll(() => page.evaluate(async (url) => Boolean(await caches.match(url)), new URL(path, page.url()).href)).toBe(true);
}
