import { expect, test, type Page } from "@playwright/test";
import { screenshots, signIn } from "./fixtures";
import { createHousehold, PHONE } from "./offline-helpers";

// The phone-table pattern (decision 023) on the remaining lists: 退出核验 (/exits), 督查 (/inspections and its
// 问题清单) and 疑点数据 (/quality). At 390 px the page never scrolls sideways; the key column and the status stay,
// the rest goes into the detail line under the key cell; names and badges do not wrap.

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** Each element's text lies on one line (no name broken one character per line, no badge on two lines). */
async function oneLine(page: Page, selector: string) {
  const lines = await page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => (element as HTMLElement).offsetParent !== null)
      .map((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0);
        // Line boxes: text pieces whose bottoms lie within 8 px of each other are on the same line.
        const bottoms = rects.map((rect) => rect.bottom).sort((a, b) => a - b);
        const lines = bottoms.filter((bottom, index) => index === 0 || bottom - bottoms[index - 1] > 8).length;
        return { text: element.textContent, lines };
      }),
  );
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line, line.text ?? "").toMatchObject({ lines: 1 });
}

test("phone lists: /exits, /inspections, its 问题清单 and /quality fit 390 px with their key column, status and detail line", async ({ browser }) => {
  test.setTimeout(150_000);
  // One exit sheet to list: a household with 2020 income, proposed by its 帮扶责任人.
  const villageContext = await browser.newContext(PHONE);
  const village = await villageContext.newPage();
  await signIn(village, "village");
  const stamp = String(Date.now()).slice(-5);
  const householdPath = await createHousehold(village, `列表${stamp}`);
  await village.locator("#field-income-year").fill("2020");
  await village.locator('[name="wageFen"]').fill("20000");
  await village.getByRole("button", { name: "登记 2020 年收入" }).click();
  await expect(village.getByTestId("form-success")).toHaveText("收入已保存");
  await villageContext.close();
  const helperContext = await browser.newContext(PHONE);
  const helper = await helperContext.newPage();
  await signIn(helper, "helper");
  helper.on("dialog", (dialog) => void dialog.accept()); // 提出脱贫退出 asks for confirmation
  await helper.goto(`${householdPath}/exit?year=2020`);
  await helper.locator('[name="opinion"]').fill("经入户核验，两不愁三保障均已达标");
  await helper.getByRole("button", { name: "提出脱贫退出" }).click();
  await expect(helper.getByText("已提出脱贫退出")).toBeVisible();
  await helperContext.close();

  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, "county");

  await page.goto(`/exits?q=${encodeURIComponent(`列表${stamp}`)}`);
  const exits = page.getByRole("table", { name: "核验表列表" });
  await expect(exits.locator("tbody tr")).toHaveCount(1);
  // On a phone: 户主 with the detail line (户编号, village, year, step) and the status; the other columns are hidden.
  await expect(exits.locator("thead th:visible")).toHaveText(["户主", "状态"]);
  await expect(exits.locator(".row-detail")).toContainText("2020 年度");
  await noSidewaysScroll(page);
  await oneLine(page, "table .key-link, table .badge");
  await screenshots(page, "phone-lists-exits");

  await page.goto("/inspections");
  await noSidewaysScroll(page);
  await screenshots(page, "phone-lists-inspections");

  await page.goto("/inspections/findings");
  const findings = page.getByTestId("findings-table");
  await expect(findings.locator("tbody tr").first()).toBeVisible();
  await expect(findings.locator("thead th:visible")).toHaveText(["问题", "状态"]);
  await noSidewaysScroll(page);
  await oneLine(page, "[data-testid=findings-table] .badge, [data-testid=findings-table] td:last-child > span:first-child");
  await screenshots(page, "phone-lists-findings");

  await page.goto("/quality");
  const hits = page.getByRole("table", { name: "疑点清单" });
  await expect(hits.locator("tbody tr").first()).toBeVisible();
  await expect(hits.locator("thead th:visible")).toHaveText(["户", "问题"]);
  await noSidewaysScroll(page);
  await oneLine(page, "table .cell-name");
  // 户编号 links are whole tap targets.
  const tap = await hits.locator("tbody tr").first().locator(".key-link").boundingBox();
  expect(tap!.height).toBeGreaterThanOrEqual(44);
  await screenshots(page, "phone-lists-quality");
  await context.close();
});
