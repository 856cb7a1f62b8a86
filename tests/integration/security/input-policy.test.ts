import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateHousehold } from "@/lib/households/update-household";
import { createHousehold } from "@/lib/households/create-household";
import { saveIncome } from "@/lib/income/commands";
import { recordVisit } from "@/lib/measures/plans-and-visits";
import { addMember } from "@/lib/members/commands";
import { runAction } from "@/lib/run-action";
import { createTestHousehold, householdInput, memberFields, uniqueIdNumber } from "../factories";
import { expectAppError, signInAs } from "../helpers";

const HIDDEN_CHARACTERS: [string, string][] = [
  ["NUL", "\u0000"],
  ["a control character (BEL)", "\u0007"],
  ["a right-to-left override", "\u202E"],
  ["a zero-width space", "\u200B"],
  ["a zero-width joiner", "\u200D"],
  ["a byte-order mark", "\uFEFF"],
  ["a line separator", "\u2028"],
];

async function writes() {
  return { members: await db.member.count(), visits: await db.visit.count(), audit: await db.auditEvent.count() };
}

describe("one policy for text input", () => {
  for (const [what, character] of HIDDEN_CHARACTERS) {
    it(`a member name with ${what} is refused with a field error and changes nothing`, async () => {
      const village = await signInAs("village");
      const { id: householdId } = await createTestHousehold(village);
      const before = await writes();
      const error = await expectAppError(
        addMember(village, { householdId, ...memberFields({ name: `王${character}明`, relation: "SPOUSE", idNumber: uniqueIdNumber(1972, "FEMALE") }) }),
        "VALIDATION",
      );
      expect(error.fieldErrors?.name?.[0]).toMatch(/[\u4e00-\u9fff]/);
      expect(await writes()).toEqual(before);
    });
  }

  it("NUL in 详细地址 or 走访情况 is refused as a field error, not a database error", async () => {
    const village = await signInAs("village");
    const helper = await signInAs("helper");
    const input = await householdInput();
    const before = await writes();
    const address = await runAction(() => createHousehold(village, { ...input, household: { ...input.household, address: "村口\u00001号" } }));
    expect(address).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!address.ok && address.fieldErrors?.["household.address"]?.[0]).toMatch(/空字符/);
    const household = await db.household.findFirstOrThrow({ where: { helperId: helper.userId } });
    const visit = await runAction(() => recordVisit(helper, { householdId: household.id, visitedOn: "2026-11-01", findings: "家中\u0000无人" }));
    expect(visit).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(!visit.ok && visit.fieldErrors?.findings?.[0]).toMatch(/空字符/);
    expect(await writes()).toEqual(before);
  });

  it("names keep the middle dot and characters beyond the BMP", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    for (const name of ["阿依·古丽", "𠮷野", "买买提·艾力"]) {
      const { id } = await addMember(village, { householdId, ...memberFields({ name, relation: "OTHER", idNumber: uniqueIdNumber(1990) }) });
      expect((await db.member.findUniqueOrThrow({ where: { id } })).name).toBe(name);
    }
  });

  it("free text is kept verbatim (a tab before = is not trimmed away)", async () => {
    const helper = await signInAs("helper");
    const household = await db.household.findFirstOrThrow({ where: { helperId: helper.userId } });
    const findings = "\t=收入核实 ";
    const { id } = await recordVisit(helper, { householdId: household.id, visitedOn: "2026-11-02", findings });
    expect((await db.visit.findUniqueOrThrow({ where: { id } })).findings).toBe(findings);
  });

  it("a version of 0 gets a Chinese message", async () => {
    const village = await signInAs("village");
    const input = await householdInput();
    const { id } = await createHousehold(village, input);
    const error = await expectAppError(updateHousehold(village, { householdId: id, version: "0", household: input.household }), "VALIDATION");
    expect(error.message).toMatch(/版本/);
    expect(error.message).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("two parallel first saves of one year's income: one is saved, the other gets the conflict message", async () => {
    const village = await signInAs("village");
    const { id: householdId } = await createTestHousehold(village);
    const input = { householdId, year: "2019", version: "0", wageFen: "3000" };
    const results = await Promise.all([runAction(() => saveIncome(village, input)), runAction(() => saveIncome(village, input))]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, code: "STALE_VERSION", message: "该记录已被他人修改，请刷新后重试" });
    expect(await db.incomeRecord.count({ where: { householdId, year: 2019 } })).toBe(1);
  });
});
