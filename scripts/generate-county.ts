// Synthetic county generator (npm run db:generate -- --households N [--seed S] [--year Y] [--database-url URL]).
// Needs a migrated database with the demo county's base rows (npm run db:seed). Up to 2 000
// households go into the demo villages and their helpers; more get a full-size county first
// (townships, villages, helpers: ensureSyntheticRegions). Prints progress per batch and a final
// line with households, members, seconds and households per second.
import { parseArgs } from "node:util";
import pg from "pg";
import { DEMO_COUNTY } from "@/prisma/demo-county";
import { ensureSyntheticRegions, generateSyntheticHouseholds, loadCountyVillages } from "@/prisma/synthetic-county";

const DEMO_VILLAGES_UP_TO = 2_000;

const { values } = parseArgs({
  options: {
    households: { type: "string" },
    seed: { type: "string" },
    year: { type: "string", default: "2020" },
    "database-url": { type: "string" },
    "batch-size": { type: "string" },
  },
});

function integerArg(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`参数 --${name} 应为不小于 ${min} 的整数，当前为“${text}”`);
    process.exit(2);
  }
  return value;
}

const households = integerArg("households", values.households, 1);
if (households === undefined) {
  console.error("用法：npm run db:generate -- --households N [--seed S] [--year 2020] [--database-url URL]");
  process.exit(2);
}
const seed = integerArg("seed", values.seed, 0);
const year = integerArg("year", values.year, 2013)!;
const batchSize = integerArg("batch-size", values["batch-size"], 1);
const connectionString = values["database-url"] ?? process.env.DATABASE_URL;
if (!connectionString) {
  console.error("DATABASE_URL 未设置（或使用 --database-url 指定数据库）");
  process.exit(1);
}

const countyCode6 = DEMO_COUNTY.code.slice(0, 6);
const client = new pg.Client({ connectionString });
try {
  await client.connect();
  const tables = await client.query<{ household: string | null }>(`SELECT to_regclass('public.household')::text AS household`);
  if (!tables.rows[0].household) {
    throw new Error("数据库尚未迁移：请先运行 npm run db:migrate");
  }
  const county = await client.query(`SELECT 1 FROM "region" WHERE "code" = $1`, [DEMO_COUNTY.code]);
  const helpers = await client.query(`SELECT 1 FROM "app_user" WHERE "role" = 'HELPER' AND "region_code" LIKE $1 LIMIT 1`, [`${countyCode6}%`]);
  if (county.rowCount === 0 || helpers.rowCount === 0) {
    throw new Error(`数据库中没有演示县（${DEMO_COUNTY.name}）的区划或帮扶责任人：请先运行 npm run db:seed`);
  }

  let villages;
  if (households <= DEMO_VILLAGES_UP_TO) {
    villages = (await loadCountyVillages(client, countyCode6)).filter((village) => village.helperIds.length > 0);
  } else {
    const started = performance.now();
    villages = await ensureSyntheticRegions(client, { countyCode: DEMO_COUNTY.code, countyName: DEMO_COUNTY.name, households });
    const helperCount = villages.reduce((sum, village) => sum + village.helperIds.length, 0);
    console.log(
      `[generate] 区划与帮扶责任人就绪：${villages.length} 个村，${helperCount} 名帮扶责任人（用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒）`,
    );
  }

  console.log(`[generate] 生成 ${households} 户到 ${DEMO_COUNTY.name} 的 ${villages.length} 个村（收入年度 ${year}）…`);
  const started = performance.now();
  const result = await generateSyntheticHouseholds(client, {
    households,
    seed,
    countyCode6,
    villages,
    year,
    batchSize,
    onProgress: (done, total) => {
      const seconds = (performance.now() - started) / 1000;
      console.log(`[generate] ${done}/${total} 户，${Math.round(done / seconds)} 户/秒`);
    },
  });
  const perSecond = result.seconds > 0 ? Math.round(result.households / result.seconds) : result.households;
  console.log(
    `[generate] 完成：${result.households} 户，${result.members} 人，用时 ${result.seconds.toFixed(1)} 秒，${perSecond} 户/秒` +
      ` (households=${result.households} members=${result.members} seconds=${result.seconds.toFixed(2)} households_per_second=${perSecond})`,
  );
} catch (error) {
  console.error(`[generate] 失败：${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
}
