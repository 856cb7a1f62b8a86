/**
 * Warnings (not refusals) for member data that is probably wrong: docs/domain.md §2 "基础信息错误"
 * and the §7 疑点数据 consistency rules. Only 在户 members are checked.
 */
import { LABOUR_SKILL, RELATION, type MemberStatus, type Relation, type SchoolStatus, type SchoolingExemption } from "@/lib/domain/codes";
import { completedYears } from "@/lib/dates";
import { compareCalendarDates, parseCalendarDate, type CalendarDate } from "@/lib/members/id-number";

export type MemberFacts = {
  name: string;
  relation: Relation;
  gender: "MALE" | "FEMALE";
  birthDate: string;
  schoolStatus: SchoolStatus;
  schoolingExemption: SchoolingExemption;
  labourSkill: keyof typeof LABOUR_SKILL.labels;
  workMonths: number | null;
  status: MemberStatus;
};

export type MemberWarningCode =
  | "INVALID_BIRTH_DATE"
  | "COMPULSORY_AGE_NOT_IN_SCHOOL"
  | "HEAD_UNDER_16"
  | "SPOUSE_AGE_GAP"
  | "WORK_MONTHS_OVER_12"
  | "WORK_MONTHS_INVALID"
  | "RELATION_GENDER_MISMATCH"
  | "SPOUSE_SAME_GENDER"
  | "CHILD_NOT_MARKED_NO_LABOUR";

export type HouseholdWarningCode = "NO_HEAD" | "MULTIPLE_HEADS";

export type Warning<C extends string = string> = { code: C; message: string };

export type MemberRuleOptions = {
  today: Date;
  /** Inclusive ages; *configurable* (docs/domain.md §6), defaults to 6–15. */
  compulsorySchoolAge?: { from: number; to: number };
};

export const DEFAULT_COMPULSORY_SCHOOL_AGE = { from: 6, to: 15 } as const;

const ADULT_AGE = 16;
const MAX_SPOUSE_AGE_GAP_YEARS = 30;
const MAX_WORK_MONTHS = 12;

const MALE_RELATIONS: readonly Relation[] = ["SON", "GRANDSON", "FATHER", "SON_IN_LAW"];
const FEMALE_RELATIONS: readonly Relation[] = ["DAUGHTER", "GRANDDAUGHTER", "MOTHER", "DAUGHTER_IN_LAW"];

const GENDER_LABEL = { MALE: "男", FEMALE: "女" } as const;

function displayName(member: MemberFacts): string {
  return member.name.trim() || "（未填姓名）";
}

/** Whole years between two birth dates, independent of today (so the warning does not flicker). */
function wholeYearsBetween(a: CalendarDate, b: CalendarDate): number {
  const [earlier, later] = compareCalendarDates(a, b) <= 0 ? [a, b] : [b, a];
  const reachedAnniversary = later.month > earlier.month || (later.month === earlier.month && later.day >= earlier.day);
  return later.year - earlier.year - (reachedAnniversary ? 0 : 1);
}

/**
 * A member's age on the day an assessment is made as of: a child born after that day (a baby
 * registered later, assessed for an earlier year) is not a wrong date but "评估年度后出生" and
 * simply not counted; only a date that is not a real calendar date is invalid.
 */
export type AgeOnAssessment = { kind: "age"; age: number } | { kind: "bornAfter" } | { kind: "invalid" };

export const BORN_AFTER_ASSESSMENT = "评估年度后出生";

export function ageOnAssessment(birthDate: string, asOf: string): AgeOnAssessment {
  const birth = parseCalendarDate(birthDate);
  const on = parseCalendarDate(asOf);
  if (!birth || !on) return { kind: "invalid" };
  if (compareCalendarDates(birth, on) > 0) return { kind: "bornAfter" };
  return { kind: "age", age: completedYears(birthDate, asOf) };
}

export function memberWarnings(member: MemberFacts, household: { head: MemberFacts | null }, options: MemberRuleOptions): Warning<MemberWarningCode>[] {
  if (member.status !== "PRESENT") return [];
  const warnings: Warning<MemberWarningCode>[] = [];
  const name = displayName(member);
  const schoolAge = options.compulsorySchoolAge ?? DEFAULT_COMPULSORY_SCHOOL_AGE;

  const requiredGender = MALE_RELATIONS.includes(member.relation) ? "MALE" : FEMALE_RELATIONS.includes(member.relation) ? "FEMALE" : null;
  if (requiredGender && member.gender !== requiredGender) {
    warnings.push({
      code: "RELATION_GENDER_MISMATCH",
      message: `${name}与户主关系为“${RELATION.label(member.relation)}”，但性别为${GENDER_LABEL[member.gender]}`,
    });
  }

  const head = household.head;
  if (member.relation === "SPOUSE" && head && head.gender === member.gender) {
    warnings.push({
      code: "SPOUSE_SAME_GENDER",
      message: `${name}是户主${displayName(head)}的配偶，但与户主性别相同（均为${GENDER_LABEL[member.gender]}）`,
    });
  }

  if (member.workMonths !== null) {
    if (!Number.isInteger(member.workMonths) || member.workMonths < 0) {
      warnings.push({
        code: "WORK_MONTHS_INVALID",
        message: `${name}的务工时间“${member.workMonths}”不是有效的月数，应为0–12的整数`,
      });
    } else if (member.workMonths > MAX_WORK_MONTHS) {
      warnings.push({
        code: "WORK_MONTHS_OVER_12",
        message: `${name}的务工时间为${member.workMonths}个月，一年最多${MAX_WORK_MONTHS}个月`,
      });
    }
  }

  const birth = parseCalendarDate(member.birthDate);
  if (!birth) {
    warnings.push({
      code: "INVALID_BIRTH_DATE",
      message: `${name}的出生日期“${member.birthDate}”无效，无法核对年龄`,
    });
    return warnings;
  }
  const age = completedYears(member.birthDate, options.today);

  if (age >= schoolAge.from && age <= schoolAge.to && member.schoolStatus === "NOT_IN_SCHOOL" && member.schoolingExemption === "NONE") {
    warnings.push({
      code: "COMPULSORY_AGE_NOT_IN_SCHOOL",
      message: `${name}${age}岁，处于义务教育年龄（${schoolAge.from}–${schoolAge.to}岁），但在校生状况为“非在校生”，且未登记送教上门或因病休学`,
    });
  }

  if (member.relation === "HEAD" && age < ADULT_AGE) {
    warnings.push({
      code: "HEAD_UNDER_16",
      message: `户主${name}只有${age}岁，未满${ADULT_AGE}周岁，请核对出生日期或与户主关系`,
    });
  }

  const headBirth = head ? parseCalendarDate(head.birthDate) : null;
  if (member.relation === "SPOUSE" && head && headBirth) {
    const gap = wholeYearsBetween(birth, headBirth);
    if (gap > MAX_SPOUSE_AGE_GAP_YEARS) {
      warnings.push({
        code: "SPOUSE_AGE_GAP",
        message: `配偶${name}与户主${displayName(head)}年龄相差${gap}岁（超过${MAX_SPOUSE_AGE_GAP_YEARS}岁），请核对出生日期或与户主关系`,
      });
    }
  }

  if (age < ADULT_AGE && member.labourSkill !== "NONE") {
    warnings.push({
      code: "CHILD_NOT_MARKED_NO_LABOUR",
      message: `${name}${age}岁，未满${ADULT_AGE}周岁，劳动技能应为“无劳动力”，当前为“${LABOUR_SKILL.label(member.labourSkill)}”`,
    });
  }

  return warnings;
}

/** Household-level checks (exactly one 在户 户主) followed by every member's warnings. */
export function householdWarnings(members: MemberFacts[], options: MemberRuleOptions): Warning<MemberWarningCode | HouseholdWarningCode>[] {
  const presentHeads = members.filter((m) => m.status === "PRESENT" && m.relation === "HEAD");
  const warnings: Warning<MemberWarningCode | HouseholdWarningCode>[] = [];
  if (presentHeads.length === 0) {
    warnings.push({ code: "NO_HEAD", message: "本户没有在户的户主，请指定一名户主" });
  } else if (presentHeads.length > 1) {
    warnings.push({
      code: "MULTIPLE_HEADS",
      message: `本户有${presentHeads.length}名在户户主（${presentHeads.map(displayName).join("、")}），只能有一名户主`,
    });
  }
  // With no single head, checks relative to the head (配偶) cannot be made.
  const head = presentHeads.length === 1 ? presentHeads[0] : null;
  for (const member of members) warnings.push(...memberWarnings(member, { head }, options));
  return warnings;
}
