// Runs a TypeScript script against the app database as the tables' owner: the embedded server
// unless DATABASE_URL is set, migrated first (with the app role's grants when it is configured).
// Used by npm run db:seed and npm run db:generate.
import { applyMigrations } from "./lib/migrations.mjs";
import { ensureDatabase, ensureDatabaseServer } from "./lib/postgres.mjs";
import { run, tsxArgs } from "./lib/run.mjs";

// --react-server: the script drives lib code that imports "server-only" (scripts/create-admin.ts).
const reactServer = process.argv[2] === "--react-server";
const [script, ...args] = process.argv.slice(reactServer ? 3 : 2);
const server = await ensureDatabaseServer();
let code = 0;
try {
  await ensureDatabase(server, server.defaultDatabase);
  const databaseUrl = server.urlFor(server.defaultDatabase);
  await applyMigrations(databaseUrl, { log: console.log, appUrl: server.appUrlFor(server.defaultDatabase) });
  await run("node", [...(reactServer ? ["--conditions=react-server"] : []), ...tsxArgs(script, ...args)], {
    env: { DATABASE_URL: databaseUrl, TZ: "Asia/Shanghai" },
  });
} catch (error) {
  console.error(error.message);
  code = 1;
} finally {
  await server.stop();
}
process.exit(code);
