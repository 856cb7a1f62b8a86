import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/domain/codes";
import { refusalError } from "@/lib/sign-off/refusal";
import { defineSignOffChain, type Signature, type SignOffCheckInput, type SignOffState } from "@/lib/sign-off/rules";
import { entryStates } from "@/lib/sign-off/view";

/**
 * A third chain declared only by listing its steps: the monitoring procedure to come
 * (入户核实 → 比对 → 评议 → 公示 → 乡审核 → 县审批). Nothing here re-implements the mechanics.
 */
type MonitoringStep = "VISIT" | "COMPARE" | "REVIEW" | "NOTICE" | "TOWNSHIP_CHECK" | "COUNTY_APPROVAL";
type MonitoringAction = "SIGN" | "REJECT" | "RECORD_NOTICE";
type MonitoringActor = { userId: string; role: Role; covers: boolean };
type MonitoringState = SignOffState<MonitoringStep>;
type MonitoringInput = SignOffCheckInput<MonitoringStep, MonitoringAction, MonitoringState, MonitoringActor>;

const monitoring = defineSignOffChain<MonitoringStep, MonitoringAction, MonitoringState, MonitoringActor, MonitoringInput>({
  stages: [["VISIT"], ["COMPARE"], ["REVIEW"], ["NOTICE"], ["TOWNSHIP_CHECK"], ["COUNTY_APPROVAL"]],
  steps: {
    VISIT: { label: "入户核实", kind: "signed", roles: { SIGN: ["HELPER", "VILLAGE_CADRE"] } },
    COMPARE: { label: "比对", kind: "signed", roles: { SIGN: ["WORK_TEAM"], REJECT: ["WORK_TEAM"] } },
    REVIEW: { label: "评议", kind: "signed", roles: { SIGN: ["VILLAGE_CADRE"], REJECT: ["VILLAGE_CADRE"] } },
    NOTICE: { label: "公示", kind: "recorded", roles: { RECORD_NOTICE: ["VILLAGE_CADRE", "WORK_TEAM"], REJECT: ["VILLAGE_CADRE"] } },
    TOWNSHIP_CHECK: { label: "乡审核", kind: "signed", roles: { SIGN: ["TOWNSHIP_CADRE"], REJECT: ["TOWNSHIP_CADRE"] } },
    COUNTY_APPROVAL: { label: "县审批", kind: "signed", roles: { SIGN: ["COUNTY_OFFICE"], REJECT: ["COUNTY_OFFICE"] } },
  },
  actions: { SIGN: { name: "签署" }, REJECT: { name: "退回" }, RECORD_NOTICE: { name: "登记公示", verb: "登记" } },
  messages: { approved: "监测已审批，不能再办理", complete: "监测各环节均已完成", criteriaNotMet: "监测对象条件不符，不能继续" },
  outOfScope: (actor) => (actor.covers ? null : "该户不在您的管辖范围内"),
});

const HASH = "a".repeat(64);
const CHANGED = "b".repeat(64);
const who = (userId: string, role: Role, covers = true): MonitoringActor => ({ userId, role, covers });
const helper = who("u-helper", "HELPER");
const cadre = who("u-cadre", "VILLAGE_CADRE");
const cadre2 = who("u-cadre2", "VILLAGE_CADRE");
const team = who("u-team", "WORK_TEAM");
const township = who("u-town", "TOWNSHIP_CADRE");
const county = who("u-county", "COUNTY_OFFICE");

let clock = 0;
function entry(step: MonitoringStep, actor: MonitoringActor, hash = HASH, round = 1): Signature<MonitoringStep> {
  clock += 1;
  return { step, userId: actor.userId, role: actor.role, contentHash: hash, signedAt: new Date(Date.UTC(2026, 0, 5, 0, 0, clock)).toISOString(), round };
}
const state = (...signatures: Signature<MonitoringStep>[]): MonitoringState => ({ round: 1, status: "IN_PROGRESS", signatures });
const check = (s: MonitoringState, step: MonitoringStep, action: MonitoringAction, actor: MonitoringActor, extra: Partial<MonitoringInput> = {}) =>
  monitoring.check({ state: s, currentContentHash: HASH, step, action, actor, criteriaMet: true, ...extra });

describe("a chain declared by listing its steps (the monitoring procedure)", () => {
  it("runs the six steps in order to APPROVED", () => {
    const signers: [MonitoringStep, MonitoringAction, MonitoringActor][] = [
      ["VISIT", "SIGN", helper],
      ["COMPARE", "SIGN", team],
      ["REVIEW", "SIGN", cadre],
      ["NOTICE", "RECORD_NOTICE", cadre],
      ["TOWNSHIP_CHECK", "SIGN", township],
      ["COUNTY_APPROVAL", "SIGN", county],
    ];
    let current = state();
    for (const [step, action, actor] of signers) {
      expect(monitoring.evaluate(current, HASH).nextSteps).toEqual([step]);
      expect(check(current, step, action, actor)).toEqual({ ok: true });
      current = { ...current, signatures: [...current.signatures, entry(step, actor)] };
    }
    expect(monitoring.evaluate(current, HASH).nextSteps).toEqual([]);
    expect(monitoring.deriveStatus(current, HASH)).toBe("APPROVED");
    expect(monitoring.evaluate(state(), HASH).steps.map((view) => view.label)).toEqual(["入户核实", "比对", "评议", "公示", "乡审核", "县审批"]);
  });

  it("refuses a step out of order and an action the step does not have", () => {
    const visited = state(entry("VISIT", helper));
    expect(check(visited, "REVIEW", "SIGN", cadre)).toEqual({ ok: false, code: "WRONG_ORDER", message: '当前应进行"比对"，不能签署"评议"' });
    expect(check(visited, "COMPARE", "RECORD_NOTICE", team)).toEqual({ ok: false, code: "WRONG_ORDER", message: '"比对"环节不能登记公示' });
  });

  it("refuses the wrong role and an actor outside the scope", () => {
    const visited = state(entry("VISIT", helper));
    expect(check(visited, "COMPARE", "SIGN", cadre)).toEqual({ ok: false, code: "WRONG_ROLE", message: '"比对"须由驻村工作队签署，您的角色是村干部' });
    expect(check(visited, "COMPARE", "SIGN", who("u-team2", "WORK_TEAM", false))).toEqual({
      ok: false,
      code: "OUT_OF_SCOPE",
      message: "该户不在您的管辖范围内",
    });
  });

  it("lets one person sign at most one step per round, recorded steps aside", () => {
    const compared = state(entry("VISIT", cadre), entry("COMPARE", team));
    expect(check(compared, "REVIEW", "SIGN", cadre)).toEqual({
      ok: false,
      code: "ALREADY_SIGNED_OTHER_STEP",
      message: '您已签署本核验表的"入户核实"，同一人只能签署一个环节',
    });
    expect(check(compared, "REVIEW", "SIGN", cadre2)).toEqual({ ok: true });
    // Recording the notice is not a signature: the reviewer may record it, and a recorder may still sign later.
    const reviewed = state(entry("VISIT", helper), entry("COMPARE", team), entry("REVIEW", cadre));
    expect(check(reviewed, "NOTICE", "RECORD_NOTICE", cadre)).toEqual({ ok: true });
  });

  it("gates forward steps on the criteria, not a rejection, and a rejection needs a reason", () => {
    const visited = state(entry("VISIT", helper));
    expect(check(visited, "COMPARE", "SIGN", team, { criteriaMet: false })).toEqual({
      ok: false,
      code: "CRITERIA_NOT_MET",
      message: "监测对象条件不符，不能继续",
    });
    expect(check(visited, "COMPARE", "REJECT", team, { criteriaMet: false, reason: "收入比对有误" })).toEqual({ ok: true });
    expect(check(visited, "COMPARE", "REJECT", team, { reason: " " })).toMatchObject({ ok: false, code: "REASON_REQUIRED" });
  });

  it("starts a rejection round back at the first step; earlier rounds are history", () => {
    const before = state(entry("VISIT", cadre), entry("COMPARE", team));
    const rejected = monitoring.startNewRound(before);
    expect(rejected).toMatchObject({ round: 2, status: "REJECTED" });
    expect(rejected.signatures).toEqual(before.signatures);
    expect(monitoring.evaluate(rejected, HASH).nextSteps).toEqual(["VISIT"]);
    expect(monitoring.deriveStatus(rejected, HASH)).toBe("REJECTED");
    // The same person may sign again in the new round.
    expect(check(rejected, "VISIT", "SIGN", cadre)).toEqual({ ok: true });
    const again = { ...rejected, signatures: [...rejected.signatures, entry("VISIT", cadre, HASH, 2)] };
    expect(monitoring.deriveStatus(again, HASH)).toBe("IN_PROGRESS");
    expect(entryStates(again.signatures, monitoring.evaluate(again, HASH), again.round)).toEqual(["EARLIER_ROUND", "EARLIER_ROUND", "VALID"]);
  });

  it("invalidates signatures when the content changes and resumes from the first invalid step", () => {
    const signed = state(entry("VISIT", helper), entry("COMPARE", team), entry("REVIEW", cadre));
    const evaluation = monitoring.evaluate(signed, CHANGED);
    expect(evaluation.nextSteps).toEqual(["VISIT"]);
    expect(evaluation.steps.slice(0, 4).map((view) => view.state)).toEqual(["INVALID", "INVALID", "INVALID", "WAITING"]);
    const resigned = { ...signed, signatures: [...signed.signatures, entry("VISIT", helper, CHANGED)] };
    const resumed = monitoring.evaluate(resigned, CHANGED);
    expect(resumed.nextSteps).toEqual(["COMPARE"]);
    expect(entryStates(resigned.signatures, resumed, 1)).toEqual(["SUPERSEDED", "INVALID", "INVALID", "VALID"]);
  });
});

describe("stages whose steps come in any order", () => {
  type Step = "PROPOSE" | "APPROVE" | "COUNTERSIGN";
  type Input = SignOffCheckInput<Step, "SIGN" | "REJECT", SignOffState<Step>, MonitoringActor>;
  const chain = defineSignOffChain<Step, "SIGN" | "REJECT", SignOffState<Step>, MonitoringActor, Input>({
    stages: [["PROPOSE"], ["APPROVE", "COUNTERSIGN"]],
    steps: {
      PROPOSE: { label: "提出", kind: "signed", roles: { SIGN: ["TOWNSHIP_CADRE"] } },
      APPROVE: { label: "审定", kind: "signed", roles: { SIGN: ["COUNTY_OFFICE"] } },
      COUNTERSIGN: { label: "会签", kind: "signed", roles: { SIGN: ["COUNTY_LEADER"] } },
    },
    actions: { SIGN: { name: "签署" }, REJECT: { name: "退回" } },
    messages: { approved: "已审定", complete: "已完成", criteriaNotMet: "不达标" },
    outOfScope: () => null,
  });

  it("offers both steps of the stage at once and completes when both are valid", () => {
    const leader = who("u-leader", "COUNTY_LEADER");
    const proposed: SignOffState<Step> = { round: 1, status: "IN_PROGRESS", signatures: [{ ...entry("VISIT", township), step: "PROPOSE" }] };
    expect(chain.evaluate(proposed, HASH).nextSteps).toEqual(["APPROVE", "COUNTERSIGN"]);
    const countersigned = { ...proposed, signatures: [...proposed.signatures, { ...entry("VISIT", leader), step: "COUNTERSIGN" as const }] };
    expect(chain.evaluate(countersigned, HASH).nextSteps).toEqual(["APPROVE"]);
    expect(chain.check({ state: countersigned, currentContentHash: HASH, step: "APPROVE", action: "SIGN", actor: county, criteriaMet: true })).toEqual({
      ok: true,
    });
  });
});

describe("refusal → AppError", () => {
  it("maps role and scope to FORBIDDEN, a missing reason and mapped codes to a field, the criteria to a rule naming what failed", () => {
    expect(refusalError({ ok: false, code: "WRONG_ROLE", message: "x" }).code).toBe("FORBIDDEN");
    expect(refusalError({ ok: false, code: "OUT_OF_SCOPE", message: "x" }).code).toBe("FORBIDDEN");
    expect(refusalError({ ok: false, code: "REASON_REQUIRED", message: "退回须填写理由" }).fieldErrors).toEqual({ reason: ["退回须填写理由"] });
    expect(refusalError({ ok: false, code: "POSTED_DATE_INVALID", message: "日期有误" }, { fields: { POSTED_DATE_INVALID: "postedOn" } }).fieldErrors).toEqual({
      postedOn: ["日期有误"],
    });
    const criteria = [
      { met: true, label: "不愁吃", reason: "是" },
      { met: false, label: "住房安全有保障", reason: "D级危房" },
    ];
    const error = refusalError({ ok: false, code: "CRITERIA_NOT_MET", message: "尚未达标" }, { criteria });
    expect(error).toMatchObject({ code: "RULE_VIOLATION", message: "尚未达标。住房安全有保障未达标：D级危房" });
    expect(refusalError({ ok: false, code: "WRONG_ORDER", message: "x" }).code).toBe("RULE_VIOLATION");
  });
});
