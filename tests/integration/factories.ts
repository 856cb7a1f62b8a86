import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createHousehold } from "@/lib/households/create-household";
import { makeIdNumber } from "@/lib/members/id-number";

export const FIRST_VILLAGE = "522698100201"; // 石桥镇杨柳村 (village, team, helper)
export const SECOND_TOWNSHIP_VILLAGE = "522698101201"; // 龙泉镇大坪村 (town2)

// Every test file has its own counter but they all share one database, so each file also draws its own region part of
// the ID (贵州 5226xx): a birth date and sequence alone (≈ 170 000 per year and sex) collided between files now and then.
const FILE_REGION = `5226${String(Math.floor(Math.random() * 100)).padStart(2, "0")}`;
let sequence = Math.floor(Math.random() * 100_000);
/** A valid ID number, unique within the test run (the sequence digits and birth day vary within the file's region part). */
export function uniqueIdNumber(birthYear: number, gender: "MALE" | "FEMALE" = "MALE"): string {
  sequence += 1;
  const day = String((sequence % 28) + 1).padStart(2, "0");
  const month = String((Math.floor(sequence / 28) % 12) + 1).padStart(2, "0");
  const base = ((Math.floor(sequence / 336) % 499) * 2) % 998;
  return makeIdNumber(FILE_REGION, `${birthYear}-${month}-${day}`, gender === "MALE" ? base + 1 : base);
}

export async function helperOf(villageCode: string): Promise<string> {
  const helper = await db.user.findFirstOrThrow({ where: { role: "HELPER", regionCode: villageCode, active: true }, orderBy: { createdAt: "asc" } });
  return helper.id;
}

export const memberFields = (overrides: Record<string, unknown> = {}) => ({
  name: "张三",
  idNumber: uniqueIdNumber(1970),
  ethnicity: "汉族",
  educationLevel: "JUNIOR",
  schoolStatus: "NOT_IN_SCHOOL",
  schoolingExemption: "NONE",
  health: "HEALTHY",
  labourSkill: "GENERAL",
  workStatus: "NONE",
  workMonths: "",
  basicMedicalInsurance: "on",
  seriousIllnessInsurance: "on",
  ...overrides,
});

export async function householdInput(villageCode = FIRST_VILLAGE, overrides: { household?: Record<string, unknown>; head?: Record<string, unknown> } = {}) {
  return {
    villageCode,
    household: {
      address: "测试地址1号",
      attribute: "GENERAL",
      identificationStandard: "NATIONAL",
      identificationYear: "2015",
      primaryCause: "ILLNESS",
      otherCauses: ["LACK_SKILLS"],
      helperId: await helperOf(villageCode),
      farmlandMu: "1.5",
      forestMu: "0",
      distanceToRoadKm: "0.8",
      roadType: "HARDENED",
      housingAreaM2: "80",
      housingGrade: "B",
      fuelType: "FIREWOOD",
      hasElectricity: "on",
      hasBroadcastTv: "on",
      drinkingWaterSafe: "on",
      foodSecure: "on",
      clothingSecure: "on",
      ...overrides.household,
    },
    head: memberFields({ name: "户主甲", ...overrides.head }),
  };
}

export async function createTestHousehold(actor: Actor, villageCode = FIRST_VILLAGE, overrides = {}) {
  return createHousehold(actor, await householdInput(villageCode, overrides));
}

/**
 * A county of a test file's own under `prefix` (4 digits), claimed by inserting it: files that pick
 * a code at random never share a county (two picks of the same code made one file fail now and then).
 * Returns the 6-digit county code.
 */
export async function createOwnCounty(prefix: string, name: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const county6 = `${prefix}${String(10 + Math.floor(Math.random() * 89))}`;
    const { count } = await db.region.createMany({ data: [{ code: `${county6}000000`, name, level: "COUNTY", countyCode: county6 }], skipDuplicates: true });
    if (count === 1) return county6;
  }
  throw new Error(`区划前缀 ${prefix} 下没有空闲的县代码`);
}
