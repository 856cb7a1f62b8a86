// npm start — the whole system on one machine: database (embedded unless DATABASE_URL is
// set), migrations and the app role's grants, demo data on an empty database, a build when
// needed, then the app, connected as the app role (which owns nothing).
import { DEMO_ACCOUNTS_TEXT } from "./lib/demo-accounts.mjs";
import { applyMigrations } from "./lib/migrations.mjs";
import { ensureDatabase, ensureDatabaseServer } from "./lib/postgres.mjs";
import { authSecretFor, buildIfNeeded, startNext, stopProcessGroup } from "./lib/app.mjs";
import { run, tsxArgs } from "./lib/run.mjs";
import pg from "pg";

const FIRST_ADMIN_TEXT = `
[start] 数据库中还没有任何账号。请在服务器上执行一次（另开一个终端，同样设置 DATABASE_URL、APP_DATABASE_URL）：
  npm run admin:create -- --county-code <6 位县级代码> --county-name <县名> --username <用户名> --display-name <姓名>
密码从环境变量 ADMIN_PASSWORD 读取，未设置时在终端中询问。创建后用该账号登录，在“区划管理”中建立乡镇和村。
`;

async function hasAccounts(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM app_user) AS present");
    return rows[0].present;
  } finally {
    await client.end();
  }
}

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);

const server = await ensureDatabaseServer();
let app;
async function shutdown(code = 0) {
  stopProcessGroup(app);
  await server.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

try {
  const appUrl = server.requireAppUrlFor(server.defaultDatabase);
  const authSecret = authSecretFor(server);
  if (!server.embedded && !process.env.APP_URL) {
    throw new Error("使用外部数据库（DATABASE_URL）时必须设置 APP_URL（用户访问的网址，如 https://fupin.example.gov.cn），拒绝启动");
  }
  await ensureDatabase(server, server.defaultDatabase);
  const ownerUrl = server.urlFor(server.defaultDatabase);
  const applied = await applyMigrations(ownerUrl, { log: console.log, appUrl });
  console.log(applied.length ? `[migrate] 共应用 ${applied.length} 个迁移` : "[migrate] 数据库已是最新");
  const TZ = process.env.TZ ?? "Asia/Shanghai";
  // The demo county only on the embedded database; a production database (DATABASE_URL) starts empty and its first
  // 系统管理员 is created once with `npm run admin:create` (docs/decisions/019-county-setup.md).
  if (server.embedded) await run("node", tsxArgs("scripts/seed.ts"), { env: { DATABASE_URL: ownerUrl, AUTH_SECRET: authSecret, TZ } });
  else if (!(await hasAccounts(ownerUrl))) console.log(FIRST_ADMIN_TEXT);
  if (!dev) await buildIfNeeded();
  // The embedded default is the demo: its privileged accounts may skip the second factor and it
  // is opened by whatever address the machine has. A deployment names its public URL.
  const env = { DATABASE_URL: appUrl, AUTH_SECRET: authSecret, TZ, ...(server.embedded ? { TWO_FACTOR_MODE: process.env.TWO_FACTOR_MODE ?? "optional" } : {}) };
  app = await startNext({ port, env, host: process.env.HOST ?? "0.0.0.0", dev });
  console.log(`\n扶贫业务系统已启动：http://localhost:${port}\n`);
  if (server.embedded) console.log(DEMO_ACCOUNTS_TEXT);
  app.on("exit", (code) => shutdown(code ?? 0));
} catch (error) {
  console.error(`[start] 启动失败：${error.message}`);
  await shutdown(1);
}
