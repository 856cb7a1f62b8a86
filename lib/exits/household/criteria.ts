/**
 * 两不愁三保障 (docs/domain.md §6): the six criteria a household must meet to exit, evaluated from a
 * plain snapshot of its current data. Every result says, in Chinese, which member and which
 * figure decided it, and lists the facts behind it.
 */
import {
  HOUSING_GRADE,
  SCHOOL_STATUS,
  SCHOOLING_EXEMPTION,
  type HousingGrade,
  type MemberStatus,
  type SchoolStatus,
  type SchoolingExemption,
} from "@/lib/domain/codes";
import { ageOnAssessment, BORN_AFTER_ASSESSMENT } from "@/lib/members/rules";
import { formatYuan, type CriterionResult as GenericCriterionResult, type Fact } from "../criterion";

export const EXIT_CRITERION_LABELS = {
  INCOME: "收入达标",
  FOOD: "不愁吃",
  CLOTHING: "不愁穿",
  EDUCATION: "义务教育有保障",
  MEDICAL: "基本医疗有保障",
  HOUSING: "住房安全有保障",
} as const;
export type ExitCriterionCode = keyof typeof EXIT_CRITERION_LABELS;

export type CriterionResult<C extends string = ExitCriterionCode> = GenericCriterionResult<C>;

export type ExitSnapshotMember = {
  id: string;
  name: string;
  status: MemberStatus;
  birthDate: string;
  schoolStatus: SchoolStatus;
  schoolingExemption: SchoolingExemption;
  basicMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
};

export type ExitSnapshot = {
  assessmentYear: number;
  /** YYYY-MM-DD, the date ages are computed on. */
  asOf: string;
  /** null: the year has no configured poverty line. */
  povertyLineFen: number | null;
  /**
   * null: no income recorded for the year. perCapitaFen (a stored, rounded figure) is not
   * used: the decision and the displayed per-capita figure derive from net and members.
   */
  income: { netIncomeFen: number; presentMemberCount: number; perCapitaFen: number | null } | null;
  household: {
    foodSecure: boolean;
    clothingSecure: boolean;
    drinkingWaterSafe: boolean;
    drinkingWaterDifficult: boolean;
    housingGrade: HousingGrade | null;
  };
  /** Completed 危房改造 / 易地扶贫搬迁 measures (the data layer selects them). */
  completedHousingMeasures: { item: string; completedOn: string | null }[];
  members: ExitSnapshotMember[];
  /** Inclusive ages; default 6–15, configurable. */
  compulsorySchoolAge: { from: number; to: number };
};

export const DEFAULT_COMPULSORY_SCHOOL_AGE = { from: 6, to: 15 } as const;

/** net ÷ members to the fen, half up; never rounded onto `lineFen` when the exact value differs. */
function perCapitaForDisplay(netFen: number, members: number, lineFen: number): number {
  let floor = Math.floor(netFen / members);
  if (floor * members > netFen) floor -= 1; // guard the float division
  const rounded = netFen - floor * members >= members - (netFen - floor * members) ? floor + 1 : floor;
  if (rounded !== lineFen || netFen === lineFen * members) return rounded;
  return netFen > lineFen * members ? floor + 1 : floor;
}

function result(code: ExitCriterionCode, met: boolean, reason: string, facts: Fact[]): CriterionResult {
  return { code, label: EXIT_CRITERION_LABELS[code], met, reason, facts };
}

function yesNo(value: boolean): string {
  return value ? "是" : "否";
}

// ---------------------------------------------------------------------------
// The six criteria
// ---------------------------------------------------------------------------

export function evaluateIncome(s: ExitSnapshot): CriterionResult {
  const year = s.assessmentYear;
  const lineFact = (line: number): Fact => ({ label: `${year}年度贫困线`, value: `${formatYuan(line)}/人·年` });
  if (s.povertyLineFen === null) {
    return result("INCOME", false, `该年度（${year}年）未设置贫困线，无法判断收入是否达标，请县扶贫办先设置`, [
      { label: `${year}年度贫困线`, value: "未设置" },
    ]);
  }
  const line = s.povertyLineFen;
  if (s.income === null) {
    return result("INCOME", false, `该户没有${year}年度的收入记录`, [lineFact(line)]);
  }
  const { netIncomeFen: net, presentMemberCount: members } = s.income;
  const baseFacts: Fact[] = [
    { label: "家庭纯收入", value: formatYuan(net) },
    { label: "在户人口", value: `${members} 人` },
  ];
  if (members <= 0) {
    return result("INCOME", false, "在户人口为0，无法计算人均纯收入", [...baseFacts, lineFact(line)]);
  }
  const perCapita = perCapitaForDisplay(net, members, line);
  const facts: Fact[] = [...baseFacts, { label: "人均纯收入", value: formatYuan(perCapita) }, lineFact(line)];
  const threshold = line * members;
  if (net > threshold) {
    return result("INCOME", true, `人均纯收入${formatYuan(perCapita)}，高于${year}年度贫困线${formatYuan(line)}`, facts);
  }
  const reason =
    net === threshold
      ? `人均纯收入${formatYuan(perCapita)}，恰好等于${year}年度贫困线，须高于贫困线才算达标`
      : `人均纯收入${formatYuan(perCapita)}，低于${year}年度贫困线${formatYuan(line)}`;
  return result("INCOME", false, reason, facts);
}

export function evaluateFood(s: ExitSnapshot): CriterionResult {
  const { foodSecure, drinkingWaterSafe, drinkingWaterDifficult } = s.household;
  const problems = [foodSecure ? null : "吃饭没有保障", drinkingWaterSafe ? null : "饮水不安全", drinkingWaterDifficult ? "饮水困难" : null].filter(
    (problem): problem is string => problem !== null,
  );
  const facts: Fact[] = [
    { label: "不愁吃", value: yesNo(foodSecure) },
    { label: "饮水是否安全", value: yesNo(drinkingWaterSafe) },
    { label: "饮水是否困难", value: yesNo(drinkingWaterDifficult) },
  ];
  return problems.length === 0 ? result("FOOD", true, "吃饭有保障，饮水安全且不困难", facts) : result("FOOD", false, problems.join("；"), facts);
}

export function evaluateClothing(s: ExitSnapshot): CriterionResult {
  const secure = s.household.clothingSecure;
  return result("CLOTHING", secure, secure ? "四季衣被齐全" : "四季衣被没有保障", [{ label: "不愁穿", value: yesNo(secure) }]);
}

function isPresent(member: ExitSnapshotMember): boolean {
  return member.status === "PRESENT";
}

/**
 * PRESCHOOL is accepted only at the first compulsory age (a child who has not yet started in
 * September); from the next year on it means out of compulsory school.
 */
function attendsCompulsorySchool(member: ExitSnapshotMember, age: number, fromAge: number): boolean {
  if (member.schoolStatus === "NOT_IN_SCHOOL") return false;
  if (member.schoolStatus === "PRESCHOOL") return age <= fromAge;
  return true;
}

export function evaluateEducation(s: ExitSnapshot): CriterionResult {
  const { from, to } = s.compulsorySchoolAge;
  const range = `${from}–${to}周岁`;
  const facts: Fact[] = [{ label: "义务教育年龄", value: range }];
  const problems: string[] = [];
  let eligible = 0;
  for (const member of s.members.filter(isPresent)) {
    const onAssessment = ageOnAssessment(member.birthDate, s.asOf);
    if (onAssessment.kind === "bornAfter") {
      // Registered later, assessed for an earlier year: not a wrong date, and not of school age then.
      facts.push({ label: member.name, value: `${BORN_AFTER_ASSESSMENT}（${member.birthDate}）` });
      continue;
    }
    if (onAssessment.kind === "invalid") {
      problems.push(`${member.name}的出生日期（${member.birthDate}）无效，无法判断是否处于义务教育年龄`);
      facts.push({ label: member.name, value: `出生日期无效（${member.birthDate}）` });
      continue;
    }
    const age = onAssessment.age;
    if (age < from || age > to) continue;
    eligible += 1;
    const school = SCHOOL_STATUS.label(member.schoolStatus);
    const exempted = member.schoolingExemption !== "NONE";
    const exemption = SCHOOLING_EXEMPTION.label(member.schoolingExemption);
    facts.push({ label: member.name, value: `${age}岁，${school}${exempted ? `（${exemption}）` : ""}` });
    if (!attendsCompulsorySchool(member, age, from) && !exempted) {
      problems.push(`${member.name}（${age}岁）在校状况为"${school}"，未接受义务教育，且没有送教上门或因病休学记录`);
    }
  }
  facts.splice(1, 0, { label: "适龄在户成员", value: `${eligible} 人` });
  if (problems.length > 0) return result("EDUCATION", false, problems.join("；"), facts);
  const reason = eligible === 0 ? `该户没有${range}的在户成员` : `${eligible}名义务教育适龄成员均在校或有免于就学的记录`;
  return result("EDUCATION", true, reason, facts);
}

export function evaluateMedical(s: ExitSnapshot): CriterionResult {
  const present = s.members.filter(isPresent);
  const problems = present.flatMap((member) => {
    const missing = [member.basicMedicalInsurance ? null : "城乡居民基本医疗保险", member.seriousIllnessInsurance ? null : "大病保险"].filter(
      (item): item is string => item !== null,
    );
    return missing.length > 0 ? [`${member.name}未参加${missing.join("和")}`] : [];
  });
  const facts: Fact[] = [
    { label: "在户成员", value: `${present.length} 人` },
    { label: "参加基本医疗保险", value: `${present.filter((m) => m.basicMedicalInsurance).length} 人` },
    { label: "参加大病保险", value: `${present.filter((m) => m.seriousIllnessInsurance).length} 人` },
  ];
  if (problems.length > 0) return result("MEDICAL", false, problems.join("；"), facts);
  const reason = present.length === 0 ? "该户没有在户成员" : "在户成员均参加了基本医疗保险和大病保险";
  return result("MEDICAL", true, reason, facts);
}

export function evaluateHousing(s: ExitSnapshot): CriterionResult {
  const grade = s.household.housingGrade;
  const facts: Fact[] = [{ label: "住房安全等级", value: grade ? HOUSING_GRADE.label(grade) : "未评定" }];
  if (grade === null) return result("HOUSING", false, "未评定住房安全等级", facts);
  const gradeLabel = HOUSING_GRADE.label(grade);
  if (grade === "A" || grade === "B") {
    return result("HOUSING", true, `住房安全等级为${gradeLabel}`, facts);
  }
  const done = s.completedHousingMeasures;
  for (const measure of done) {
    facts.push({ label: "已完成住房保障措施", value: measure.completedOn ? `${measure.item}（${measure.completedOn}完成）` : measure.item });
  }
  if (done.length === 0) {
    return result("HOUSING", false, `住房安全等级为${gradeLabel}，且没有已完成的危房改造或易地扶贫搬迁`, facts);
  }
  return result("HOUSING", true, `住房安全等级为${gradeLabel}，已完成${done.map((m) => m.item).join("、")}`, facts);
}

/** The six results, always in this order: INCOME, FOOD, CLOTHING, EDUCATION, MEDICAL, HOUSING. */
export function evaluateExitCriteria(s: ExitSnapshot): CriterionResult[] {
  return [evaluateIncome(s), evaluateFood(s), evaluateClothing(s), evaluateEducation(s), evaluateMedical(s), evaluateHousing(s)];
}
