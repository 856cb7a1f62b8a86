/**
 * 贫困村出列 (docs/domain.md §8): the village criteria (poverty incidence and village conditions) and
 * the village exit sheet: the township proposes and publicises, the county office approves,
 * and the 包片县级领导 of the township must sign. The chain is declared on the sign-off kernel
 * (lib/sign-off/rules.ts) like the household chain; the two county steps may come in any order.
 */
import { VILLAGE_EXIT_STEP, type Role } from "@/lib/domain/codes";
import { chainStatusLabel } from "@/lib/sign-off/view";
import { defineSignOffChain, type ChainStatus, type Signature, type SignOffCheck, type SignOffCheckInput, type SignOffEvaluation } from "@/lib/sign-off/rules";
import { formatYuan, type CriterionResult, type Fact } from "../criterion";

// ---------------------------------------------------------------------------
// Poverty incidence
// ---------------------------------------------------------------------------

export type PovertyIncidence = {
  numerator: number;
  denominator: number;
  /** Hundredths of a percent, rounded half up: 185 → "1.85%". */
  basisPoints: number;
  display: string;
};

function divideRoundHalfUp(numerator: number, denominator: number): number {
  let quotient = Math.floor(numerator / denominator);
  if (quotient * denominator > numerator) quotient -= 1; // guard the float division
  const remainder = numerator - quotient * denominator;
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

function formatBasisPoints(basisPoints: number): string {
  return `${Math.trunc(basisPoints / 100)}.${(basisPoints % 100).toString().padStart(2, "0")}%`;
}

/** 贫困发生率 = remaining poor people ÷ rural registered population; null without a population. */
export function povertyIncidence(remainingPoorPeople: number, ruralPopulation: number): PovertyIncidence | null {
  if (!Number.isSafeInteger(ruralPopulation) || ruralPopulation <= 0) return null;
  const basisPoints = divideRoundHalfUp(remainingPoorPeople * 10_000, ruralPopulation);
  return {
    numerator: remainingPoorPeople,
    denominator: ruralPopulation,
    basisPoints,
    display: formatBasisPoints(basisPoints),
  };
}

/** Strictly below: exactly at the threshold is not below. 20‰ = 2%. */
export function isIncidenceBelow(remainingPoorPeople: number, ruralPopulation: number, thresholdPermille: number): boolean {
  return remainingPoorPeople * 1000 < thresholdPermille * ruralPopulation;
}

/** 20 → "2%", 25 → "2.5%". */
export function formatPermilleAsPercent(permille: number): string {
  const tenths = permille % 10;
  return `${Math.trunc(permille / 10)}${tenths === 0 ? "" : `.${tenths}`}%`;
}

// ---------------------------------------------------------------------------
// Village criteria
// ---------------------------------------------------------------------------

export const VILLAGE_CRITERION_LABELS = {
  INCIDENCE: "贫困发生率",
  COLLECTIVE_INCOME: "村集体经济收入",
  ROAD: "通硬化路",
  POWER: "通动力电",
  WATER: "安全饮水",
  CLINIC: "村卫生室达标",
  CULTURE: "文化活动场所",
  BROADBAND: "通宽带",
} as const;
export type VillageCriterionCode = keyof typeof VILLAGE_CRITERION_LABELS;

export type VillageConditions = {
  collectiveIncomeFen: number;
  collectiveIncomeTargetFen: number;
  hardenedRoad: boolean;
  powerSupply: boolean;
  safeWater: boolean;
  clinicFourRooms: boolean;
  qualifiedDoctor: boolean;
  cultureVenue: boolean;
  broadband: boolean;
};

export type VillageExitInput = {
  remainingPoorPeople: number;
  ruralPopulation: number | null;
  /** 20 = 2%, 30 = 3% (western provinces); configurable. */
  thresholdPermille: number;
  conditions: VillageConditions;
};

function villageResult(code: VillageCriterionCode, met: boolean, reason: string, facts: Fact[]): CriterionResult<VillageCriterionCode> {
  return { code, label: VILLAGE_CRITERION_LABELS[code], met, reason, facts };
}

export function evaluateIncidence(input: VillageExitInput): CriterionResult<VillageCriterionCode> {
  const { remainingPoorPeople: remaining, ruralPopulation: population, thresholdPermille } = input;
  const threshold = formatPermilleAsPercent(thresholdPermille);
  const facts: Fact[] = [
    { label: "剩余贫困人口", value: `${remaining} 人` },
    { label: "农村户籍人口", value: population === null ? "未填写" : `${population} 人` },
    { label: "出列标准", value: `低于${threshold}` },
  ];
  const incidence = population === null ? null : povertyIncidence(remaining, population);
  if (population === null || incidence === null) {
    return villageResult("INCIDENCE", false, "未填写农村户籍人口，无法计算贫困发生率", facts);
  }
  // Shown rounded, but never rounded onto the threshold when the exact value differs.
  const exactlyAt = remaining * 1000 === thresholdPermille * population;
  const below = isIncidenceBelow(remaining, population, thresholdPermille);
  let basisPoints = incidence.basisPoints;
  if (basisPoints === thresholdPermille * 10 && !exactlyAt) basisPoints += below ? -1 : 1;
  const shown = formatBasisPoints(basisPoints);
  facts.splice(2, 0, { label: "贫困发生率", value: shown });
  const formula = `（${remaining}人 ÷ ${population}人）`;
  if (below) return villageResult("INCIDENCE", true, `贫困发生率${shown}${formula}，低于${threshold}`, facts);
  const reason = exactlyAt ? `贫困发生率恰好为${threshold}${formula}，须低于${threshold}` : `贫困发生率${shown}${formula}，未低于${threshold}`;
  return villageResult("INCIDENCE", false, reason, facts);
}

function evaluateCollectiveIncome(c: VillageConditions): CriterionResult<VillageCriterionCode> {
  const met = c.collectiveIncomeFen >= c.collectiveIncomeTargetFen;
  const facts: Fact[] = [
    { label: "村集体经济收入", value: formatYuan(c.collectiveIncomeFen) },
    { label: "目标", value: formatYuan(c.collectiveIncomeTargetFen) },
  ];
  const reason = met
    ? `村集体经济收入${formatYuan(c.collectiveIncomeFen)}，达到目标${formatYuan(c.collectiveIncomeTargetFen)}`
    : `村集体经济收入${formatYuan(c.collectiveIncomeFen)}，未达到目标${formatYuan(c.collectiveIncomeTargetFen)}`;
  return villageResult("COLLECTIVE_INCOME", met, reason, facts);
}

function evaluateFlag(code: VillageCriterionCode, value: boolean, yes: string, no: string): CriterionResult<VillageCriterionCode> {
  return villageResult(code, value, value ? yes : no, [{ label: VILLAGE_CRITERION_LABELS[code], value: value ? "是" : "否" }]);
}

function evaluateClinic(c: VillageConditions): CriterionResult<VillageCriterionCode> {
  const problems = [c.clinicFourRooms ? null : '村卫生室未做到"四室分离"', c.qualifiedDoctor ? null : "没有合格村医"].filter(
    (problem): problem is string => problem !== null,
  );
  const facts: Fact[] = [
    { label: "四室分离", value: c.clinicFourRooms ? "是" : "否" },
    { label: "合格村医", value: c.qualifiedDoctor ? "是" : "否" },
  ];
  return problems.length === 0
    ? villageResult("CLINIC", true, "村卫生室四室分离，有合格村医", facts)
    : villageResult("CLINIC", false, problems.join("；"), facts);
}

/** Results in a fixed order: INCIDENCE, COLLECTIVE_INCOME, ROAD, POWER, WATER, CLINIC, CULTURE, BROADBAND. */
export function evaluateVillageExit(input: VillageExitInput): CriterionResult<VillageCriterionCode>[] {
  const c = input.conditions;
  return [
    evaluateIncidence(input),
    evaluateCollectiveIncome(c),
    evaluateFlag("ROAD", c.hardenedRoad, "已通硬化路", "未通硬化路"),
    evaluateFlag("POWER", c.powerSupply, "已通动力电", "未通动力电"),
    evaluateFlag("WATER", c.safeWater, "饮水安全", "饮水不安全"),
    evaluateClinic(c),
    evaluateFlag("CULTURE", c.cultureVenue, "有文化活动场所", "没有文化活动场所"),
    evaluateFlag("BROADBAND", c.broadband, "已通宽带", "未通宽带"),
  ];
}

// ---------------------------------------------------------------------------
// Village exit sheet
// ---------------------------------------------------------------------------

export const VILLAGE_EXIT_STEP_LABELS = VILLAGE_EXIT_STEP.labels;
export type VillageExitStep = (typeof VILLAGE_EXIT_STEP.codes)[number];

export type VillageSignature = Signature<VillageExitStep>;
export type VillageChainState = { round: number; status: ChainStatus; signatures: VillageSignature[] };
export type VillageChainEvaluation = SignOffEvaluation<VillageExitStep>;
export type VillageChainAction = "SIGN" | "RECORD_NOTICE" | "REJECT";
export type VillageChainActor = { userId: string; role: Role; coversVillage: boolean; isResponsibleLeader: boolean };
export type CheckVillageCanActInput = SignOffCheckInput<VillageExitStep, VillageChainAction, VillageChainState, VillageChainActor>;
export type VillageChainCheck = SignOffCheck;

/**
 * 乡镇提出, then 乡镇内公示 (recorded by the township, not a second signature), then 县扶贫办审定
 * and the 包片县级领导's signature in either order.
 */
export const villageExitChain = defineSignOffChain<VillageExitStep, VillageChainAction, VillageChainState, VillageChainActor, CheckVillageCanActInput>({
  stages: [["TOWNSHIP_PROPOSE"], ["TOWNSHIP_NOTICE"], ["COUNTY_APPROVAL", "LEADER_SIGN"]],
  steps: {
    TOWNSHIP_PROPOSE: { label: VILLAGE_EXIT_STEP_LABELS.TOWNSHIP_PROPOSE, kind: "signed", roles: { SIGN: ["TOWNSHIP_CADRE"] } },
    TOWNSHIP_NOTICE: {
      label: VILLAGE_EXIT_STEP_LABELS.TOWNSHIP_NOTICE,
      kind: "recorded",
      roles: { RECORD_NOTICE: ["TOWNSHIP_CADRE"], REJECT: ["TOWNSHIP_CADRE"] },
    },
    COUNTY_APPROVAL: { label: VILLAGE_EXIT_STEP_LABELS.COUNTY_APPROVAL, kind: "signed", roles: { SIGN: ["COUNTY_OFFICE"], REJECT: ["COUNTY_OFFICE"] } },
    LEADER_SIGN: { label: VILLAGE_EXIT_STEP_LABELS.LEADER_SIGN, kind: "signed", roles: { SIGN: ["COUNTY_LEADER"], REJECT: ["COUNTY_LEADER"] } },
  },
  actions: { SIGN: { name: "签署" }, RECORD_NOTICE: { name: "登记公示" }, REJECT: { name: "退回" } },
  messages: {
    approved: "该村出列已审定，不能再办理",
    complete: "出列核验表各环节均已完成，不能再办理",
    criteriaNotMet: "该村出列条件尚未全部达标，不能继续出列程序",
    roleVerb: "办理",
  },
  outOfScope(actor, step) {
    if (!actor.coversVillage) return "该村不在您的管辖范围内";
    if (step === "LEADER_SIGN" && !actor.isResponsibleLeader) return "您不是该乡镇的包片县级领导，不能签署";
    return null;
  },
});

export function evaluateVillageChain(state: VillageChainState, currentContentHash: string): VillageChainEvaluation {
  return villageExitChain.evaluate(state, currentContentHash);
}

export function checkVillageCanAct(input: CheckVillageCanActInput): VillageChainCheck {
  return villageExitChain.check(input);
}

/** 已出列 instead of 已审定: the village sheet's approval is the announcement. */
export function villageStatusLabel(status: string): string {
  return status === "APPROVED" ? "已出列" : chainStatusLabel(status);
}

export type MarkVillageExitedCheck = { ok: true } | { ok: false; reasons: string[]; message: string };

/** 已出列 needs every criterion met and every step valid, in particular the leader's signature. */
export function canMarkVillageExited(input: { state: VillageChainState; currentContentHash: string; criteriaMet: boolean }): MarkVillageExitedCheck {
  const { steps } = evaluateVillageChain(input.state, input.currentContentHash);
  const reasons: string[] = [];
  if (!input.criteriaMet) reasons.push("出列条件尚未全部达标，不能出列");
  for (const view of steps) {
    if (view.state === "DONE") continue;
    reasons.push(view.state === "INVALID" ? `${view.label}已失效（签署后核验表内容有变更），不能出列` : `缺少${view.label}，不能出列`);
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons, message: reasons.join("；") };
}
