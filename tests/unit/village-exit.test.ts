import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/codes";
import { allCriteriaMet, failedCriteria } from "@/lib/exits/criterion";
import {
  canMarkVillageExited,
  checkVillageCanAct,
  evaluateVillageChain,
  evaluateVillageExit,
  formatPermilleAsPercent,
  isIncidenceBelow,
  povertyIncidence,
  type CheckVillageCanActInput,
  type VillageChainState,
  type VillageConditions,
  type VillageExitInput,
  type VillageExitStep,
  type VillageSignature,
} from "@/lib/exits/village/rules";
import { contentHash } from "@/lib/sign-off/content-hash";

const goodConditions: VillageConditions = {
  collectiveIncomeFen: 12_000_000,
  collectiveIncomeTargetFen: 10_000_000,
  hardenedRoad: true,
  powerSupply: true,
  safeWater: true,
  clinicFourRooms: true,
  qualifiedDoctor: true,
  cultureVenue: true,
  broadband: true,
};

function villageInput(overrides: Partial<VillageExitInput> = {}): VillageExitInput {
  return { remainingPoorPeople: 37, ruralPopulation: 2000, thresholdPermille: 20, conditions: goodConditions, ...overrides };
}

function result(input: VillageExitInput, code: string) {
  const found = evaluateVillageExit(input).find((r) => r.code === code);
  if (!found) throw new Error(code);
  return found;
}

describe("povertyIncidence", () => {
  it("is an exact rational with a two-decimal display", () => {
    expect(povertyIncidence(37, 2000)).toEqual({ numerator: 37, denominator: 2000, basisPoints: 185, display: "1.85%" });
    expect(povertyIncidence(0, 1500)?.display).toBe("0.00%");
    expect(povertyIncidence(1, 3)?.display).toBe("33.33%");
    expect(povertyIncidence(2, 3)?.display).toBe("66.67%");
    expect(povertyIncidence(1, 8000)?.display).toBe("0.01%"); // 0.0125%
    expect(povertyIncidence(1, 20000)?.display).toBe("0.01%"); // 0.005% rounds half up
    expect(povertyIncidence(1, 20001)?.display).toBe("0.00%");
    expect(povertyIncidence(120, 100)?.display).toBe("120.00%");
  });

  it("is undefined without a population", () => {
    expect(povertyIncidence(3, 0)).toBeNull();
    expect(povertyIncidence(3, -5)).toBeNull();
  });

  it("compares strictly below the threshold", () => {
    expect(isIncidenceBelow(40, 2000, 20)).toBe(false); // exactly 2%
    expect(isIncidenceBelow(39, 2000, 20)).toBe(true);
    expect(isIncidenceBelow(60, 2000, 30)).toBe(false); // exactly 3%
    expect(isIncidenceBelow(59, 2000, 30)).toBe(true);
  });

  it("formats a permille threshold as a percent", () => {
    expect(formatPermilleAsPercent(20)).toBe("2%");
    expect(formatPermilleAsPercent(30)).toBe("3%");
    expect(formatPermilleAsPercent(25)).toBe("2.5%");
  });
});

describe("evaluateVillageExit", () => {
  it("returns eight results in order, all met for a good village", () => {
    const results = evaluateVillageExit(villageInput());
    expect(results.map((r) => [r.code, r.label, r.met])).toEqual([
      ["INCIDENCE", "贫困发生率", true],
      ["COLLECTIVE_INCOME", "村集体经济收入", true],
      ["ROAD", "通硬化路", true],
      ["POWER", "通动力电", true],
      ["WATER", "安全饮水", true],
      ["CLINIC", "村卫生室达标", true],
      ["CULTURE", "文化活动场所", true],
      ["BROADBAND", "通宽带", true],
    ]);
    expect(allCriteriaMet(results)).toBe(true);
    expect(results[0].reason).toBe("贫困发生率1.85%（37人 ÷ 2000人），低于2%");
    expect(results[0].facts).toContainEqual({ label: "贫困发生率", value: "1.85%" });
  });

  it("is not met exactly at 2%", () => {
    const incidence = result(villageInput({ remainingPoorPeople: 40 }), "INCIDENCE");
    expect(incidence.met).toBe(false);
    expect(incidence.reason).toBe("贫困发生率恰好为2%（40人 ÷ 2000人），须低于2%");
  });

  it("is met one person below 2%", () => {
    expect(result(villageInput({ remainingPoorPeople: 39 }), "INCIDENCE").met).toBe(true);
  });

  it("never displays a value that differs from the threshold as the threshold", () => {
    // 40 / 2001 = 1.999%: below, shown as 1.99%. 40 / 1999 = 2.001%: not below, shown as 2.01%.
    const justBelow = result(villageInput({ remainingPoorPeople: 40, ruralPopulation: 2001 }), "INCIDENCE");
    expect(justBelow.met).toBe(true);
    expect(justBelow.reason).toContain("1.99%");
    const justAbove = result(villageInput({ remainingPoorPeople: 40, ruralPopulation: 1999 }), "INCIDENCE");
    expect(justAbove.met).toBe(false);
    expect(justAbove.reason).toBe("贫困发生率2.01%（40人 ÷ 1999人），未低于2%");
  });

  it("uses the configured threshold (3% in the west)", () => {
    expect(result(villageInput({ remainingPoorPeople: 50, thresholdPermille: 30 }), "INCIDENCE").met).toBe(true);
    expect(result(villageInput({ remainingPoorPeople: 60, thresholdPermille: 30 }), "INCIDENCE").met).toBe(false);
    expect(result(villageInput({ remainingPoorPeople: 50, thresholdPermille: 20 }), "INCIDENCE").met).toBe(false);
  });

  it("is not met without a population", () => {
    const missing = result(villageInput({ ruralPopulation: null }), "INCIDENCE");
    expect(missing).toMatchObject({ met: false, reason: "未填写农村户籍人口，无法计算贫困发生率" });
    expect(result(villageInput({ ruralPopulation: 0 }), "INCIDENCE").met).toBe(false);
  });

  it("checks the collective income against its target", () => {
    const short = result(villageInput({ conditions: { ...goodConditions, collectiveIncomeFen: 9_999_999 } }), "COLLECTIVE_INCOME");
    expect(short.met).toBe(false);
    expect(short.reason).toBe("村集体经济收入99,999.99 元，未达到目标100,000.00 元");
    expect(result(villageInput({ conditions: { ...goodConditions, collectiveIncomeFen: 10_000_000 } }), "COLLECTIVE_INCOME").met).toBe(true);
  });

  it("names each missing village condition", () => {
    const results = evaluateVillageExit(villageInput({ conditions: { ...goodConditions, hardenedRoad: false, qualifiedDoctor: false, broadband: false } }));
    expect(failedCriteria(results).map((r) => [r.code, r.reason])).toEqual([
      ["ROAD", "未通硬化路"],
      ["CLINIC", "没有合格村医"],
      ["BROADBAND", "未通宽带"],
    ]);
    const clinic = result(villageInput({ conditions: { ...goodConditions, clinicFourRooms: false, qualifiedDoctor: false } }), "CLINIC");
    expect(clinic.reason).toBe('村卫生室未做到"四室分离"；没有合格村医');
    for (const [field, code] of [
      ["powerSupply", "POWER"],
      ["safeWater", "WATER"],
      ["cultureVenue", "CULTURE"],
    ] as const) {
      expect(result(villageInput({ conditions: { ...goodConditions, [field]: false } }), code).met, code).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------
// Village exit sheet
// ---------------------------------------------------------------------------

const HASH = contentHash({ village: "v1", incidence: "37/2000" });
const CHANGED = contentHash({ village: "v1", incidence: "38/2000" });

type VillageActor = CheckVillageCanActInput["actor"];
function actor(userId: string, role: Role, overrides: Partial<VillageActor> = {}): VillageActor {
  return { userId, role, coversVillage: true, isResponsibleLeader: role === "COUNTY_LEADER", ...overrides };
}
const township = actor("u-town", "TOWNSHIP_CADRE");
const township2 = actor("u-town2", "TOWNSHIP_CADRE");
const county = actor("u-county", "COUNTY_OFFICE");
const leader = actor("u-leader", "COUNTY_LEADER");

let clock = 0;
function sig(step: VillageExitStep, who: VillageActor, hash = HASH, round = 1): VillageSignature {
  clock += 1;
  return { step, userId: who.userId, role: who.role, contentHash: hash, signedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, clock)).toISOString(), round };
}

function stateWith(...signatures: VillageSignature[]): VillageChainState {
  return { round: 1, status: "IN_PROGRESS", signatures };
}

function check(
  state: VillageChainState,
  step: VillageExitStep,
  action: CheckVillageCanActInput["action"],
  who: VillageActor,
  extra: Partial<CheckVillageCanActInput> = {},
) {
  return checkVillageCanAct({ state, currentContentHash: HASH, step, action, actor: who, criteriaMet: true, ...extra });
}

const publicised = () => stateWith(sig("TOWNSHIP_PROPOSE", township), sig("TOWNSHIP_NOTICE", township2));

describe("village exit sheet", () => {
  it("runs propose → notice → county approval and leader signature", () => {
    let state = stateWith();
    expect(evaluateVillageChain(state, HASH).nextSteps).toEqual(["TOWNSHIP_PROPOSE"]);
    expect(check(state, "TOWNSHIP_PROPOSE", "SIGN", township)).toEqual({ ok: true });
    state = stateWith(sig("TOWNSHIP_PROPOSE", township));
    expect(check(state, "TOWNSHIP_NOTICE", "RECORD_NOTICE", township)).toEqual({ ok: true }); // recorded, not a second signature
    state = { ...state, signatures: [...state.signatures, sig("TOWNSHIP_NOTICE", township)] };
    expect(evaluateVillageChain(state, HASH).nextSteps).toEqual(["COUNTY_APPROVAL", "LEADER_SIGN"]);
    expect(check(state, "LEADER_SIGN", "SIGN", leader)).toEqual({ ok: true });
    state = { ...state, signatures: [...state.signatures, sig("LEADER_SIGN", leader)] };
    expect(check(state, "COUNTY_APPROVAL", "SIGN", county)).toEqual({ ok: true });
    state = { ...state, signatures: [...state.signatures, sig("COUNTY_APPROVAL", county)] };
    const evaluation = evaluateVillageChain(state, HASH);
    expect(evaluation.nextSteps).toEqual([]);
    expect(evaluation.steps.map((s) => [s.label, s.state])).toEqual([
      ["乡镇提出", "DONE"],
      ["乡镇内公示", "DONE"],
      ["县扶贫办审定", "DONE"],
      ["包片县级领导签字", "DONE"],
    ]);
    expect(canMarkVillageExited({ state, currentContentHash: HASH, criteriaMet: true })).toEqual({ ok: true });
    expect(check(state, "COUNTY_APPROVAL", "SIGN", county)).toMatchObject({ ok: false, code: "SHEET_CLOSED" });
  });

  it("cannot be marked exited without the leader's signature", () => {
    const state = { ...publicised(), signatures: [...publicised().signatures, sig("COUNTY_APPROVAL", county)] };
    expect(canMarkVillageExited({ state, currentContentHash: HASH, criteriaMet: true })).toEqual({
      ok: false,
      reasons: ["缺少包片县级领导签字，不能出列"],
      message: "缺少包片县级领导签字，不能出列",
    });
  });

  it("cannot be marked exited without county approval", () => {
    const state = { ...publicised(), signatures: [...publicised().signatures, sig("LEADER_SIGN", leader)] };
    const check = canMarkVillageExited({ state, currentContentHash: HASH, criteriaMet: true });
    expect(check).toMatchObject({ ok: false, reasons: ["缺少县扶贫办审定，不能出列"] });
  });

  it("cannot be marked exited when the criteria fail or the content changed", () => {
    const state = stateWith(sig("TOWNSHIP_PROPOSE", township), sig("TOWNSHIP_NOTICE", township), sig("COUNTY_APPROVAL", county), sig("LEADER_SIGN", leader));
    expect(canMarkVillageExited({ state, currentContentHash: HASH, criteriaMet: false })).toMatchObject({
      ok: false,
      reasons: ["出列条件尚未全部达标，不能出列"],
    });
    const changed = canMarkVillageExited({ state, currentContentHash: CHANGED, criteriaMet: true });
    expect(changed.ok).toBe(false);
    expect(!changed.ok && changed.reasons).toContain("包片县级领导签字已失效（签署后核验表内容有变更），不能出列");
    expect(evaluateVillageChain(state, CHANGED).invalidSignatures).toHaveLength(4);
  });

  it("accepts only the responsible leader of the township", () => {
    const otherLeader = actor("u-leader2", "COUNTY_LEADER", { isResponsibleLeader: false });
    expect(check(publicised(), "LEADER_SIGN", "SIGN", otherLeader)).toEqual({
      ok: false,
      code: "OUT_OF_SCOPE",
      message: "您不是该乡镇的包片县级领导，不能签署",
    });
    expect(check(publicised(), "LEADER_SIGN", "SIGN", county)).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(check(publicised(), "COUNTY_APPROVAL", "SIGN", leader)).toMatchObject({ ok: false, code: "WRONG_ROLE" });
  });

  it("refuses steps out of order and out of scope", () => {
    const proposed = stateWith(sig("TOWNSHIP_PROPOSE", township));
    expect(check(proposed, "LEADER_SIGN", "SIGN", leader)).toEqual({
      ok: false,
      code: "WRONG_ORDER",
      message: '当前应进行"乡镇内公示"，不能签署"包片县级领导签字"',
    });
    const otherTownship = actor("u-town3", "TOWNSHIP_CADRE", { coversVillage: false });
    expect(check(stateWith(), "TOWNSHIP_PROPOSE", "SIGN", otherTownship)).toMatchObject({ ok: false, code: "OUT_OF_SCOPE" });
    expect(check(stateWith(), "TOWNSHIP_PROPOSE", "RECORD_NOTICE", township)).toMatchObject({ ok: false, code: "WRONG_ORDER" });
  });

  it("blocks forward steps when the village criteria fail, but not a rejection", () => {
    expect(check(stateWith(), "TOWNSHIP_PROPOSE", "SIGN", township, { criteriaMet: false })).toMatchObject({
      ok: false,
      code: "CRITERIA_NOT_MET",
    });
    expect(check(publicised(), "COUNTY_APPROVAL", "REJECT", county, { criteriaMet: false, reason: "发生率核算有误" })).toEqual({ ok: true });
    expect(check(publicised(), "COUNTY_APPROVAL", "REJECT", county, { reason: " " })).toMatchObject({ code: "REASON_REQUIRED" });
  });

  it("applies separation of duties to signed steps", () => {
    const dual = actor("u-town", "COUNTY_OFFICE"); // same person, later given a county role
    expect(check(publicised(), "COUNTY_APPROVAL", "SIGN", dual)).toMatchObject({ ok: false, code: "ALREADY_SIGNED_OTHER_STEP" });
  });

  it("invalidates a signature made before an earlier step was re-signed", () => {
    let state = publicised();
    state = { ...state, signatures: [...state.signatures, sig("LEADER_SIGN", leader), sig("TOWNSHIP_NOTICE", township2)] };
    const evaluation = evaluateVillageChain(state, HASH);
    expect(evaluation.steps.find((s) => s.step === "LEADER_SIGN")?.state).toBe("INVALID");
    expect(evaluation.nextSteps).toEqual(["COUNTY_APPROVAL", "LEADER_SIGN"]);
  });
});
