// The national import at tier M (issue 13, "Scale"): one file of --rows person rows (default 340 000) through the
// real pipeline — upload, streaming read and checks, merge — against a plain PostgreSQL COPY of the same rows, in
// the same run; peak RSS of this process (which is the importing app here). Not a test: it prints ratios.
//
//   node --import tsx --conditions=react-server bench/import-bench.ts [--rows 340000] [--keep-database] [--workbook file.xlsx]
//
// 1. A scratch database bench_import_<pid> on the embedded server (or DATABASE_URL's), migrated, seedBase.
// 2. The workbook is written by scripts/generate-national-workbook.ts in a child process (its memory is not ours).
// 3. Timed first: the spreadsheet reader alone over the file (no checks, no writes), the floor under any import.
//    Then timed, in this process: uploadImport, processBatch (read + checks + staging), mergeImport (mode ALL).
//    RSS is sampled every 50 ms from before the upload to the end of the merge.
// 4. COPY baseline: the merged households, members and incomes are written out with COPY TO (untimed), then
//    COPY FROM into empty copies of the three tables (CREATE TABLE … (LIKE … INCLUDING DEFAULTS)) is timed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
// @ts-expect-error plain ESM helpers shared with the start script
import { applyMigrations } from "../scripts/lib/migrations.mjs";
// @ts-expect-error plain ESM helpers shared with the start script
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from "../scripts/lib/postgres.mjs";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "340000" }, "keep-database": { type: "boolean", default: false }, workbook: { type: "string" } },
});
const targetRows = Number(values.rows);
/** The generator draws 1–5 members per household: 3 on average. */
const households = Math.max(1, Math.round(targetRows / 3));

const work = fs.mkdtempSync(path.join(os.tmpdir(), "import-bench-"));
// The database server (user postgres) writes and reads the COPY files here.
fs.chmodSync(work, 0o777);
// --workbook F: use F if it exists (written by an earlier run with the same --rows), else write it there and keep it.
const file = values.workbook ?? path.join(work, "national.xlsx");
const server = await ensureDatabaseServer({ log: () => {} });
const database = `bench_import_${process.pid}`;
try {
  const appUrl: string = server.requireAppUrlFor(database);
  await ensureDatabase(server, database);
  const ownerUrl: string = server.urlFor(database);
  await applyMigrations(ownerUrl, { appUrl });
  process.env.DATABASE_URL = appUrl;
  process.env.ATTACHMENT_DIR = path.join(work, "attachments");
  process.env.AUTH_SECRET ??= "import-bench-secret-import-bench-secret";
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { prismaAdapter } = await import("@/lib/database-adapter");
  const { seedBase } = await import("@/prisma/seed");
  const owner = new PrismaClient({ adapter: prismaAdapter(ownerUrl) });
  await seedBase(owner);
  await owner.$disconnect();

  if (!fs.existsSync(file)) {
    const generated = spawnSync("npx", ["tsx", "scripts/generate-national-workbook.ts", "--households", String(households), "--seed", "7", "--out", file], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (generated.status !== 0) throw new Error(`生成失败：${generated.stderr}`);
    console.log(generated.stdout.trim());
  } else console.log(`使用已有文件 ${file}`);

  const { actorFromUser } = await import("@/lib/auth/actor");
  const { db } = await import("@/lib/db");
  const { uploadImport, mergeImport } = await import("@/lib/imports/commands");
  const { processBatch } = await import("@/lib/imports/process");
  const user = await db.user.findFirstOrThrow({
    where: { username: "county" },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      region: { select: { code: true, name: true, level: true, countyCode: true, townshipCode: true } },
      leaderTownships: { select: { townshipCode: true } },
    },
  });
  const actor = actorFromUser(user as Parameters<typeof actorFromUser>[0], "127.0.0.1");

  // The spreadsheet reader alone (exceljs' streaming reader, as the pipeline opens it), before anything
  // else: the floor under any import of this file, whatever the checks and the writes cost.
  const { createWorkbookReader } = await import("@/lib/imports/workbook-reader");
  const readStarted = performance.now();
  let rowsReadOnly = 0;
  const readOnly = createWorkbookReader(fs.createReadStream(file), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "emit",
  });
  for await (const worksheet of readOnly) for await (const _row of worksheet) rowsReadOnly++;
  const readOnlyMs = performance.now() - readStarted;

  let peak = process.memoryUsage.rss();
  const baseline = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  const bytes = new Uint8Array(fs.readFileSync(file));
  const { batchId } = await uploadImport(actor, { file: { name: "national.xlsx", bytes } });
  await processBatch(batchId);
  const checked = performance.now();
  const batch = await db.importBatch.findUniqueOrThrow({ where: { id: batchId } });
  if (batch.status !== "VALIDATED" || batch.issueCount > 0) throw new Error(`校验未通过：${batch.status} ${batch.message ?? ""} 错误 ${batch.issueCount}`);
  const merged = await mergeImport(actor, { batchId, mode: "ALL", incomeYear: "2023" });
  const finished = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());

  // The COPY baseline on the same rows.
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const copyTimes: number[] = [];
  for (const table of ["household", "member", "income_record"]) {
    const csv = path.join(work, `${table}.csv`);
    await client.query(`COPY (SELECT * FROM ${table} WHERE county_code = '522698') TO '${csv}' WITH (FORMAT csv)`);
    await client.query(`CREATE TABLE copy_${table} (LIKE ${table} INCLUDING DEFAULTS)`);
    const begin = performance.now();
    await client.query(`COPY copy_${table} FROM '${csv}' WITH (FORMAT csv)`);
    copyTimes.push(performance.now() - begin);
  }
  await client.end();
  const copyMs = copyTimes.reduce((sum, value) => sum + value, 0);

  const rows = batch.rowsTotal;
  const importMs = finished - started;
  const result = {
    rows,
    households: merged.households,
    members: merged.members,
    fileBytes: bytes.length,
    uploadAndCheckSeconds: +((checked - started) / 1000).toFixed(1),
    mergeSeconds: +((finished - checked) / 1000).toFixed(1),
    importSeconds: +(importMs / 1000).toFixed(1),
    importRowsPerSecond: Math.round(rows / (importMs / 1000)),
    copySeconds: +(copyMs / 1000).toFixed(2),
    copyRowsPerSecond: Math.round(rows / (copyMs / 1000)),
    importVsCopy: `${((copyMs / importMs) * 100).toFixed(1)} %`,
    readOnlySeconds: +(readOnlyMs / 1000).toFixed(1),
    readOnlyRows: rowsReadOnly,
    readOnlyVsCopy: `${((copyMs / readOnlyMs) * 100).toFixed(1)} %`,
    mergeVsCopy: `${((copyMs / (finished - checked)) * 100).toFixed(1)} %`,
    peakRssMiB: Math.round(peak / 1024 / 1024),
    rssBeforeMiB: Math.round(baseline / 1024 / 1024),
  };
  console.log(JSON.stringify(result, null, 2));
  await db.$disconnect();
} finally {
  if (!values["keep-database"]) await dropDatabase(server, database).catch(() => {});
  await server.stop?.();
  fs.rmSync(work, { recursive: true, force: true });
}
