// npm run db:migrate — applies pending migrations to the app database as its owner, then
// creates or updates the app role and sets its grants (docs/decisions/005-database-roles.md).
import { applyMigrations } from "./lib/migrations.mjs";
import { ensureDatabase, ensureDatabaseServer } from "./lib/postgres.mjs";

const server = await ensureDatabaseServer();
try {
  await ensureDatabase(server, server.defaultDatabase);
  const appUrl = server.appUrlFor(server.defaultDatabase);
  const applied = await applyMigrations(server.urlFor(server.defaultDatabase), { log: console.log, appUrl });
  console.log(applied.length ? `[migrate] 共应用 ${applied.length} 个迁移` : "[migrate] 数据库已是最新");
  if (appUrl) console.log(`[migrate] 应用角色 ${decodeURIComponent(new URL(appUrl).username)} 的权限已设置`);
  else console.log("[migrate] 未设置 APP_DATABASE_URL：没有创建应用角色，也没有为它授权（npm start 需要它）");
} finally {
  await server.stop();
}
