import { describe, expect, it } from "vitest";
import type { Relation } from "@/lib/domain/codes";
import { householdWarnings, memberWarnings, type MemberFacts, type MemberRuleOptions } from "@/lib/members/rules";

const TODAY = new Date(2024, 5, 15); // 2024-06-15
const OPTIONS = { today: TODAY, compulsorySchoolAge: { from: 6, to: 15 } };

/** A birth date making someone exactly `age` on TODAY: their birthday is today. */
function bornTurningToday(age: number): string {
  return `${2024 - age}-06-15`;
}
/** A birth date making someone `age` on TODAY, turning age+1 tomorrow. */
function bornTurningTomorrow(age: number): string {
  return `${2024 - age - 1}-06-16`;
}

const HEAD: MemberFacts = {
  name: "王建国",
  relation: "HEAD",
  gender: "MALE",
  birthDate: "1970-03-10",
  schoolStatus: "NOT_IN_SCHOOL",
  schoolingExemption: "NONE",
  labourSkill: "GENERAL",
  workMonths: 6,
  status: "PRESENT",
};

function member(overrides: Partial<MemberFacts>): MemberFacts {
  return { ...HEAD, name: "王小明", relation: "SON", ...overrides };
}

function child(age: number, overrides: Partial<MemberFacts> = {}): MemberFacts {
  return member({
    birthDate: bornTurningToday(age),
    schoolStatus: "PRIMARY",
    labourSkill: "NONE",
    workMonths: null,
    ...overrides,
  });
}

function codesOf(m: MemberFacts, head: MemberFacts | null = HEAD, options: MemberRuleOptions = OPTIONS): string[] {
  return memberWarnings(m, { head }, options).map((w) => w.code);
}

describe("memberWarnings: a consistent member", () => {
  it("raises nothing for a plausible head, spouse and child", () => {
    expect(memberWarnings(HEAD, { head: HEAD }, OPTIONS)).toEqual([]);
    const spouse = member({ name: "李秀英", relation: "SPOUSE", gender: "FEMALE", birthDate: "1972-08-01" });
    expect(memberWarnings(spouse, { head: HEAD }, OPTIONS)).toEqual([]);
    expect(memberWarnings(child(10), { head: HEAD }, OPTIONS)).toEqual([]);
  });

  it("checks only members who are 在户", () => {
    const wrongEverywhere = member({
      relation: "DAUGHTER",
      gender: "MALE",
      birthDate: bornTurningToday(10),
      schoolStatus: "NOT_IN_SCHOOL",
      workMonths: 20,
    });
    expect(codesOf(wrongEverywhere).length).toBeGreaterThan(3);
    expect(memberWarnings({ ...wrongEverywhere, status: "DECEASED" }, { head: HEAD }, OPTIONS)).toEqual([]);
    expect(memberWarnings({ ...wrongEverywhere, status: "MOVED_OUT" }, { head: HEAD }, OPTIONS)).toEqual([]);
  });
});

describe("compulsory-school age out of school", () => {
  const outOfSchool = { schoolStatus: "NOT_IN_SCHOOL" as const };

  it("warns for a 6-year-old and a 15-year-old marked 非在校生 without exemption", () => {
    expect(codesOf(child(6, outOfSchool))).toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(15, { ...outOfSchool, birthDate: bornTurningTomorrow(15) }))).toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
  });

  it("does not warn just outside the age range (5 and 16)", () => {
    expect(codesOf(child(5, { ...outOfSchool, birthDate: bornTurningTomorrow(5) }))).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(16, outOfSchool))).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
  });

  it("does not warn with a recorded exemption or when at school", () => {
    expect(codesOf(child(9, { ...outOfSchool, schoolingExemption: "HOME_TEACHING" }))).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(9, { ...outOfSchool, schoolingExemption: "MEDICAL_SUSPENSION" }))).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(9, { schoolStatus: "PRIMARY" }))).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(14, { schoolStatus: "JUNIOR" }))).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
  });

  it("names the member, the age and the configured range", () => {
    const warnings = memberWarnings(child(9, { name: "王小红", ...outOfSchool }), { head: HEAD }, OPTIONS);
    expect(warnings).toContainEqual({
      code: "COMPULSORY_AGE_NOT_IN_SCHOOL",
      message: "王小红9岁，处于义务教育年龄（6–15岁），但在校生状况为“非在校生”，且未登记送教上门或因病休学",
    });
  });

  it("uses the configured age range", () => {
    const options = { today: TODAY, compulsorySchoolAge: { from: 7, to: 16 } };
    expect(codesOf(child(6, outOfSchool), HEAD, options)).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(16, outOfSchool), HEAD, options)).toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
  });

  it("defaults to 6–15 when no range is given", () => {
    const options = { today: TODAY };
    expect(codesOf(child(6, outOfSchool), HEAD, options)).toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
    expect(codesOf(child(16, outOfSchool), HEAD, options)).not.toContain("COMPULSORY_AGE_NOT_IN_SCHOOL");
  });
});

describe("户主 younger than 16", () => {
  it("warns for a 15-year-old head and not for a 16-year-old one", () => {
    const young = member({ name: "赵小军", relation: "HEAD", birthDate: bornTurningTomorrow(15) });
    expect(memberWarnings(young, { head: young }, OPTIONS)).toContainEqual({
      code: "HEAD_UNDER_16",
      message: "户主赵小军只有15岁，未满16周岁，请核对出生日期或与户主关系",
    });
    const sixteen = member({ relation: "HEAD", birthDate: bornTurningToday(16) });
    expect(codesOf(sixteen, sixteen)).not.toContain("HEAD_UNDER_16");
  });

  it("does not apply to other relations", () => {
    expect(codesOf(child(10))).not.toContain("HEAD_UNDER_16");
  });
});

describe("配偶 age gap with the head", () => {
  const head = member({ name: "王建国", relation: "HEAD", gender: "MALE", birthDate: "1950-03-10" });
  const spouse = (birthDate: string) => member({ name: "李秀英", relation: "SPOUSE", gender: "FEMALE", birthDate });

  it("accepts exactly 30 years apart", () => {
    expect(codesOf(spouse("1980-03-10"), head)).not.toContain("SPOUSE_AGE_GAP");
    expect(codesOf(spouse("1920-03-10"), head)).not.toContain("SPOUSE_AGE_GAP");
  });

  it("accepts 30 whole years and some days apart", () => {
    expect(codesOf(spouse("1981-03-09"), head)).not.toContain("SPOUSE_AGE_GAP");
  });

  it("warns from 31 years apart, whichever of the two is older", () => {
    expect(memberWarnings(spouse("1981-03-10"), { head }, OPTIONS)).toContainEqual({
      code: "SPOUSE_AGE_GAP",
      message: "配偶李秀英与户主王建国年龄相差31岁（超过30岁），请核对出生日期或与户主关系",
    });
    expect(codesOf(spouse("1919-03-10"), head)).toContain("SPOUSE_AGE_GAP");
    expect(codesOf(spouse("1919-03-11"), head)).not.toContain("SPOUSE_AGE_GAP");
  });

  it("does not depend on today's date", () => {
    const later = { today: new Date(2031, 2, 9), compulsorySchoolAge: { from: 6, to: 15 } };
    expect(codesOf(spouse("1980-03-10"), head, later)).not.toContain("SPOUSE_AGE_GAP");
    expect(codesOf(spouse("1981-03-10"), head, later)).toContain("SPOUSE_AGE_GAP");
  });

  it("is skipped when there is no head to compare with", () => {
    expect(codesOf(spouse("2000-01-01"), null)).not.toContain("SPOUSE_AGE_GAP");
  });

  it("does not apply to other relations", () => {
    expect(codesOf(child(3, { birthDate: "2021-01-01", schoolStatus: "PRESCHOOL" }), head)).not.toContain("SPOUSE_AGE_GAP");
  });
});

describe("务工时间", () => {
  it("accepts 0 to 12 months and an empty value", () => {
    for (const workMonths of [0, 1, 12, null]) {
      expect(codesOf(member({ relation: "HEAD", workMonths }))).toEqual([]);
    }
  });

  it("warns above 12 months", () => {
    expect(memberWarnings(member({ name: "王强", workMonths: 13 }), { head: HEAD }, OPTIONS)).toEqual([
      { code: "WORK_MONTHS_OVER_12", message: "王强的务工时间为13个月，一年最多12个月" },
    ]);
  });

  it("warns for negative or fractional months", () => {
    expect(codesOf(member({ workMonths: -1 }))).toEqual(["WORK_MONTHS_INVALID"]);
    expect(codesOf(member({ workMonths: 2.5 }))).toEqual(["WORK_MONTHS_INVALID"]);
  });
});

describe("与户主关系 and 性别", () => {
  const male: Relation[] = ["SON", "GRANDSON", "FATHER", "SON_IN_LAW"];
  const female: Relation[] = ["DAUGHTER", "GRANDDAUGHTER", "MOTHER", "DAUGHTER_IN_LAW"];

  it.each(male)("%s must be male", (relation) => {
    expect(codesOf(member({ relation, gender: "MALE" }))).not.toContain("RELATION_GENDER_MISMATCH");
    expect(codesOf(member({ relation, gender: "FEMALE" }))).toContain("RELATION_GENDER_MISMATCH");
  });

  it.each(female)("%s must be female", (relation) => {
    expect(codesOf(member({ relation, gender: "FEMALE" }))).not.toContain("RELATION_GENDER_MISMATCH");
    expect(codesOf(member({ relation, gender: "MALE" }))).toContain("RELATION_GENDER_MISMATCH");
  });

  it.each<Relation>(["HEAD", "SIBLING", "OTHER"])("%s may be either gender", (relation) => {
    expect(codesOf(member({ relation, gender: "MALE" }))).not.toContain("RELATION_GENDER_MISMATCH");
    expect(codesOf(member({ relation, gender: "FEMALE" }))).not.toContain("RELATION_GENDER_MISMATCH");
  });

  it("names the member, the relation and the gender", () => {
    expect(memberWarnings(member({ name: "王丽", relation: "SON", gender: "FEMALE" }), { head: HEAD }, OPTIONS)).toEqual([
      { code: "RELATION_GENDER_MISMATCH", message: "王丽与户主关系为“之子”，但性别为女" },
    ]);
  });

  it("warns when the 配偶 has the same gender as the head", () => {
    const spouse = member({ name: "李秀英", relation: "SPOUSE", gender: "MALE", birthDate: "1972-01-01" });
    expect(memberWarnings(spouse, { head: HEAD }, OPTIONS)).toEqual([
      { code: "SPOUSE_SAME_GENDER", message: "李秀英是户主王建国的配偶，但与户主性别相同（均为男）" },
    ]);
    const femaleHead = { ...HEAD, gender: "FEMALE" as const };
    expect(codesOf({ ...spouse, gender: "FEMALE" }, femaleHead)).toEqual(["SPOUSE_SAME_GENDER"]);
    expect(codesOf(spouse, femaleHead)).toEqual([]);
    expect(codesOf(spouse, null)).toEqual([]);
  });
});

describe("child under 16 not marked 无劳动力", () => {
  it("warns for a 15-year-old with a labour skill", () => {
    const teen = child(15, { name: "王小兵", birthDate: bornTurningTomorrow(15), labourSkill: "GENERAL" });
    expect(memberWarnings(teen, { head: HEAD }, OPTIONS)).toEqual([
      {
        code: "CHILD_NOT_MARKED_NO_LABOUR",
        message: "王小兵15岁，未满16周岁，劳动技能应为“无劳动力”，当前为“普通劳动力”",
      },
    ]);
    expect(codesOf(child(2, { schoolStatus: "PRESCHOOL", labourSkill: "WEAK" }))).toEqual(["CHILD_NOT_MARKED_NO_LABOUR"]);
  });

  it("does not warn for a child marked 无劳动力 or for a 16-year-old", () => {
    expect(codesOf(child(15, { birthDate: bornTurningTomorrow(15), labourSkill: "NONE" }))).toEqual([]);
    expect(codesOf(child(16, { labourSkill: "GENERAL", schoolStatus: "SENIOR" }))).toEqual([]);
  });
});

describe("invalid birth date", () => {
  it("warns and skips the age-based checks", () => {
    const m = member({ name: "王五", birthDate: "2010-02-30", schoolStatus: "NOT_IN_SCHOOL" });
    expect(memberWarnings(m, { head: HEAD }, OPTIONS)).toEqual([{ code: "INVALID_BIRTH_DATE", message: "王五的出生日期“2010-02-30”无效，无法核对年龄" }]);
  });
});

describe("householdWarnings", () => {
  const spouse = member({ name: "李秀英", relation: "SPOUSE", gender: "FEMALE", birthDate: "1972-08-01" });

  it("raises nothing for a consistent household", () => {
    expect(householdWarnings([HEAD, spouse, child(10)], OPTIONS)).toEqual([]);
  });

  it("reports a household without a 在户 户主", () => {
    expect(householdWarnings([spouse, child(10)], OPTIONS)).toEqual([{ code: "NO_HEAD", message: "本户没有在户的户主，请指定一名户主" }]);
    const deceasedHead = { ...HEAD, status: "DECEASED" as const };
    expect(householdWarnings([deceasedHead, spouse], OPTIONS).map((w) => w.code)).toEqual(["NO_HEAD"]);
    expect(householdWarnings([], OPTIONS).map((w) => w.code)).toEqual(["NO_HEAD"]);
  });

  it("reports more than one 在户 户主, naming them", () => {
    const secondHead = member({ name: "王建军", relation: "HEAD", birthDate: "1972-01-01" });
    expect(householdWarnings([HEAD, secondHead, child(10)], OPTIONS)).toEqual([
      { code: "MULTIPLE_HEADS", message: "本户有2名在户户主（王建国、王建军），只能有一名户主" },
    ]);
  });

  it("ignores a head who has moved out when another head is present", () => {
    const formerHead = member({ name: "王老汉", relation: "HEAD", status: "MOVED_OUT" });
    expect(householdWarnings([formerHead, HEAD, spouse], OPTIONS)).toEqual([]);
  });

  it("puts household warnings first and then every member's warnings in order", () => {
    const dropout = child(12, { name: "王小红", relation: "DAUGHTER", gender: "FEMALE", schoolStatus: "NOT_IN_SCHOOL" });
    const worker = member({ name: "王强", workMonths: 14 });
    const codes = householdWarnings([spouse, dropout, worker], OPTIONS).map((w) => w.code);
    expect(codes).toEqual(["NO_HEAD", "COMPULSORY_AGE_NOT_IN_SCHOOL", "WORK_MONTHS_OVER_12"]);
  });

  it("checks the 配偶 against the single 在户 户主", () => {
    const sameGender = { ...spouse, gender: "MALE" as const, birthDate: "1990-01-01" };
    expect(householdWarnings([HEAD, sameGender], OPTIONS).map((w) => w.code)).toEqual(["SPOUSE_SAME_GENDER"]);
    const farApart = { ...spouse, birthDate: "2002-01-01" };
    expect(householdWarnings([HEAD, farApart], OPTIONS).map((w) => w.code)).toEqual(["SPOUSE_AGE_GAP"]);
  });

  it("passes the configured compulsory-school age to the member checks", () => {
    const sixteen = child(16, { schoolStatus: "NOT_IN_SCHOOL", labourSkill: "GENERAL" });
    expect(householdWarnings([HEAD, sixteen], OPTIONS)).toEqual([]);
    const wider = { today: TODAY, compulsorySchoolAge: { from: 6, to: 16 } };
    expect(householdWarnings([HEAD, sixteen], wider).map((w) => w.code)).toEqual(["COMPULSORY_AGE_NOT_IN_SCHOOL"]);
  });
});
