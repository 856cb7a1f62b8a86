/**
 * The data-quality rule catalogue (疑点数据, docs/decisions/015-data-quality.md): every rule with
 * its stable code, and the two pure entry points the refresh job and the scan call.
 */
import type { CrossRule, HouseholdRule, QualityHit, QualityRule } from "./define";
import type { CrossFacts, HouseholdQualityFacts, QualityContext } from "./facts";
import { EXIT_RULES } from "./exit-rules";
import { HOUSEHOLD_RULES } from "./household-rules";
import { INCOME_RULES } from "./income-rules";
import { MEASURE_RULES } from "./measure-rules";
import { MEMBER_RULES } from "./member-rules";
import { CROSS_RULES, VILLAGE_RULES } from "./village-cross-rules";

export const HOUSEHOLD_LEVEL_RULES: readonly HouseholdRule[] = [
  ...MEMBER_RULES,
  ...HOUSEHOLD_RULES,
  ...INCOME_RULES,
  ...MEASURE_RULES,
  ...EXIT_RULES,
  ...VILLAGE_RULES,
];
export const COUNTY_LEVEL_RULES: readonly CrossRule[] = CROSS_RULES;
export const QUALITY_RULES: readonly QualityRule[] = [...HOUSEHOLD_LEVEL_RULES, ...COUNTY_LEVEL_RULES];

const BY_CODE = new Map(QUALITY_RULES.map((rule) => [rule.code, rule]));

export function qualityRule(code: string): QualityRule | undefined {
  return BY_CODE.get(code);
}

export type RuleHit = QualityHit & { ruleCode: string };

/** Every household-level rule over one household; a cancelled (已注销) archive is no longer checked. */
export function householdHits(facts: HouseholdQualityFacts, context: QualityContext): RuleHit[] {
  if (facts.household.status === "CANCELLED") return [];
  return HOUSEHOLD_LEVEL_RULES.flatMap((rule) => rule.check(facts, context).map((hit) => ({ ...hit, ruleCode: rule.code })));
}

/** Every cross-household rule over the county's households. */
export function crossHits(county: readonly CrossFacts[], context: QualityContext): RuleHit[] {
  return COUNTY_LEVEL_RULES.flatMap((rule) => rule.check(county, context).map((hit) => ({ ...hit, ruleCode: rule.code })));
}
