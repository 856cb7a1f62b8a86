/**
 * The content of a village exit sheet (贫困村退出核验表), the village signatures are bound to:
 * the 贫困发生率 inputs (remaining poor people counted from the archive, the rural registered
 * population entered by the township, the configured threshold), the village conditions, the
 * criteria results and the evidence list. Pure.
 */
import { contentHash } from "@/lib/sign-off/content-hash";
import type { CriterionResult } from "../criterion";
import { evaluateVillageExit, povertyIncidence, type PovertyIncidence, type VillageConditions, type VillageCriterionCode } from "./rules";
import { VILLAGE_EVIDENCE_CONDITION } from "@/lib/domain/codes";

export const VILLAGE_CONTENT_VERSION = 1;

/** 村集体经济收入 target when the county has not configured one: the seed's 10万元/年. */
export const DEFAULT_COLLECTIVE_INCOME_TARGET_FEN = 10_000_000;
/** Setting key (value: integer fen) under which 县扶贫办 may configure the target. */
export const COLLECTIVE_INCOME_TARGET_SETTING = "villageCollectiveIncomeTargetFen";

export const VILLAGE_EVIDENCE_CONDITIONS = VILLAGE_EVIDENCE_CONDITION.labels;
export type VillageEvidenceCondition = (typeof VILLAGE_EVIDENCE_CONDITION.codes)[number];

export type VillageContentInput = {
  villageCode: string;
  assessmentYear: number;
  remainingPoorPeople: number;
  ruralPopulation: number | null;
  thresholdPermille: number;
  conditions: VillageConditions;
  evidence: { id: string; condition: string; sha256: string }[];
};

export type VillageContent = {
  criteria: CriterionResult<VillageCriterionCode>[];
  allMet: boolean;
  incidence: PovertyIncidence | null;
  content: Record<string, unknown>;
  hash: string;
};

export function buildVillageContent(input: VillageContentInput): VillageContent {
  const criteria = evaluateVillageExit({
    remainingPoorPeople: input.remainingPoorPeople,
    ruralPopulation: input.ruralPopulation,
    thresholdPermille: input.thresholdPermille,
    conditions: input.conditions,
  });
  const content = {
    version: VILLAGE_CONTENT_VERSION,
    villageCode: input.villageCode,
    assessmentYear: input.assessmentYear,
    remainingPoorPeople: input.remainingPoorPeople,
    ruralPopulation: input.ruralPopulation,
    thresholdPermille: input.thresholdPermille,
    conditions: input.conditions,
    criteria: criteria.map(({ code, met, reason, facts }) => ({ code, met, reason, facts })),
    evidence: [...input.evidence].sort((a, b) => a.id.localeCompare(b.id)).map(({ id, condition, sha256 }) => ({ id, condition, sha256 })),
  };
  return {
    criteria,
    allMet: criteria.every((criterion) => criterion.met),
    incidence: input.ruralPopulation === null ? null : povertyIncidence(input.remainingPoorPeople, input.ruralPopulation),
    content,
    hash: contentHash(content),
  };
}
