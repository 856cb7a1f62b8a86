// The database half of `npm run bench -- --quality` (started by bench/run.mjs on a scratch database;
// not a test): 疑点数据 (issue 12) at tier M.
//
//   node --import tsx --conditions=react-server bench/quality-bench.ts --out FILE [--households 75000] [--touch 50] [--rounds 5]
//
// 1. The demo county 522698 generated with --households households (prisma/synthetic-county.ts).
// 2. A full scan (scanCountyQuality, what `npm run quality:scan` runs): time, hits, and the peak
//    resident memory of this process sampled every 50 ms during the scan (PostgreSQL's own not counted).
// 3. A full refreshIndicators (so that the snapshot exists and nothing is dirty), then --rounds rounds:
//    --touch households chosen afresh are touched (`UPDATE household SET address = address`, the
//    triggers mark them dirty); the cross-household step is timed on those dirty households both ways,
//    alternated, each in a transaction rolled back afterwards: the whole county (what the refresh ran
//    before decision 016) and by group (what it runs now); then the incremental refresh itself.
// 4. With --on-save N: the 疑点数据 check on save (issue 12 point 3) for N households chosen at random:
//    the real member save (updateMember as the county office, re-saving a present member's own values,
//    which runs checkHouseholdOnSave in its transaction) and the check alone on the same household
//    (checkHouseholdOnSave in a transaction rolled back), alternated; median and p95 of each and the
//    share of the save the check takes.
// Writes everything as JSON to --out; bench/run.mjs prints the summary.
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { currentYear, todayString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import { refreshIndicators } from "@/lib/dashboard/refresh";
import { loadQualityContext } from "@/lib/data-quality/load";
import { checkHouseholdOnSave } from "@/lib/data-quality/on-save";
import { recomputeCrossQuality, recomputeCrossQualityOf, scanCountyQuality } from "@/lib/data-quality/store";
import { updateMember } from "@/lib/members/commands";
import { DEMO_COUNTY, DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN } from "@/prisma/demo-county";
import { log, stats } from "./measure";
import { generateCounty, seedBaseRows, signInAs } from "./scratch-county";

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    households: { type: "string", default: "75000" },
    touch: { type: "string", default: "50" },
    rounds: { type: "string", default: "5" },
    "on-save": { type: "string", default: "0" },
  },
});
const connectionString = process.env.DATABASE_URL;
if (!connectionString || !args.out) {
  console.error("用法：DATABASE_URL=… node --import tsx --conditions=react-server bench/quality-bench.ts --out FILE");
  process.exit(2);
}
const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);
const MiB = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const seconds = (ms: number) => Math.round(ms / 10) / 100;

/** Runs the work in a transaction that is rolled back afterwards; returns its time in ms. */
async function timedRolledBack(work: (tx: Tx) => Promise<unknown>): Promise<number> {
  let elapsed = 0;
  await db
    .$transaction(
      async (tx) => {
        const started = performance.now();
        await work(tx);
        elapsed = performance.now() - started;
        throw new Error("rollback");
      },
      { timeout: 10 * 60_000, maxWait: 60_000 },
    )
    .catch((error: Error) => {
      if (error.message !== "rollback") throw error;
    });
  return elapsed;
}

async function main() {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const year = currentYear();
  const today = todayString();
  const output: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", node: process.version, loadAverageAtStart: os.loadavg() },
    today,
  };
  try {
    output.postgres = (await client.query<{ version: string }>("SELECT version()")).rows[0].version;
    await seedBaseRows(connectionString!);
    await client.query(`INSERT INTO poverty_line (year, amount_fen) SELECT y, $2 FROM generate_series(2021, $1::int) AS y ON CONFLICT (year) DO NOTHING`, [
      year,
      DEMO_COUNTY_POVERTY_LINE_AFTER_2020_FEN,
    ]);
    output.generator = await generateCounty(client, { code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, households: Number(args.households), seed: 20_140_101 });
    await client.query("VACUUM (ANALYZE)");

    // 2. Full scan, with the peak resident memory of this process.
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const scanStarted = performance.now();
    let lastReport = 0;
    const scan = await scanCountyQuality(COUNTY6, {
      today,
      onProgress: (progress) => {
        if (progress.done - lastReport >= 25_000 || progress.done === progress.total) {
          lastReport = progress.done;
          log(`全量扫描 ${progress.done}/${progress.total} 户，${progress.hits} 条`);
        }
      },
    });
    const scanMs = performance.now() - scanStarted;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const byRule = await client.query<{ rule_code: string; n: number }>(
      `SELECT rule_code, count(*)::int AS n FROM quality_hit WHERE county_code = $1 GROUP BY 1 ORDER BY 1`,
      [COUNTY6],
    );
    output.scan = {
      households: scan.total,
      hits: scan.hits,
      seconds: seconds(scanMs),
      householdsPerSecond: Math.round(scan.total / (scanMs / 1000)),
      rssBaselineMiB: MiB(baseline),
      rssPeakMiB: MiB(peak),
      hitsByRule: Object.fromEntries(byRule.rows.map((row) => [row.rule_code, row.n])),
    };
    log(`全量扫描：${scan.total} 户，${scan.hits} 条，用时 ${seconds(scanMs)} 秒，进程常驻内存峰值 ${MiB(peak)} MiB（扫描前 ${MiB(baseline)} MiB）`);

    // 3. Incremental refresh: the cross-household step both ways, then the refresh itself (--rounds 0: skipped).
    if (Number(args.rounds) > 0) await measureRefresh(client, output, today);
    const onSave = Number(args["on-save"]);
    if (onSave > 0) output.onSave = await measureOnSave(client, onSave);
    output.loadAverageAtEnd = os.loadavg();
    output.finishedAt = new Date().toISOString();
  } finally {
    fs.writeFileSync(args.out!, JSON.stringify(output, null, 2));
    await client.end();
    await db.$disconnect();
  }
}

async function measureRefresh(client: pg.Client, output: Record<string, unknown>, today: string) {
  {
    const fullStarted = performance.now();
    const full = await refreshIndicators(COUNTY6, { full: true });
    output.fullRefreshSeconds = seconds(performance.now() - fullStarted);
    if (full.kind !== "refreshed") throw new Error(`full refresh: ${JSON.stringify(full)}`);
    log(`全量刷新 ${output.fullRefreshSeconds} 秒`);
    const context = await loadQualityContext(db, today);
    const rounds: { wholeCountyMs: number; byGroupMs: number; refreshMs: number; refreshed: number }[] = [];
    for (let round = 0; round < Number(args.rounds); round++) {
      const touched = await client.query<{ id: string }>(
        `UPDATE household SET address = address WHERE id IN (SELECT id FROM household WHERE county_code = $1 ORDER BY random() LIMIT $2) RETURNING id`,
        [COUNTY6, Number(args.touch)],
      );
      const ids = touched.rows.map((row) => row.id);
      const order = round % 2 === 0 ? ["whole", "group"] : ["group", "whole"];
      const times: Record<string, number> = {};
      for (const way of order)
        times[way] = await timedRolledBack((tx) =>
          way === "whole" ? recomputeCrossQuality(tx, COUNTY6, context) : recomputeCrossQualityOf(tx, COUNTY6, ids, context),
        );
      const started = performance.now();
      const result = await refreshIndicators(COUNTY6);
      const refreshMs = performance.now() - started;
      if (result.kind !== "refreshed" || result.full || result.households !== ids.length) throw new Error(`incremental refresh: ${JSON.stringify(result)}`);
      rounds.push({
        wholeCountyMs: Math.round(times.whole),
        byGroupMs: Math.round(times.group),
        refreshMs: Math.round(refreshMs),
        refreshed: result.households,
      });
      log(`第 ${round + 1} 轮：跨户规则 全县 ${Math.round(times.whole)} ms，按组 ${Math.round(times.group)} ms；增量刷新（按组）${Math.round(refreshMs)} ms`);
    }
    const whole = stats(rounds.map((r) => r.wholeCountyMs));
    const group = stats(rounds.map((r) => r.byGroupMs));
    const refresh = stats(rounds.map((r) => r.refreshMs));
    output.incremental = {
      touch: Number(args.touch),
      rounds,
      wholeCounty: whole,
      byGroup: group,
      refreshNow: refresh,
      // The refresh before decision 016 ran the whole-county step in place of the by-group one.
      refreshBeforeEstimateMedianMs: Math.round(refresh.median - group.median + whole.median),
    };
  }
}

type MemberRow = {
  id: string;
  household_id: string;
  version: number;
  name: string;
  id_number: string;
  relation: string;
  ethnicity: string;
  education_level: string;
  school_status: string;
  schooling_exemption: string;
  health: string;
  disability_grade: string | null;
  labour_skill: string;
  work_status: string;
  work_months: number | null;
  basic_medical_insurance: boolean;
  serious_illness_insurance: boolean;
  pension_insurance: boolean;
  minimum_living: boolean;
  extreme_support: boolean;
};

/** The member form's fields for a member's own current values (a save that changes nothing but the version). */
function memberForm(row: MemberRow) {
  const box = (value: boolean) => (value ? "on" : "");
  return {
    memberId: row.id,
    version: String(row.version),
    name: row.name,
    idNumber: row.id_number,
    relation: row.relation,
    ethnicity: row.ethnicity,
    educationLevel: row.education_level,
    schoolStatus: row.school_status,
    schoolingExemption: row.schooling_exemption,
    health: row.health,
    disabilityGrade: row.disability_grade ?? "",
    labourSkill: row.labour_skill,
    workStatus: row.work_status,
    workMonths: row.work_months === null ? "" : String(row.work_months),
    basicMedicalInsurance: box(row.basic_medical_insurance),
    seriousIllnessInsurance: box(row.serious_illness_insurance),
    pensionInsurance: box(row.pension_insurance),
    minimumLiving: box(row.minimum_living),
    extremeSupport: box(row.extreme_support),
  };
}

/** 4. The on-save check against the save it is part of, per household (alternated order). */
async function measureOnSave(client: pg.Client, count: number) {
  const actor = await signInAs("county");
  const { rows } = await client.query<MemberRow>(
    `SELECT DISTINCT ON (m.household_id) m.id, m.household_id, m.version, m.name, m.id_number, m.relation, m.ethnicity, m.education_level,
            m.school_status, m.schooling_exemption, m.health, m.disability_grade, m.labour_skill, m.work_status, m.work_months,
            m.basic_medical_insurance, m.serious_illness_insurance, m.pension_insurance, m.minimum_living, m.extreme_support
       FROM member m JOIN household h ON h.id = m.household_id
      WHERE h.county_code = $1 AND m.status = 'PRESENT' AND m.household_id IN (SELECT id FROM household WHERE county_code = $1 ORDER BY random() LIMIT $2)
      ORDER BY m.household_id, m.id`,
    [COUNTY6, count],
  );
  const saveMs: number[] = [];
  const checkMs: number[] = [];
  for (const [index, row] of rows.entries()) {
    const save = async () => {
      const started = performance.now();
      await updateMember(actor, memberForm(row));
      saveMs.push(performance.now() - started);
    };
    const check = async () => checkMs.push(await timedRolledBack((tx) => checkHouseholdOnSave(tx, row.household_id, { memberId: row.id })));
    if (index % 2 === 0) {
      await save();
      await check();
    } else {
      await check();
      await save();
    }
  }
  const save = stats(saveMs);
  const checkStats = stats(checkMs);
  const share = stats(checkMs.map((ms, index) => ms / saveMs[index]));
  log(
    `保存即查（${rows.length} 户）：检查 中位数 ${checkStats.median.toFixed(1)} ms、p95 ${checkStats.p95.toFixed(1)} ms；整个保存 中位数 ${save.median.toFixed(1)} ms、p95 ${save.p95.toFixed(1)} ms；检查占保存 中位数 ${(share.median * 100).toFixed(0)}%`,
  );
  return { households: rows.length, checkMs: checkStats, saveMs: save, checkShareOfSave: share };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
