import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

/** Playwright's own Chromium when installed, else Debian's; otherwise one clear line. */
function chromiumExecutable(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return undefined;
  } catch {
    // not installed
  }
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  throw new Error("找不到 Chromium：请以 root 运行 apt-get install -y chromium fonts-noto-cjk（或 npx playwright install chromium）");
}

const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) throw new Error("E2E_BASE_URL 未设置：端到端测试请通过 npm test 运行（它会启动数据库和应用）");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
