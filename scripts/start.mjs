// npm start — the whole system on one machine: database (embedded unless DATABASE_URL is
// set), migrations, demo data on an empty database, a build when needed, then the app.
import { DEMO_ACCOUNTS_TEXT } from "./lib/demo-accounts.mjs";
import { applyMigrations } from "./lib/migrations.mjs";
import { ensureDatabase, ensureDatabaseServer } from "./lib/postgres.mjs";
import { authSecretFor, buildIfNeeded, startNext, stopProcessGroup } from "./lib/app.mjs";
import { run, tsxArgs } from "./lib/run.mjs";

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
  await ensureDatabase(server, server.defaultDatabase);
  const databaseUrl = server.urlFor(server.defaultDatabase);
  const applied = await applyMigrations(databaseUrl, { log: console.log });
  console.log(applied.length ? `[migrate] 共应用 ${applied.length} 个迁移` : "[migrate] 数据库已是最新");
  const env = { DATABASE_URL: databaseUrl, AUTH_SECRET: authSecretFor(server), TZ: process.env.TZ ?? "Asia/Shanghai" };
  await run("node", tsxArgs("scripts/seed.ts"), { env });
  if (!dev) await buildIfNeeded();
  app = await startNext({ port, env, host: process.env.HOST ?? "0.0.0.0", dev });
  console.log(`\n扶贫业务系统已启动：http://localhost:${port}\n`);
  console.log(DEMO_ACCOUNTS_TEXT);
  app.on("exit", (code) => shutdown(code ?? 0));
} catch (error) {
  console.error(`[start] 启动失败：${error.message}`);
  await shutdown(1);
}
