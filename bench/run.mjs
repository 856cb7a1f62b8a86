// npm run bench — performance of the household list and search at county scale (issue 3,
// "Performance"). Not a test: it measures ratios within one run and prints them; the figures
// of a recorded run live in bench/RESULTS.md, the full output (EXPLAIN text too) in bench/out/.
//
//   npm run bench [-- --households 75000 --iterations 200 --duration 15 --connections 10]
//
// 1. A scratch database bench_<pid> on the embedded server (or on the server of DATABASE_URL);
//    bench_* databases left by killed runs are dropped first. Migrations, seedBase, the synthetic
//    county (households/second), VACUUM (ANALYZE) (--analyze-only: ANALYZE, see db-bench.ts).
// 2. bench/db-bench.ts: (a) the list's first page and (b) searches through the data access layer
//    against hand-written SQL, alternated; EXPLAIN (ANALYZE, BUFFERS) of both; for the 户主 name
//    searches, the characters index against pg_trgm (a temporary index on the scratch database).
// 3. (c) The built app (`next build` if stale) with `next start` on a free 127.0.0.1 port against
//    the scratch database; sign in as `county` over HTTP (Auth.js credentials); autocannon on
//    /households and on / (a trivial signed-in page) with the same cookie, connections and
//    duration, in the order A B B A, with the CPU milliseconds per request of the app and of
//    PostgreSQL. Then, as diagnostics of where the list page's cost goes, the same load on
//    /households?q=<an ID>, /households?township=<code>, /households and / (--skip-http-diagnostics
//    leaves them out).
// The app is stopped and the scratch database dropped in every case (also on Ctrl-C); the
// database server is stopped only if this script started it.
// --http-timeout S (default 30): seconds before autocannon counts a response as a timeout.
// Development options: --skip-http, --keep-database (do not drop bench_<pid>; the next run drops
// it), --reuse-database NAME (measure an already generated database; never dropped; with --dashboard:
// only (c), on the database a `--dashboard --keep-database` run kept, for trying a change to the page).
//
// npm run bench -- --quality [--households 75000 --touch 50 --rounds 5 --on-save 0] — 疑点数据 (issue 12) at tier M:
// bench/quality-bench.ts generates the county, times a full scan (and its peak memory) and the
// incremental refresh's cross-household step the whole-county way against the by-group way; with
// --on-save N, the check on save against the member save it is part of, on N households. No HTTP.
//
// npm run bench -- --dashboard — the 挂图作战 dashboard (issue 10) at tier M against tier S, in one run:
//
//   npm run bench -- --dashboard [--households 75000 --households-s 15000 --iterations 200 --touch 50 --duration 15 --connections 10]
//
// Same scratch database and clean-up. bench/dashboard-bench.ts generates both counties in it (tier M:
// the demo county, --households; tier S: a county of its own, --households-s) with their casework,
// times the full and incremental refreshes, and compares (a) loadDashboard with raw SQL (the read it
// stands for, and the aggregate over the villages' rollup rows) and (b) tier M with tier S. Then (c) the app (INDICATOR_REFRESH_SECONDS=0: the
// snapshot was refreshed just before, and no job runs during the load) signed in as `county`:
// autocannon on /dashboard and on /settings (a trivial signed-in page: for `county`, / now renders the
// dashboard itself), A B B A, and what the page is made of; then, as diagnostics, /, a township's
// /dashboard and /dashboard of last year. Before starting the app it waits while another session's
// `next build` runs, and it refuses an HTTP result measured across a rebuild of .next.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { buildIfNeeded, startNext, stopProcessGroup } from "../scripts/lib/app.mjs";
import { applyMigrations } from "../scripts/lib/migrations.mjs";
import { projectRoot } from "../scripts/lib/paths.mjs";
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from "../scripts/lib/postgres.mjs";

const { values: args } = parseArgs({
  options: {
    households: { type: "string", default: "75000" },
    iterations: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "10" },
    "http-warmup": { type: "string", default: "5" },
    // Seconds before autocannon gives up on a response (its default is 10; the dashboard on a busy 2-core machine can take longer).
    "http-timeout": { type: "string", default: "30" },
    "skip-http": { type: "boolean", default: false },
    "skip-http-diagnostics": { type: "boolean", default: false },
    "analyze-only": { type: "boolean", default: false },
    "keep-database": { type: "boolean", default: false },
    "reuse-database": { type: "string" },
    dashboard: { type: "boolean", default: false },
    quality: { type: "boolean", default: false },
    rounds: { type: "string", default: "5" },
    "households-s": { type: "string", default: "15000" },
    touch: { type: "string", default: "50" },
    "on-save": { type: "string", default: "0" },
    "incremental-rounds": { type: "string", default: "5" },
  },
});

const DEMO_PASSWORD = "demo-2026";
const AUTH_SECRET = process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123";
// The bench signs in as `county` with the password only; it measures the list, not the second factor.
const TWO_FACTOR_MODE = "optional";
const outDir = path.join(projectRoot, "bench", "out");
const log = (line) => console.log(`[bench] ${line}`);

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

/** Is process `pid` a bench/run.mjs that is still running? */
function benchIsRunning(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("bench/run.mjs");
  } catch {
    return false;
  }
}

/** Drops bench_<pid> databases left behind by runs that were killed or lost their server. */
async function dropStaleBenchDatabases(server) {
  const client = new pg.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  let names;
  try {
    names = (await client.query(`SELECT datname FROM pg_database WHERE datname ~ '^bench_[0-9]+$'`)).rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
  for (const name of names) {
    if (name === args["reuse-database"] || benchIsRunning(Number(name.slice("bench_".length)))) continue;
    await dropDatabase(server, name);
    log(`已删除以前中断的运行留下的临时数据库 ${name}`);
  }
}

/** What a signal must clean up: the measuring child and the app, if running. */
const running = { child: null, app: null };

/** Runs a bench script under tsx with the react-server condition (the data access layer imports "server-only"). */
function runBenchScript(script, scriptArgs, env) {
  return new Promise((resolve, reject) => {
    const nodeArgs = ["--import", "tsx", "--conditions=react-server", script, ...scriptArgs];
    const child = (running.child = spawn(process.execPath, nodeArgs, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...env } }));
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${script} 失败（${signal ?? `退出码 ${code}`}）`))));
  });
}

// ---------------------------------------------------------------------------
// (c) HTTP
// ---------------------------------------------------------------------------

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** utime + stime (ms) and process group of a process, from /proc; null once it is gone. */
function procCpu(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pgrp: Number(fields[2]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/**
 * CPU time used so far by the app (every process of its process group) and by the PostgreSQL
 * backends connected to the scratch database. Differences over a load run, divided by the
 * requests served, give CPU milliseconds per request: unlike requests/second, barely moved by
 * whatever else the (shared, 2-core) machine is running at the time.
 */
async function cpuSnapshot(appPgid, monitor, database) {
  let app = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = procCpu(Number(entry));
    if (cpu && cpu.pgrp === appPgid) app += cpu.ms;
  }
  const { rows } = await monitor.query("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
  const backends = new Map();
  for (const { pid } of rows) {
    const cpu = procCpu(pid);
    if (cpu) backends.set(pid, cpu.ms);
  }
  return { app, backends };
}

function cpuDelta(before, after) {
  let db = 0;
  for (const [pid, ms] of after.backends) db += ms - (before.backends.get(pid) ?? 0);
  return { appMs: after.app - before.app, dbMs: db };
}

const cookiePairs = (response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

/** Signs in through Auth.js exactly as a browser form would; returns the Cookie header. */
async function signInOverHttp(base, username) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const csrfCookies = cookiePairs(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, username, password: DEMO_PASSWORD, callbackUrl: "/" }),
  });
  const location = response.headers.get("location") ?? "";
  const session = cookiePairs(response).find((pair) => pair.startsWith("authjs.session-token"));
  if (response.status !== 302 || location.includes("error") || !session) {
    throw new Error(`HTTP 登录 ${username} 失败：状态 ${response.status}，跳转 ${location}`);
  }
  return session;
}

async function checkPage(base, pathname, cookie, mustContain) {
  const response = await fetch(`${base}${pathname}`, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !mustContain.every((text) => body.includes(text))) {
    throw new Error(`${pathname} 没有返回已登录的页面（状态 ${response.status}）`);
  }
  return body.length;
}

/** What a page's HTML is made of (UTF-8 bytes): the server-rendered SVG charts, the RSC payload scripts, links and table rows. */
async function pageAnatomy(base, pathname, cookie) {
  const body = await (await fetch(`${base}${pathname}`, { headers: { cookie } })).text();
  const bytesOf = (pattern) => [...body.matchAll(pattern)].reduce((sum, match) => sum + Buffer.byteLength(match[0]), 0);
  return {
    path: pathname,
    bytes: Buffer.byteLength(body),
    svgCount: (body.match(/<svg\b/g) ?? []).length,
    svgBytes: bytesOf(/<svg\b[\s\S]*?<\/svg>/g),
    flightBytes: bytesOf(/<script[^>]*>self\.__next_f\.push\([\s\S]*?<\/script>/g),
    // The same pictures again inside the RSC payload (the client island's svg prop), escaped.
    flightSvgBytes: bytesOf(/\\u003csvg[\s\S]*?\\u003c\/svg\\u003e/g),
    links: (body.match(/<a\b/g) ?? []).length,
    tableRows: (body.match(/<tr\b/g) ?? []).length,
  };
}

function load(url, cookie, { connections, duration }) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, timeout: Number(args["http-timeout"]), headers: { cookie } }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** Is another `next build` running in this checkout (another session's)? It rewrites .next under a running app. */
function otherBuildRunning() {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (/next(\.js)?\0build\b/.test(fs.readFileSync(`/proc/${entry}/cmdline`, "utf8"))) return true;
    } catch {
      // gone
    }
  }
  return false;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** buildIfNeeded, once no other build is running; a build that still collides with one is retried twice. */
async function buildWhenFree() {
  for (let attempt = 1; ; attempt++) {
    while (otherBuildRunning()) {
      log("另一个 next build 正在运行，等待它结束…");
      await sleep(10_000);
    }
    try {
      await buildIfNeeded();
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      log(`构建失败（${error.message}），15 秒后重试`);
      await sleep(15_000);
    }
  }
}

/**
 * Builds the app if stale, starts it on the scratch database, signs in as `county` and hands the
 * running app to `measure`; stops it afterwards in every case.
 */
async function withSignedInApp(databaseUrl, database, extraEnv, measure) {
  await buildWhenFree();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { DATABASE_URL: databaseUrl, AUTH_SECRET, TZ: "Asia/Shanghai", NEXT_TELEMETRY_DISABLED: "1", TWO_FACTOR_MODE, ...extraEnv };
  log(`启动应用（next start，${base}）…`);
  const app = (running.app = await startNext({ port, env, quiet: true }));
  const monitor = new pg.Client({ connectionString: databaseUrl });
  await monitor.connect();
  const buildId = () => {
    try {
      return fs.readFileSync(path.join(projectRoot, ".next", "BUILD_ID"), "utf8");
    } catch {
      return null;
    }
  };
  const builtAs = buildId();
  try {
    const cookie = await signInOverHttp(base, "county");
    const measured = await measure({ base, cookie, app, monitor, database, connections: Number(args.connections), duration: Number(args.duration) });
    // The checkout is shared: another session's `next build` rewrites .next under the running app.
    if (buildId() !== builtAs) throw new Error(".next 在测量期间被另一个构建改写，HTTP 结果无效；请在没有其他构建时重跑");
    return measured;
  } finally {
    await monitor.end().catch(() => {});
    stopProcessGroup(app);
  }
}

/** One autocannon run on a page, with the CPU milliseconds per request of the app and of PostgreSQL. */
async function loadRun(ctx, pathname, duration = ctx.duration) {
  const before = await cpuSnapshot(ctx.app.pid, ctx.monitor, ctx.database);
  const result = await load(`${ctx.base}${pathname}`, ctx.cookie, { connections: ctx.connections, duration });
  const cpu = cpuDelta(before, await cpuSnapshot(ctx.app.pid, ctx.monitor, ctx.database));
  if (result.requests.total === 0) throw new Error(`${pathname} 在 ${duration} 秒内没有完成任何请求：请加长 --duration`);
  return {
    path: pathname,
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    latencyMedianMs: result.latency.p50,
    latencyP97_5Ms: result.latency.p97_5,
    latencyP99Ms: result.latency.p99,
    throughputBytesPerSecond: result.throughput.average,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    appCpuMsPerRequest: Math.round((cpu.appMs / result.requests.total) * 10) / 10,
    dbCpuMsPerRequest: Math.round((cpu.dbMs / result.requests.total) * 10) / 10,
  };
}

/**
 * Page `measured` against page `reference`, same cookie, connections and duration, after a warm-up
 * of each, in the order A B B A so that slow drift of a noisy machine favours neither.
 */
async function compareAbba(ctx, pages, measured, reference) {
  const warmup = Number(args["http-warmup"]);
  for (const key of [measured, reference]) {
    log(`预热 ${pages[key].path}（${warmup} 秒）…`);
    await load(`${ctx.base}${pages[key].path}`, ctx.cookie, { connections: ctx.connections, duration: warmup });
  }
  const runs = [];
  for (const key of [measured, reference, reference, measured]) {
    log(`autocannon ${pages[key].path}：${ctx.connections} 个连接，${ctx.duration} 秒 …`);
    const run = { page: key, ...(await loadRun(ctx, pages[key].path)) };
    log(
      `  ${run.requestsPerSecond} 请求/秒，延迟中位数 ${run.latencyMedianMs} ms，p99 ${run.latencyP99Ms} ms，非 2xx ${run.non2xx}，错误 ${run.errors}；` +
        `每请求 CPU：应用 ${run.appCpuMsPerRequest} ms + 数据库 ${run.dbCpuMsPerRequest} ms`,
    );
    if (run.non2xx || run.errors) throw new Error(`${run.path} 在压测中出现非 2xx 或错误响应，结果无效`);
    runs.push(run);
  }
  const mean = (key, pick) => {
    const values = runs.filter((run) => run.page === key).map(pick);
    return values.reduce((sum, x) => sum + x, 0) / values.length;
  };
  const cpuPerRequest = (key) => mean(key, (run) => run.appCpuMsPerRequest + run.dbCpuMsPerRequest);
  const measuredRps = mean(measured, (run) => run.requestsPerSecond);
  const referenceRps = mean(reference, (run) => run.requestsPerSecond);
  return {
    connections: ctx.connections,
    duration: ctx.duration,
    warmup,
    pages,
    runs,
    measuredRps,
    referenceRps,
    ratio: Math.round((measuredRps / referenceRps) * 1000) / 1000,
    measuredCpuMsPerRequest: Math.round(cpuPerRequest(measured) * 10) / 10,
    referenceCpuMsPerRequest: Math.round(cpuPerRequest(reference) * 10) / 10,
    cpuRatio: Math.round((cpuPerRequest(reference) / cpuPerRequest(measured)) * 1000) / 1000,
  };
}

/** Diagnostics: each page once under the same load, with its size and CPU per request. */
async function diagnose(ctx, pages) {
  const diagnostics = [];
  for (const { path: pathname, mustContain } of pages) {
    const bytes = await checkPage(ctx.base, pathname, ctx.cookie, mustContain);
    const run = await loadRun(ctx, pathname);
    const item = {
      path: pathname,
      bytes,
      requestsPerSecond: run.requestsPerSecond,
      appCpuMsPerRequest: run.appCpuMsPerRequest,
      dbCpuMsPerRequest: run.dbCpuMsPerRequest,
      non2xx: run.non2xx,
    };
    log(
      `  诊断 ${pathname}：${(bytes / 1024).toFixed(1)} KiB，${item.requestsPerSecond} 请求/秒，每请求 CPU 应用 ${item.appCpuMsPerRequest} ms + 数据库 ${item.dbCpuMsPerRequest} ms`,
    );
    diagnostics.push(item);
  }
  return diagnostics;
}

/** (c) of the household list: /households against / (the trivial page for `county` before issue 10). */
function listHttpBench(databaseUrl, database, samples) {
  return withSignedInApp(databaseUrl, database, {}, async (ctx) => {
    const pages = {
      list: { path: "/households", bytes: await checkPage(ctx.base, "/households", ctx.cookie, ["户档列表", "第 1"]) },
      home: { path: "/", bytes: await checkPage(ctx.base, "/", ctx.cookie, ["您好", "周建国"]) },
    };
    const compared = await compareAbba(ctx, pages, "list", "home");
    // Optional: where the list page's cost goes (one row and no county-wide count; one township's villages only).
    let diagnostics = [];
    if (!args["skip-http-diagnostics"]) {
      const { rows } = await ctx.monitor.query(`SELECT code FROM region WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`);
      diagnostics = await diagnose(
        ctx,
        [`/households?q=${samples.idFull}`, `/households?township=${rows[0].code.trim()}`, "/households", "/"].map((path) => ({ path, mustContain: ["户"] })),
      );
    }
    // Still signed in at the end (the session did not idle out or get refused mid-run).
    await checkPage(ctx.base, "/households", ctx.cookie, ["户档列表"]);
    return {
      connections: compared.connections,
      duration: compared.duration,
      warmup: compared.warmup,
      pages,
      runs: compared.runs,
      diagnostics,
      listRps: compared.measuredRps,
      homeRps: compared.referenceRps,
      ratio: compared.ratio,
      listCpuMsPerRequest: compared.measuredCpuMsPerRequest,
      homeCpuMsPerRequest: compared.referenceCpuMsPerRequest,
      cpuRatio: compared.cpuRatio,
    };
  });
}

/**
 * (c) of the dashboard: /dashboard (the county view) against /settings, the trivial signed-in page
 * of `county` (two small queries and a short form; / renders the dashboard itself for `county`).
 * The refresh job is off (the snapshot is fresh), so only the requests load the machine.
 */
function dashboardHttpBench(databaseUrl, database) {
  return withSignedInApp(databaseUrl, database, { INDICATOR_REFRESH_SECONDS: "0" }, async (ctx) => {
    const pages = {
      dashboard: { path: "/dashboard", bytes: await checkPage(ctx.base, "/dashboard", ctx.cookie, ["挂图作战", "云岭县", "数据更新于"]) },
      trivial: { path: "/settings", bytes: await checkPage(ctx.base, "/settings", ctx.cookie, ["系统设置", "各年度贫困线"]) },
    };
    const compared = await compareAbba(ctx, pages, "dashboard", "trivial");
    const anatomy = [];
    for (const pathname of ["/dashboard", "/settings"]) anatomy.push(await pageAnatomy(ctx.base, pathname, ctx.cookie));
    let diagnostics = [];
    if (!args["skip-http-diagnostics"]) {
      const { rows } = await ctx.monitor.query(`SELECT code FROM region WHERE level = 'TOWNSHIP' AND county_code = '522698' ORDER BY code LIMIT 1`);
      const township = rows[0].code.trim();
      const lastYear = new Date().getFullYear() - 1;
      diagnostics = await diagnose(ctx, [
        { path: "/", mustContain: ["您好", "云岭县", "数据更新于"] },
        { path: `/dashboard?region=${township}`, mustContain: ["挂图作战", "乡镇"] },
        { path: `/dashboard?year=${lastYear}`, mustContain: ["挂图作战", "云岭县", `${lastYear}年`] },
        { path: "/dashboard", mustContain: ["挂图作战", "云岭县"] },
        { path: "/settings", mustContain: ["系统设置"] },
      ]);
    }
    await checkPage(ctx.base, "/dashboard", ctx.cookie, ["挂图作战", "云岭县"]);
    return { ...compared, anatomy, diagnostics };
  });
}

// ---------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------

function printSummary(result) {
  const lines = [];
  const ms = (x) => x.toFixed(2);
  lines.push(
    `\n===== 基准结果 ${result.startedAt}（${result.machine.cpus} 核 ${result.machine.cpuModel}，${result.machine.memoryGiB} GiB，Node ${result.machine.node}）=====`,
  );
  lines.push(result.postgres);
  if (result.generator) {
    const g = result.generator;
    lines.push(
      `生成器：${g.households} 户 / ${g.members} 人，${g.seconds} 秒 → ${g.householdsPerSecond} 户/秒（${g.membersPerSecond} 人/秒）；区划 ${g.regionsSeconds} 秒，${g.analyze} ${g.analyzeSeconds} 秒`,
    );
  }
  lines.push(`\n(a)(b) 数据访问层 vs 手写 SQL（各 ${result.iterations} 次交替，预热 ${result.warmup} 次；毫秒）`);
  lines.push("| 场景 | q | 命中户数 | DAL 中位数 | DAL p95 | SQL 中位数 | SQL p95 | 比值（中位数） | 比值（p95） | DAL 语句数（轮次） |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const c of result.cases ?? []) {
    const t = c.timing;
    lines.push(
      `| ${c.label} | ${c.q ?? ""} | ${c.total} | ${ms(t.dal.median)} | ${ms(t.dal.p95)} | ${ms(t.raw.median)} | ${ms(t.raw.p95)} | ${t.ratioMedian}× | ${t.ratioP95}× | ${c.dalStatements}（${c.dalWaves}） |`,
    );
  }
  lines.push("\n索引使用（EXPLAIN ANALYZE）：");
  for (const c of result.cases ?? []) {
    for (const [who, list] of [
      ["DAL", c.dalExplains],
      ["SQL", c.rawExplains],
    ]) {
      list.forEach((item, index) => {
        lines.push(
          `  ${c.key} ${who}#${index + 1}: ${item.indexes.join(", ") || "—"}${item.seqScans.length ? ` | Seq Scan: ${item.seqScans.join(", ")}` : ""} | ${item.executionMs} ms`,
        );
      });
    }
  }
  if (result.nameIndexExperiment?.length) {
    const storage = result.nameSearchStorage;
    if (storage)
      lines.push(
        `\n姓名搜索的存储：member 表 ${storage.member_table}（name_chars 列 ${storage.name_chars_column}），字符索引 ${storage.head_name_chars_idx}，前缀索引 ${storage.head_name_idx}`,
      );
    lines.push("\n户主姓名任意部分：计数语句的执行时间（EXPLAIN ANALYZE 7 次的中位数，毫秒）");
    lines.push("| 场景 | q | 方式 | 命中户数 | 执行中位数 | 索引 | 顺序扫描 |");
    lines.push("|---|---|---|---:|---:|---|---|");
    for (const row of result.nameIndexExperiment) {
      lines.push(`| ${row.key} | ${row.q} | ${row.variant} | ${row.total} | ${ms(row.medianMs)} | ${row.indexes.join(", ")} | ${row.seqScans.join(", ")} |`);
    }
  }
  if (result.http) {
    const h = result.http;
    lines.push(`\n(c) HTTP（autocannon，${h.connections} 个连接，每次 ${h.duration} 秒，顺序 列表-首页-首页-列表）`);
    for (const page of Object.values(h.pages)) lines.push(`  ${page.path} 页面大小 ${(page.bytes / 1024).toFixed(1)} KiB`);
    for (const run of h.runs) {
      lines.push(
        `  ${run.path}: ${run.requestsPerSecond} 请求/秒，延迟中位数 ${run.latencyMedianMs} ms，p99 ${run.latencyP99Ms} ms；每请求 CPU 应用 ${run.appCpuMsPerRequest} ms + 数据库 ${run.dbCpuMsPerRequest} ms`,
      );
    }
    lines.push(`  /households 平均 ${h.listRps.toFixed(1)} 请求/秒；/ 平均 ${h.homeRps.toFixed(1)} 请求/秒；比值 ${(h.ratio * 100).toFixed(1)}%`);
    lines.push(
      `  每请求 CPU（应用+数据库）：/households ${h.listCpuMsPerRequest} ms，/ ${h.homeCpuMsPerRequest} ms；按 CPU 推算的吞吐比值 ${(h.cpuRatio * 100).toFixed(1)}%`,
    );
    for (const item of h.diagnostics ?? []) {
      lines.push(
        `  诊断 ${item.path}：${(item.bytes / 1024).toFixed(1)} KiB，${item.requestsPerSecond} 请求/秒，每请求 CPU 应用 ${item.appCpuMsPerRequest} ms + 数据库 ${item.dbCpuMsPerRequest} ms`,
      );
    }
  }
  console.log(lines.join("\n"));
}

function printHttpOnlySummary(h) {
  if (!h) return;
  for (const run of h.runs)
    console.log(`  ${run.path}: ${run.requestsPerSecond} 请求/秒；每请求 CPU 应用 ${run.appCpuMsPerRequest} ms + 数据库 ${run.dbCpuMsPerRequest} ms`);
  console.log(`  比值 ${(h.ratio * 100).toFixed(1)}%（按 CPU ${(h.cpuRatio * 100).toFixed(1)}%）——仅供试验，不是记录结果`);
  for (const item of h.anatomy ?? [])
    console.log(`  页面构成 ${item.path}：${(item.bytes / 1024).toFixed(1)} KiB，RSC ${(item.flightBytes / 1024).toFixed(1)} KiB，链接 ${item.links}`);
}

function printDashboardSummary(result) {
  const lines = [];
  const ms = (x) => x.toFixed(2);
  const verdict = (ok) => (ok ? "达到" : "未达到");
  lines.push(
    `\n===== 挂图作战基准结果 ${result.startedAt}（${result.machine.cpus} 核 ${result.machine.cpuModel}，${result.machine.memoryGiB} GiB，Node ${result.machine.node}；开始时负载 ${result.machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(" ")}）=====`,
  );
  lines.push(result.postgres);
  lines.push(`年度 ${result.year}，统计日期 ${result.today}`);
  lines.push("\n数据量");
  lines.push("| 档 | 县 | 户 | 人（在户） | 乡镇 | 村 | 措施 | 走访 | 核验表 | 汇总表行（全部 / 村级 / 村级本年+现状 / 县视图读取） | 年度数 | 生成 户/秒 |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const key of ["S", "M"]) {
    const size = result.sizes[key];
    const tier = result.tiers[key];
    lines.push(
      `| ${key} | ${tier.name} ${tier.countyCode6} | ${size.households} | ${size.people}（${size.present}） | ${size.townships} | ${size.villages} | ${size.measures} | ${size.visits} | ${size.exit_sheets} | ${size.rollup_rows} / ${size.rollup_village_rows} / ${size.rollup_village_rows_of_year} / ${size.county_view_rows} | ${size.rollup_years} | ${result.generator[key].householdsPerSecond} |`,
    );
  }
  lines.push("\n统计更新（refreshIndicators）");
  lines.push("| 档 | 方式 | 户 | 村 | 用时（秒） |");
  lines.push("|---|---|---:|---:|---:|");
  for (const run of result.refreshes.filter((item) => item.kind !== "incremental")) {
    lines.push(`| ${run.tier} | ${run.kind} | ${run.households} | ${run.villages} | ${(run.wallMs / 1000).toFixed(1)} |`);
  }
  for (const key of ["S", "M"]) {
    const inc = result.incrementalSummary[key];
    lines.push(
      `| ${key} | incremental（${inc.touched} 户，${inc.rounds} 轮的中位数 / 最大） | ${inc.touched} | ${inc.villages.median} | ${(inc.wallMs.median / 1000).toFixed(2)} / ${(inc.wallMs.max / 1000).toFixed(2)} |`,
    );
  }
  lines.push(`\n(a) loadDashboard vs 手写 SQL（各 ${result.iterations} 次交替，预热 ${result.warmup} 次；毫秒）`);
  lines.push("| 档 | 手写 SQL | DAL 中位数 | DAL p95 | SQL 中位数 | SQL p95 | 比值（中位数） | 比值（p95） |");
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const key of ["S", "M"]) {
    for (const name of ["read", "aggregate"]) {
      const t = result.dalVsRaw[name][key];
      lines.push(`| ${key} | ${name} | ${ms(t.a.median)} | ${ms(t.a.p95)} | ${ms(t.b.median)} | ${ms(t.b.p95)} | ${t.ratioMedian}× | ${t.ratioP95}× |`);
    }
  }
  lines.push(`  read：${result.rawSql.read.replace(/\s+/g, " ")}`);
  lines.push(`  aggregate：${result.rawSql.aggregate.replace(/\s+/g, " ")}`);
  lines.push(`  loadDashboard 在 M 档发出 ${result.dal.statements} 条语句，最长依次等待 ${result.dal.roundTrips} 轮`);
  for (const [index, item] of result.dal.explains.entries()) {
    lines.push(
      `  DAL#${index + 1} ${item.sql.slice(0, 80).replace(/\s+/g, " ")}… | ${item.indexes.join(", ") || "—"}${item.seqScans.length ? ` | Seq Scan: ${item.seqScans.join(", ")}` : ""} | ${item.executionMs} ms`,
    );
  }
  for (const name of ["read", "aggregate"]) {
    for (const key of ["S", "M"]) {
      const item = result.rawExplains[name][key];
      lines.push(
        `  SQL ${name} ${key}: ${item.indexes.join(", ") || "—"}${item.seqScans.length ? ` | Seq Scan: ${item.seqScans.join(", ")}` : ""} | ${item.executionMs} ms`,
      );
    }
  }
  lines.push(`\n(b) M 档 vs S 档（各 ${result.iterations} 次交替；毫秒）`);
  lines.push("| 调用 | M 中位数 | M p95 | S 中位数 | S p95 | M/S（中位数） | M/S（p95） |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const [name, t] of Object.entries(result.tierRatio)) {
    lines.push(`| ${name} | ${ms(t.a.median)} | ${ms(t.a.p95)} | ${ms(t.b.median)} | ${ms(t.b.p95)} | ${t.ratioMedian}× | ${t.ratioP95}× |`);
  }
  const a = result.dalVsRaw.read.M.ratioMedian;
  const aggregate = result.dalVsRaw.aggregate.M.ratioMedian;
  const b = result.tierRatio.loadDashboard.ratioMedian;
  lines.push(`\n目标 (a) M 档 loadDashboard ≤ 2× 手写 SQL：对它所代表的读取 ${a}× → ${verdict(a <= 2)}；对村级汇总 ${aggregate}× → ${verdict(aggregate <= 2)}`);
  lines.push(`目标 (b) loadDashboard M/S < 2×：${b}× → ${verdict(b < 2)}`);
  if (result.http) {
    const h = result.http;
    lines.push(`\n(c) HTTP（autocannon，${h.connections} 个连接，每次 ${h.duration} 秒，顺序 挂图作战-设置-设置-挂图作战）`);
    for (const page of Object.values(h.pages)) lines.push(`  ${page.path} 页面大小 ${(page.bytes / 1024).toFixed(1)} KiB`);
    for (const run of h.runs) {
      lines.push(
        `  ${run.path}: ${run.requestsPerSecond} 请求/秒，延迟中位数 ${run.latencyMedianMs} ms，p99 ${run.latencyP99Ms} ms；每请求 CPU 应用 ${run.appCpuMsPerRequest} ms + 数据库 ${run.dbCpuMsPerRequest} ms`,
      );
    }
    lines.push(
      `  /dashboard 平均 ${h.measuredRps.toFixed(1)} 请求/秒；/settings 平均 ${h.referenceRps.toFixed(1)} 请求/秒；比值 ${(h.ratio * 100).toFixed(1)}%`,
    );
    lines.push(
      `  每请求 CPU（应用+数据库）：/dashboard ${h.measuredCpuMsPerRequest} ms，/settings ${h.referenceCpuMsPerRequest} ms；按 CPU 推算的吞吐比值 ${(h.cpuRatio * 100).toFixed(1)}%`,
    );
    lines.push(`目标 (c) /dashboard ≥ 50% /settings 的请求/秒：${(h.ratio * 100).toFixed(1)}% → ${verdict(h.ratio >= 0.5)}`);
    for (const item of h.anatomy ?? []) {
      lines.push(
        `  页面构成 ${item.path}：${(item.bytes / 1024).toFixed(1)} KiB（UTF-8），其中 ${item.svgCount} 个 SVG 图 ${(item.svgBytes / 1024).toFixed(1)} KiB，RSC 数据脚本 ${(item.flightBytes / 1024).toFixed(1)} KiB（其中再次内嵌的 SVG ${(item.flightSvgBytes / 1024).toFixed(1)} KiB）；链接 ${item.links} 个，表格行 ${item.tableRows} 行`,
      );
    }
    for (const item of h.diagnostics ?? []) {
      lines.push(
        `  诊断 ${item.path}：${(item.bytes / 1024).toFixed(1)} KiB，${item.requestsPerSecond} 请求/秒，每请求 CPU 应用 ${item.appCpuMsPerRequest} ms + 数据库 ${item.dbCpuMsPerRequest} ms`,
      );
    }
  }
  console.log(lines.join("\n"));
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.TZ = "Asia/Shanghai";
fs.mkdirSync(outDir, { recursive: true });
/** The summary of `--quality` (bench/quality-bench.ts). */
function printQualitySummary(result) {
  const { scan, incremental: inc } = result;
  console.log(`\n疑点数据（${scan.households} 户）`);
  console.log(
    `  全量扫描：${scan.seconds} 秒（${scan.householdsPerSecond} 户/秒），${scan.hits} 条；进程常驻内存峰值 ${scan.rssPeakMiB} MiB（扫描前 ${scan.rssBaselineMiB} MiB）`,
  );
  if (inc) {
    console.log(
      `  增量刷新（${inc.touch} 户，${inc.rounds.length} 轮）中位数：${inc.refreshNow.median} ms；其中跨户规则 按组 ${inc.byGroup.median} ms，全县重算 ${inc.wholeCounty.median} ms`,
    );
    console.log(`  改前（全县重算）的增量刷新估计：${inc.refreshBeforeEstimateMedianMs} ms`);
  }
  if (result.onSave) {
    const { households, checkMs, saveMs, checkShareOfSave } = result.onSave;
    console.log(
      `  保存即查（${households} 户）：检查 中位数 ${checkMs.median} ms、p95 ${checkMs.p95} ms；成员保存 中位数 ${saveMs.median} ms、p95 ${saveMs.p95} ms；检查占保存 中位数 ${Math.round(checkShareOfSave.median * 100)}%、p95 ${Math.round(checkShareOfSave.p95 * 100)}%`,
    );
  }
}

const reuse = args["reuse-database"];
const database = reuse ?? `bench_${process.pid}`;
const jsonFile = path.join(
  outDir,
  `${args.quality ? "quality" : args.dashboard ? "dashboard" : "bench"}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
);
// --dashboard with --reuse-database measures only (c) on a database a `--dashboard --keep-database` run left:
// for trying a change to the page; a recorded result is always a full run.
const httpOnly = Boolean(args.dashboard && reuse);
const server = await ensureDatabaseServer({ log });
let created = false;
let failed = false;
let cleaned = null;

/** Stops the app, drops the scratch database, stops the server if we started it: exactly once. */
function cleanup() {
  cleaned ??= (async () => {
    stopProcessGroup(running.app);
    if (running.child && running.child.exitCode === null) running.child.kill("SIGTERM");
    if (created && !args["keep-database"]) {
      await dropDatabase(server, database).then(
        () => log(`临时数据库 ${database} 已删除`),
        (error) => console.error(`[bench] 删除临时数据库 ${database} 失败：${error.message}`),
      );
    } else if (created) {
      log(`保留数据库 ${database}（--keep-database）；用完请删除`);
    }
    await server.stop();
  })();
  return cleaned;
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`[bench] 收到 ${signal}，清理后退出`);
    cleanup().finally(() => process.exit(130));
  });
}

try {
  const databaseUrl = server.urlFor(database);
  await dropStaleBenchDatabases(server);
  if (!reuse) {
    await ensureDatabase(server, database);
    created = true;
    log(`临时数据库 ${database} 已创建`);
    await applyMigrations(databaseUrl);
  }
  const childEnv = { DATABASE_URL: databaseUrl, AUTH_SECRET, TZ: "Asia/Shanghai", TWO_FACTOR_MODE };
  if (httpOnly) {
    fs.writeFileSync(jsonFile, JSON.stringify({ startedAt: new Date().toISOString(), httpOnly: true }));
  } else if (args.quality) {
    await runBenchScript(
      "bench/quality-bench.ts",
      ["--out", jsonFile, "--households", args.households, "--touch", args.touch, "--rounds", args.rounds, "--on-save", args["on-save"]],
      childEnv,
    );
  } else if (args.dashboard) {
    await runBenchScript(
      "bench/dashboard-bench.ts",
      [
        "--out",
        jsonFile,
        "--households-m",
        args.households,
        "--households-s",
        args["households-s"],
        "--iterations",
        args.iterations,
        "--warmup",
        args.warmup,
        "--touch",
        args.touch,
        "--incremental-rounds",
        args["incremental-rounds"],
      ],
      childEnv,
    );
  } else {
    await runBenchScript(
      "bench/db-bench.ts",
      [
        "--out",
        jsonFile,
        "--households",
        args.households,
        "--iterations",
        args.iterations,
        "--warmup",
        args.warmup,
        ...(reuse ? ["--skip-generate"] : []),
        ...(args["analyze-only"] ? ["--analyze-only"] : []),
      ],
      childEnv,
    );
  }
  const result = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
  result.command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  result.host = { hostname: os.hostname(), loadAverageBeforeHttp: os.loadavg() };
  if (!args["skip-http"] && !args.quality)
    result.http = args.dashboard ? await dashboardHttpBench(databaseUrl, database) : await listHttpBench(databaseUrl, database, result.samples);
  result.host.loadAverageAtEnd = os.loadavg();
  result.finishedAt = new Date().toISOString();
  fs.writeFileSync(jsonFile, JSON.stringify(result, null, 2));
  if (httpOnly) printHttpOnlySummary(result.http);
  else if (args.quality) printQualitySummary(result);
  else (args.dashboard ? printDashboardSummary : printSummary)(result);
  log(`完整结果（含 EXPLAIN 全文）：${path.relative(projectRoot, jsonFile)}`);
} catch (error) {
  failed = true;
  console.error(`[bench] 失败：${error.message}`);
  if (/shutting down|terminating connection|ECONNREFUSED/.test(error.message)) {
    console.error("[bench] 数据库服务器在运行中被停止（多半是启动它的另一个脚本结束了）；请重新运行");
  }
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
