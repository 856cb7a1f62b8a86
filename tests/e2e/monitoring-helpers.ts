// What the monitoring specs share: the database as the app sees it (to set up or backdate), the demo accounts in
// contexts of their own, and the 风险消除 chain after the risk is resolved. Waiting periods are backdated, never slept.
import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { signIn } from "./fixtures";

/** A tiny PNG: the 承诺授权书 scan the 入户核实 step requires. */
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 9, 9, 9]);

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A demo account signed in in a browser context of its own; confirmations are accepted. */
export async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, username);
  page.on("dialog", (dialog) => dialog.accept());
  return page;
}

/** The open sheet's 公示 posted `days` ago. */
export async function backdateNotice(objectId: string, days: number) {
  await query(`UPDATE monitoring_sheet SET notice_posted_on = CURRENT_DATE - $2::int WHERE object_id = $1 AND status <> 'APPROVED'`, [objectId, days]);
}

/**
 * 风险消除 of an object whose conditions hold, on the pages each account has open: the village cadre records the risk
 * resolved, then the chain 入户核实 → 民主评议 → 公示 (backdated) → 县级审核批准 → 公告, ending 风险已消除.
 */
export async function eliminateThroughChain(pages: { village: Page; team: Page; town: Page; county: Page }, objectId: string) {
  const { village, team, town, county } = pages;
  await village.reload();
  await village.getByText("登记该风险已消除").click();
  await village.getByRole("button", { name: "登记消除" }).click();
  await expect(village.getByTestId("risks")).toContainText("已消除");
  await team.reload();
  await team.getByRole("button", { name: "签署入户核实" }).click();
  await expect(team.getByTestId("step-VISIT")).toContainText("已完成");
  await village.reload();
  await village.getByRole("button", { name: "签署民主评议" }).click();
  await village.getByRole("button", { name: "发布公示" }).click();
  await expect(village.getByTestId("notice")).toContainText("张贴");
  await backdateNotice(objectId, 5);
  await town.reload();
  await town.getByRole("button", { name: "结束公示" }).click();
  await expect(town.getByTestId("step-VILLAGE_NOTICE")).toContainText("已完成");
  await county.reload();
  await county.getByRole("button", { name: "签署县级审核批准" }).click();
  await county.getByLabel("公告情况").fill("风险消除公告");
  await county.getByRole("button", { name: "登记公告" }).click();
  await expect(county.getByText("风险已消除").first()).toBeVisible();
  await expect(county.getByTestId("procedure-history")).toContainText("风险消除（帮扶消除）");
}
