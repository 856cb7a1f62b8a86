import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, failOnConsoleErrors, screenshots, signIn } from "./fixtures";

test("village cadre signs in with the form and sees the Chinese home page", async ({ page }) => {
  const noConsoleErrors = failOnConsoleErrors(page);
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await screenshots(page, "sign-in");
  await page.getByLabel("用户名").fill("village");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "您好，杨光明" })).toBeVisible();
  await expect(page.getByTestId("home-role")).toHaveText("村干部");
  await expect(page.getByTestId("home-scope")).toHaveText("村：杨柳村");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "户档管理" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户管理" })).toHaveCount(0);
  await screenshots(page, "home-village");
  noConsoleErrors();
});

test("a wrong password shows a Chinese error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("village");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("用户名或密码错误，或账号已停用");
  await expect(page).toHaveURL(/\/login/);
  await screenshots(page, "sign-in-error");
});

test("an unauthenticated visit to a protected URL lands on sign-in and returns there afterwards", async ({ page }) => {
  await page.goto("/admin/users?q=town");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("用户名").fill("admin");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=town$/);
  await expect(page.getByRole("heading", { name: "用户管理" })).toBeVisible();
  await expect(page.getByRole("link", { name: "town2" })).toBeVisible();
});

test("every demo account signs in through the auth endpoint and sees only its entries", async ({ page }) => {
  const expectations: [string, string, string[], string[]][] = [
    ["admin", "系统管理员", ["用户管理", "区划管理"], ["户档管理", "系统设置"]],
    ["county", "县扶贫办", ["户档管理", "系统设置"], ["用户管理", "区划管理"]],
    ["leader", "县领导", ["户档管理"], ["用户管理", "系统设置"]],
    ["town", "乡镇干部", ["户档管理"], ["用户管理"]],
    ["town2", "乡镇干部", ["户档管理"], ["用户管理"]],
    ["village", "村干部", ["户档管理"], ["系统设置"]],
    ["team", "驻村工作队", ["户档管理"], ["系统设置"]],
    ["helper", "帮扶责任人", ["户档管理"], ["系统设置"]],
    ["inspector", "督查人员", ["户档管理"], ["用户管理", "系统设置"]],
  ];
  for (const [username, role, visible, hidden] of expectations) {
    await page.context().clearCookies();
    await signIn(page, username);
    await page.goto("/");
    await expect(page.getByTestId("home-role")).toHaveText(role);
    const nav = page.getByRole("navigation", { name: "主导航" });
    for (const name of visible) await expect(nav.getByRole("link", { name })).toBeVisible();
    for (const name of hidden) await expect(nav.getByRole("link", { name })).toHaveCount(0);
  }
});

test("an admin disables a user and that user's open session stops on the next request", async ({ browser, page }) => {
  const victim = await browser.newPage();
  // The inspector helps no household (a helper with households cannot be disabled) and no other spec uses it.
  await signIn(victim, "inspector");
  await victim.goto("/");
  await expect(victim.getByTestId("home-role")).toHaveText("督查人员");

  await signIn(page, "admin");
  await page.goto("/admin/users?q=inspector");
  await page.getByRole("link", { name: "inspector" }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByText("已停用，该用户的会话已失效")).toBeVisible();

  await victim.goto("/");
  await expect(victim).toHaveURL(/\/login/);

  page.once("dialog", (dialog) => dialog.accept());
  await page.reload();
  await page.getByRole("button", { name: "启用账号" }).click();
  await expect(page.getByText("已启用")).toBeVisible();
  await victim.close();
});
