// Seeds the demo county when the database is empty (npm run db:seed; npm start calls it):
// regions, accounts, settings, the measure catalogue, a few hundred synthetic households, and then
// their casework activity (measures, visits, exit sheets …: scripts/seed-activity.ts).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_COUNTY } from "@/prisma/demo-county";
import { seedDemo } from "@/prisma/seed";
import { generateSyntheticHouseholds, loadCountyVillages } from "@/prisma/synthetic-county";
import { prismaAdapter } from "@/lib/database-adapter";

const DEMO_HOUSEHOLDS = 400;

/** The activity drives the lib commands, which need the react-server condition: a process of its own (same env). */
function seedActivity(): Promise<void> {
  const script = fileURLToPath(new URL("./seed-activity.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { stdio: "inherit", env: process.env });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`演示业务数据写入失败（${signal ?? `退出码 ${code}`}）`))));
  });
}

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error("DATABASE_URL 未设置");
  process.exit(1);
}
const db = new PrismaClient({ adapter: prismaAdapter(connectionString) });
const client = new pg.Client({ connectionString });
try {
  if ((await db.region.count()) > 0) {
    console.log("[seed] 数据库已有数据，跳过演示数据");
  } else {
    const started = Date.now();
    const summary = await seedDemo(db);
    await client.connect();
    const countyCode6 = DEMO_COUNTY.code.slice(0, 6);
    const generated = await generateSyntheticHouseholds(client, {
      households: DEMO_HOUSEHOLDS,
      seed: 2026,
      countyCode6,
      villages: await loadCountyVillages(client, countyCode6),
      year: 2020,
    });
    await seedActivity();
    console.log(`[seed] 演示县已写入（${summary}，${generated.households} 户 ${generated.members} 人，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  }
} finally {
  await client.end().catch(() => {});
  await db.$disconnect();
}
