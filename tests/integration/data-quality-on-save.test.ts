// 疑点数据 on save (issue 12 point 3): the member, household and income commands evaluate the
// household's rules in their own transaction, store the hits at once (no refresh needed) and return
// those concerning what was saved; fixing the data clears them. A refused save changes nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ARCHIVE_WARNING_RULES, formQualityNotes, HOUSEHOLD_FORM, HOUSEHOLD_LEVELS, INCOME_FORM, MEMBER_FORM } from "@/lib/data-quality/on-save";
import { updateHousehold } from "@/lib/households/update-household";
import { saveIncome } from "@/lib/income/commands";
import { addMember, updateMember } from "@/lib/members/commands";
import { createTestHousehold, householdInput, memberFields, uniqueIdNumber } from "./factories";
import { expectAppError, signInAs } from "./helpers";

const codes = (hits: { ruleCode: string }[]) => hits.map((hit) => hit.ruleCode);

describe("疑点数据 when saving", () => {
  it("a 之子 with a woman's ID number: the save returns M-006 on 与户主关系 and stores it at once; the correction clears both", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const idNumber = uniqueIdNumber(1996, "FEMALE");
    const added = await addMember(village, { householdId, ...memberFields({ name: "子女戊", relation: "SON", idNumber }) });
    expect(added.quality).toContainEqual(expect.objectContaining({ ruleCode: "M-006", severity: "ERROR", field: "relation", memberId: added.id }));
    expect(added.quality.every((hit) => hit.memberId === added.id)).toBe(true); // only what was saved
    expect(await db.qualityHit.count({ where: { memberId: added.id, ruleCode: "M-006" } })).toBe(1);
    const notes = await formQualityNotes(village, householdId, { memberId: added.id }, MEMBER_FORM);
    expect(notes.relation?.map((note) => note.text).join()).toContain("M-006");
    expect(notes.relation?.[0].tone).toBe("error");
    // The archive page shows the member form's warnings itself (数据提示): its list of what the save made leaves them out.
    expect(ARCHIVE_WARNING_RULES).toContain("M-006");
    const onArchive = await formQualityNotes(village, householdId, { memberId: added.id }, MEMBER_FORM, ARCHIVE_WARNING_RULES);
    expect(JSON.stringify(onArchive)).not.toContain("M-006");

    const member = await db.member.findUniqueOrThrow({ where: { id: added.id } });
    const fixed = await updateMember(village, {
      memberId: added.id,
      version: String(member.version),
      householdId,
      ...memberFields({ name: "子女戊", relation: "DAUGHTER", idNumber }),
    });
    expect(codes(fixed.quality)).not.toContain("M-006");
    expect(await db.qualityHit.count({ where: { memberId: added.id, ruleCode: "M-006" } })).toBe(0);
    expect((await formQualityNotes(village, householdId, { memberId: added.id }, MEMBER_FORM)).relation).toBeUndefined();
  });

  it("the household form: 耕地 150 亩 returns H-007 beside household.farmlandMu; 15 亩 clears it", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const input = await householdInput();
    const saved = await updateHousehold(village, { householdId, version: 1, household: { ...input.household, phone: "13800002222", farmlandMu: "150" } });
    expect(codes(saved.quality)).toContain("H-007");
    expect(saved.quality.every((hit) => hit.memberId === null && HOUSEHOLD_LEVELS.includes(hit.level as never))).toBe(true);
    const notes = await formQualityNotes(village, householdId, { levels: HOUSEHOLD_LEVELS }, HOUSEHOLD_FORM);
    expect(notes["household.farmlandMu"]?.[0]).toMatchObject({ tone: "warning" });
    const fixed = await updateHousehold(village, { householdId, version: 2, household: { ...input.household, phone: "13800002222", farmlandMu: "15" } });
    expect(codes(fixed.quality)).not.toContain("H-007");
    expect(await db.qualityHit.count({ where: { householdId, ruleCode: "H-007" } })).toBe(0);
  });

  it("the income form: 生产经营性支出 above its income returns I-004 beside 生产经营性支出", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const year = new Date().getFullYear();
    const saved = await saveIncome(village, {
      householdId,
      year: String(year),
      version: "0",
      wageFen: "5000",
      businessIncomeFen: "1000",
      businessExpenseFen: "3000",
    });
    expect(codes(saved.quality)).toContain("I-004");
    const notes = await formQualityNotes(village, householdId, { levels: ["INCOME"] }, INCOME_FORM);
    expect(notes.businessExpenseFen?.map((note) => note.text).join()).toContain("I-004");
  });

  it("a refused save stores nothing, and another township's user gets no notes (not found)", async () => {
    const [village, town2] = await Promise.all([signInAs("village"), signInAs("town2")]);
    const { id: householdId } = await createTestHousehold(village);
    const before = await db.qualityHit.findMany({ where: { householdId }, orderBy: { id: "asc" } });
    // A second 户主 is refused by the command (POLICY: one 户主 per household); the hits stay as they were.
    await expectAppError(addMember(village, { householdId, ...memberFields({ relation: "HEAD" }) }), "RULE_VIOLATION");
    expect(await db.qualityHit.findMany({ where: { householdId }, orderBy: { id: "asc" } })).toEqual(before);
    await expectAppError(formQualityNotes(town2, householdId, { levels: HOUSEHOLD_LEVELS }, HOUSEHOLD_FORM), "NOT_FOUND");
  });
});
