import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-2026";

/** Signs in through the Auth.js credentials endpoint (only the sign-in spec uses the form). */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, username, password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${username}`).toBe(302);
  expect(response.headers().location ?? "").not.toContain("error");
}

const SCREENSHOT_DIR = path.join("test-results", "screenshots");

/** Saves a full-page screenshot at desktop and phone width for review. */
export async function screenshots(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  if (original) await page.setViewportSize(original);
}

/** Fails the test on any console error the test did not expect. */
export function failOnConsoleErrors(page: Page, allowed: RegExp[] = []) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !allowed.some((pattern) => pattern.test(message.text()))) errors.push(`${message.text()} (${message.location().url})`);
  });
  return () => expect(errors, "console errors").toEqual([]);
}
