// npm run db:migrate — applies pending migrations to the app database.
import { applyMigrations } from "./lib/migrations.mjs";
import { ensureDatabase, ensureDatabaseServer } from "./lib/postgres.mjs";

const server = await ensureDatabaseServer();
try {
  await ensureDatabase(server, server.defaultDatabase);
  const applied = await applyMigrations(server.urlFor(server.defaultDatabase), { log: console.log });
  console.log(applied.length ? `[migrate] 共应用 ${applied.length} 个迁移` : "[migrate] 数据库已是最新");
} finally {
  await server.stop();
}
