import bcrypt from "bcryptjs";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { openExitSheet } from "@/lib/exits/household/open-exit-sheet";
import { getHouseholdHandbook } from "@/lib/households/get-household-handbook";
import { saveIncome } from "@/lib/income/commands";
import { addMeasure } from "@/lib/measures/commands";
import { recordVisit, savePlan } from "@/lib/measures/plans-and-visits";
import { DEMO_PASSWORD } from "@/prisma/demo-county";
import { createTestHousehold, FIRST_VILLAGE } from "./factories";
import { expectAppError, signInAs } from "./helpers";

/** A first-village household with income, a measure, a plan, a visit and an exit sheet opened by its 帮扶责任人. */
async function fullHousehold() {
  const [village, helper] = await Promise.all([signInAs("village"), signInAs("helper")]);
  const { id } = await createTestHousehold(village, FIRST_VILLAGE);
  await saveIncome(village, { householdId: id, year: "2020", version: "0", wageFen: "20000", otherTransferFen: "1000" });
  const item = await db.measureItem.findFirstOrThrow({ where: { name: "家庭医生签约" } });
  await addMeasure(village, {
    householdId: id,
    itemId: item.id,
    addressedCauses: ["ILLNESS"],
    startDate: "2020-03-01",
    amountFen: "1200",
    fundingSource: "COUNTY",
    responsibleUnit: "县卫健局",
  });
  await savePlan(village, { householdId: id, year: "2020", targetPerCapitaFen: "4500", plannedExitYear: "2020", plannedMeasures: "家庭医生签约；技能培训" });
  await recordVisit(village, { householdId: id, idempotencyKey: randomUUID(), visitedOn: todayString(), findings: "户主病情稳定", actions: "送药上门" });
  const sheet = await openExitSheet(helper, { householdId: id, assessmentYear: "2020", opinion: "两不愁三保障均已达标" });
  return { id, sheetId: sheet.id, village };
}

describe("扶贫手册 (the printed 一户一档)", () => {
  it("holds the archive, income with its calculation, the 帮扶 side and where the exit sheet stands, with ID numbers masked", async () => {
    const { id, sheetId, village } = await fullHousehold();
    const auditBefore = await db.auditEvent.count();
    const handbook = await getHouseholdHandbook(village, id);

    const head = await db.member.findFirstOrThrow({ where: { householdId: id, relation: "HEAD" } });
    expect(handbook.members.map((member) => member.idNumberMasked)).toEqual([`${head.idNumber.slice(0, 4)}**********${head.idNumber.slice(-4)}`]);
    expect(JSON.stringify(handbook)).not.toContain(head.idNumber);

    // 21,000 元 for one person in the household, the calculation as lib/income/rules.ts writes it.
    const [income] = handbook.incomes;
    expect(income.record.year).toBe(2020);
    expect(income.result.netIncomeFen).toBe(2_100_000);
    expect(income.result.perCapitaFen).toBe(2_100_000);
    expect(income.result.formula).toContain("÷ 在户人口 1");
    expect(income.comparison.status).toBe("ABOVE");

    expect(handbook.measures.map((measure) => [measure.item, measure.status, measure.amountFen])).toEqual([["家庭医生签约", "PLANNED", 120_000]]);
    expect(handbook.totalAmountFen).toBe(120_000);
    expect(handbook.plans.map((plan) => [plan.year, plan.plannedMeasures, plan.actualPerCapitaFen])).toEqual([[2020, "家庭医生签约；技能培训", 2_100_000]]);
    expect(handbook.visits.map((visit) => visit.findings)).toEqual(["户主病情稳定"]);
    expect(handbook.visitTotal).toBe(1);
    expect(handbook.household.helper.displayName).toBeTruthy();

    const stored = await db.exitSheet.findUniqueOrThrow({ where: { id: sheetId } });
    expect(handbook.exitSheets).toEqual([
      expect.objectContaining({
        id: sheetId,
        assessmentYear: 2020,
        statusLabel: "办理中",
        currentStepLabel: "村两委民主评议",
        round: 1,
        verificationCode: stored.verificationCode,
      }),
    ]);
    // Printing writes nothing (ID numbers stay masked, so there is no full view to log).
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("answers a household out of scope exactly like a missing one", async () => {
    const { id } = await fullHousehold();
    const [town2, inspector] = await Promise.all([signInAs("town2"), signInAs("inspector")]);
    const outside = await expectAppError(getHouseholdHandbook(town2, id), "NOT_FOUND");
    const missing = await expectAppError(getHouseholdHandbook(town2, randomUUID()), "NOT_FOUND");
    expect(outside.message).toBe(missing.message);

    // A 帮扶责任人 of the same village sees only the households assigned to them.
    const username = `bf${randomUUID().slice(0, 8)}`;
    await db.user.create({
      data: { username, displayName: "另一帮扶人", role: "HELPER", regionCode: FIRST_VILLAGE, passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4) },
    });
    await expectAppError(getHouseholdHandbook(await signInAs(username), id), "NOT_FOUND");

    // The county-wide read-only inspector gets the same handbook as the village.
    expect((await getHouseholdHandbook(inspector, id)).household.id).toBe(id);
  });
});
