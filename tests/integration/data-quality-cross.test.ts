// 疑点数据, cross-household rules (decision 017): the refresh job recomputes only the groups its dirty
// households touch, before and after their change, and the result is what a whole-county pass gives.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { refreshIndicators } from "@/lib/dashboard/refresh";
import { todayString } from "@/lib/dates";
import { loadQualityContext } from "@/lib/data-quality/load";
import { recomputeCrossQuality } from "@/lib/data-quality/store";
import { updateMember } from "@/lib/members/commands";
import { makeIdNumber } from "@/lib/members/id-number";
import { DEMO_COUNTY } from "@/prisma/demo-county";
import { createTestHousehold, memberFields, uniqueIdNumber } from "./factories";
import { signInAs } from "./helpers";

const COUNTY6 = DEMO_COUNTY.code.slice(0, 6);

/**
 * The refresh the job would run now. It is incremental (the path by group) unless another test file running at the same
 * time changed a county-wide setting, which forces a full refresh; that path must give the same hits, so the
 * assertions below hold either way, and in a quiet run they test the path by group.
 */
async function refresh() {
  const result = await refreshIndicators(COUNTY6);
  expect(result.kind).toBe("refreshed");
}

const CROSS = { countyCode: COUNTY6, ruleCode: { startsWith: "C-" } };
const crossHits = async () =>
  new Set(
    (await db.qualityHit.findMany({ where: CROSS, select: { householdId: true, memberId: true, ruleCode: true, message: true, groupKey: true } })).map(
      (row) => `${row.ruleCode}|${row.householdId}|${row.memberId}|${row.groupKey}|${row.message}`,
    ),
  );

/** The county's C- hits as a whole-county pass computes them (in a transaction rolled back afterwards). */
async function wholeCounty(): Promise<Set<string>> {
  let result = new Set<string>();
  await db
    .$transaction(async (tx) => {
      await recomputeCrossQuality(tx, COUNTY6, await loadQualityContext(tx, todayString()));
      result = new Set(
        (await tx.qualityHit.findMany({ where: CROSS, select: { householdId: true, memberId: true, ruleCode: true, message: true, groupKey: true } })).map(
          (row) => `${row.ruleCode}|${row.householdId}|${row.memberId}|${row.groupKey}|${row.message}`,
        ),
      );
      throw new Error("rollback");
    })
    .catch((error: Error) => {
      if (error.message !== "rollback") throw error;
    });
  return result;
}

describe("cross-household 疑点 are recomputed by group", () => {
  it("a 户主 renamed out of a same-name-same-birthday pair clears the hit on both households (the old group comes from the stored hit)", async () => {
    const village = await signInAs("village");
    await refresh(); // whatever earlier tests left dirty
    const idNumber = uniqueIdNumber(1958);
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    const first = await createTestHousehold(village, undefined, { head: { name: "同名戊", idNumber } });
    const second = await createTestHousehold(village, undefined, { head: { name: "同名戊", idNumber: makeIdNumber("522601", birthDate, 555) } });
    await refresh();
    const pair = await db.qualityHit.findMany({ where: { ruleCode: "C-002", householdId: { in: [first.id, second.id] } } });
    expect(pair.map((row) => row.householdId).sort()).toEqual([first.id, second.id].sort());
    expect(pair.every((row) => row.groupKey === `同名戊|${birthDate}`)).toBe(true);
    expect(await crossHits()).toEqual(await wholeCounty());

    const head = await db.member.findFirstOrThrow({ where: { householdId: second.id, relation: "HEAD" } });
    await updateMember(village, {
      memberId: head.id,
      version: String(head.version),
      householdId: second.id,
      relation: "HEAD",
      ...memberFields({ name: "改名戊", idNumber: head.idNumber }),
    });
    await refresh();
    // Only the second household was dirty; the first one's hit went too, found through the group it shared.
    expect(await db.qualityHit.count({ where: { ruleCode: "C-002", householdId: { in: [first.id, second.id] } } })).toBe(0);
    expect(await crossHits()).toEqual(await wholeCounty());
  });

  it("a phone on four households is flagged on all four (C-004); when one changes its phone, all four are cleared", async () => {
    const village = await signInAs("village");
    const phone = `139${String(Date.now()).slice(-8)}`;
    const households = [];
    for (let index = 0; index < 4; index++) households.push(await createTestHousehold(village, undefined, { household: { phone } }));
    const ids = households.map((household) => household.id);
    await refresh();
    expect(await db.qualityHit.count({ where: { ruleCode: "C-004", householdId: { in: ids }, groupKey: phone } })).toBe(4);
    expect(await crossHits()).toEqual(await wholeCounty());

    await db.household.update({ where: { id: ids[3] }, data: { phone: `137${String(Date.now()).slice(-8)}` } }); // the trigger marks it dirty
    await refresh();
    expect(await db.qualityHit.count({ where: { ruleCode: "C-004", householdId: { in: ids } } })).toBe(0);
    expect(await crossHits()).toEqual(await wholeCounty());
  });
});
