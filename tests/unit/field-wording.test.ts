import { describe, expect, it } from "vitest";
import { notMetLabel } from "@/lib/exits/criterion";
import { assessmentYears } from "@/lib/exits/household/assessment-year";
import { EXIT_CRITERION_LABELS } from "@/lib/exits/household/criteria";
import { ageOnAssessment, BORN_AFTER_ASSESSMENT } from "@/lib/members/rules";
import { failedCriteriaText } from "@/lib/sign-off/refusal";

describe("a criterion that is not met, in words", () => {
  it("says 收入未达标, never 收入达标未达标", () => {
    expect(notMetLabel(EXIT_CRITERION_LABELS.INCOME)).toBe("收入未达标");
    expect(notMetLabel(EXIT_CRITERION_LABELS.HOUSING)).toBe("住房安全有保障未达标");
    expect(notMetLabel("通宽带")).toBe("通宽带未达标");
    const text = failedCriteriaText([
      { met: false, label: EXIT_CRITERION_LABELS.INCOME, reason: "人均纯收入低于贫困线" },
      { met: true, label: EXIT_CRITERION_LABELS.FOOD, reason: "口粮有保障" },
      { met: false, label: EXIT_CRITERION_LABELS.HOUSING, reason: "D级危房" },
    ]);
    expect(text).toBe("收入未达标：人均纯收入低于贫困线；住房安全有保障未达标：D级危房");
    expect(text).not.toContain("达标未达标");
  });
});

describe("age on the assessment date", () => {
  it("tells a child born after the date from an invalid date", () => {
    expect(ageOnAssessment("2021-01-05", "2020-12-31")).toEqual({ kind: "bornAfter" });
    expect(ageOnAssessment("2020-12-31", "2020-12-31")).toEqual({ kind: "age", age: 0 });
    expect(ageOnAssessment("2010-06-01", "2020-05-31")).toEqual({ kind: "age", age: 9 });
    expect(ageOnAssessment("2010-06-01", "2020-06-01")).toEqual({ kind: "age", age: 10 });
    expect(ageOnAssessment("2010-02-30", "2020-12-31")).toEqual({ kind: "invalid" });
    expect(ageOnAssessment("", "2020-12-31")).toEqual({ kind: "invalid" });
    expect(BORN_AFTER_ASSESSMENT).toBe("评估年度后出生");
  });
});

describe("the 入户核验 year", () => {
  it("opens on the latest year with a poverty line, not on a calendar year without one", () => {
    const result = assessmentYears({ currentYear: 2026, incomeYears: [2024, 2025], lineYears: [2019, 2020, 2024] });
    expect(result.year).toBe(2024);
    expect(result.latestLineYear).toBe(2024);
    expect(result.years).toEqual([2026, 2025, 2024, 2020, 2019]);
  });

  it("keeps a requested year that is offered, even one without a line (the page then says so)", () => {
    expect(assessmentYears({ currentYear: 2026, incomeYears: [2025], lineYears: [2024], requested: "2025" }).year).toBe(2025);
    expect(assessmentYears({ currentYear: 2026, incomeYears: [], lineYears: [2024], requested: " 2026 " }).year).toBe(2026);
  });

  it("ignores a requested year that is not offered or not a year", () => {
    for (const requested of ["2030", "2012", "abc", "2024.5", ""]) {
      expect(assessmentYears({ currentYear: 2026, incomeYears: [], lineYears: [2024], requested }).year).toBe(2024);
    }
  });

  it("falls back to the current year when no year has a line, and never offers a year outside 2013…now", () => {
    const result = assessmentYears({ currentYear: 2026, incomeYears: [2011, 2027], lineYears: [2030] });
    expect(result).toEqual({ years: [2026], year: 2026, latestLineYear: null });
  });
});
