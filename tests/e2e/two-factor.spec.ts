import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import pg from "pg";
import { DEMO_PASSWORD, failOnConsoleErrors, screenshots, signIn } from "./fixtures";

// The e2e harness runs with TWO_FACTOR_MODE=optional (the demo's mode): an un-enrolled 县扶贫办
// user is let through and enrols from /two-factor; once enrolled, each sign-in stops there.
// A fresh account, so that the demo accounts other specs use stay un-enrolled.

async function newCountyOfficeUser(): Promise<string> {
  const username = `tf_${randomUUID().slice(0, 8)}`;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (id, username, display_name, password_hash, role, region_code) VALUES ($1, $2, $3, $4, 'COUNTY_OFFICE', '522698000000')`,
      [randomUUID(), username, "两步验证演示", bcrypt.hashSync(DEMO_PASSWORD, 10)],
    );
  } finally {
    await client.end();
  }
  return username;
}

test("a 县扶贫办 user enrols with the QR code's secret, keeps the recovery codes, is stopped at the next sign-in until verified; an admin resets it", async ({
  browser,
  page,
}) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  const username = await newCountyOfficeUser();
  await signIn(page, username);

  await page.goto("/two-factor");
  await expect(page.getByRole("heading", { name: "设置两步验证" })).toBeVisible();
  await expect(page.getByTestId("two-factor-qr").locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("two-factor-secret").textContent())!.replace(/\s+/g, "");
  await screenshots(page, "two-factor-enrol");
  await page.getByLabel("验证器显示的 6 位验证码").fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
  await page.getByRole("button", { name: "确认并启用" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  const recoveryCode = (await codes.first().textContent())!.trim();
  await screenshots(page, "two-factor-recovery-codes");
  await page.getByLabel("我已保存这些恢复码").check();
  await page.getByRole("link", { name: "我已保存，进入系统" }).click();
  await expect(page.getByTestId("home-role")).toHaveText("县扶贫办");

  // The next sign-in reaches nothing but the two-factor page.
  await page.context().clearCookies();
  await signIn(page, username);
  await page.goto("/households");
  await expect(page).toHaveURL(/\/two-factor\?callbackUrl=%2Fhouseholds$/);
  await expect(page.getByRole("heading", { name: "两步验证", exact: true })).toBeVisible();
  const code = page.getByLabel("验证器显示的 6 位验证码");
  await expect(code).toHaveAttribute("inputmode", "numeric");
  await expect(code).toHaveAttribute("autocomplete", "one-time-code");
  expect((await page.request.get("/api/exports/uncovered")).status()).toBe(401);
  await screenshots(page, "two-factor-verify");

  await page.getByText("无法使用验证器？使用恢复码").click();
  await page.getByRole("textbox", { name: "恢复码" }).fill(recoveryCode);
  await page.getByRole("button", { name: "使用恢复码" }).click();
  await expect(page).toHaveURL(/\/households$/);
  noConsoleErrors();

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto(`/admin/users?q=${username}`);
  await admin.getByRole("link", { name: username }).click();
  await expect(admin.getByTestId("two-factor-status")).toContainText("已启用");
  await screenshots(admin, "admin-user-two-factor");
  admin.once("dialog", (dialog) => dialog.accept());
  await admin.getByRole("button", { name: "重置两步验证" }).click();
  // The page re-renders with the new status (the reset button goes away with the enrolment).
  await expect(admin.getByTestId("two-factor-status")).toContainText("未设置");
  await admin.reload();
  await expect(admin.getByTestId("two-factor-status")).toContainText("未设置");
  await admin.close();

  // The reset took the old secret away: the page offers a new enrolment.
  await page.goto("/two-factor");
  await expect(page.getByRole("heading", { name: "设置两步验证" })).toBeVisible();
  expect((await page.getByTestId("two-factor-secret").textContent())!.replace(/\s+/g, "")).not.toBe(secret);
});

test("the sign-in page says that the demo does not enforce the second factor", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("two-factor-demo-note")).toHaveText("演示环境：系统管理员、县扶贫办、督查账号未强制两步验证；正式部署必须启用。");
});
