// The database half of `npm run bench -- --dashboard` (started by bench/run.mjs on a scratch
// database; not a test): the 挂图作战 dashboard (issue 10) at tier M against tier S, in one run.
//
//   node --import tsx --conditions=react-server bench/dashboard-bench.ts --out FILE
//        [--households-m 75000] [--households-s 15000] [--iterations 200] [--warmup 20] [--touch 50] [--incremental-rounds 5]
//
// 1. Two synthetic counties in the one database: tier M is the demo county 522698 (the `county`
//    account's, so the HTTP half can sign in to it), tier S a county 522697 of its own. Both get
//    casework activity in bulk (this year's incomes, measures, visits, exit sheets, 返贫, village
//    populations, this year's targets) so that every kind of figure has rows to count.
// 2. Refresh: a full refreshIndicators per tier (the job's worst case), twice (from an empty
//    snapshot, then over an existing one, as the daily full refresh runs), then incremental
//    refreshes after touching --touch households (the triggers mark them dirty).
// 3. (a) loadDashboard(county actor, { year }) — the county view's data load — against raw SQL on
//    `pg`, alternated: the one statement it stands for (the county's and its townships' rollup rows)
//    and the aggregate over the villages' rows that issue 10 names; the statements Prisma sent and
//    their plans. (b) the same loadDashboard, both raw statements and the whole page's data
//    (loadDashboardView) at tier M against tier S, alternated.
// Writes everything as JSON to --out; bench/run.mjs prints the summary.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { currentYear, todayString } from "@/lib/dates";
import { loadDashboard, type Dashboard, type Figures } from "@/lib/dashboard/queries";
import { refreshIndicators, type RefreshResult } from "@/lib/dashboard/refresh";
import { loadDashboardView } from "@/lib/dashboard/view";
import { DEMO_COUNTY, DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN } from "@/prisma/demo-county";
import { captureDalQueries, compareAlternated, explain, explainCaptured, log, sequentialRoundTrips, stats, type Comparison, type Explained } from "./measure";
import { generateCounty, seedBaseRows, signInAs, type GeneratedCounty } from "./scratch-county";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    "households-m": { type: "string", default: "75000" },
    "households-s": { type: "string", default: "15000" },
    iterations: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    touch: { type: "string", default: "50" },
    "incremental-rounds": { type: "string", default: "5" },
  },
});
const connectionString = process.env.DATABASE_URL;
if (!connectionString || !args.out) {
  console.error("用法：DATABASE_URL=… node --import tsx --conditions=react-server bench/dashboard-bench.ts --out FILE");
  process.exit(2);
}
const TIMING = { iterations: Number(args.iterations), warmup: Number(args.warmup) };
const TOUCH = Number(args.touch);
const INCREMENTAL_ROUNDS = Number(args["incremental-rounds"]);

type TierKey = "S" | "M";
type Tier = { key: TierKey; code: string; name: string; households: number; seed: number; countyCode6: string };
const TIERS: Record<TierKey, Tier> = {
  S: { key: "S", code: "522697000000", name: "云溪县", households: Number(args["households-s"]), seed: 20_150_101, countyCode6: "522697" },
  M: { key: "M", code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, households: Number(args["households-m"]), seed: 20_140_101, countyCode6: "522698" },
};
const TIER_ORDER: TierKey[] = ["S", "M"];

// ---------------------------------------------------------------------------
// Casework activity, in bulk (seed data, not a user's edits: written directly, like the households)
// ---------------------------------------------------------------------------

/** A stable pseudo-random number ≥ 0 per row and purpose, so the same households get the same activity every run. */
const roll = (purpose: string) => `abs(hashtext(h.id::text || ':${purpose}'))`;

/** The poverty lines after 2020 up to this year (the demo county's own figure), so this year's income criterion can be judged. */
async function seedPovertyLinesAfter2020(client: pg.Client, year: number) {
  await client.query(`INSERT INTO poverty_line (year, amount_fen) SELECT y, $2 FROM generate_series(2021, $1::int) AS y ON CONFLICT (year) DO NOTHING`, [
    year,
    DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN,
  ]);
}

async function seedActivity(client: pg.Client, county6: string, year: number, today: string) {
  const counted = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rowCount ?? 0;
  // 返贫: one in two hundred exited households is poor again.
  const returned = await counted(
    `UPDATE household SET status = 'RETURNED', returned_reason = '因病返贫'
     WHERE id IN (SELECT h.id FROM household h WHERE h.county_code = $1 AND h.status = 'EXITED' AND ${roll("return")} % 200 = 0)`,
    [county6],
  );
  // This year's income of every household not out of poverty: per person between 3 300 and 5 800 元 (about one in four below the line).
  const incomes = await counted(
    `INSERT INTO income_record (id, household_id, county_code, year, wage_fen, minimum_living_fen)
     SELECT gen_random_uuid(), h.id, h.county_code, $2, greatest(1, m.present) * (330000 + ${roll("income")} % 250000), 0
     FROM household h CROSS JOIN LATERAL (SELECT count(*)::int AS present FROM member WHERE household_id = h.id AND status = 'PRESENT') m
     WHERE h.county_code = $1 AND h.status IN ('REGISTERED', 'RETURNED')
     ON CONFLICT (household_id, year) DO NOTHING`,
    [county6, year],
  );
  // 帮扶措施: seven in ten households have one of a category fitting their primary cause, in every status, from every funding source.
  const measures = await counted(
    `WITH fits AS (
       SELECT f.cause, f.category, min(i.id::text)::uuid AS item_id,
              row_number() OVER (PARTITION BY f.cause ORDER BY f.category) AS n, count(*) OVER (PARTITION BY f.cause) AS fits
       FROM cause_category_fit f JOIN measure_item i ON i.category = f.category GROUP BY f.cause, f.category),
     picked AS (SELECT h.id, h.county_code, h.primary_cause, h.helper_id, ${roll("measure")} AS r FROM household h WHERE h.county_code = $1)
     INSERT INTO measure (id, county_code, household_id, item_id, category, addressed_causes, start_date, status, outcome_fen, amount_fen, funding_source, responsible_unit, created_by)
     SELECT gen_random_uuid(), p.county_code, p.id, f.item_id, f.category, ARRAY[p.primary_cause], DATE '2019-03-01',
            (ARRAY['PLANNED', 'ACTIVE', 'COMPLETED', 'TERMINATED'])[1 + (p.r / 100) % 4],
            CASE WHEN (p.r / 100) % 4 = 2 THEN 10000 END,
            (p.r / 7) % 500000,
            (ARRAY['CENTRAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'EAST_WEST', 'DESIGNATED', 'SOCIAL'])[1 + (p.r / 13) % 7],
            '县扶贫办', p.helper_id
     FROM picked p JOIN fits f ON f.cause = p.primary_cause AND f.n = 1 + (p.r / 1000) % f.fits
     WHERE p.r % 100 < 70`,
    [county6],
  );
  // 走访: three in four households visited one to three times in the last year.
  const visits = await counted(
    `INSERT INTO visit (id, county_code, household_id, visitor_id, visited_on, findings, actions)
     SELECT gen_random_uuid(), h.county_code, h.id, h.helper_id, $2::date - ((${roll("visit")} / 100 + k * 37) % 365), '入户了解情况', ''
     FROM household h CROSS JOIN LATERAL generate_series(1, 1 + ${roll("visits")} % 3) AS k
     WHERE h.county_code = $1 AND ${roll("visit")} % 100 < 75`,
    [county6, today],
  );
  // Exit sheets of this and last year for one in twelve registered households, in progress, sent back and approved.
  const sheets = await counted(
    `INSERT INTO exit_sheet (id, county_code, township_code, village_code, household_id, assessment_year, verification_code, status)
     SELECT gen_random_uuid(), h.county_code, h.township_code, h.village_code, h.id, $2 - (h.r / 10) % 2,
            'BM' || lpad((row_number() OVER (ORDER BY h.household_no))::text, 8, '0'),
            (ARRAY['IN_PROGRESS', 'IN_PROGRESS', 'REJECTED', 'APPROVED'])[1 + (h.r / 100) % 4]
     FROM (SELECT h.*, ${roll("sheet")} AS r FROM household h WHERE h.county_code = $1 AND h.status = 'REGISTERED') h
     WHERE h.r % 12 = 0`,
    [county6, year],
  );
  // 农村户籍人口 of every village for every year, but two villages left unreported (未填报人口).
  const populations = await counted(
    `INSERT INTO village_population (village_code, year, rural_population)
     SELECT code, y, 2500 + (hashtext(code) & 2047) FROM region CROSS JOIN generate_series(2014, $2::int) AS y
     WHERE county_code = $1 AND level = 'VILLAGE'
       AND code NOT IN (SELECT code FROM region WHERE county_code = $1 AND level = 'VILLAGE' ORDER BY code DESC LIMIT 2)
     ON CONFLICT DO NOTHING`,
    [county6, year],
  );
  // 年度减贫任务 of this year for every township: a quarter of its households not out of poverty.
  const targets = await counted(
    `INSERT INTO reduction_target (region_code, year, county_code, households, people, updated_by)
     SELECT h.township_code, $2, $1, ceil(count(*) / 4.0)::int, ceil(sum(m.present) / 4.0)::int, (SELECT id FROM app_user WHERE username = 'county')
     FROM household h CROSS JOIN LATERAL (SELECT count(*)::int AS present FROM member WHERE household_id = h.id AND status = 'PRESENT') m
     WHERE h.county_code = $1 AND h.status IN ('REGISTERED', 'RETURNED') GROUP BY h.township_code
     ON CONFLICT DO NOTHING`,
    [county6, year],
  );
  return { returned, incomes, measures, visits, sheets, populations, targets };
}

// ---------------------------------------------------------------------------
// The raw SQL the county view's data load stands for
// ---------------------------------------------------------------------------

/**
 * What loadDashboard reads for the county view: the county's own rollup row and its townships'
 * rows (the rollup keeps a row per village, township and county), one statement.
 */
const RAW_READ_SQL = `SELECT region_code, figure, households, people, amount_fen
FROM indicator_rollup WHERE (region_code = $1 OR parent_code = $1) AND year IN ($2, 0)`;

/**
 * The single aggregate over the per-village rollup named by issue 10's benchmark (township × figure
 * sums of the villages' rows): what the county view would cost without the township and county rows.
 */
const RAW_AGGREGATE_SQL = `SELECT parent_code AS township_code, figure, sum(households) AS households, sum(people) AS people, sum(amount_fen) AS amount_fen
FROM indicator_rollup WHERE county_code = $1 AND level = 'VILLAGE' AND year IN ($2, 0) GROUP BY 1, 2`;

type RawFigure = { regionCode: string; figure: string; households: number; people: number; amountFen: bigint };
type RawRow = { region_code: string; figure: string; households: string | number; people: string | number; amount_fen: string };

const toFigure = (row: RawRow): RawFigure => ({
  regionCode: row.region_code.trim(),
  figure: row.figure,
  households: Number(row.households),
  people: Number(row.people),
  amountFen: BigInt(row.amount_fen),
});

async function rawCountyRead(pool: pg.Pool, countyRegionCode: string, year: number): Promise<RawFigure[]> {
  return (await pool.query<RawRow>(RAW_READ_SQL, [countyRegionCode, year])).rows.map(toFigure);
}

async function rawVillageAggregate(pool: pg.Pool, county6: string, year: number): Promise<RawFigure[]> {
  const { rows } = await pool.query<RawRow & { township_code: string }>(RAW_AGGREGATE_SQL, [county6, year]);
  return rows.map((row) => toFigure({ ...row, region_code: row.township_code }));
}

const valueKey = (value: { households: number; people: number; amountFen: bigint }) => `${value.households}/${value.people}/${value.amountFen}`;

function byRegion(rows: RawFigure[]): Map<string, Map<string, string>> {
  const regions = new Map<string, Map<string, string>>();
  for (const row of rows) {
    if (!regions.has(row.regionCode)) regions.set(row.regionCode, new Map());
    regions.get(row.regionCode)!.set(row.figure, valueKey(row));
  }
  return regions;
}

function differencesOf(where: string, shown: Map<string, string> | undefined, expected: Map<string, string> | undefined): string[] {
  const a = shown ?? new Map<string, string>();
  const b = expected ?? new Map<string, string>();
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((figure) => a.get(figure) !== b.get(figure))
    .map((figure) => `${where} ${figure}: ${a.get(figure)} ≠ ${b.get(figure)}`);
}

/**
 * Same figures everywhere, or the comparison means nothing: loadDashboard (county and townships) =
 * the raw read, and the raw read's township rows = the sums of their villages' rows.
 */
function sameFigures(dashboard: Dashboard, read: RawFigure[], aggregate: RawFigure[]): string[] {
  const flatten = (figures: Figures) => new Map([...figures].map(([figure, value]) => [figure, valueKey(value)]));
  const readRegions = byRegion(read);
  const aggregateRegions = byRegion(aggregate);
  const differences = [
    ...differencesOf(`DAL/读取 ${dashboard.region.name}`, flatten(dashboard.region.figures), readRegions.get(dashboard.region.code)),
    ...dashboard.children.flatMap((child) => [
      ...differencesOf(`DAL/读取 ${child.name}`, flatten(child.figures), readRegions.get(child.code)),
      ...differencesOf(`读取/村汇总 ${child.name}`, readRegions.get(child.code), aggregateRegions.get(child.code)),
    ]),
  ];
  const shown = new Set([dashboard.region.code, ...dashboard.children.map((child) => child.code)]);
  for (const code of [...readRegions.keys(), ...aggregateRegions.keys()]) if (!shown.has(code)) differences.push(`SQL 有页面上没有的区域 ${code}`);
  return differences;
}

// ---------------------------------------------------------------------------
// Refresh
// ---------------------------------------------------------------------------

type RefreshRun = {
  tier: TierKey;
  kind: "full (empty snapshot)" | "full (over a snapshot)" | "incremental";
  wallMs: number;
  households: number;
  villages: number;
  durationMs: number;
};

async function timedRefresh(tier: Tier, kind: RefreshRun["kind"]): Promise<RefreshRun> {
  const started = performance.now();
  const result: RefreshResult = await refreshIndicators(tier.countyCode6, kind === "incremental" ? {} : { full: true });
  const wallMs = Math.round(performance.now() - started);
  if (result.kind !== "refreshed") throw new Error(`${tier.name}：统计更新被跳过（${result.reason}）`);
  if (result.full !== (kind !== "incremental"))
    throw new Error(`${tier.name}：预期${kind === "incremental" ? "增量" : "全量"}更新，实际${result.full ? "全量" : "增量"}`);
  log(`${tier.key} ${tier.name} 统计更新（${kind}）：${result.households} 户，${result.villages} 个村，${(wallMs / 1000).toFixed(1)} 秒`);
  return { tier: tier.key, kind, wallMs, households: result.households, villages: result.villages, durationMs: result.durationMs };
}

/** Marks `count` households of the county dirty the way any edit does (the household trigger), chosen afresh each round. */
async function touchHouseholds(client: pg.Client, county6: string, count: number, round: number): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE household SET address = address WHERE id IN (SELECT id FROM household WHERE county_code = $1 ORDER BY md5(id::text || $2) LIMIT $3)`,
    [county6, String(round), count],
  );
  return rowCount ?? 0;
}

// ---------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------

async function tierSizes(client: pg.Client, county6: string, year: number) {
  const { rows } = await client.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM household WHERE county_code = $1) AS households,
            (SELECT count(*)::int FROM member WHERE county_code = $1) AS people,
            (SELECT count(*)::int FROM member WHERE county_code = $1 AND status = 'PRESENT') AS present,
            (SELECT count(*)::int FROM region WHERE county_code = $1 AND level = 'TOWNSHIP') AS townships,
            (SELECT count(*)::int FROM region WHERE county_code = $1 AND level = 'VILLAGE') AS villages,
            (SELECT count(*)::int FROM measure WHERE county_code = $1) AS measures,
            (SELECT count(*)::int FROM visit WHERE county_code = $1) AS visits,
            (SELECT count(*)::int FROM exit_sheet WHERE county_code = $1) AS exit_sheets,
            (SELECT count(*)::int FROM household_indicator WHERE county_code = $1) AS household_indicators,
            (SELECT count(*)::int FROM indicator_rollup WHERE county_code = $1) AS rollup_rows,
            (SELECT count(*)::int FROM indicator_rollup WHERE county_code = $1 AND level = 'VILLAGE') AS rollup_village_rows,
            (SELECT count(*)::int FROM indicator_rollup WHERE county_code = $1 AND level = 'VILLAGE' AND year IN ($2, 0)) AS rollup_village_rows_of_year,
            (SELECT count(*)::int FROM indicator_rollup WHERE (region_code = $1 || '000000' OR parent_code = $1 || '000000') AND year IN ($2, 0)) AS county_view_rows,
            (SELECT count(DISTINCT year)::int FROM indicator_rollup WHERE county_code = $1 AND year > 0) AS rollup_years`,
    [county6, year],
  );
  return rows[0];
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const pool = new pg.Pool({ connectionString, max: 10 });
  const year = currentYear();
  const today = todayString();
  const output: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
      loadAverageAtStart: os.loadavg(),
    },
    iterations: TIMING.iterations,
    warmup: TIMING.warmup,
    year,
    today,
    tiers: TIERS,
  };
  try {
    output.postgres = (await client.query<{ version: string }>("SELECT version()")).rows[0].version;

    // 1. Data
    await seedBaseRows(connectionString!);
    await seedPovertyLinesAfter2020(client, year);
    const generator: Partial<Record<TierKey, GeneratedCounty>> = {};
    const activity: Partial<Record<TierKey, Awaited<ReturnType<typeof seedActivity>>>> = {};
    for (const key of TIER_ORDER) {
      const tier = TIERS[key];
      generator[key] = await generateCounty(client, { code: tier.code, name: tier.name, households: tier.households, seed: tier.seed, label: key });
      const activityStarted = performance.now();
      activity[key] = await seedActivity(client, tier.countyCode6, year, today);
      log(`${key} ${tier.name} 业务数据：${JSON.stringify(activity[key])}，用时 ${((performance.now() - activityStarted) / 1000).toFixed(1)} 秒`);
    }
    output.generator = generator;
    output.activity = activity;
    const vacuumStarted = performance.now();
    await client.query("VACUUM (ANALYZE)");
    log(`VACUUM (ANALYZE) ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} 秒`);

    // 2. Refresh: full twice per tier (S M S M), then incremental rounds alternating the order.
    const refreshes: RefreshRun[] = [];
    for (const kind of ["full (empty snapshot)", "full (over a snapshot)"] as const) {
      for (const key of TIER_ORDER) refreshes.push(await timedRefresh(TIERS[key], kind));
    }
    // The snapshot tables were just bulk-written: let the planner see them as autovacuum soon would.
    await client.query("VACUUM (ANALYZE) household_indicator, household_fund_indicator, exit_sheet_indicator, indicator_rollup, indicator_dirty");
    for (let round = 1; round <= INCREMENTAL_ROUNDS; round++) {
      for (const key of round % 2 ? TIER_ORDER : [...TIER_ORDER].reverse()) {
        const touched = await touchHouseholds(client, TIERS[key].countyCode6, TOUCH, round);
        const run = await timedRefresh(TIERS[key], "incremental");
        if (run.households !== touched) throw new Error(`${TIERS[key].name}：标记了 ${touched} 户，增量更新处理了 ${run.households} 户`);
        refreshes.push(run);
      }
    }
    output.refreshes = refreshes;
    output.incrementalSummary = Object.fromEntries(
      TIER_ORDER.map((key) => {
        const runs = refreshes.filter((run) => run.tier === key && run.kind === "incremental");
        return [key, { touched: TOUCH, rounds: runs.length, wallMs: stats(runs.map((run) => run.wallMs)), villages: stats(runs.map((run) => run.villages)) }];
      }),
    );

    const sizes: Partial<Record<TierKey, Record<string, number>>> = {};
    for (const key of TIER_ORDER) sizes[key] = await tierSizes(client, TIERS[key].countyCode6, year);
    output.sizes = sizes;
    for (const key of TIER_ORDER) log(`${key} 数据量：${JSON.stringify(sizes[key])}`);

    // 3. The actors: `county` (县扶贫办, tier M) through the real sign-in; the same account moved to the tier-S county.
    const actorM: Actor = await signInAs("county");
    if (actorM.countyCode !== TIERS.M.countyCode6) throw new Error(`county 账号属于 ${actorM.countyCode}，不是 ${TIERS.M.countyCode6}`);
    const actorS: Actor = { ...actorM, regionCode: TIERS.S.code, regionName: TIERS.S.name, countyCode: TIERS.S.countyCode6 };
    const actors: Record<TierKey, Actor> = { S: actorS, M: actorM };
    log(`已登录 county（${actorM.role}，${actorM.regionName}）；S 档使用同一角色、管辖 ${TIERS.S.name}`);

    const dal = (key: TierKey) => () => loadDashboard(actors[key], { year });
    const read = (key: TierKey) => () => rawCountyRead(pool, TIERS[key].code, year);
    const aggregate = (key: TierKey) => () => rawVillageAggregate(pool, TIERS[key].countyCode6, year);
    const page = (key: TierKey) => () => loadDashboardView(actors[key], {});

    for (const key of TIER_ORDER) {
      const differences = sameFigures(await dal(key)(), await read(key)(), await aggregate(key)());
      if (differences.length) {
        console.error(differences.slice(0, 20).join("\n"));
        throw new Error(`${TIERS[key].name}：loadDashboard 与手写 SQL 的数字不一致（${differences.length} 处）`);
      }
      log(`${key}：loadDashboard、手写读取、村级汇总三者的县、乡镇数字一致`);
    }

    // (a) DAL vs raw SQL at each tier: against the read it stands for, and against the aggregate over the villages.
    const dalVsRaw: Record<string, Partial<Record<TierKey, Comparison>>> = { read: {}, aggregate: {} };
    for (const key of TIER_ORDER) {
      for (const [name, raw] of [
        ["read", read],
        ["aggregate", aggregate],
      ] as const) {
        const t = (dalVsRaw[name][key] = await compareAlternated(dal(key), raw(key), TIMING));
        log(
          `(a) ${key} loadDashboard vs ${name}：DAL 中位数 ${t.a.median.toFixed(2)} ms（p95 ${t.a.p95.toFixed(2)}），SQL ${t.b.median.toFixed(2)} ms（p95 ${t.b.p95.toFixed(2)}），比值 ${t.ratioMedian}×（p95 ${t.ratioP95}×）`,
        );
      }
    }
    output.dalVsRaw = dalVsRaw;

    // (b) M vs S: the county view's data load, both raw statements, and the whole page's data.
    const tierRatio: Record<string, Comparison> = {};
    for (const [name, make] of [
      ["loadDashboard", dal],
      ["raw read", read],
      ["raw aggregate", aggregate],
      ["loadDashboardView", page],
    ] as const) {
      const t = (tierRatio[name] = await compareAlternated(make("M"), make("S"), TIMING));
      log(
        `(b) ${name}：M 中位数 ${t.a.median.toFixed(2)} ms（p95 ${t.a.p95.toFixed(2)}），S ${t.b.median.toFixed(2)} ms（p95 ${t.b.p95.toFixed(2)}），M/S ${t.ratioMedian}×（p95 ${t.ratioP95}×）`,
      );
    }
    output.tierRatio = tierRatio;

    // What loadDashboard sent at tier M, and the plans (EXPLAIN ANALYZE with the captured parameters).
    const captured = await captureDalQueries(connectionString!, dal("M"));
    const dalExplains = await explainCaptured(pool, captured);
    const roundTrips = sequentialRoundTrips(captured);
    dalExplains.forEach((item, index) =>
      log(
        `  DAL #${index + 1}（Prisma ${item.prismaDurationMs.toFixed(2)} ms）：${item.sql.slice(0, 90).replace(/\s+/g, " ")}… 索引 ${item.indexes.join(", ") || "无"}${item.seqScans.length ? `；顺序扫描 ${item.seqScans.join(", ")}` : ""}；执行 ${item.executionMs} ms`,
      ),
    );
    log(`  loadDashboard 发出 ${captured.length} 条语句，最长依次等待 ${roundTrips} 轮；手写 SQL 1 条`);
    const rawExplains: Record<string, Record<TierKey, Explained>> = { read: {} as Record<TierKey, Explained>, aggregate: {} as Record<TierKey, Explained> };
    for (const key of TIER_ORDER) {
      rawExplains.read[key] = await explain(pool, RAW_READ_SQL, [TIERS[key].code, year]);
      rawExplains.aggregate[key] = await explain(pool, RAW_AGGREGATE_SQL, [TIERS[key].countyCode6, year]);
      for (const name of ["read", "aggregate"]) {
        const item = rawExplains[name][key];
        log(
          `  手写 SQL ${name} ${key}：索引 ${item.indexes.join(", ") || "无"}${item.seqScans.length ? `；顺序扫描 ${item.seqScans.join(", ")}` : ""}；执行 ${item.executionMs} ms`,
        );
      }
    }
    output.dal = { statements: captured.length, roundTrips, explains: dalExplains };
    output.rawSql = { read: RAW_READ_SQL, aggregate: RAW_AGGREGATE_SQL };
    output.rawExplains = rawExplains;
    output.finishedAt = new Date().toISOString();
  } finally {
    fs.writeFileSync(
      args.out!,
      JSON.stringify(output, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2),
    );
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
