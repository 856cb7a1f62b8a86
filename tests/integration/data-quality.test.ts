// 疑点数据: a member saved through the commands that breaks a rule shows up as a stored hit (at once
// since the on-save check, and again after the refresh job, decision 015), fixing it clears the hit, and a user of another township sees
// neither the hit nor its counts, by list or by a region in the URL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { refreshIndicators } from "@/lib/dashboard/refresh";
import { findQualityHits, listQualityRules } from "@/lib/data-quality/queries";
import { ZHitFilter, ZRuleFilter } from "@/lib/data-quality/schema";
import { scanCountyQuality } from "@/lib/data-quality/store";
import { findHouseholds } from "@/lib/households/find-households";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { addMember, updateMember } from "@/lib/members/commands";
import { makeIdNumber } from "@/lib/members/id-number";
import { ZPageParams } from "@/lib/pagination";
import { DEMO_COUNTY, DEMO_TOWNSHIPS } from "@/prisma/demo-county";
import { createTestHousehold, memberFields, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);
const FIRST_TOWNSHIP = DEMO_TOWNSHIPS[0].code;
const PAGE = ZPageParams.parse({ pageSize: 100 });

async function refresh() {
  const result = await refreshIndicators(COUNTY6);
  expect(result.kind).toBe("refreshed");
}

const storedHits = (memberId: string, ruleCode: string) => db.qualityHit.findMany({ where: { memberId, ruleCode } });
const rulesCount = async (actor: Awaited<ReturnType<typeof signInAs>>, code: string) =>
  (await listQualityRules(actor, ZRuleFilter.parse({ open: "1" }), ZPageParams.parse({ pageSize: 100 }))).page.rows.find((row) => row.code === code)?.hits ?? 0;

describe("疑点数据 follow the archive through the refresh job", () => {
  it("a 之子 saved with a woman's ID number is flagged (M-006) after the refresh, and cleared when corrected", async () => {
    const [village, town, town2, county] = await Promise.all(["village", "town", "town2", "county"].map((name) => signInAs(name)));
    const { id: householdId } = await createTestHousehold(village);
    const town2Before = await rulesCount(town2, "M-006");
    const countyBefore = await rulesCount(county, "M-006");
    const { id: memberId } = await addMember(village, {
      householdId,
      ...memberFields({ name: "子女丙", relation: "SON", idNumber: uniqueIdNumber(1995, "FEMALE") }),
    });
    expect(await storedHits(memberId, "M-006")).toHaveLength(1); // stored at once by the save (lib/data-quality/on-save.ts)

    await refresh();
    const [hit] = await storedHits(memberId, "M-006");
    expect(hit).toMatchObject({ householdId, severity: "ERROR", level: "MEMBER", field: "relation", countyCode: COUNTY6, townshipCode: FIRST_TOWNSHIP });
    expect(hit.message).toContain("子女丙");
    const listed = await findQualityHits(village, ZHitFilter.parse({ rule: "M-006" }), PAGE);
    expect(listed.page.rows.map((row) => row.householdId)).toContain(householdId);
    expect(listed.page.rows.find((row) => row.householdId === householdId)).toMatchObject({ ruleTitle: "与户主关系与性别不符", headName: "户主甲" });
    expect((await findQualityHits(town, ZHitFilter.parse({ rule: "M-006" }), PAGE)).regions.map((region) => region.code)).toContain(hit.villageCode);
    expect(await rulesCount(county, "M-006")).toBe(countyBefore + 1);

    // The household list filtered by the rule (the drill-down of /quality): only for users who may see 疑点数据.
    const filtered = await findHouseholds(village, ZHouseholdFilter.parse({ quality: "M-006" }), PAGE);
    expect(filtered.rows.map((row) => row.id)).toContain(householdId);
    expect(filtered.total).toBe(
      new Set((await db.qualityHit.findMany({ where: { ruleCode: "M-006", villageCode: hit.villageCode } })).map((row) => row.householdId)).size,
    );
    const helper = await signInAs("helper");
    const helperAll = await findHouseholds(helper, ZHouseholdFilter.parse({}), PAGE);
    expect((await findHouseholds(helper, ZHouseholdFilter.parse({ quality: "M-006" }), PAGE)).total).toBe(helperAll.total);
    expect((await findHouseholds(town2, ZHouseholdFilter.parse({ quality: "M-006" }), PAGE)).rows.map((row) => row.id)).not.toContain(householdId);

    // Another township: not in its list, not by naming the first township in the URL, not in its counts.
    expect((await findQualityHits(town2, ZHitFilter.parse({ rule: "M-006" }), PAGE)).page.rows.map((row) => row.householdId)).not.toContain(householdId);
    const byUrl = await findQualityHits(town2, ZHitFilter.parse({ township: FIRST_TOWNSHIP }), PAGE);
    expect(byUrl.page.rows).toEqual([]);
    expect(byUrl.regions).toEqual([]);
    expect(await rulesCount(town2, "M-006")).toBe(town2Before);

    await updateMember(village, {
      memberId,
      version: "1",
      ...memberFields({ name: "子女丙", relation: "DAUGHTER", idNumber: (await db.member.findUniqueOrThrow({ where: { id: memberId } })).idNumber }),
    });
    expect(await storedHits(memberId, "M-006")).toEqual([]); // cleared at once by the save
    await refresh(); // and the job agrees
    expect(await storedHits(memberId, "M-006")).toEqual([]);
    expect(await rulesCount(county, "M-006")).toBe(countyBefore);
  });

  it("a household-level rule and a cross-household rule: no phone (H-006), and the same 户主 name and birth date in two households (C-002)", async () => {
    const village = await signInAs("village");
    const idNumber = uniqueIdNumber(1961);
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    const sameBirth = makeIdNumber("522601", birthDate, 777); // another county's number, the same birth date
    const first = await createTestHousehold(village, undefined, { head: { name: "同名丁", idNumber } });
    const second = await createTestHousehold(village, undefined, { head: { name: "同名丁", idNumber: sameBirth } });
    await refresh();
    expect(await db.qualityHit.count({ where: { householdId: first.id, ruleCode: "H-006" } })).toBe(1);
    const cross = await db.qualityHit.findMany({ where: { ruleCode: "C-002", householdId: { in: [first.id, second.id] } } });
    expect(cross.map((row) => row.householdId).sort()).toEqual([first.id, second.id].sort());
  });

  it("the full scan rebuilds the same hits with a progress report", async () => {
    const before = await db.qualityHit.findMany({
      where: { countyCode: COUNTY6 },
      select: { householdId: true, memberId: true, ruleCode: true, message: true },
    });
    const reports: number[] = [];
    const result = await scanCountyQuality(COUNTY6, { onProgress: (progress) => reports.push(progress.done) });
    expect(result.total).toBe(await db.household.count({ where: { countyCode: COUNTY6 } }));
    expect(reports.at(-1)).toBe(result.total);
    const after = await db.qualityHit.findMany({
      where: { countyCode: COUNTY6 },
      select: { householdId: true, memberId: true, ruleCode: true, message: true },
    });
    const key = (row: (typeof after)[number]) => `${row.householdId}|${row.memberId}|${row.ruleCode}|${row.message}`;
    expect(after.length).toBe(result.hits);
    expect(new Set(after.map(key))).toEqual(new Set(before.map(key)));
  });

  it("helpers and the administrator have no 疑点数据", async () => {
    for (const name of ["helper", "admin"]) {
      const actor = await signInAs(name);
      await expectAppError(listQualityRules(actor, ZRuleFilter.parse({}), PAGE), "FORBIDDEN");
      await expectAppError(findQualityHits(actor, ZHitFilter.parse({}), PAGE), "FORBIDDEN");
    }
  });
});
