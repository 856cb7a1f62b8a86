// The database half of `npm run bench` (started by bench/run.mjs on a scratch database; not a test).
//
//   node --import tsx --conditions=react-server bench/db-bench.ts --out FILE [--households N] [--iterations N] [--skip-generate]
//
// 1. Seeds the base rows (seedBase) and generates a full-size synthetic county (households/second).
// 2. (a) the household list's first page and (b) searches, each through the data access layer
//    (lib/households/find-households.ts, exactly as the /households page calls it) and through
//    equivalent hand-written SQL on `pg`, alternated in one run: median, p95, ratio DAL/raw.
// 3. EXPLAIN (ANALYZE, BUFFERS) of every statement Prisma actually issued for each case (captured
//    with a query-event client) and of the hand-written SQL, with the indexes each plan uses.
// 4. For the 户主 name cases: the app's characters index against a plain LIKE with and without a
//    (temporary) pg_trgm index (nameIndexExperiment).
// Writes everything as JSON to --out; bench/run.mjs prints the summary.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { findHouseholds, type HouseholdListRow } from "@/lib/households/find-households";
import { classifySearch } from "@/lib/households/rules";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { maskIdNumber } from "@/lib/members/id-number";
import { COUNT_CAP, ZPageParams, type Page } from "@/lib/pagination";
import { distinctCharacters, escapeLike } from "@/lib/search";
import { DEMO_COUNTY } from "@/prisma/demo-county";
import { captureDalQueries, compareAlternated, explain, explainCaptured, log, sequentialRoundTrips, stats, type Explained } from "./measure";
import { generateCounty, seedBaseRows, signInAs } from "./scratch-county";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    households: { type: "string", default: "75000" },
    iterations: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    "skip-generate": { type: "boolean", default: false },
    "analyze-only": { type: "boolean", default: false },
  },
});
const connectionString = process.env.DATABASE_URL;
if (!connectionString || !args.out) {
  console.error("用法：DATABASE_URL=… node --import tsx --conditions=react-server bench/db-bench.ts --out FILE");
  process.exit(2);
}
const HOUSEHOLDS = Number(args.households);
const ITERATIONS = Number(args.iterations);
const WARMUP = Number(args.warmup);
const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);

/** DAL against hand-written SQL, alternated. */
async function compare(dal: () => Promise<unknown>, raw: () => Promise<unknown>) {
  const { a, b, ratioMedian, ratioP95 } = await compareAlternated(dal, raw, { iterations: ITERATIONS, warmup: WARMUP });
  return { dal: a, raw: b, ratioMedian, ratioP95 };
}

// ---------------------------------------------------------------------------
// Preparation: base seed + synthetic county
// ---------------------------------------------------------------------------

async function prepare(client: pg.Client) {
  await seedBaseRows(connectionString!);
  const generated = await generateCounty(client, { code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, households: HOUSEHOLDS });
  // VACUUM (ANALYZE) by default: the state autovacuum reaches within a minute or two of a bulk
  // load (visibility map set, so index-only scans are possible), and no autovacuum run changes
  // the plans halfway through the measurements. --analyze-only measures the state straight
  // after the load instead.
  const analyzeStarted = performance.now();
  await client.query(args["analyze-only"] ? "ANALYZE" : "VACUUM (ANALYZE)");
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  log(
    `生成完成：${generated.households} 户 ${generated.members} 人，${generated.seconds.toFixed(1)} 秒，${generated.householdsPerSecond} 户/秒；${args["analyze-only"] ? "ANALYZE" : "VACUUM (ANALYZE)"} ${analyzeSeconds.toFixed(1)} 秒`,
  );
  const { countyCode6: _county, ...generator } = generated;
  return {
    ...generator,
    analyze: args["analyze-only"] ? "ANALYZE" : "VACUUM (ANALYZE)",
    analyzeSeconds: Math.round(analyzeSeconds * 100) / 100,
  };
}

// ---------------------------------------------------------------------------
// The hand-written equivalent of findHouseholds (county scope, default sort householdNo asc)
// ---------------------------------------------------------------------------

type RawCase = { condition: string; params: unknown[] };

/** The search condition on household `h`, mirroring lib/households/find-households.ts buildHouseholdWhere. */
function rawCondition(q: string | undefined, firstParam: number): RawCase {
  const search = classifySearch(q);
  const p = `$${firstParam}`;
  switch (search.kind) {
    case "none":
      return { condition: "", params: [] };
    case "idSuffix":
      return {
        condition: `AND EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND m.county_code = $1 AND m.id_number_reversed LIKE reverse(${p}::text) || '%')`,
        params: [search.value],
      };
    case "idNumber":
      return {
        condition: `AND EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND m.county_code = $1 AND m.id_number = ${p})`,
        params: [search.value],
      };
    case "householdNo":
      return { condition: `AND h.household_no = ${p}`, params: [search.value] };
    case "name":
      return {
        condition: `AND EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND m.county_code = $1 AND m.relation = 'HEAD' AND m.status = 'PRESENT' AND ${nameMatch(search.value, firstParam)})`,
        params: nameMatchParams(search.value),
      };
    case "tooLong":
      return { condition: "AND FALSE", params: [] };
  }
}

/** Any part of a 户主 name, as the DAL searches it: the characters (GIN index), then the exact substring unless q is one character. */
const singleCharacter = (q: string) => [...q].length === 1;
const nameMatch = (q: string, firstParam: number) =>
  singleCharacter(q) ? `m.name_chars @> $${firstParam}::text[]` : `m.name_chars @> $${firstParam}::text[] AND m.name LIKE $${firstParam + 1}`;
const nameMatchParams = (q: string) => (singleCharacter(q) ? [distinctCharacters(q)] : [distinctCharacters(q), `%${escapeLike(q)}%`]);

function rawPageSql(condition: string) {
  return `
SELECT h.id, h.household_no, h.attribute, h.status, h.primary_cause, h.identification_year,
       t.name AS township_name, v.name AS village_name, u.display_name AS helper_name,
       pm.member_count, pm.head_name, pm.head_id
FROM (SELECT h.id, h.household_no, h.attribute, h.status, h.primary_cause, h.identification_year,
             h.township_code, h.village_code, h.helper_id
      FROM household h
      WHERE h.county_code = $1 ${condition}
      ORDER BY h.household_no
      LIMIT $2 OFFSET $3) h
JOIN region t ON t.code = h.township_code
JOIN region v ON v.code = h.village_code
JOIN app_user u ON u.id = h.helper_id
CROSS JOIN LATERAL (
  SELECT count(*)::int AS member_count,
         min(m.name) FILTER (WHERE m.relation = 'HEAD') AS head_name,
         min(m.id_number) FILTER (WHERE m.relation = 'HEAD') AS head_id
  FROM member m WHERE m.household_id = h.id AND m.status = 'PRESENT') pm
ORDER BY h.household_no`;
}

/** Counts up to COUNT_CAP + 1 rows, as the app does (lib/pagination.ts). */
function rawCountSql(condition: string) {
  return `SELECT count(*)::int AS total FROM (SELECT 1 FROM household h WHERE h.county_code = $1 ${condition} LIMIT ${COUNT_CAP + 1}) capped`;
}

type RawRow = {
  id: string;
  household_no: string;
  attribute: string;
  status: string;
  primary_cause: string;
  identification_year: number;
  township_name: string;
  village_name: string;
  helper_name: string;
  member_count: number;
  head_name: string | null;
  head_id: string | null;
};

async function rawFindHouseholds(pool: pg.Pool, countyCode: string, q: string | undefined, page: number, pageSize: number): Promise<Page<HouseholdListRow>> {
  // Parameters 2 and 3 are LIMIT/OFFSET in the page query; the count query uses $2 for the search.
  const pageCase = rawCondition(q, 4);
  const countCase = rawCondition(q, 2);
  const [rows, count] = await Promise.all([
    pool.query<RawRow>(rawPageSql(pageCase.condition), [countyCode, pageSize, (page - 1) * pageSize, ...pageCase.params]),
    pool.query<{ total: number }>(rawCountSql(countCase.condition), [countyCode, ...countCase.params]),
  ]);
  const counted = count.rows[0].total;
  const total = Math.min(counted, COUNT_CAP);
  return {
    rows: rows.rows.map((row) => ({
      id: row.id,
      householdNo: row.household_no,
      townshipName: row.township_name,
      villageName: row.village_name,
      headName: row.head_name,
      headIdMasked: row.head_id ? maskIdNumber(row.head_id) : null,
      memberCount: row.member_count,
      attribute: row.attribute,
      status: row.status,
      primaryCause: row.primary_cause,
      identificationYear: row.identification_year,
      helperName: row.helper_name,
    })),
    total,
    totalIsAtLeast: counted > COUNT_CAP,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

// ---------------------------------------------------------------------------
// Which index for "any part of a 户主 name"
// ---------------------------------------------------------------------------

type NameIndexRow = { key: string; q: string; variant: string; total: number; medianMs: number; indexes: string[]; seqScans: string[]; plan: string };

/**
 * Why the app searches names through the characters index (member_head_name_chars_idx) and not
 * pg_trgm: the hand-written capped count of each name case as a plain `name LIKE '%…%'`, first
 * with the migrated indexes only, then with a partial pg_trgm GIN index created here, on the
 * scratch database only, and dropped again; next to the condition the app uses.
 */
async function nameIndexExperiment(pool: pg.Pool, countyCode: string, searches: { key: string; q: string }[]) {
  const likeOnly = rawCountSql(
    `AND EXISTS (SELECT 1 FROM member m WHERE m.household_id = h.id AND m.county_code = $1 AND m.relation = 'HEAD' AND m.status = 'PRESENT' AND m.name LIKE $2)`,
  );
  const measure = async (key: string, q: string, variant: string, sql: string, params: unknown[]): Promise<NameIndexRow> => {
    const runs: Explained[] = [];
    for (let i = 0; i < 7; i++) runs.push(await explain(pool, sql, params));
    const { total } = (await pool.query<{ total: number }>(sql, params)).rows[0];
    const last = runs[runs.length - 1];
    const row = {
      key,
      q,
      variant,
      total,
      medianMs: stats(runs.map((run) => run.executionMs ?? 0)).median,
      indexes: last.indexes,
      seqScans: last.seqScans,
      plan: last.plan,
    };
    log(
      `  ${key} ${JSON.stringify(q)} ${variant}：${total} 户，执行中位数 ${row.medianMs} ms；索引 ${row.indexes.join(", ") || "无"}${row.seqScans.length ? `；顺序扫描 ${row.seqScans.join(", ")}` : ""}`,
    );
    return row;
  };
  log("户主姓名任意部分：字符索引（应用所用）与 pg_trgm 的对比（手写的计数语句，EXPLAIN ANALYZE 7 次取中位数）");
  const rows: NameIndexRow[] = [];
  for (const { key, q } of searches) {
    const chars = rawCondition(q, 2);
    rows.push(await measure(key, q, "app: name_chars @> (+ LIKE)", rawCountSql(chars.condition), [countyCode, ...chars.params]));
    rows.push(await measure(key, q, "LIKE only, no pg_trgm", likeOnly, [countyCode, `%${escapeLike(q)}%`]));
  }
  const existed = (await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).rowCount;
  try {
    await pool.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    await pool.query(`CREATE INDEX bench_member_head_name_trgm_idx ON member USING gin (name gin_trgm_ops) WHERE relation = 'HEAD' AND status = 'PRESENT'`);
    for (const { key, q } of searches) rows.push(await measure(key, q, "LIKE only, pg_trgm GIN", likeOnly, [countyCode, `%${escapeLike(q)}%`]));
  } finally {
    await pool.query("DROP INDEX IF EXISTS bench_member_head_name_trgm_idx");
    if (!existed) await pool.query("DROP EXTENSION IF EXISTS pg_trgm");
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function pickSamples(client: pg.Client) {
  // Deterministic picks from the middle of the county (the generator is seeded).
  const { rows: counts } = await client.query<{ members: number; heads: number }>(
    `SELECT count(*)::int AS members, count(*) FILTER (WHERE relation = 'HEAD' AND status = 'PRESENT')::int AS heads FROM member WHERE county_code = $1`,
    [COUNTY6],
  );
  const memberAt = (fraction: number) =>
    client.query<{ id_number: string; household_id: string }>(
      `SELECT id_number, household_id FROM member WHERE county_code = $1 ORDER BY id OFFSET $2 LIMIT 1`,
      [COUNTY6, Math.floor(counts[0].members * fraction)],
    );
  const member = await memberAt(0.37);
  const other = await memberAt(0.71);
  const head = await client.query<{ name: string }>(
    `SELECT name FROM member WHERE county_code = $1 AND relation = 'HEAD' AND status = 'PRESENT' AND length(name) >= 3 ORDER BY id OFFSET $2 LIMIT 1`,
    [COUNTY6, Math.floor(counts[0].heads * 0.5)],
  );
  if (!member.rowCount || !other.rowCount || !head.rowCount) throw new Error("数据量不足，无法取样（需要约 75 000 户）");
  const surnameCounts = await client.query<{ surname: string; households: number }>(
    `SELECT left(name, 1) AS surname, count(*)::int AS households FROM member
     WHERE county_code = $1 AND relation = 'HEAD' AND status = 'PRESENT' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    [COUNTY6],
  );
  return {
    idSuffix6: member.rows[0].id_number.trim().slice(-6),
    idSuffix4: member.rows[0].id_number.trim().slice(-4),
    idFull: other.rows[0].id_number.trim(),
    name2: head.rows[0].name.slice(0, 2),
    surname1: surnameCounts.rows[0].surname,
    nameLast2: head.rows[0].name.slice(-2),
    nameMiddle1: head.rows[0].name.slice(1, 2),
    nameFull: head.rows[0].name,
  };
}

async function main() {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const pool = new pg.Pool({ connectionString, max: 10 });
  const output: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    iterations: ITERATIONS,
    warmup: WARMUP,
  };
  try {
    output.postgres = (await client.query<{ version: string }>("SELECT version()")).rows[0].version;
    if (!args["skip-generate"]) output.generator = await prepare(client);
    const sizes = await client.query<{ households: number; members: number; present: number }>(
      `SELECT (SELECT count(*)::int FROM household) AS households, (SELECT count(*)::int FROM member) AS members,
              (SELECT count(*)::int FROM member WHERE status = 'PRESENT') AS present`,
    );
    output.sizes = sizes.rows[0];
    const storage = await client.query<{ member_table: string; name_chars_column: string; head_name_chars_idx: string; head_name_idx: string }>(
      `SELECT pg_size_pretty(pg_table_size('member')) AS member_table,
              pg_size_pretty(sum(pg_column_size(name_chars))) AS name_chars_column,
              pg_size_pretty(pg_relation_size('member_head_name_chars_idx')) AS head_name_chars_idx,
              pg_size_pretty(pg_relation_size('member_head_name_idx')) AS head_name_idx
       FROM member`,
    );
    output.nameSearchStorage = storage.rows[0];
    log(
      `姓名搜索的存储：member 表 ${storage.rows[0].member_table}，其中 name_chars 列 ${storage.rows[0].name_chars_column}；字符索引 ${storage.rows[0].head_name_chars_idx}，前缀索引 ${storage.rows[0].head_name_idx}`,
    );
    log(`数据量：${sizes.rows[0].households} 户，${sizes.rows[0].members} 人（在户 ${sizes.rows[0].present}）`);

    const actor: Actor = await signInAs("county");
    log(`已登录 county（${actor.role}，${actor.regionName}）`);
    const samples = await pickSamples(client);
    output.samples = samples;

    const paging = ZPageParams.parse({});
    const cases: { key: string; label: string; q: string | undefined }[] = [
      { key: "list", label: "(a) 户档列表第 1 页（无搜索）", q: undefined },
      { key: "idSuffix6", label: "(b) 身份证号后 6 位", q: samples.idSuffix6 },
      { key: "idSuffix4", label: "(b) 身份证号后 4 位", q: samples.idSuffix4 },
      { key: "idFull", label: "(b) 完整身份证号", q: samples.idFull },
      { key: "name2", label: "(b) 户主姓名前 2 字", q: samples.name2 },
      { key: "surname1", label: "(b) 户主姓名含最常见的姓（1 字）", q: samples.surname1 },
      { key: "nameLast2", label: "(b) 户主姓名后 2 字（名）", q: samples.nameLast2 },
      { key: "nameMiddle1", label: "(b) 户主姓名中间 1 字", q: samples.nameMiddle1 },
      { key: "nameFull", label: "(b) 户主姓名全名（3 字）", q: samples.nameFull },
    ];
    const results: Record<string, unknown>[] = [];
    for (const testCase of cases) {
      const filter = ZHouseholdFilter.parse(testCase.q === undefined ? {} : { q: testCase.q });
      const dal = () => findHouseholds(actor, filter, paging);
      const raw = () => rawFindHouseholds(pool, actor.countyCode, filter.q, paging.page, paging.pageSize);

      // Same rows, or the comparison means nothing.
      const [dalPage, rawPage] = [await dal(), await raw()];
      if (JSON.stringify(dalPage) !== JSON.stringify(rawPage)) {
        console.error(JSON.stringify({ dalPage, rawPage }, null, 2));
        throw new Error(`${testCase.key}: 数据访问层与手写 SQL 的结果不一致`);
      }
      log(`${testCase.label}：q=${JSON.stringify(testCase.q ?? "")} → ${dalPage.total} 户，本页 ${dalPage.rows.length} 行（两者一致）`);

      const timing = await compare(dal, raw);
      log(
        `  DAL 中位数 ${timing.dal.median.toFixed(2)} ms（p95 ${timing.dal.p95.toFixed(2)}），手写 SQL ${timing.raw.median.toFixed(2)} ms（p95 ${timing.raw.p95.toFixed(2)}），比值 ${timing.ratioMedian}×（p95 ${timing.ratioP95}×）`,
      );

      const captured = await captureDalQueries(connectionString!, dal);
      const dalExplains = await explainCaptured(pool, captured);
      const pageCase = rawCondition(filter.q, 4);
      const countCase = rawCondition(filter.q, 2);
      const rawExplains = [
        await explain(pool, rawPageSql(pageCase.condition), [actor.countyCode, paging.pageSize, 0, ...pageCase.params]),
        await explain(pool, rawCountSql(countCase.condition), [actor.countyCode, ...countCase.params]),
      ];
      for (const [who, list] of [
        ["DAL", dalExplains],
        ["raw", rawExplains],
      ] as const) {
        list.forEach((item, index) =>
          log(
            `  ${who} #${index + 1}: 索引 ${item.indexes.join(", ") || "无"}${item.seqScans.length ? `；顺序扫描 ${item.seqScans.join(", ")}` : ""}；执行 ${item.executionMs} ms`,
          ),
        );
      }
      const dalWaves = sequentialRoundTrips(captured);
      log(`  DAL 发出 ${captured.length} 条语句，其中最长依次等待 ${dalWaves} 轮；手写 SQL 2 条并行，1 轮`);
      results.push({
        ...testCase,
        total: dalPage.total,
        rowsOnPage: dalPage.rows.length,
        timing,
        dalStatements: captured.length,
        dalWaves,
        dalExplains,
        rawExplains,
      });
    }
    output.cases = results;
    output.nameIndexExperiment = await nameIndexExperiment(
      pool,
      actor.countyCode,
      cases.filter((testCase) => classifySearch(testCase.q).kind === "name").map(({ key, q }) => ({ key, q: q! })),
    );
    output.finishedAt = new Date().toISOString();
  } finally {
    fs.writeFileSync(args.out!, JSON.stringify(output, null, 2));
    await pool.end().catch(() => {});
    await client.end().catch(() => {});
    const holder = globalThis as unknown as { fupinDb?: { $disconnect(): Promise<void> } };
    await holder.fupinDb?.$disconnect().catch(() => {});
  }
}

main().catch((error) => {
  console.error(`[bench] 失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
