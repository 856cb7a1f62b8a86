import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// Accessibility (issue 14 item 7): axe-core on the main pages of each role at desktop and phone
// width, failing on any serious or critical violation; the keyboard path (skip link, menu before
// 退出, the phone drawer) checked by hand.

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Runs axe at both widths on the page as it is and returns the serious and critical violations, readable. */
async function axeProblems(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    for (const violation of results.violations) {
      if (violation.impact !== "serious" && violation.impact !== "critical") continue;
      const targets = violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(" ")} — ${node.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}`);
      problems.push(
        `${label} @${size.width}px: [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length}×)\n    ${targets.join("\n    ")}`,
      );
    }
  }
  return problems;
}

/** The first record link in the page's table (a path of `prefix` + a record id). */
async function firstRecordLink(page: Page, path: string, prefix: string): Promise<string> {
  await page.goto(path);
  const link = page.locator(`main table a[href^="${prefix}"]`).first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toMatch(new RegExp(`^${prefix}[0-9a-f-]{36}$`));
  return href;
}

async function sweep(page: Page, paths: (string | (() => Promise<string>))[]) {
  const problems: string[] = [];
  for (const entry of paths) {
    const target = typeof entry === "string" ? entry : await entry();
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(200);
    await expect(page.locator("main h1").first()).toBeVisible();
    problems.push(...(await axeProblems(page, target)));
  }
  expect(problems, problems.join("\n")).toEqual([]);
}

test.describe.configure({ mode: "parallel" });

// Small groups: axe on the county's dashboard-sized pages takes a while on a 2-core machine.
const COUNTY_PAGES: [string, (page: Page) => (string | (() => Promise<string>))[]][] = [
  ["home, households, a household", (page) => ["/", "/households", () => firstRecordLink(page, "/households", "/households/")]],
  ["measures, 走访提醒", () => ["/measures/catalogue", "/measures/uncovered", "/visits/overdue"]],
  [
    "exits, an exit sheet, village exits, imports, settings",
    (page) => ["/exits", () => firstRecordLink(page, "/exits", "/exits/"), "/village-exits", "/imports", "/settings"],
  ],
  ["dashboard, quality", () => ["/dashboard", "/quality"]],
  ["inspections, findings, monitoring", () => ["/inspections", "/inspections/findings", "/monitoring"]],
];

for (const [title, paths] of COUNTY_PAGES) {
  test(`county office — ${title}: no serious or critical axe violation at 1280 and 390 px`, async ({ page }) => {
    test.setTimeout(300_000);
    const noConsoleErrors = failOnConsoleErrors(page);
    await signIn(page, "county");
    await sweep(page, paths(page));
    noConsoleErrors();
  });
}

const ROLE_PAGES: [string, (page: Page) => (string | (() => Promise<string>))[]][] = [
  ["helper", () => ["/", "/visits/overdue", "/measures/uncovered", "/households", "/exits"]],
  ["village", (page) => ["/", () => firstRecordLink(page, "/households", "/households/"), "/quality"]],
  ["leader", () => ["/", "/inspections/rates"]],
  ["inspector", () => ["/", "/inspections", "/inspections/rounds"]],
];

for (const [username, paths] of ROLE_PAGES) {
  test(`${username}: their pages have no serious or critical axe violation at both widths`, async ({ page }) => {
    test.setTimeout(180_000);
    const noConsoleErrors = failOnConsoleErrors(page);
    await signIn(page, username);
    await sweep(page, paths(page));
    noConsoleErrors();
  });
}

test("keyboard: the skip link comes first, the menu before 退出, every focus is visible", async ({ page }) => {
  await signIn(page, "village");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/households");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "跳到主要内容" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  // Tab order from the top: every menu link is reached before 退出.
  await page.goto("/households");
  const order: string[] = [];
  for (let index = 0; index < 40; index += 1) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? "");
    order.push(name);
    if (name === "退出") break;
  }
  expect(order.at(-1)).toBe("退出");
  for (const entry of ["户档管理", "走访提醒", "退出核验", "挂图作战"]) expect(order.indexOf(entry), entry).toBeGreaterThan(-1);
  expect(order.indexOf("户档管理")).toBeLessThan(order.indexOf("退出"));

  // The focused link shows a ring (outline) that is not the browser's nothing.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "户档管理" }).focus();
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe("solid");
  // Filters have real labels.
  await expect(page.getByRole("combobox", { name: "状态", exact: true })).toBeVisible();
  await expect(page.getByLabel("搜索", { exact: true })).toBeVisible();
});

test("phone: the menu is a drawer behind 菜单 — focus kept inside, Esc closes it", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await signIn(page, "helper");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "主导航" });
  const menu = page.getByRole("button", { name: "菜单" });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  // No sideways scrolling of the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await saveShot(page, "drawer-closed-phone");

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav).toBeVisible();
  for (const name of ["我的帮扶户", "户档管理", "走访提醒", "施策不精准清单", "退出核验"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  for (const group of ["户档", "帮扶", "退出"]) await expect(nav.getByRole("heading", { name: group, exact: true })).toBeVisible();
  await expect(nav.getByRole("heading", { name: "设置", exact: true })).toHaveCount(0);
  await saveShot(page, "drawer-open-phone");
  // Focus stays in the drawer however far one tabs.
  for (let index = 0; index < 15; index += 1) {
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#main-menu")))).toBe(true);
  }
  await page.keyboard.press("Shift+Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#main-menu")))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // A link in the drawer goes there and closes it.
  await menu.click();
  await nav.getByRole("link", { name: "走访提醒" }).click();
  await expect(page).toHaveURL(/\/visits\/overdue$/);
  await expect(page.getByRole("heading", { name: "走访提醒" })).toBeVisible();
  await expect(nav).toBeHidden();
  noConsoleErrors();
});

test("each role's home promises what it can do; screenshots of helper, leader and inspector", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "helper");
  await page.goto("/");
  const mine = page.getByRole("region", { name: "我的帮扶户" });
  await expect(mine.getByRole("table", { name: "我的帮扶户" })).toBeVisible();
  await expect(page.getByTestId("my-household").first()).toBeVisible();
  await screenshots(page, "home-helper");
  // The helper reaches both lists made for them; both are limited to their households.
  await page.goto("/visits/overdue");
  await expect(page.getByText("您帮扶的未脱贫户中")).toBeVisible();
  await page.goto("/measures/uncovered");
  await expect(page.getByText("您帮扶的未脱贫户中")).toBeVisible();
  await screenshots(page, "uncovered-helper");

  for (const username of ["leader", "inspector"]) {
    await page.context().clearCookies();
    await signIn(page, username);
    await page.goto("/");
    const cards = page.getByRole("region", { name: "业务入口" });
    await expect(cards.getByRole("link", { name: /^退出核验/ })).toBeVisible();
    await expect(cards).not.toContainText("待我审核");
    // What the role does comes first.
    await expect(page.getByTestId("cards-act")).toContainText(username === "leader" ? "贫困村退出" : "督查工作台");
    await expect(page.getByTestId("cards-act").getByRole("link", { name: /^退出核验/ })).toHaveCount(0);
    await screenshots(page, `home-${username}`);
  }
  await page.context().clearCookies();
  await signIn(page, "town");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "业务入口" })).toContainText("待我审核");
});

test("phone tables and the measure catalogue at 390 px", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "county");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/households");
  const firstRow = page.getByRole("table", { name: "户档列表" }).locator("tbody tr").first();
  // The 户编号 link is a full tap target; the head's name stays on one line.
  const link = firstRow.locator("td").first().getByRole("link");
  expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  const name = firstRow.locator("td").nth(1);
  const lineHeight = await name.evaluate((cell) => parseFloat(getComputedStyle(cell).lineHeight));
  expect((await name.locator("a").boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  await expect(firstRow.locator(".row-detail")).toBeVisible();
  await saveShot(page, "households-list-phone");

  await page.goto("/measures/catalogue");
  // No wall of red buttons: 停用 sits behind each item's menu, and asks first.
  await expect(page.getByRole("button", { name: "停用" })).toHaveCount(0);
  const item = page.getByTestId("catalogue-item").first();
  await item.locator("summary").click();
  await expect(item.getByRole("button", { name: "停用" })).toBeVisible();
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await item.getByRole("button", { name: "停用" }).click();
  expect(asked).toContain("确定停用");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The matrix has no vertical text.
  const vertical = await page.evaluate(
    () => [...document.querySelectorAll("main *")].filter((element) => getComputedStyle(element).writingMode !== "horizontal-tb").length,
  );
  expect(vertical).toBe(0);
  await saveShot(page, "catalogue-phone");
});

async function saveShot(page: Page, name: string) {
  const dir = path.join("test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}
