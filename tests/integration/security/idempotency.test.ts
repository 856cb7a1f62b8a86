import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMeasure } from "@/lib/measures/commands";
import { recordVisit } from "@/lib/measures/plans-and-visits";
import { runAction } from "@/lib/run-action";
import { createTestHousehold } from "../factories";
import { signInAs } from "../helpers";

async function helperHousehold() {
  const helper = await signInAs("helper");
  const household = await db.household.findFirstOrThrow({ where: { helperId: helper.userId }, orderBy: { householdNo: "asc" } });
  return { helper, household };
}

describe("a retried or doubled create makes one record", () => {
  it("two identical visit submissions in parallel create one visit and one audit row", async () => {
    const { helper, household } = await helperHousehold();
    const input = { householdId: household.id, idempotencyKey: randomUUID(), visitedOn: "2026-11-20", findings: "入户核实收入" };
    const results = await Promise.all([runAction(() => recordVisit(helper, input)), runAction(() => recordVisit(helper, input))]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(await db.visit.count({ where: { householdId: household.id, idempotencyKey: input.idempotencyKey } })).toBe(1);
    const ids = results.map((result) => (result.ok ? (result.data as { id: string }).id : null));
    expect(ids[0]).toBe(ids[1]);
    expect(await db.auditEvent.count({ where: { action: "visit.create", entityId: household.id, after: { path: ["visitId"], equals: ids[0] ?? "" } } })).toBe(
      1,
    );
  });

  it("a visit retried later with the same key returns the first one", async () => {
    const { helper, household } = await helperHousehold();
    const input = { householdId: household.id, idempotencyKey: randomUUID(), visitedOn: "2026-11-21", findings: "第二次" };
    const first = await recordVisit(helper, input);
    const again = await recordVisit(helper, input);
    expect(again.id).toBe(first.id);
  });

  it("the same key from another user is that user's own record, never the first user's", async () => {
    const { helper, household } = await helperHousehold();
    const key = randomUUID();
    const first = await recordVisit(helper, { householdId: household.id, idempotencyKey: key, visitedOn: "2026-11-22", findings: "甲" });
    const village = await signInAs("village");
    const second = await recordVisit(village, { householdId: household.id, idempotencyKey: key, visitedOn: "2026-11-22", findings: "乙" });
    expect(second.id).not.toBe(first.id);
  });

  it("two identical measure submissions in parallel create one measure", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const item = await db.measureItem.findFirstOrThrow({ where: { name: "家庭医生签约" } });
    const input = {
      householdId,
      idempotencyKey: randomUUID(),
      itemId: item.id,
      addressedCauses: ["ILLNESS"],
      startDate: "2020-03-01",
      amountFen: "1000",
      fundingSource: "COUNTY",
      responsibleUnit: "县卫健局",
    };
    const results = await Promise.all([runAction(() => addMeasure(village, input)), runAction(() => addMeasure(village, input))]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(await db.measure.count({ where: { householdId, idempotencyKey: input.idempotencyKey } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "measure.create", entityId: householdId } })).toBe(1);
  });
});
