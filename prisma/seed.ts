/**
 * Seeds the demo county into an empty database: regions, demo accounts, settings.
 * Run through scripts/seed.mjs (which applies migrations first and refuses a non-empty database).
 */
import bcrypt from "bcryptjs";
import { DEFAULT_MEASURE_ITEMS } from "@/lib/measures/catalogue-seed";
import { fitMatrixRows } from "@/lib/measures/rules";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_SETTINGS, DEMO_COUNTY, DEMO_PASSWORD, DEMO_TOWNSHIPS, DEMO_USERS, NATIONAL_POVERTY_LINES_FEN } from "./demo-county";

export async function seedRegions(db: PrismaClient) {
  const countyCode = DEMO_COUNTY.code.slice(0, 6);
  await db.region.create({ data: { code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, level: "COUNTY", countyCode } });
  for (const [townshipIndex, township] of DEMO_TOWNSHIPS.entries()) {
    await db.region.create({
      data: {
        code: township.code,
        name: township.name,
        level: "TOWNSHIP",
        parentCode: DEMO_COUNTY.code,
        countyCode,
        townshipCode: township.code,
        sortOrder: townshipIndex,
      },
    });
    await db.region.createMany({
      data: township.villages.map((village, villageIndex) => ({
        code: village.code,
        name: village.name,
        level: "VILLAGE",
        parentCode: township.code,
        countyCode,
        townshipCode: township.code,
        sortOrder: villageIndex,
      })),
    });
  }
}

/** The demo accounts, plus one 帮扶责任人 for every other village so each household can have one. */
export async function seedUsers(db: PrismaClient) {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  for (const user of DEMO_USERS) {
    const { leaderTownships = [], ...fields } = user as typeof user & { leaderTownships?: readonly string[] };
    await db.user.create({
      data: { ...fields, passwordHash, leaderTownships: { create: leaderTownships.map((townshipCode) => ({ townshipCode })) } },
    });
  }
  const helperNames = [
    "吴秀兰",
    "郑国强",
    "冯丽娟",
    "蒋文斌",
    "韩桂英",
    "曹志刚",
    "彭玉梅",
    "谢建军",
    "罗春燕",
    "潘永福",
    "田凤英",
    "龙海军",
    "石秀珍",
    "杨德胜",
    "吴明辉",
    "张桂兰",
    "姚家富",
  ];
  const villages = DEMO_TOWNSHIPS.flatMap((township) => township.villages).slice(1);
  await db.user.createMany({
    data: villages.map((village, index) => ({
      username: `bf${village.code.slice(6)}`,
      displayName: helperNames[index % helperNames.length],
      role: "HELPER",
      regionCode: village.code,
      passwordHash,
    })),
  });
}

export async function seedSettings(db: PrismaClient) {
  await db.setting.createMany({ data: Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value })) });
  // Only the national figures (docs/domain.md §4); the county enters the other years itself.
  await db.povertyLine.createMany({
    data: Object.entries(NATIONAL_POVERTY_LINES_FEN).map(([year, amountFen]) => ({ year: Number(year), amountFen })),
  });
}

/** The measure catalogue and the cause ↔ category fit matrix (docs/domain.md §5). */
export async function seedMeasureCatalogue(db: PrismaClient) {
  await db.measureItem.createMany({
    data: Object.entries(DEFAULT_MEASURE_ITEMS).flatMap(([category, names]) => names.map((name, index) => ({ category, name, sortOrder: index }))),
  });
  await db.causeCategoryFit.createMany({ data: fitMatrixRows() });
}

export async function seedBase(db: PrismaClient) {
  await seedRegions(db);
  await seedUsers(db);
  await seedSettings(db);
  await seedMeasureCatalogue(db);
}

export { NATIONAL_POVERTY_LINES_FEN };

/** Everything `npm start` puts into an empty database. */
export async function seedDemo(db: PrismaClient): Promise<string> {
  await seedBase(db);
  const regions = await db.region.count();
  const users = await db.user.count();
  return `${regions} 个区划，${users} 个账号`;
}
