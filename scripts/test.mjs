// npm test — lint, typecheck, unit, integration (fresh database, dropped afterwards) and e2e (fresh database,
// the built app on a free port, Chromium) in one run.
import net from "node:net";
import { applyMigrations } from "./lib/migrations.mjs";
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from "./lib/postgres.mjs";
import { buildIfNeeded, startNext, stopProcessGroup } from "./lib/app.mjs";
import { run, tsxArgs } from "./lib/run.mjs";

// Optional: a stage (lint | typecheck | unit | integration | e2e) and, for e2e, spec files to run.
const [only, ...specs] = process.argv.slice(2);
const wants = (stage) => !only || only === stage;
const timings = [];

async function stage(name, fn) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  await fn();
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.TZ = "Asia/Shanghai";
let failed = false;
try {
  if (wants("lint")) {
    await stage("lint", async () => {
      await run("npx", ["eslint", ".", "--max-warnings", "0"]);
      await run("npx", ["prettier", "--check", "."]);
    });
  }
  if (wants("typecheck")) await stage("typecheck", () => run("npx", ["tsc", "--noEmit"]));
  if (wants("unit")) await stage("unit", () => run("npx", ["vitest", "run", "--project", "unit"]));
  // The e2e stage's app build runs alongside the integration tests, which wait mostly on the database:
  // a full run is shorter by most of the build. Its failure is reported by the e2e stage.
  const building =
    wants("e2e") && wants("integration")
      ? buildIfNeeded().then(
          () => null,
          (error) => error,
        )
      : null;
  if (wants("integration")) await stage("integration", () => run("npx", ["vitest", "run", "--project", "integration"]));
  if (wants("e2e")) {
    await stage("e2e", async () => {
      const server = await ensureDatabaseServer();
      const database = `fupin_e2e_${process.pid}_${Date.now()}`;
      let app;
      try {
        const appUrl = server.requireAppUrlFor(database);
        await ensureDatabase(server, database);
        const ownerUrl = server.urlFor(database);
        await applyMigrations(ownerUrl, { appUrl });
        // As `npm start` runs the embedded demo: privileged demo accounts without a second factor.
        const common = { AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret", TZ: "Asia/Shanghai", TWO_FACTOR_MODE: "optional" };
        await run("node", tsxArgs("scripts/seed.ts"), { env: { ...common, DATABASE_URL: ownerUrl } });
        // The app and the specs' own backend writes both go through the app role.
        const env = { ...common, DATABASE_URL: appUrl };
        const buildError = building ? await building : await buildIfNeeded();
        if (buildError) throw buildError;
        const port = await freePort();
        app = await startNext({ port, env, quiet: true });
        await run("npx", ["playwright", "test", ...specs], { env: { ...env, E2E_BASE_URL: `http://127.0.0.1:${port}` } });
      } finally {
        stopProcessGroup(app);
        await dropDatabase(server, database).catch((error) => console.error(`[test] 清理数据库失败：${error.message}`));
        await server.stop();
      }
    });
  }
} catch (error) {
  failed = true;
  console.error(`\n[test] 失败：${error.message}`);
} finally {
  console.log(`\n[test] ${failed ? "未通过" : "全部通过"}（${timings.join("，")}）`);
  process.exit(failed ? 1 : 0);
}
