import { describe, expect, it } from "vitest";
import { ageOn } from "@/lib/dates";
import { allCriteriaMet, failedCriteria, formatYuan } from "@/lib/exits/criterion";
import { evaluateExitCriteria, type CriterionResult, type ExitCriterionCode, type ExitSnapshot, type ExitSnapshotMember } from "@/lib/exits/household/criteria";

function member(overrides: Partial<ExitSnapshotMember> & Pick<ExitSnapshotMember, "id" | "name" | "birthDate">): ExitSnapshotMember {
  return {
    status: "PRESENT",
    schoolStatus: "NOT_IN_SCHOOL",
    schoolingExemption: "NONE",
    basicMedicalInsurance: true,
    seriousIllnessInsurance: true,
    ...overrides,
  };
}

/** A household of three that meets every criterion on 2020-11-30. */
function snapshot(overrides: Partial<ExitSnapshot> = {}): ExitSnapshot {
  return {
    assessmentYear: 2020,
    asOf: "2020-11-30",
    povertyLineFen: 400_000,
    income: { netIncomeFen: 1_690_000, presentMemberCount: 3, perCapitaFen: 563_333 },
    household: {
      foodSecure: true,
      clothingSecure: true,
      drinkingWaterSafe: true,
      drinkingWaterDifficult: false,
      housingGrade: "B",
    },
    completedHousingMeasures: [],
    members: [
      member({ id: "p1", name: "王大山", birthDate: "1975-03-02" }),
      member({ id: "p2", name: "李秀英", birthDate: "1978-07-15" }),
      member({ id: "p3", name: "王小明", birthDate: "2010-09-01", schoolStatus: "PRIMARY" }),
    ],
    compulsorySchoolAge: { from: 6, to: 15 },
    ...overrides,
  };
}

function criterion(s: ExitSnapshot, code: ExitCriterionCode): CriterionResult {
  const found = evaluateExitCriteria(s).find((r) => r.code === code);
  if (!found) throw new Error(`no result for ${code}`);
  return found;
}

function fact(result: CriterionResult, label: string): string | undefined {
  return result.facts.find((f) => f.label === label)?.value;
}

function household(overrides: Partial<ExitSnapshot["household"]>): Partial<ExitSnapshot> {
  return { household: { ...snapshot().household, ...overrides } };
}

describe("helpers", () => {
  it("formats fen as yuan with separators, exactly", () => {
    expect(formatYuan(563_333)).toBe("5,633.33 元");
    expect(formatYuan(400_000)).toBe("4,000.00 元");
    expect(formatYuan(5)).toBe("0.05 元");
    expect(formatYuan(123_456_789_01)).toBe("123,456,789.01 元");
    expect(formatYuan(-150)).toBe("-1.50 元");
  });

  it("computes whole years of age on a date", () => {
    expect(ageOn("2014-09-01", "2020-08-31")).toBe(5);
    expect(ageOn("2014-09-01", "2020-09-01")).toBe(6);
    expect(ageOn("2008-02-29", "2023-02-28")).toBe(14);
    expect(ageOn("2008-02-29", "2023-03-01")).toBe(15);
    expect(ageOn("2008-02-29", "2024-02-29")).toBe(16);
    expect(ageOn("2021-01-01", "2020-12-31")).toBeNull();
    expect(ageOn("2010-02-30", "2020-12-31")).toBeNull();
    expect(ageOn("not a date", "2020-12-31")).toBeNull();
  });
});

describe("evaluateExitCriteria", () => {
  it("returns six results in order, all met for a good household", () => {
    const results = evaluateExitCriteria(snapshot());
    expect(results.map((r) => [r.code, r.label, r.met])).toEqual([
      ["INCOME", "收入达标", true],
      ["FOOD", "不愁吃", true],
      ["CLOTHING", "不愁穿", true],
      ["EDUCATION", "义务教育有保障", true],
      ["MEDICAL", "基本医疗有保障", true],
      ["HOUSING", "住房安全有保障", true],
    ]);
    expect(allCriteriaMet(results)).toBe(true);
    expect(failedCriteria(results)).toEqual([]);
  });

  it("lists the failed criteria", () => {
    const results = evaluateExitCriteria(snapshot(household({ clothingSecure: false, housingGrade: "D" })));
    expect(allCriteriaMet(results)).toBe(false);
    expect(failedCriteria(results).map((r) => r.code)).toEqual(["CLOTHING", "HOUSING"]);
  });
});

describe("收入达标", () => {
  it("is met above the line and shows the figures", () => {
    const result = criterion(snapshot(), "INCOME");
    expect(result.met).toBe(true);
    expect(result.reason).toBe("人均纯收入5,633.33 元，高于2020年度贫困线4,000.00 元");
    expect(fact(result, "人均纯收入")).toBe("5,633.33 元");
    expect(fact(result, "2020年度贫困线")).toBe("4,000.00 元/人·年");
    expect(fact(result, "在户人口")).toBe("3 人");
    expect(fact(result, "家庭纯收入")).toBe("16,900.00 元");
  });

  it("is not met exactly at the line", () => {
    const result = criterion(snapshot({ income: { netIncomeFen: 1_200_000, presentMemberCount: 3, perCapitaFen: 400_000 } }), "INCOME");
    expect(result.met).toBe(false);
    expect(result.reason).toContain("恰好等于2020年度贫困线");
    expect(fact(result, "人均纯收入")).toBe("4,000.00 元");
  });

  it("is met one fen above the line (household total)", () => {
    const result = criterion(snapshot({ income: { netIncomeFen: 1_200_001, presentMemberCount: 3, perCapitaFen: 400_000 } }), "INCOME");
    expect(result.met).toBe(true);
    // 4,000.0033 would round onto the line; it is shown above it instead.
    expect(fact(result, "人均纯收入")).toBe("4,000.01 元");
  });

  it("is met one fen per person above the line", () => {
    const result = criterion(snapshot({ income: { netIncomeFen: 1_200_003, presentMemberCount: 3, perCapitaFen: 400_001 } }), "INCOME");
    expect(result.met).toBe(true);
    expect(fact(result, "人均纯收入")).toBe("4,000.01 元");
  });

  it("is not met one fen below the line, never shown as equal", () => {
    const result = criterion(snapshot({ income: { netIncomeFen: 1_199_999, presentMemberCount: 3, perCapitaFen: 400_000 } }), "INCOME");
    expect(result.met).toBe(false);
    expect(result.reason).toBe("人均纯收入3,999.99 元，低于2020年度贫困线4,000.00 元");
  });

  it("cannot be assessed without a configured line", () => {
    const result = criterion(snapshot({ povertyLineFen: null }), "INCOME");
    expect(result.met).toBe(false);
    expect(result.reason).toContain("该年度（2020年）未设置贫困线");
    expect(fact(result, "2020年度贫困线")).toBe("未设置");
  });

  it("is not met without an income record", () => {
    const result = criterion(snapshot({ income: null }), "INCOME");
    expect(result.met).toBe(false);
    expect(result.reason).toBe("该户没有2020年度的收入记录");
  });

  it("is not met with zero members present", () => {
    const result = criterion(snapshot({ income: { netIncomeFen: 1_000_000, presentMemberCount: 0, perCapitaFen: null } }), "INCOME");
    expect(result.met).toBe(false);
    expect(result.reason).toBe("在户人口为0，无法计算人均纯收入");
  });

  it("is not met with a negative net income", () => {
    const result = criterion(snapshot({ income: { netIncomeFen: -30_000, presentMemberCount: 2, perCapitaFen: -15_000 } }), "INCOME");
    expect(result.met).toBe(false);
    expect(fact(result, "人均纯收入")).toBe("-150.00 元");
  });
});

describe("不愁吃 / 不愁穿", () => {
  it("requires food security", () => {
    const result = criterion(snapshot(household({ foodSecure: false })), "FOOD");
    expect(result).toMatchObject({ met: false, reason: "吃饭没有保障" });
  });

  it("requires safe drinking water", () => {
    const result = criterion(snapshot(household({ drinkingWaterSafe: false })), "FOOD");
    expect(result).toMatchObject({ met: false, reason: "饮水不安全" });
    expect(fact(result, "饮水是否安全")).toBe("否");
  });

  it("requires drinking water that is not difficult", () => {
    const result = criterion(snapshot(household({ drinkingWaterDifficult: true })), "FOOD");
    expect(result).toMatchObject({ met: false, reason: "饮水困难" });
  });

  it("names every food problem", () => {
    const result = criterion(snapshot(household({ foodSecure: false, drinkingWaterSafe: false, drinkingWaterDifficult: true })), "FOOD");
    expect(result.reason).toBe("吃饭没有保障；饮水不安全；饮水困难");
  });

  it("requires clothing for all seasons", () => {
    expect(criterion(snapshot(household({ clothingSecure: false })), "CLOTHING")).toMatchObject({ met: false, reason: "四季衣被没有保障" });
    expect(criterion(snapshot(), "CLOTHING").met).toBe(true);
  });
});

describe("义务教育有保障", () => {
  const withChild = (child: Partial<ExitSnapshotMember> & { birthDate: string }) =>
    snapshot({ members: [member({ id: "p1", name: "王大山", birthDate: "1975-03-02" }), member({ id: "c1", name: "王小花", ...child })] });

  it("fails for a 6-year-old out of school, naming the child and age", () => {
    const result = criterion(withChild({ birthDate: "2014-06-01", schoolStatus: "NOT_IN_SCHOOL" }), "EDUCATION");
    expect(result.met).toBe(false);
    expect(result.reason).toBe('王小花（6岁）在校状况为"非在校生"，未接受义务教育，且没有送教上门或因病休学记录');
    expect(fact(result, "王小花")).toBe("6岁，非在校生");
    expect(fact(result, "适龄在户成员")).toBe("1 人");
  });

  it("is fine for a 16-year-old out of school", () => {
    const result = criterion(withChild({ birthDate: "2004-11-30", schoolStatus: "NOT_IN_SCHOOL" }), "EDUCATION");
    expect(result.met).toBe(true);
    expect(result.reason).toBe("该户没有6–15周岁的在户成员");
  });

  it("fails for a 15-year-old out of school, one day before turning 16", () => {
    expect(criterion(withChild({ birthDate: "2004-12-01", schoolStatus: "NOT_IN_SCHOOL" }), "EDUCATION").met).toBe(false);
  });

  it("is fine for an out-of-school 5-year-old", () => {
    expect(criterion(withChild({ birthDate: "2015-06-01", schoolStatus: "NOT_IN_SCHOOL" }), "EDUCATION").met).toBe(true);
  });

  it("is fine for an exempted child", () => {
    const homeTaught = criterion(withChild({ birthDate: "2012-06-01", schoolingExemption: "HOME_TEACHING" }), "EDUCATION");
    expect(homeTaught.met).toBe(true);
    expect(fact(homeTaught, "王小花")).toBe("8岁，非在校生（送教上门）");
    const suspended = criterion(withChild({ birthDate: "2009-06-01", schoolingExemption: "MEDICAL_SUSPENSION" }), "EDUCATION");
    expect(suspended.met).toBe(true);
  });

  it("accepts preschool at 6 but not at 7", () => {
    expect(criterion(withChild({ birthDate: "2014-06-01", schoolStatus: "PRESCHOOL" }), "EDUCATION").met).toBe(true);
    const seven = criterion(withChild({ birthDate: "2013-06-01", schoolStatus: "PRESCHOOL" }), "EDUCATION");
    expect(seven.met).toBe(false);
    expect(seven.reason).toContain('王小花（7岁）在校状况为"学前"');
  });

  it("ignores a moved-out or deceased child", () => {
    expect(criterion(withChild({ birthDate: "2012-06-01", status: "MOVED_OUT" }), "EDUCATION").met).toBe(true);
    expect(criterion(withChild({ birthDate: "2012-06-01", status: "DECEASED" }), "EDUCATION").met).toBe(true);
  });

  it("uses the configured age range", () => {
    const s = { ...withChild({ birthDate: "2004-06-01" }), compulsorySchoolAge: { from: 6, to: 17 } };
    const result = criterion(s, "EDUCATION");
    expect(result.met).toBe(false);
    expect(fact(result, "义务教育年龄")).toBe("6–17周岁");
  });

  it("counts a child born after the assessment date as 评估年度后出生, not as an invalid birth date", () => {
    // The household is assessed as of 2020-11-30; the baby was born on 2020-12-20 and registered later.
    const result = criterion(withChild({ birthDate: "2020-12-20" }), "EDUCATION");
    expect(result.met).toBe(true);
    expect(result.reason).toBe("该户没有6–15周岁的在户成员");
    expect(fact(result, "王小花")).toBe("评估年度后出生（2020-12-20）");
    expect(result.reason).not.toContain("无效");
    // Born on the day itself: 0 years old, an ordinary member under school age.
    expect(fact(criterion(withChild({ birthDate: "2020-11-30" }), "EDUCATION"), "王小花")).toBeUndefined();
  });

  it("fails when a present member's birth date is invalid", () => {
    const result = criterion(withChild({ birthDate: "2012-13-01", schoolStatus: "PRIMARY" }), "EDUCATION");
    expect(result.met).toBe(false);
    expect(result.reason).toContain("王小花的出生日期（2012-13-01）无效");
  });

  it("counts the eligible children in school", () => {
    const result = criterion(snapshot(), "EDUCATION");
    expect(result.reason).toBe("1名义务教育适龄成员均在校或有免于就学的记录");
    expect(fact(result, "王小明")).toBe("10岁，小学");
  });
});

describe("基本医疗有保障", () => {
  it("fails for a present member without basic insurance, by name", () => {
    const s = snapshot();
    s.members[1] = { ...s.members[1], basicMedicalInsurance: false };
    const result = criterion(s, "MEDICAL");
    expect(result.met).toBe(false);
    expect(result.reason).toBe("李秀英未参加城乡居民基本医疗保险");
    expect(fact(result, "参加基本医疗保险")).toBe("2 人");
    expect(fact(result, "参加大病保险")).toBe("3 人");
  });

  it("fails for a present member without serious-illness insurance", () => {
    const s = snapshot();
    s.members[2] = { ...s.members[2], seriousIllnessInsurance: false, basicMedicalInsurance: false };
    expect(criterion(s, "MEDICAL").reason).toBe("王小明未参加城乡居民基本医疗保险和大病保险");
  });

  it("ignores a deceased or moved-out member without insurance", () => {
    const s = snapshot();
    s.members.push(
      member({ id: "p4", name: "王老汉", birthDate: "1940-01-01", status: "DECEASED", basicMedicalInsurance: false, seriousIllnessInsurance: false }),
    );
    s.members.push(
      member({ id: "p5", name: "王二妹", birthDate: "1998-01-01", status: "MOVED_OUT", basicMedicalInsurance: false, seriousIllnessInsurance: false }),
    );
    const result = criterion(s, "MEDICAL");
    expect(result.met).toBe(true);
    expect(fact(result, "在户成员")).toBe("3 人");
  });
});

describe("住房安全有保障", () => {
  it("is met for grade A and B", () => {
    expect(criterion(snapshot(household({ housingGrade: "A" })), "HOUSING")).toMatchObject({ met: true, reason: "住房安全等级为A级（安全）" });
    expect(criterion(snapshot(household({ housingGrade: "B" })), "HOUSING").met).toBe(true);
  });

  it("is met for grade C with a completed 危房改造", () => {
    const result = criterion(
      snapshot({ ...household({ housingGrade: "C" }), completedHousingMeasures: [{ item: "危房改造", completedOn: "2019-10-01" }] }),
      "HOUSING",
    );
    expect(result.met).toBe(true);
    expect(result.reason).toBe("住房安全等级为C级（局部危房），已完成危房改造");
    expect(fact(result, "已完成住房保障措施")).toBe("危房改造（2019-10-01完成）");
  });

  it("is met for grade D after 易地扶贫搬迁", () => {
    const s = snapshot({ ...household({ housingGrade: "D" }), completedHousingMeasures: [{ item: "易地扶贫搬迁", completedOn: null }] });
    expect(criterion(s, "HOUSING").met).toBe(true);
  });

  it("fails for grade D without a completed measure", () => {
    const result = criterion(snapshot(household({ housingGrade: "D" })), "HOUSING");
    expect(result.met).toBe(false);
    expect(result.reason).toBe("住房安全等级为D级（整栋危房），且没有已完成的危房改造或易地扶贫搬迁");
  });

  it("fails for grade C without a completed measure", () => {
    expect(criterion(snapshot(household({ housingGrade: "C" })), "HOUSING").met).toBe(false);
  });

  it("fails without a recorded grade", () => {
    const result = criterion(snapshot(household({ housingGrade: null })), "HOUSING");
    expect(result).toMatchObject({ met: false, reason: "未评定住房安全等级" });
    expect(fact(result, "住房安全等级")).toBe("未评定");
  });
});
