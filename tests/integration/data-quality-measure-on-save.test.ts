// 疑点数据 on save for the measure forms (issue 12 point 3): adding a measure or changing its status runs the household's
// rules in the same transaction, stores the hits at once and returns those of the saved measure (and of the household's
// measures as a whole) keyed by the measure form's fields — never another measure's. Fixing the measure clears them.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMeasure, changeMeasureStatus } from "@/lib/measures/commands";
import { createTestHousehold } from "./factories";
import { expectAppError, signInAs } from "./helpers";

async function itemId(name: string) {
  return (await db.measureItem.findFirstOrThrow({ where: { name } })).id;
}

const measureInput = async (householdId: string, item: string, causes: string[], overrides: Record<string, unknown> = {}) => ({
  householdId,
  itemId: await itemId(item),
  addressedCauses: causes,
  startDate: "2020-03-01",
  amountFen: "1000",
  fundingSource: "COUNTY",
  responsibleUnit: "县卫健局",
  ...overrides,
});

const texts = (notes: { text: string }[] | undefined) => (notes ?? []).map((note) => note.text).join(" | ");

describe("疑点数据 when saving a measure", () => {
  it("an active measure past its end date: S-018 beside 结束日期 of that measure; the uncovered cause beside 针对的致贫原因; completing it clears S-018", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village); // causes 因病 + 缺技术
    const late = await addMeasure(village, await measureInput(householdId, "家庭医生签约", ["ILLNESS"], { status: "ACTIVE", endDate: "2020-06-30" }));
    expect(texts(late.quality.endDate)).toContain("S-018");
    expect(late.quality.endDate?.[0].tone).toBe("warning");
    // 缺技术 still has no measure (S-007, on the household's measures as a whole): beside the causes.
    expect(texts(late.quality.addressedCauses)).toContain("S-007");
    const stored = await db.qualityHit.findMany({ where: { householdId, ruleCode: "S-018" } });
    expect(stored.map((hit) => hit.field)).toEqual([`endDate@${late.id}`]);

    // A second measure's save shows its own notes, not the first measure's S-018; the training covers 缺技术.
    const training = await addMeasure(village, await measureInput(householdId, "技能培训", ["LACK_SKILLS"], { status: "ACTIVE" }));
    expect(JSON.stringify(training.quality)).not.toContain("S-018");
    expect(JSON.stringify(training.quality)).not.toContain("S-007");
    expect(await db.qualityHit.count({ where: { householdId, ruleCode: "S-007" } })).toBe(0);

    // Completing the late measure (with its outcome) clears S-018, in the reply and in the table.
    const done = await changeMeasureStatus(village, { measureId: late.id, version: 1, status: "COMPLETED", outcomeFen: "800" });
    expect(JSON.stringify(done.quality)).not.toContain("S-018");
    expect(await db.qualityHit.count({ where: { householdId, ruleCode: "S-018" } })).toBe(0);
  });

  it("a measure planned since 2020 shows S-019 beside 开始日期 until it is under way; a refused change stores nothing; another township is not found", async () => {
    const [village, town2] = await Promise.all([signInAs("village"), signInAs("town2")]);
    const { id: householdId } = await createTestHousehold(village);
    const planned = await addMeasure(village, await measureInput(householdId, "家庭医生签约", ["ILLNESS"], { startDate: "2020-01-01" }));
    // Planned since 2020: S-019 (计划措施一年以上未实施) beside 开始日期.
    expect(texts(planned.quality.startDate)).toContain("S-019");
    const before = await db.qualityHit.findMany({ where: { householdId }, orderBy: { id: "asc" } });
    await expectAppError(changeMeasureStatus(village, { measureId: planned.id, version: 1, status: "COMPLETED" }), "RULE_VIOLATION");
    await expectAppError(changeMeasureStatus(town2, { measureId: planned.id, version: 1, status: "ACTIVE" }), "NOT_FOUND");
    expect(await db.qualityHit.findMany({ where: { householdId }, orderBy: { id: "asc" } })).toEqual(before);
    const active = await changeMeasureStatus(village, { measureId: planned.id, version: 1, status: "ACTIVE" });
    expect(JSON.stringify(active.quality)).not.toContain("S-019");
    expect(await db.qualityHit.count({ where: { householdId, ruleCode: "S-019" } })).toBe(0);
  });
});
