import { expect, test, type Browser, type Page } from "@playwright/test";
import { failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// 督查 in the UI: the inspector reviews an exit sheet and raises a finding from a 不合格 item, the
// township submits the rectification with evidence, the inspector accepts it (销号).

const FIRST_TOWNSHIP = "522698100000"; // 石桥镇
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000500020106a1a5a40000000049454e44ae426082",
  "hex",
);
const ITEMS = ["INCOME", "FOOD", "CLOTHING", "EDUCATION", "MEDICAL", "HOUSING", "SIGNATURES", "NOTICE", "EVIDENCE"];

async function as(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await signIn(page, username);
  page.on("dialog", (dialog) => dialog.accept());
  return page;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

test("inspector reviews a sheet and raises a finding, town reports the rectification, inspector accepts it", async ({ browser }) => {
  test.setTimeout(120_000);
  const inspector = await as(browser, "inspector");
  const noConsoleErrors = failOnConsoleErrors(inspector);

  // The workspace: summary tiles (the demo has an overdue finding) and the queue.
  await inspector.goto("/inspections");
  await expect(inspector.getByRole("heading", { name: "督查工作台" })).toBeVisible();
  await expect(inspector.getByTestId("tile-overdue")).toContainText(/[1-9]/);
  await expect(inspector.getByTestId("review-queue").locator("li").first()).toBeVisible();
  await screenshots(inspector, "inspections-workspace");

  // A sheet of the first township nobody has reviewed yet.
  await inspector.goto(`/inspections?reviewed=NONE&township=${FIRST_TOWNSHIP}`);
  const first = inspector.getByTestId("review-queue").locator("li").first();
  await expect(first).toContainText("未审查");
  await first.getByRole("link").first().click();
  await expect(inspector.getByRole("heading", { name: "审查清单" })).toBeVisible();
  await expect(inspector.getByTestId("criteria")).toBeVisible();
  const sheetUrl = inspector.url();

  // Refused without an answer for every item: the error shows beside the item.
  await inspector.getByRole("button", { name: "保存审查" }).click();
  await expect(inspector.getByTestId("form-error")).toBeVisible();
  await expect(inspector.getByTestId("check-INCOME")).toContainText("请选择合格或不合格");

  for (const item of ITEMS)
    await inspector
      .getByTestId(`check-${item}`)
      .getByLabel(item === "INCOME" ? "不合格" : "合格", { exact: true })
      .check();
  const income = inspector.getByTestId("check-INCOME");
  await expect(income.getByLabel("问题类别")).toHaveValue("INCOME");
  await income.getByRole("textbox").fill("家庭经营性收入缺少销售凭证，核算依据不足");
  await inspector.getByLabel("责任单位").fill("石桥镇人民政府");
  await inspector.getByLabel("责任人").fill("王立新");
  await inspector.getByLabel("整改期限").fill(inDays(20));
  await screenshots(inspector, "inspection-review");
  await inspector.getByRole("button", { name: "保存审查并提出 1 个问题" }).click();
  await expect(inspector.getByTestId("review-saved")).toContainText("已提出 1 个督查问题");
  const review = inspector.getByTestId("past-review").first();
  await expect(review).toContainText("基于当前数据");
  await expect(review).toContainText("收入核算：不合格");
  await review.getByRole("link", { name: /收入核算不实/ }).click();
  await expect(inspector.getByTestId("finding-details")).toContainText("家庭经营性收入缺少销售凭证");
  const findingUrl = inspector.url();

  // The township side reports what it did, with a photo.
  const town = await as(browser, "town");
  await town.goto(findingUrl);
  await expect(town.getByRole("heading", { level: 1 })).toContainText("待整改");
  await town.getByLabel("整改情况").fill("已补充农产品销售凭证并重新核算人均纯收入");
  await town.locator('input[name="files"]').setInputFiles({ name: "销售凭证.png", mimeType: "image/png", buffer: PNG });
  await town.getByRole("button", { name: "提交整改报告" }).click();
  // The form gives way to the waiting state once the report is in.
  await expect(town.getByRole("heading", { level: 1 })).toContainText("已提交整改");
  await expect(town.getByText("已提交整改报告，等待督查人员销号或退回。")).toBeVisible();
  await expect(town.getByTestId("reports")).toContainText("销售凭证.png");
  // The township cannot close its own finding: no decision is offered.
  await expect(town.getByRole("button", { name: "整改到位，销号" })).toHaveCount(0);

  // The inspector accepts.
  await inspector.goto(findingUrl);
  await expect(inspector.getByRole("heading", { level: 1 })).toContainText("已提交整改");
  await inspector.getByRole("button", { name: "整改到位，销号" }).click();
  await expect(inspector.getByRole("heading", { level: 1 })).toContainText("已销号");
  await expect(inspector.getByTestId("reports")).toContainText("已销号");
  await expect(inspector.getByTestId("finding-history")).toContainText("整改销号");
  await screenshots(inspector, "inspection-finding");

  // The review page lists the review; the findings list shows the closed finding.
  await inspector.goto(sheetUrl);
  await expect(inspector.getByTestId("past-review").first()).toContainText("已销号");
  await inspector.goto("/inspections/findings?status=CLOSED");
  await expect(inspector.getByTestId("findings-table")).toContainText("收入核算不实");
  noConsoleErrors();
});

test("leaders see the overdue list with days overdue; its count is the workspace tile's", async ({ browser }) => {
  const leader = await as(browser, "leader");
  await leader.goto("/inspections");
  const tile = Number((await leader.getByTestId("tile-overdue").locator("span").nth(1).textContent()) ?? "0");
  expect(tile).toBeGreaterThan(0);
  await leader.goto("/inspections/findings?overdue=1");
  await expect(leader.getByRole("heading", { name: "逾期未整改问题" })).toBeVisible();
  await expect(leader.getByTestId("overdue-days").first()).toContainText(/逾期 \d+ 天/);
  await expect(leader.getByTestId("total-count")).toContainText(`共 ${tile} 条`);
  await expect(leader.getByRole("link", { name: "登记问题" })).toHaveCount(0);
  await leader.goto("/inspections/findings");
  await expect(leader.getByRole("heading", { name: "问题清单（挂单督办）" })).toBeVisible();
  await expect(leader.getByTestId("findings-table")).toBeVisible();
  await screenshots(leader, "inspection-findings-list");
});

test("the county office manages the categories; built-in ones cannot be retired", async ({ browser }) => {
  const county = await as(browser, "county");
  await county.goto("/inspections/categories");
  await expect(county.getByTestId("category-WRONG_EXIT")).toContainText("内置");
  await expect(county.getByTestId("category-WRONG_EXIT").getByRole("button", { name: "停用" })).toHaveCount(0);
  const name = `示例类别${String(Date.now()).slice(-5)}`;
  await county.getByLabel("新增类别名称").fill(name);
  await county.getByRole("button", { name: "新增", exact: true }).click();
  await expect(county.getByTestId("categories")).toContainText(name);
  await screenshots(county, "inspection-categories");
});
