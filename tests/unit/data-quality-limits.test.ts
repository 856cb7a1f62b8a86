// 疑点数据 limits are county settings (/settings, lib/settings/commands.ts saveQualityLimits) passed to the pure rules in the
// context: a changed limit moves each rule's boundary (hit just above it, none at it).
import { describe, expect, it } from "vitest";
import { crossHits, householdHits } from "@/lib/data-quality/catalogue";
import { DEFAULT_QUALITY_LIMITS, presentMembers, type HouseholdQualityFacts, type QualityLimits } from "@/lib/data-quality/facts";
import { DEFAULT_COUNTY_SETTINGS } from "@/lib/settings/queries";
import { ZCountySettings, ZQualityLimitsInput } from "@/lib/settings/schema";
import { changed, CONTEXT, home, household, income, LINE_2023 } from "./data-quality-fixtures";

const withLimits = (limits: Partial<QualityLimits>) => ({ ...CONTEXT, limits: { ...DEFAULT_QUALITY_LIMITS, ...limits } });
const codes = (facts: HouseholdQualityFacts, limits: Partial<QualityLimits> = {}) => householdHits(facts, withLimits(limits)).map((hit) => hit.ruleCode);
const crossCodes = (county: HouseholdQualityFacts[], limits: Partial<QualityLimits> = {}) => crossHits(county, withLimits(limits)).map((hit) => hit.ruleCode);
const county = (size: number, change: (facts: HouseholdQualityFacts) => void) =>
  Array.from({ length: size }, (_, index) => {
    const facts = household(index);
    change(facts);
    return facts;
  });

describe("疑点数据 limits from the county settings", () => {
  it("the defaults are the county setting's defaults, and the setting's schema accepts them", () => {
    expect(DEFAULT_COUNTY_SETTINGS.qualityLimits).toEqual(DEFAULT_QUALITY_LIMITS);
    expect(ZCountySettings.shape.qualityLimits.safeParse(DEFAULT_QUALITY_LIMITS).success).toBe(true);
  });

  it("H-007 耕地: 120 亩 is a hit under the default 100, not under a limit of 150; 150.5 is", () => {
    expect(codes(changed(home({ farmlandMu: 120 })))).toContain("H-007");
    expect(codes(changed(home({ farmlandMu: 120 })), { farmlandMu: 150 })).not.toContain("H-007");
    expect(codes(changed(home({ farmlandMu: 150 })), { farmlandMu: 150 })).not.toContain("H-007");
    expect(codes(changed(home({ farmlandMu: 150.5 })), { farmlandMu: 150 })).toContain("H-007");
  });

  it("I-002 收入: 1.5 times the line is no hit at the default 2×, a hit at 1.4×, none exactly at 1.5×", () => {
    const people = presentMembers(household()).length;
    const atOneAndHalf = changed(
      income({
        year: 2023,
        wageFen: (LINE_2023 * 3 * people) / 2,
        businessIncomeFen: 0,
        businessExpenseFen: 0,
        propertyFen: 0,
        minimumLivingFen: 0,
        extremePovertySupportFen: 0,
        pensionFen: 0,
        familyPlanningFen: 0,
        ecologicalCompensationFen: 0,
        otherTransferFen: 0,
      }),
    );
    expect(codes(atOneAndHalf)).not.toContain("I-002");
    expect(codes(atOneAndHalf, { perCapitaLinePercent: 140 })).toContain("I-002");
    expect(codes(atOneAndHalf, { perCapitaLinePercent: 150 })).not.toContain("I-002");
    expect(householdHits(atOneAndHalf, withLimits({ perCapitaLinePercent: 140 })).find((hit) => hit.ruleCode === "I-002")?.message).toContain("1.4倍");
  });

  it("C-004 电话 and C-003 帮扶责任人: three households on one phone (or one helper) are fine by default, a hit at a limit of 2", () => {
    const phone = county(3, (facts) => void (facts.household.phone = "13900000000"));
    expect(crossCodes(phone)).not.toContain("C-004");
    expect(crossCodes(phone, { householdsPerPhone: 2 })).toEqual(["C-004", "C-004", "C-004"]);
    const helper = county(3, (facts) => void (facts.household.helperId = "helper-x"));
    expect(crossCodes(helper)).not.toContain("C-003");
    expect(crossCodes(helper, { householdsPerHelper: 2 }).filter((code) => code === "C-003")).toHaveLength(3);
  });

  it("the settings form's input: the multiple typed with one decimal becomes a percentage; bad values get Chinese messages", () => {
    expect(ZQualityLimitsInput.parse({ farmlandMu: "150", householdsPerPhone: "4", householdsPerHelper: "12", perCapitaLinePercent: "1.5" })).toEqual({
      farmlandMu: 150,
      householdsPerPhone: 4,
      householdsPerHelper: 12,
      perCapitaLinePercent: 150,
      version: 0,
    });
    const bad = ZQualityLimitsInput.safeParse({ farmlandMu: "0", householdsPerPhone: "x", householdsPerHelper: "12", perCapitaLinePercent: "1.05" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((issue) => issue.message)).toEqual([
      "耕地面积上限应在 1 到 10000 之间",
      "请填写同一联系电话的户数上限",
      "倍数应为 1.1 到 10 之间的数，最多一位小数",
    ]);
  });
});
