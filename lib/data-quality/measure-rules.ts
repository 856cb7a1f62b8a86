/** S-: rules on 帮扶措施; cause ↔ category fit, coverage and completion are lib/measures/rules.ts. */
import { MEASURE_CATEGORY, POVERTY_CAUSE, type PovertyCause } from "@/lib/domain/codes";
import { checkCompletion, checkMeasureCauses, fittingCategories, findCatchAllMeasures, uncoveredCauses, type MeasureForCoverage } from "@/lib/measures/rules";
import { householdHit, type HouseholdRule, type QualityHit } from "./define";
import { presentMembers, type HouseholdQualityFacts, type QualityMeasure } from "./facts";

const OPEN = (facts: HouseholdQualityFacts) => facts.household.status === "REGISTERED" || facts.household.status === "RETURNED";
const causesOf = (facts: HouseholdQualityFacts): PovertyCause[] => [...new Set([facts.household.primaryCause, ...facts.household.otherCauses])];
const coverageMeasures = (facts: HouseholdQualityFacts): MeasureForCoverage[] =>
  facts.measures.map(({ id, category, item, status, addressedCauses }) => ({ id, category, item, status, addressedCauses }));

/** 因X without a fitting active or completed measure: one rule per cause (the fit matrix decides what fits). */
const COVERAGE_CODES: [PovertyCause, string][] = [
  ["ILLNESS", "S-001"],
  ["DISABILITY", "S-002"],
  ["SCHOOLING", "S-003"],
  ["DISASTER", "S-004"],
  ["LACK_LAND", "S-005"],
  ["LACK_WATER", "S-006"],
  ["LACK_SKILLS", "S-007"],
  ["LACK_LABOUR", "S-008"],
  ["LACK_FUNDS", "S-009"],
  ["POOR_TRANSPORT", "S-010"],
  ["LACK_MOTIVATION", "S-011"],
];

function coverageRule(cause: PovertyCause, code: string): HouseholdRule {
  const label = POVERTY_CAUSE.label(cause);
  return {
    code,
    level: "MEASURE",
    title: `${label}致贫没有对应的帮扶措施`,
    explanation: `致贫原因有“${label}”，却没有实施中或已完成、针对该原因且类别适配（按帮扶措施适配表）的措施。`,
    severity: "SUSPECT",
    fields: ["户.致贫原因", "帮扶措施.类别", "帮扶措施.针对原因", "帮扶措施.状态"],
    check(facts, context) {
      if (!OPEN(facts) || !uncoveredCauses(causesOf(facts), coverageMeasures(facts), context.matrix).includes(cause)) return [];
      const options = fittingCategories(context.matrix, cause).map((c) => MEASURE_CATEGORY.label(c));
      return [householdHit(facts, "addressedCauses", `致贫原因“${label}”没有适配的措施${options.length ? `（可选：${options.join("、")}）` : ""}`)];
    },
  };
}

/**
 * The field of a hit on one measure: the measure form's field and the measure ("endDate@<id>"), so that the
 * measure forms show it beside that field for that measure only (lib/data-quality/on-save.ts measureSaveNotes).
 */
export function measureField(formField: string, measure: Pick<QualityMeasure, "id">): string {
  return `${formField}@${measure.id}`;
}

function eachMeasure(
  head: Omit<HouseholdRule, "level" | "check">,
  field: string,
  test: (measure: QualityMeasure, facts: HouseholdQualityFacts, today: string) => string | null,
): HouseholdRule {
  return {
    ...head,
    level: "MEASURE",
    check(facts, context) {
      const hits: QualityHit[] = [];
      for (const measure of facts.measures) {
        const message = test(measure, facts, context.today);
        if (message) hits.push(householdHit(facts, measureField(field, measure), `措施“${measure.item}”：${message}`));
      }
      return hits;
    },
  };
}

function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

export const MEASURE_RULES: HouseholdRule[] = [
  ...COVERAGE_CODES.map(([cause, code]) => coverageRule(cause, code)),
  {
    code: "S-012",
    level: "MEASURE",
    title: "一个措施通用于全部致贫原因",
    explanation: "各致贫原因没有可共同适配的措施类别，却用一个措施针对全部原因（“各类致贫原因通用一个帮扶措施”）。",
    severity: "SUSPECT",
    fields: ["户.致贫原因", "帮扶措施.针对原因"],
    check: (facts, context) =>
      findCatchAllMeasures(causesOf(facts), coverageMeasures(facts), context.matrix).map((m) =>
        householdHit(facts, measureField("addressedCauses", m), m.message),
      ),
  },
  eachMeasure(
    {
      code: "S-013",
      title: "措施针对的原因不是本户的致贫原因",
      explanation: "措施针对的致贫原因应是本户登记的致贫原因之一。",
      severity: "ERROR",
      fields: ["帮扶措施.针对原因", "户.致贫原因"],
    },
    "addressedCauses",
    (measure, facts) => {
      if (measure.status === "TERMINATED") return null;
      const check = checkMeasureCauses({
        category: measure.category,
        addressedCauses: measure.addressedCauses,
        householdCauses: causesOf(facts),
        matrix: new Map(),
      });
      return !check.ok && check.code === "CAUSE_NOT_OF_HOUSEHOLD" ? check.message : null;
    },
  ),
  {
    code: "S-014",
    level: "MEASURE",
    title: "措施类别与致贫原因不适配",
    explanation: "按帮扶措施适配表，该类别的措施不能解决所针对的致贫原因（措施与致贫原因不匹配）。",
    severity: "SUSPECT",
    fields: ["帮扶措施.类别", "帮扶措施.针对原因"],
    check: (facts, context) =>
      facts.measures.flatMap((measure) => {
        if (measure.status === "TERMINATED") return [];
        const own = measure.addressedCauses.filter((cause) => causesOf(facts).includes(cause));
        const check = checkMeasureCauses({ category: measure.category, addressedCauses: own, householdCauses: causesOf(facts), matrix: context.matrix });
        return !check.ok && check.code === "CATEGORY_DOES_NOT_FIT"
          ? [householdHit(facts, measureField("addressedCauses", measure), `措施“${measure.item}”：${check.message}`)]
          : [];
      }),
  },
  eachMeasure(
    {
      code: "S-015",
      title: "措施没有针对任何致贫原因",
      explanation: "每个措施都要写明针对哪项致贫原因（因户施策）。",
      severity: "ERROR",
      fields: ["帮扶措施.针对原因"],
    },
    "addressedCauses",
    (measure) => (measure.addressedCauses.length === 0 ? "没有针对任何致贫原因" : null),
  ),
  eachMeasure(
    {
      code: "S-016",
      title: "已完成措施没有帮扶成效",
      explanation: "措施完成时应填写帮扶成效（增收金额）。",
      severity: "ERROR",
      fields: ["帮扶措施.状态", "帮扶措施.成效"],
    },
    "outcomeFen",
    (measure) => {
      if (measure.status !== "COMPLETED") return null;
      const check = checkCompletion({ incomeIncreaseFen: measure.outcomeFen });
      return check.ok ? null : check.message;
    },
  ),
  eachMeasure(
    {
      code: "S-017",
      title: "措施结束日期早于开始日期",
      explanation: "结束日期不能早于开始日期。",
      severity: "ERROR",
      fields: ["帮扶措施.开始日期", "帮扶措施.结束日期"],
    },
    "endDate",
    (measure) => (measure.endDate && measure.endDate < measure.startDate ? `结束日期${measure.endDate}早于开始日期${measure.startDate}` : null),
  ),
  eachMeasure(
    {
      code: "S-018",
      title: "实施中措施已过结束日期",
      explanation: "措施已过计划结束日期仍为“实施中”，请更新为已完成或已终止。",
      severity: "SUSPECT",
      fields: ["帮扶措施.状态", "帮扶措施.结束日期"],
    },
    "endDate",
    (measure, _facts, today) =>
      measure.status === "ACTIVE" && measure.endDate && measure.endDate < today ? `结束日期${measure.endDate}已过，仍为实施中` : null,
  ),
  eachMeasure(
    {
      code: "S-019",
      title: "计划措施一年以上未实施",
      explanation: "措施开始日期已过一年仍是“计划”状态。",
      severity: "SUSPECT",
      fields: ["帮扶措施.状态", "帮扶措施.开始日期"],
    },
    "startDate",
    (measure, _facts, today) =>
      measure.status === "PLANNED" && measure.startDate < yearsBefore(today, 1) ? `开始日期${measure.startDate}已过一年，仍为计划` : null,
  ),
  eachMeasure(
    {
      code: "S-020",
      title: "已完成措施没有结束日期",
      explanation: "已完成的措施应有结束（完成）日期。",
      severity: "SUSPECT",
      fields: ["帮扶措施.状态", "帮扶措施.结束日期"],
    },
    "endDate",
    (measure) => (measure.status === "COMPLETED" && !measure.endDate ? "已完成，但没有结束日期" : null),
  ),
  {
    code: "S-021",
    level: "MEASURE",
    title: "未脱贫户没有任何帮扶措施",
    explanation: "每户都应有一套帮扶措施（一户一套帮扶措施）。",
    severity: "SUSPECT",
    fields: ["帮扶措施"],
    check: (facts) =>
      OPEN(facts) && facts.measures.filter((m) => m.status !== "TERMINATED").length === 0 ? [householdHit(facts, "measures", "没有任何有效的帮扶措施")] : [],
  },
  eachMeasure(
    {
      code: "S-022",
      title: "教育帮扶措施却没有在校生",
      explanation: "有教育帮扶措施，在户成员中却没有在校生。",
      severity: "SUSPECT",
      fields: ["帮扶措施.类别", "成员.在校生状况"],
    },
    "itemId",
    (measure, facts) =>
      measure.category === "EDUCATION" && measure.status !== "TERMINATED" && !presentMembers(facts).some((m) => m.schoolStatus !== "NOT_IN_SCHOOL")
        ? "教育帮扶措施，但没有在校的在户成员"
        : null,
  ),
  eachMeasure(
    {
      code: "S-023",
      title: "就业帮扶措施却没有劳动力",
      explanation: "有就业帮扶措施，在户成员中却没有普通、技能或弱劳动力。",
      severity: "SUSPECT",
      fields: ["帮扶措施.类别", "成员.劳动技能"],
    },
    "itemId",
    (measure, facts) =>
      measure.category === "EMPLOYMENT" &&
      measure.status !== "TERMINATED" &&
      !presentMembers(facts).some((m) => ["GENERAL", "SKILLED", "WEAK"].includes(m.labourSkill))
        ? "就业帮扶措施，但没有劳动力"
        : null,
  ),
];
