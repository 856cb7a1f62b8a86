import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findMyHouseholds } from "@/lib/home/my-households";
import { addMeasure } from "@/lib/measures/commands";
import { findOverdueVisits } from "@/lib/measures/find-overdue-visits";
import { findUncoveredHouseholds, ZUncoveredFilter } from "@/lib/measures/find-uncovered";
import { recordVisit } from "@/lib/measures/plans-and-visits";
import { ZPageParams } from "@/lib/pagination";
import { createUser } from "@/lib/users/commands";
import { createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

/** A village of its own (石桥镇, village numbers 9xx are used by no other test file) with two helpers and a village cadre who can sign in. */
async function villageWithTwoHelpers() {
  const code = `5226981009${String(Math.floor(Math.random() * 89) + 10)}`;
  await db.region.upsert({
    where: { code },
    update: {},
    create: { code, name: `帮扶${code.slice(-2)}村`, level: "VILLAGE", parentCode: "522698100000", countyCode: "522698", townshipCode: "522698100000" },
  });
  const admin = await signInAs("admin");
  const account = async (role: string, displayName: string) => {
    const username = `hh${randomUUID().slice(0, 8)}`;
    await createUser(admin, { username, displayName, password: "secret-2026", role, regionCode: code });
    return signInAs(username, "secret-2026");
  };
  return {
    code,
    helperA: await account("HELPER", "帮扶人甲"),
    helperB: await account("HELPER", "帮扶人乙"),
    cadre: await account("VILLAGE_CADRE", "村干部丙"),
  };
}

const page1 = ZPageParams.parse({});
const idsOf = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe("帮扶责任人: 走访提醒, 施策不精准清单 and 我的帮扶户 show only their own households", () => {
  it("restricts both lists to the helper's households, and the home lists them with what is due", async () => {
    const { code, helperA, helperB, cadre } = await villageWithTwoHelpers();
    // Causes of every test household: 因病 + 缺技术.
    const a1 = (await createTestHousehold(cadre, code, { household: { helperId: helperA.userId } })).id;
    const a2 = (await createTestHousehold(cadre, code, { household: { helperId: helperA.userId } })).id;
    const b1 = (await createTestHousehold(cadre, code, { household: { helperId: helperB.userId } })).id;

    // a1 was visited yesterday and has a planned measure whose start date has passed (to report as 实施中).
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await recordVisit(helperA, { householdId: a1, visitedOn: yesterday, findings: "正常" });
    const item = (await db.measureItem.findFirstOrThrow({ where: { name: "家庭医生签约" } })).id;
    await addMeasure(helperA, {
      householdId: a1,
      itemId: item,
      addressedCauses: ["ILLNESS"],
      startDate: "2020-03-01",
      amountFen: "100",
      fundingSource: "COUNTY",
      responsibleUnit: "县卫健局",
    });

    // 走访提醒: the helper sees their own overdue household only; the village cadre sees all three.
    expect(idsOf((await findOverdueVisits(helperA, {}, page1)).page.rows)).toEqual([a2]);
    expect(idsOf((await findOverdueVisits(helperB, {}, page1)).page.rows)).toEqual([b1]);
    // A village filter naming the helper's own village cannot widen the list.
    expect(idsOf((await findOverdueVisits(helperB, { village: code }, page1)).page.rows)).toEqual([b1]);
    expect(idsOf((await findOverdueVisits(cadre, { village: code }, page1)).page.rows)).toEqual([a2, b1].sort());

    // 施策不精准清单: a planned measure covers nothing, so all of A's households are listed — and none of B's.
    const uncoveredA = await findUncoveredHouseholds(helperA, ZUncoveredFilter.parse({ village: code }), page1);
    expect(idsOf(uncoveredA.page.rows)).toEqual([a1, a2].sort());
    expect(uncoveredA.summary.households).toBe(2);
    expect(idsOf((await findUncoveredHouseholds(helperB, ZUncoveredFilter.parse({}), page1)).page.rows)).toEqual([b1]);
    expect(idsOf((await findUncoveredHouseholds(cadre, ZUncoveredFilter.parse({ village: code }), page1)).page.rows)).toEqual([a1, a2, b1].sort());

    // 我的帮扶户: A's two households, the overdue one first, each with what is due.
    const mine = await findMyHouseholds(helperA, page1);
    expect(mine.page.rows.map((row) => row.id)).toEqual([a2, a1]);
    expect(mine.totals).toEqual({ households: 2, visitsOverdue: 1, exitSteps: 0, uncovered: 2 });
    const [first, second] = mine.page.rows;
    expect(first).toMatchObject({ id: a2, visitOverdue: true, lastVisit: null, measuresToReport: 0, uncoveredCauses: ["ILLNESS", "LACK_SKILLS"], exit: null });
    expect(second).toMatchObject({ id: a1, visitOverdue: false, lastVisit: yesterday, daysSinceVisit: 1, measuresToReport: 1 });
    expect((await findMyHouseholds(helperB, page1)).page.rows.map((row) => row.id)).toEqual([b1]);
  });

  it("is the helper's page only: other roles are refused", async () => {
    const { cadre } = await villageWithTwoHelpers();
    await expectAppError(findMyHouseholds(cadre, page1), "FORBIDDEN");
    await expectAppError(findMyHouseholds(await signInAs("county"), page1), "FORBIDDEN");
    await expectAppError(findMyHouseholds(await signInAs("admin"), page1), "FORBIDDEN");
  });
});
