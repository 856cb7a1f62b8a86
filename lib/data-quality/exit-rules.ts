/** X-: exit-sheet consistency; the six criteria are lib/exits/household/criteria.ts, the notice days lib/exits/household/rules.ts. */
import {
  evaluateClothing,
  evaluateEducation,
  evaluateFood,
  evaluateHousing,
  evaluateIncome,
  evaluateMedical,
  EXIT_CRITERION_LABELS,
  type CriterionResult,
  type ExitCriterionCode,
  type ExitSnapshot,
} from "@/lib/exits/household/criteria";
import { earliestNoticeCloseDate } from "@/lib/exits/household/rules";
import { computeIncome } from "@/lib/income/rules";
import { householdHit, type HouseholdRule } from "./define";
import { presentMembers, type HouseholdQualityFacts, type QualityContext } from "./facts";
import { incomeComponents } from "./income-rules";

const HOUSING_ITEMS = ["危房改造", "易地扶贫搬迁"];

/** The exit criteria's snapshot of the household's current data, for the year of its latest income. */
export function currentExitSnapshot(facts: HouseholdQualityFacts, context: QualityContext): ExitSnapshot {
  const year = facts.income?.year ?? facts.household.exitYear ?? Number(context.today.slice(0, 4));
  const endOfYear = `${year}-12-31`;
  const people = presentMembers(facts).length;
  return {
    assessmentYear: year,
    asOf: context.today < endOfYear ? context.today : endOfYear,
    povertyLineFen: context.povertyLines.get(year) ?? null,
    income: facts.income
      ? { netIncomeFen: computeIncome(incomeComponents(facts.income), people).netIncomeFen, presentMemberCount: people, perCapitaFen: null }
      : null,
    household: {
      foodSecure: facts.household.foodSecure,
      clothingSecure: facts.household.clothingSecure,
      drinkingWaterSafe: facts.household.drinkingWaterSafe,
      drinkingWaterDifficult: facts.household.drinkingWaterDifficult,
      housingGrade: facts.household.housingGrade,
    },
    completedHousingMeasures: facts.measures
      .filter((m) => m.status === "COMPLETED" && HOUSING_ITEMS.includes(m.item))
      .map((m) => ({ item: m.item, completedOn: m.endDate })),
    members: facts.members,
    compulsorySchoolAge: context.compulsorySchoolAge,
  };
}

const CRITERIA: [ExitCriterionCode, string, (snapshot: ExitSnapshot) => CriterionResult, string[]][] = [
  ["INCOME", "X-001", evaluateIncome, ["收入.各项收入", "成员.状态"]],
  ["FOOD", "X-002", evaluateFood, ["户.不愁吃", "户.饮水是否安全", "户.饮水是否困难"]],
  ["CLOTHING", "X-003", evaluateClothing, ["户.不愁穿"]],
  ["EDUCATION", "X-004", evaluateEducation, ["成员.出生日期", "成员.在校生状况", "成员.免于就学"]],
  ["MEDICAL", "X-005", evaluateMedical, ["成员.基本医疗保险", "成员.大病保险"]],
  ["HOUSING", "X-006", evaluateHousing, ["户.住房安全等级", "帮扶措施.项目"]],
];

function criterionRule([criterion, code, evaluate, fields]: (typeof CRITERIA)[number]): HouseholdRule {
  const label = EXIT_CRITERION_LABELS[criterion];
  return {
    code,
    level: "EXIT",
    title: `已脱贫户现有数据不满足“${label}”`,
    explanation: `按户档当前的数据重新核验，已脱贫户不再满足“${label}”，可能存在返贫风险或数据错误，请核实。`,
    severity: "SUSPECT",
    fields,
    check(facts, context) {
      if (facts.household.status !== "EXITED") return [];
      const result = evaluate(currentExitSnapshot(facts, context));
      return result.met ? [] : [householdHit(facts, criterion.toLowerCase(), `${label}：${result.reason}`)];
    },
  };
}

function sheetCheck(
  head: Omit<HouseholdRule, "level" | "check">,
  field: string,
  test: (facts: HouseholdQualityFacts, context: QualityContext) => string | null,
): HouseholdRule {
  return {
    ...head,
    level: "EXIT",
    check(facts, context) {
      const message = test(facts, context);
      return message ? [householdHit(facts, field, message)] : [];
    },
  };
}

export const EXIT_RULES: HouseholdRule[] = [
  ...CRITERIA.map(criterionRule),
  sheetCheck(
    {
      code: "X-007",
      title: "核验表上有已失效的签字",
      explanation: "签字后户档数据又被修改，签字对应的内容已变化，需要重新签字。",
      severity: "SUSPECT",
      fields: ["核验表.签字", "户档数据"],
    },
    "signatures",
    (facts) => {
      const sheet = facts.exitSheet;
      return sheet && sheet.status === "IN_PROGRESS" && sheet.invalidSignatureCount > 0
        ? `${sheet.assessmentYear}年度核验表有${sheet.invalidSignatureCount}个签字因数据修改已失效`
        : null;
    },
  ),
  sheetCheck(
    {
      code: "X-008",
      title: "公示时间短于规定天数",
      explanation: "村内公示从张贴到结束的天数少于县里配置的最少公示天数。",
      severity: "ERROR",
      fields: ["核验表.公示开始日期", "核验表.公示结束日期"],
    },
    "notice",
    (facts, context) => {
      const sheet = facts.exitSheet;
      if (!sheet?.noticePostedOn || !sheet.noticeClosedOn) return null;
      const earliest = earliestNoticeCloseDate(sheet.noticePostedOn, context.noticeMinDays);
      return sheet.noticeClosedOn < earliest
        ? `公示${sheet.noticePostedOn}张贴、${sheet.noticeClosedOn}结束，最早应在${earliest}结束（至少${context.noticeMinDays}天）`
        : null;
    },
  ),
  sheetCheck(
    {
      code: "X-009",
      title: "已脱贫户没有审定的核验表",
      explanation: "户的状态为已脱贫，却没有县扶贫办审定的退出核验表。",
      severity: "SUSPECT",
      fields: ["户.状态", "核验表.状态"],
    },
    "status",
    (facts) => (facts.household.status === "EXITED" && facts.exitSheet?.status !== "APPROVED" ? "已脱贫，但最近的退出核验表未审定" : null),
  ),
  sheetCheck(
    {
      code: "X-010",
      title: "核验表已审定但户仍在档",
      explanation: "最近的退出核验表已审定，户的状态却仍是在档（未脱贫）。",
      severity: "ERROR",
      fields: ["户.状态", "核验表.状态"],
    },
    "status",
    (facts) =>
      facts.household.status === "REGISTERED" && facts.exitSheet?.status === "APPROVED"
        ? `${facts.exitSheet.assessmentYear}年度核验表已审定，户仍为在档`
        : null,
  ),
  sheetCheck(
    {
      code: "X-011",
      title: "脱贫年度与核验表年度不一致",
      explanation: "已脱贫户的脱贫年度应与审定的核验表年度一致。",
      severity: "SUSPECT",
      fields: ["户.脱贫年度", "核验表.年度"],
    },
    "exitYear",
    (facts) => {
      const sheet = facts.exitSheet;
      return facts.household.status === "EXITED" &&
        sheet?.status === "APPROVED" &&
        facts.household.exitYear !== null &&
        facts.household.exitYear !== sheet.assessmentYear
        ? `脱贫年度${facts.household.exitYear}年，核验表为${sheet.assessmentYear}年度`
        : null;
    },
  ),
];
