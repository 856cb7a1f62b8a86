import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/sign-in";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { uploadAndProcess } from "@/lib/imports/commands";
import { listImportIssues, waitForBatch } from "@/lib/imports/queries";
import { ZPageParams } from "@/lib/pagination";
import { createRegion } from "@/lib/regions/commands";
import { createVillageGroup } from "@/lib/regions/village-groups";
import { createUser } from "@/lib/users/commands";
import { generateNationalRows, nationalWorkbookBuffer } from "@/scripts/generate-national-workbook";
import { createOwnCounty } from "./factories";
import { signInAs, uniqueName } from "./helpers";

// A county of its own with two villages: one with a 自然村/组 list (1组–4组), one without. The generator writes 1组–8组.
const countyName = uniqueName("导入县");
let county6 = "";
const township = { code: "", name: uniqueName("镇") };
const listed = { code: "", name: uniqueName("有组村") };
const free = { code: "", name: uniqueName("无组村") };
let office: Actor;

beforeAll(async () => {
  county6 = await createOwnCounty("4528", countyName);
  const countyCode = `${county6}000000`;
  township.code = `${county6}101000`;
  listed.code = `${county6}101201`;
  free.code = `${county6}101202`;
  const adminName = uniqueName("impadmin");
  await db.user.create({
    data: { username: adminName, displayName: "管理员", role: "ADMIN", regionCode: countyCode, passwordHash: await hashPassword("Groups-2026-x") },
  });
  const admin = await signInAs(adminName, "Groups-2026-x");
  await createRegion(admin, { level: "TOWNSHIP", code: township.code, name: township.name, parentCode: countyCode });
  for (const village of [listed, free]) {
    await createRegion(admin, { level: "VILLAGE", code: village.code, name: village.name, parentCode: township.code });
    await createUser(admin, { username: uniqueName("hp"), displayName: "帮扶人", password: "Helper-2026-x", role: "HELPER", regionCode: village.code });
  }
  for (const name of ["1组", "2组", "3组", "4组"]) await createVillageGroup(admin, { villageCode: listed.code, name });
  const officeName = uniqueName("impoffice");
  await createUser(admin, { username: officeName, displayName: "扶贫办", password: "Office-2026-x", role: "COUNTY_OFFICE", regionCode: countyCode });
  office = await signInAs(officeName, "Office-2026-x");
});

describe("national import: the 自然村/组 column against the village's list", () => {
  it("maps onto the list where the village has one (other names are row errors), stays free text where it has none", async () => {
    const generated = generateNationalRows({
      households: 16,
      seed: 27,
      firstSequence: 1,
      idRegion: county6,
      county: { province: "贵州省", city: "某州", name: countyName, idRegion: county6, townships: [{ name: township.name, villages: [listed, free] }] },
    });
    const buffer = await nationalWorkbookBuffer(generated, {});
    const { batchId } = await uploadAndProcess(office, { file: { name: "贫困人口明细.xlsx", bytes: new Uint8Array(buffer) } });
    const batch = await waitForBatch(office, batchId);

    const households = new Map<string, { village: string; group: string; sheetRow: number }>();
    generated.rows.forEach((row, index) => {
      const no = String(row.householdNo);
      if (!households.has(no)) households.set(no, { village: String(row.village), group: String(row.villageGroup), sheetRow: index });
    });
    const outside = [...households.values()].filter(
      (household) => household.village === listed.name && !["1组", "2组", "3组", "4组"].includes(household.group),
    );
    const inFree = [...households.values()].filter((household) => household.village === free.name);
    expect(outside.length).toBeGreaterThan(0);
    expect(inFree.some((household) => !["1组", "2组", "3组", "4组"].includes(household.group))).toBe(true);

    const issues = await listImportIssues(office, batchId, ZPageParams.parse({ pageSize: "100" }));
    expect(issues.rows.map((issue) => issue.code)).toEqual(outside.map(() => "VILLAGE_GROUP_UNKNOWN"));
    expect(new Set(issues.rows.map((issue) => issue.column))).toEqual(new Set(["自然村/组"]));
    expect(issues.rows[0].message).toMatch(
      new RegExp(`^行政村“${listed.name}”：本村的自然村/组中没有“[5-8]组”，应为：1组、2组、3组、4组；请核对，或先在区划管理中添加该自然村/组$`),
    );
    expect(batch).toMatchObject({ status: "VALIDATED", householdsValid: households.size - outside.length });
  });
});
