/** What a data-quality rule is (docs/decisions/015-data-quality.md). */
import type { CrossFacts, HouseholdQualityFacts, QualityContext, QualityMember } from "./facts";

export const QUALITY_SEVERITY = { ERROR: "错误", SUSPECT: "疑点" } as const;
export type QualitySeverity = keyof typeof QUALITY_SEVERITY;

export const QUALITY_LEVEL = {
  MEMBER: "成员",
  HOUSEHOLD: "户",
  INCOME: "收入",
  MEASURE: "帮扶措施",
  EXIT: "退出核验",
  VILLAGE: "村级条件",
  CROSS: "跨户",
} as const;
export type QualityLevel = keyof typeof QUALITY_LEVEL;

/** The code prefix of each level: M-001, H-001, … */
export const LEVEL_PREFIX: Record<QualityLevel, string> = { MEMBER: "M", HOUSEHOLD: "H", INCOME: "I", MEASURE: "S", EXIT: "X", VILLAGE: "V", CROSS: "C" };

export type QualityHit = {
  householdId: string;
  memberId: string | null;
  field: string;
  message: string;
  /** C- rules only: the shared value that makes the group the hit belongs to (decision 017). */
  groupKey?: string;
};

type RuleHead = {
  code: string;
  title: string;
  /** For a cadre: what is wrong and what to check. */
  explanation: string;
  severity: QualitySeverity;
  /** The fields it reads (table.column in the archive's words). */
  fields: readonly string[];
};

export type HouseholdRule = RuleHead & {
  level: Exclude<QualityLevel, "CROSS">;
  check: (facts: HouseholdQualityFacts, context: QualityContext) => QualityHit[];
};
export type CrossRule = RuleHead & {
  level: "CROSS";
  /** What the rule groups by: one kind of key, read from these columns (decision 017). */
  groupBy: CrossGroupKind;
  /** The keys of the groups one household takes part in, whatever its status (so a change of status recomputes them too). */
  groupKeys: (facts: CrossFacts) => string[];
  check: (county: readonly CrossFacts[], context: QualityContext) => QualityHit[];
};
/** ID_NUMBER: a present member's ID number; NAME_BIRTH: a present member's trimmed name and birth date; PHONE: the trimmed phone; HELPER: the helper. */
export type CrossGroupKind = "ID_NUMBER" | "NAME_BIRTH" | "PHONE" | "HELPER";
export type QualityRule = HouseholdRule | CrossRule;

export function memberName(member: Pick<QualityMember, "name">): string {
  return member.name.trim() || "（未填姓名）";
}

/** A hit on a member. */
export function memberHit(facts: { household: { id: string } }, member: Pick<QualityMember, "id">, field: string, message: string): QualityHit {
  return { householdId: facts.household.id, memberId: member.id, field, message };
}

/** A hit on the household itself. */
export function householdHit(facts: { household: { id: string } }, field: string, message: string): QualityHit {
  return { householdId: facts.household.id, memberId: null, field, message };
}
