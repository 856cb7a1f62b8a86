import { describe, expect, it } from "vitest";
import { daysBetweenDates, daysOverdue, findingStatusLabel, isInTargetUnit, isOverdue } from "@/lib/inspections/findings/rules";
import { criterionOf, DEFAULT_CATEGORY, failedItems, findingDescription, madeOnOldData, signedTheSheet } from "@/lib/inspections/reviews/rules";

describe("finding rules", () => {
  it("a finding is overdue from the day after its deadline, until it is closed", () => {
    expect(isOverdue({ status: "OPEN", deadline: "2026-03-01" }, "2026-03-01")).toBe(false);
    expect(isOverdue({ status: "OPEN", deadline: "2026-03-01" }, "2026-03-02")).toBe(true);
    expect(isOverdue({ status: "SUBMITTED", deadline: "2026-03-01" }, "2026-03-02")).toBe(true);
    expect(isOverdue({ status: "CLOSED", deadline: "2026-03-01" }, "2026-04-02")).toBe(false);
    expect(daysOverdue({ status: "OPEN", deadline: "2026-02-27" }, "2026-03-02")).toBe(3);
    expect(daysOverdue({ status: "OPEN", deadline: "2026-03-05" }, "2026-03-02")).toBe(0);
    expect(daysBetweenDates("2025-12-31", "2026-01-01")).toBe(1);
  });

  it("an open finding returned once reads 已退回", () => {
    expect(findingStatusLabel({ status: "OPEN", returns: 0 })).toBe("待整改");
    expect(findingStatusLabel({ status: "OPEN", returns: 2 })).toBe("已退回");
    expect(findingStatusLabel({ status: "SUBMITTED", returns: 1 })).toBe("已提交整改");
    expect(findingStatusLabel({ status: "CLOSED", returns: 0 })).toBe("已销号");
  });

  it("the township and village a finding concerns are inside its target unit; county users and other places are not", () => {
    const onVillage = { townshipCode: "522698100000", villageCode: "522698100201" };
    const onTownship = { townshipCode: "522698100000", villageCode: null };
    expect(isInTargetUnit({ townshipCode: "522698100000", villageCode: null }, onVillage)).toBe(true);
    expect(isInTargetUnit({ townshipCode: "522698100000", villageCode: "522698100201" }, onVillage)).toBe(true);
    expect(isInTargetUnit({ townshipCode: "522698100000", villageCode: "522698100202" }, onVillage)).toBe(false);
    expect(isInTargetUnit({ townshipCode: "522698100000", villageCode: "522698100202" }, onTownship)).toBe(true);
    expect(isInTargetUnit({ townshipCode: "522698101000", villageCode: null }, onVillage)).toBe(false);
    expect(isInTargetUnit({ townshipCode: null, villageCode: null }, onVillage)).toBe(false);
  });
});

describe("review rules", () => {
  it("failed items, their default categories, criteria and descriptions", () => {
    const checklist = [
      { item: "INCOME" as const, passed: false, note: "经营性收入无凭证" },
      { item: "FOOD" as const, passed: true, note: null },
      { item: "SIGNATURES" as const, passed: false, note: "缺乡镇审核签字" },
    ];
    expect(failedItems(checklist)).toEqual(["INCOME", "SIGNATURES"]);
    expect([DEFAULT_CATEGORY.INCOME, DEFAULT_CATEGORY.SIGNATURES, DEFAULT_CATEGORY.EVIDENCE, DEFAULT_CATEGORY.HOUSING]).toEqual([
      "INCOME",
      "MISSING_SIGNATURE",
      "MISSING_EVIDENCE",
      "POLICY",
    ]);
    expect(criterionOf("HOUSING")).toBe("HOUSING");
    expect(criterionOf("NOTICE")).toBeUndefined();
    expect(findingDescription(checklist[0])).toBe("核验表审查「收入核算」不合格：经营性收入无凭证");
  });

  it("a review is on old data when the hash differs; a signer of the sheet is recognised", () => {
    expect(madeOnOldData({ contentHash: "a".repeat(64) }, "a".repeat(64))).toBe(false);
    expect(madeOnOldData({ contentHash: "a".repeat(64) }, "b".repeat(64))).toBe(true);
    expect(signedTheSheet([{ userId: "u1" }, { userId: "u2" }], "u2")).toBe(true);
    expect(signedTheSheet([{ userId: "u1" }], "u3")).toBe(false);
  });
});
