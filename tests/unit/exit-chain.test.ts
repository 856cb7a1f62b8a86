import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ExitStep, Role } from "@/lib/domain/codes";
import {
  checkCanAct,
  deriveChainStatus,
  earliestNoticeCloseDate,
  evaluateChain,
  startNewRound,
  type ChainActor,
  type ChainState,
  type CheckCanActInput,
  type Signature,
} from "@/lib/exits/household/rules";
import { canonicalJson, contentHash } from "@/lib/sign-off/content-hash";

const CONTENT = { householdId: "h1", income: { netIncomeFen: 1_690_000, members: 3 }, criteria: ["INCOME", "FOOD"] };
const HASH = contentHash(CONTENT);
const CHANGED = contentHash({ ...CONTENT, income: { netIncomeFen: 1_700_000, members: 3 } });

function actor(userId: string, role: Role, overrides: Partial<ChainActor> = {}): ChainActor {
  return { userId, role, coversHousehold: true, isAssignedHelper: role === "HELPER", ...overrides };
}

const helper = actor("u-helper", "HELPER");
const cadre = actor("u-cadre", "VILLAGE_CADRE");
const cadre2 = actor("u-cadre2", "VILLAGE_CADRE");
const team = actor("u-team", "WORK_TEAM");
const township = actor("u-town", "TOWNSHIP_CADRE");
const county = actor("u-county", "COUNTY_OFFICE");

function emptyState(overrides: Partial<ChainState> = {}): ChainState {
  return { round: 1, status: "IN_PROGRESS", signatures: [], notice: null, consentEvidenceCount: 0, ...overrides };
}

let clock = 0;
function sig(step: ExitStep, who: ChainActor, hash = HASH, round = 1): Signature {
  clock += 1;
  // Every entry on 2026-11-20 (UTC), one second apart, in creation order.
  const signedAt = new Date(Date.UTC(2026, 10, 20, 0, 0, clock)).toISOString();
  return { step, userId: who.userId, role: who.role, contentHash: hash, signedAt, round };
}

function withSignatures(state: ChainState, ...signatures: Signature[]): ChainState {
  return { ...state, signatures: [...state.signatures, ...signatures] };
}

function check(state: ChainState, step: ExitStep, action: CheckCanActInput["action"], who: ChainActor, extra: Partial<CheckCanActInput> = {}) {
  return checkCanAct({
    state,
    currentContentHash: HASH,
    step,
    action,
    actor: who,
    today: "2026-11-30",
    noticeMinDays: 7,
    criteriaMet: true,
    ...extra,
  });
}

/** PROPOSE (helper), DEMOCRATIC_REVIEW (cadre), WORK_TEAM_VERIFY (team). */
function verifiedState(): ChainState {
  return withSignatures(emptyState(), sig("PROPOSE", helper), sig("DEMOCRATIC_REVIEW", cadre), sig("WORK_TEAM_VERIFY", team));
}

/** Consent recorded on 2026-11-20, next step PUBLIC_NOTICE. */
function consentedState(): ChainState {
  return { ...withSignatures(verifiedState(), sig("HOUSEHOLD_CONSENT", cadre2)), consentEvidenceCount: 1 };
}

function noticeState(notice: ChainState["notice"]): ChainState {
  return { ...consentedState(), notice };
}

function stepStates(state: ChainState, hash = HASH) {
  return evaluateChain(state, hash).steps.map((s) => `${s.step}:${s.state}`);
}

describe("happy path", () => {
  it("walks all seven steps to APPROVED", () => {
    let state = emptyState();
    const expectNext = (step: ExitStep) => expect(evaluateChain(state, HASH).nextStep).toBe(step);

    expectNext("PROPOSE");
    expect(check(state, "PROPOSE", "SIGN", helper)).toEqual({ ok: true });
    state = withSignatures(state, sig("PROPOSE", helper));

    expectNext("DEMOCRATIC_REVIEW");
    expect(check(state, "DEMOCRATIC_REVIEW", "SIGN", cadre)).toEqual({ ok: true });
    state = withSignatures(state, sig("DEMOCRATIC_REVIEW", cadre));

    expectNext("WORK_TEAM_VERIFY");
    expect(check(state, "WORK_TEAM_VERIFY", "SIGN", team)).toEqual({ ok: true });
    state = withSignatures(state, sig("WORK_TEAM_VERIFY", team));

    expectNext("HOUSEHOLD_CONSENT");
    state = { ...state, consentEvidenceCount: 1 };
    expect(check(state, "HOUSEHOLD_CONSENT", "RECORD_CONSENT", helper)).toEqual({ ok: true });
    state = withSignatures(state, sig("HOUSEHOLD_CONSENT", helper));

    expectNext("PUBLIC_NOTICE");
    expect(check(state, "PUBLIC_NOTICE", "START_NOTICE", cadre, { postedOn: "2026-11-23", noticePhotoCount: 1, today: "2026-11-23" })).toEqual({ ok: true });
    state = { ...state, notice: { postedOn: "2026-11-23", objections: [{ resolved: true }], closedOn: null } };
    expectNext("PUBLIC_NOTICE");
    expect(check(state, "PUBLIC_NOTICE", "CLOSE_NOTICE", township)).toEqual({ ok: true });
    state = { ...withSignatures(state, sig("PUBLIC_NOTICE", township)), notice: { ...state.notice!, closedOn: "2026-11-30" } };

    expectNext("TOWNSHIP_REVIEW");
    // Closing the notice is recorded, not signed: the same township cadre may still review.
    expect(check(state, "TOWNSHIP_REVIEW", "SIGN", township)).toEqual({ ok: true });
    state = withSignatures(state, sig("TOWNSHIP_REVIEW", township));

    expectNext("COUNTY_APPROVAL");
    expect(deriveChainStatus(state, HASH)).toBe("IN_PROGRESS");
    expect(check(state, "COUNTY_APPROVAL", "SIGN", county)).toEqual({ ok: true });
    state = withSignatures(state, sig("COUNTY_APPROVAL", county));

    const evaluation = evaluateChain(state, HASH);
    expect(evaluation.nextStep).toBeNull();
    expect(evaluation.invalidSignatures).toEqual([]);
    expect(evaluation.steps.every((s) => s.state === "DONE")).toBe(true);
    expect(deriveChainStatus(state, HASH)).toBe("APPROVED");

    const approved = { ...state, status: "APPROVED" as const };
    expect(check(approved, "COUNTY_APPROVAL", "SIGN", county)).toMatchObject({ ok: false, code: "SHEET_CLOSED" });
    expect(check(state, "COUNTY_APPROVAL", "SIGN", county)).toMatchObject({ ok: false, code: "SHEET_CLOSED" });
  });

  it("shows a fresh sheet as PROPOSE pending and the rest waiting, with labels", () => {
    const evaluation = evaluateChain(emptyState(), HASH);
    expect(evaluation.steps.map((s) => [s.step, s.label, s.state])).toEqual([
      ["PROPOSE", "帮扶责任人提出", "PENDING"],
      ["DEMOCRATIC_REVIEW", "村两委民主评议", "WAITING"],
      ["WORK_TEAM_VERIFY", "驻村工作队核实", "WAITING"],
      ["HOUSEHOLD_CONSENT", "贫困户认可", "WAITING"],
      ["PUBLIC_NOTICE", "村内公示", "WAITING"],
      ["TOWNSHIP_REVIEW", "乡镇审核", "WAITING"],
      ["COUNTY_APPROVAL", "县扶贫办审定", "WAITING"],
    ]);
    expect(evaluation.nextStep).toBe("PROPOSE");
  });

  it("lets a village cadre propose", () => {
    expect(check(emptyState(), "PROPOSE", "SIGN", cadre)).toEqual({ ok: true });
  });
});

describe("order, role and scope", () => {
  it("refuses a step out of order", () => {
    const state = withSignatures(emptyState(), sig("PROPOSE", helper), sig("DEMOCRATIC_REVIEW", cadre));
    expect(check(state, "TOWNSHIP_REVIEW", "SIGN", township)).toEqual({
      ok: false,
      code: "WRONG_ORDER",
      message: '当前应进行"驻村工作队核实"，不能签署"乡镇审核"',
    });
    expect(check(state, "DEMOCRATIC_REVIEW", "SIGN", cadre2)).toMatchObject({ ok: false, code: "WRONG_ORDER" });
  });

  it("refuses an action that does not belong to the step", () => {
    const result = check(verifiedState(), "HOUSEHOLD_CONSENT", "SIGN", helper);
    expect(result).toEqual({ ok: false, code: "WRONG_ORDER", message: '"贫困户认可"环节不能签署' });
    expect(check(emptyState(), "PROPOSE", "REJECT", helper, { reason: "x" })).toMatchObject({ ok: false, code: "WRONG_ORDER" });
  });

  it("refuses the wrong role", () => {
    const proposed = withSignatures(emptyState(), sig("PROPOSE", helper));
    expect(check(proposed, "DEMOCRATIC_REVIEW", "SIGN", team)).toEqual({
      ok: false,
      code: "WRONG_ROLE",
      message: '"村两委民主评议"须由村干部签署，您的角色是驻村工作队',
    });
    expect(check(emptyState(), "PROPOSE", "SIGN", township)).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(check(consentedState(), "PUBLIC_NOTICE", "START_NOTICE", township, { postedOn: "2026-11-23", noticePhotoCount: 1 })).toMatchObject({
      ok: false,
      code: "WRONG_ROLE",
    });
    expect(check(verifiedState(), "HOUSEHOLD_CONSENT", "RECORD_CONSENT", township, {})).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    const admin = actor("u-admin", "ADMIN");
    expect(check(emptyState(), "PROPOSE", "SIGN", admin)).toMatchObject({ ok: false, code: "WRONG_ROLE" });
  });

  it("refuses an actor whose scope does not cover the household", () => {
    const outsider = actor("u-other", "VILLAGE_CADRE", { coversHousehold: false });
    expect(check(emptyState(), "PROPOSE", "SIGN", outsider)).toEqual({
      ok: false,
      code: "OUT_OF_SCOPE",
      message: "该户不在您的管辖范围内",
    });
  });

  it("refuses a helper who is not assigned to the household", () => {
    const otherHelper = actor("u-helper2", "HELPER", { isAssignedHelper: false });
    expect(check(emptyState(), "PROPOSE", "SIGN", otherHelper)).toEqual({
      ok: false,
      code: "OUT_OF_SCOPE",
      message: "您不是该户的帮扶责任人",
    });
  });
});

describe("separation of duties", () => {
  it("refuses the same person signing two steps", () => {
    const proposed = withSignatures(emptyState(), sig("PROPOSE", cadre));
    expect(check(proposed, "DEMOCRATIC_REVIEW", "SIGN", cadre)).toEqual({
      ok: false,
      code: "ALREADY_SIGNED_OTHER_STEP",
      message: '您已签署本核验表的"帮扶责任人提出"，同一人只能签署一个环节',
    });
    expect(check(proposed, "DEMOCRATIC_REVIEW", "SIGN", cadre2)).toEqual({ ok: true });
  });

  it("still counts a signature of this round that a change invalidated", () => {
    // cadre proposed, the content changed, the helper re-proposed: cadre has still acted on the sheet.
    const state = withSignatures(emptyState(), sig("PROPOSE", cadre), sig("PROPOSE", helper, CHANGED));
    expect(evaluateChain(state, CHANGED).nextStep).toBe("DEMOCRATIC_REVIEW");
    const result = check(state, "DEMOCRATIC_REVIEW", "SIGN", cadre, { currentContentHash: CHANGED });
    expect(result).toMatchObject({ ok: false, code: "ALREADY_SIGNED_OTHER_STEP" });
    expect(check(state, "DEMOCRATIC_REVIEW", "SIGN", cadre2, { currentContentHash: CHANGED })).toEqual({ ok: true });
  });

  it("does not count recorded steps", () => {
    const closedByTownship = withSignatures(noticeState({ postedOn: "2026-11-21", objections: [], closedOn: "2026-11-28" }), sig("PUBLIC_NOTICE", township));
    expect(check(closedByTownship, "TOWNSHIP_REVIEW", "SIGN", township)).toEqual({ ok: true });
    // A work-team member who verified may also record the consent.
    expect(check({ ...verifiedState(), consentEvidenceCount: 1 }, "HOUSEHOLD_CONSENT", "RECORD_CONSENT", team)).toEqual({ ok: true });
  });

  it("does not count signatures of an earlier round", () => {
    const rejected = startNewRound(withSignatures(emptyState(), sig("PROPOSE", helper), sig("DEMOCRATIC_REVIEW", cadre)));
    expect(check(rejected, "PROPOSE", "SIGN", cadre)).toEqual({ ok: true });
  });
});

describe("rejection", () => {
  it("needs a non-empty reason", () => {
    const proposed = withSignatures(emptyState(), sig("PROPOSE", helper));
    expect(check(proposed, "DEMOCRATIC_REVIEW", "REJECT", cadre)).toEqual({ ok: false, code: "REASON_REQUIRED", message: "退回须填写理由" });
    expect(check(proposed, "DEMOCRATIC_REVIEW", "REJECT", cadre, { reason: "   " })).toMatchObject({ code: "REASON_REQUIRED" });
    expect(check(proposed, "DEMOCRATIC_REVIEW", "REJECT", cadre, { reason: "收入核算有误" })).toEqual({ ok: true });
  });

  it("is open only to those who may act on the current step", () => {
    const proposed = withSignatures(emptyState(), sig("PROPOSE", helper));
    expect(check(proposed, "DEMOCRATIC_REVIEW", "REJECT", county, { reason: "x" })).toMatchObject({ code: "WRONG_ROLE" });
    expect(check(proposed, "TOWNSHIP_REVIEW", "REJECT", township, { reason: "x" })).toMatchObject({ code: "WRONG_ORDER" });
  });

  it("is allowed even when the criteria fail", () => {
    const proposed = withSignatures(emptyState(), sig("PROPOSE", helper));
    expect(check(proposed, "DEMOCRATIC_REVIEW", "REJECT", cadre, { reason: "住房不达标", criteriaMet: false })).toEqual({ ok: true });
  });

  it("starts a new round back at the proposer, keeping history", () => {
    const before = { ...consentedState(), notice: { postedOn: "2026-11-23", objections: [{ resolved: false }], closedOn: null } };
    const after = startNewRound(before);
    expect(after.round).toBe(2);
    expect(after.status).toBe("REJECTED");
    expect(after.notice).toBeNull();
    expect(after.consentEvidenceCount).toBe(0);
    expect(after.signatures).toEqual(before.signatures);
    const evaluation = evaluateChain(after, HASH);
    expect(evaluation.nextStep).toBe("PROPOSE");
    expect(evaluation.steps.filter((s) => s.signature)).toEqual([]);
    expect(deriveChainStatus(after, HASH)).toBe("REJECTED");
    expect(check(after, "PROPOSE", "SIGN", helper)).toEqual({ ok: true });
    const reproposed = withSignatures(after, sig("PROPOSE", helper, HASH, 2));
    expect(deriveChainStatus(reproposed, HASH)).toBe("IN_PROGRESS");
    expect(evaluateChain(reproposed, HASH).nextStep).toBe("DEMOCRATIC_REVIEW");
  });
});

describe("content changes", () => {
  it("invalidates signatures and resumes from the first invalid step", () => {
    const state = verifiedState();
    const evaluation = evaluateChain(state, CHANGED);
    expect(evaluation.nextStep).toBe("PROPOSE");
    expect(evaluation.invalidSignatures.map((s) => s.step)).toEqual(["PROPOSE", "DEMOCRATIC_REVIEW", "WORK_TEAM_VERIFY"]);
    expect(stepStates(state, CHANGED).slice(0, 4)).toEqual([
      "PROPOSE:INVALID",
      "DEMOCRATIC_REVIEW:INVALID",
      "WORK_TEAM_VERIFY:INVALID",
      "HOUSEHOLD_CONSENT:WAITING",
    ]);
    expect(check(state, "HOUSEHOLD_CONSENT", "RECORD_CONSENT", helper, { currentContentHash: CHANGED })).toMatchObject({
      ok: false,
      code: "WRONG_ORDER",
      message: '当前应进行"帮扶责任人提出"，不能登记"贫困户认可"',
    });
  });

  it("allows re-signing the same step after invalidation, then resumes at the next invalid one", () => {
    let state = verifiedState();
    expect(check(state, "PROPOSE", "SIGN", helper, { currentContentHash: CHANGED })).toEqual({ ok: true });
    state = withSignatures(state, sig("PROPOSE", helper, CHANGED));
    expect(stepStates(state, CHANGED).slice(0, 3)).toEqual(["PROPOSE:DONE", "DEMOCRATIC_REVIEW:INVALID", "WORK_TEAM_VERIFY:INVALID"]);
    expect(evaluateChain(state, CHANGED).nextStep).toBe("DEMOCRATIC_REVIEW");
    expect(check(state, "DEMOCRATIC_REVIEW", "SIGN", cadre, { currentContentHash: CHANGED })).toEqual({ ok: true });
  });

  it("keeps later steps stale after an earlier one is re-signed, even if their hash matches again", () => {
    // Signed under HASH, edited (CHANGED) and re-proposed, then edited back to HASH.
    let state = withSignatures(emptyState(), sig("PROPOSE", helper), sig("DEMOCRATIC_REVIEW", cadre));
    state = withSignatures(state, sig("PROPOSE", helper, CHANGED));
    expect(stepStates(state).slice(0, 2)).toEqual(["PROPOSE:INVALID", "DEMOCRATIC_REVIEW:INVALID"]);
    state = withSignatures(state, sig("PROPOSE", helper));
    const evaluation = evaluateChain(state, HASH);
    expect(evaluation.nextStep).toBe("DEMOCRATIC_REVIEW");
    expect(evaluation.steps[1].state).toBe("INVALID");
  });

  it("binds recorded steps to the content too", () => {
    const state = noticeState({ postedOn: "2026-11-21", objections: [], closedOn: "2026-11-28" });
    const closed = withSignatures(state, sig("PUBLIC_NOTICE", cadre));
    expect(evaluateChain(closed, HASH).nextStep).toBe("TOWNSHIP_REVIEW");
    expect(stepStates(closed, CHANGED).slice(3, 5)).toEqual(["HOUSEHOLD_CONSENT:INVALID", "PUBLIC_NOTICE:INVALID"]);
  });
});

describe("criteria gate", () => {
  it("blocks every forward step when the criteria fail", () => {
    const blocked = { ok: false, code: "CRITERIA_NOT_MET", message: "该户两不愁三保障尚未全部达标，不能继续退出程序" };
    expect(check(emptyState(), "PROPOSE", "SIGN", helper, { criteriaMet: false })).toEqual(blocked);
    const proposed = withSignatures(emptyState(), sig("PROPOSE", helper));
    expect(check(proposed, "DEMOCRATIC_REVIEW", "SIGN", cadre, { criteriaMet: false })).toEqual(blocked);
    expect(check({ ...verifiedState(), consentEvidenceCount: 1 }, "HOUSEHOLD_CONSENT", "RECORD_CONSENT", helper, { criteriaMet: false })).toEqual(blocked);
    expect(check(consentedState(), "PUBLIC_NOTICE", "START_NOTICE", cadre, { criteriaMet: false, postedOn: "2026-11-23", noticePhotoCount: 1 })).toEqual(
      blocked,
    );
    const open = noticeState({ postedOn: "2026-11-21", objections: [], closedOn: null });
    expect(check(open, "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre, { criteriaMet: false })).toEqual(blocked);
  });
});

describe("household consent", () => {
  it("requires the scanned form", () => {
    expect(check(verifiedState(), "HOUSEHOLD_CONSENT", "RECORD_CONSENT", helper)).toEqual({
      ok: false,
      code: "EVIDENCE_REQUIRED",
      message: "请先上传贫困户签字的认可书扫描件",
    });
    expect(check({ ...verifiedState(), consentEvidenceCount: 2 }, "HOUSEHOLD_CONSENT", "RECORD_CONSENT", team)).toEqual({ ok: true });
  });

  it("is not done when its evidence is gone", () => {
    const state = { ...consentedState(), consentEvidenceCount: 0 };
    expect(evaluateChain(state, HASH).nextStep).toBe("HOUSEHOLD_CONSENT");
    expect(stepStates(state)[3]).toBe("HOUSEHOLD_CONSENT:INVALID");
  });
});

describe("public notice", () => {
  const open = (objections: { resolved: boolean }[] = []) => noticeState({ postedOn: "2026-11-23", objections, closedOn: null });

  it("computes the earliest closing day", () => {
    expect(earliestNoticeCloseDate("2026-11-01", 7)).toBe("2026-11-08");
    expect(earliestNoticeCloseDate("2026-12-28", 7)).toBe("2027-01-04");
    expect(earliestNoticeCloseDate("2028-02-25", 5)).toBe("2028-03-01");
  });

  it("cannot close before the minimum days, boundary day included", () => {
    expect(check(open(), "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre, { today: "2026-11-29" })).toEqual({
      ok: false,
      code: "NOTICE_TOO_SHORT",
      message: "公示期不足7天，最早可于2026-11-30结束",
    });
    expect(check(open(), "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre, { today: "2026-11-30" })).toEqual({ ok: true });
    expect(check(open(), "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre, { today: "2026-11-27", noticeMinDays: 5 })).toMatchObject({
      code: "NOTICE_TOO_SHORT",
      message: "公示期不足5天，最早可于2026-11-28结束",
    });
    expect(check(open(), "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre, { today: "2026-11-28", noticeMinDays: 5 })).toEqual({ ok: true });
  });

  it("cannot close with an unresolved objection", () => {
    expect(check(open([{ resolved: true }, { resolved: false }]), "PUBLIC_NOTICE", "CLOSE_NOTICE", township)).toEqual({
      ok: false,
      code: "OBJECTION_UNRESOLVED",
      message: "公示期间有1条异议尚未处理完毕，不能结束公示",
    });
    expect(check(open([{ resolved: true }, { resolved: true }]), "PUBLIC_NOTICE", "CLOSE_NOTICE", township)).toEqual({ ok: true });
  });

  it("cannot close a notice that was never posted", () => {
    expect(check(consentedState(), "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre)).toMatchObject({ ok: false, code: "WRONG_ORDER" });
  });

  it("is only closed by village, work-team or township users", () => {
    expect(check(open(), "PUBLIC_NOTICE", "CLOSE_NOTICE", helper)).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(check(open(), "PUBLIC_NOTICE", "CLOSE_NOTICE", team)).toEqual({ ok: true });
  });

  it("needs a posted date not before consent and not in the future", () => {
    const start = (postedOn: string | undefined, extra: Partial<CheckCanActInput> = {}) =>
      check(consentedState(), "PUBLIC_NOTICE", "START_NOTICE", cadre, { postedOn, noticePhotoCount: 1, ...extra });
    expect(start("2026-11-19")).toEqual({
      ok: false,
      code: "POSTED_DATE_INVALID",
      message: '公示张贴日期不能早于"贫困户认可"的完成日期（2026-11-20）',
    });
    expect(start("2026-11-20")).toEqual({ ok: true });
    expect(start("2026-11-21", { previousStepCompletedOn: "2026-11-22" })).toMatchObject({ code: "POSTED_DATE_INVALID" });
    expect(start("2026-12-01")).toEqual({ ok: false, code: "POSTED_DATE_INVALID", message: "公示张贴日期不能晚于今天（2026-11-30）" });
    expect(start("2026-11-30")).toEqual({ ok: true });
    expect(start("2026-11-31")).toMatchObject({ code: "POSTED_DATE_INVALID", message: "请填写有效的公示张贴日期" });
    expect(start(undefined)).toMatchObject({ code: "POSTED_DATE_INVALID" });
  });

  it("needs a photo", () => {
    expect(check(consentedState(), "PUBLIC_NOTICE", "START_NOTICE", team, { postedOn: "2026-11-23" })).toEqual({
      ok: false,
      code: "EVIDENCE_REQUIRED",
      message: "请上传公示张贴照片",
    });
  });

  it("is not started twice while open, but may be reposted after it went stale", () => {
    expect(check(open(), "PUBLIC_NOTICE", "START_NOTICE", cadre, { postedOn: "2026-11-24", noticePhotoCount: 1 })).toMatchObject({
      ok: false,
      code: "WRONG_ORDER",
    });
    const stale = withSignatures(noticeState({ postedOn: "2026-11-21", objections: [], closedOn: "2026-11-28" }), sig("PUBLIC_NOTICE", cadre, CHANGED));
    expect(evaluateChain(stale, HASH).nextStep).toBe("PUBLIC_NOTICE");
    expect(check(stale, "PUBLIC_NOTICE", "CLOSE_NOTICE", cadre)).toMatchObject({ ok: false, code: "WRONG_ORDER" });
    expect(check(stale, "PUBLIC_NOTICE", "START_NOTICE", cadre, { postedOn: "2026-11-30", noticePhotoCount: 1 })).toEqual({ ok: true });
  });

  it("is not done until closed", () => {
    const recordedButOpen = withSignatures(open(), sig("PUBLIC_NOTICE", cadre));
    expect(evaluateChain(recordedButOpen, HASH).nextStep).toBe("PUBLIC_NOTICE");
    expect(stepStates(recordedButOpen)[4]).toBe("PUBLIC_NOTICE:INVALID");
  });
});

describe("content hash", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: "甲" } };
    const b = { a: { x: "甲", y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"甲","y":[1,{"p":2,"q":1}]},"b":1}');
  });

  it("is the sha256 hex of the canonical JSON", () => {
    const expected = createHash("sha256").update('{"a":2,"b":1}', "utf8").digest("hex");
    expect(contentHash({ b: 1, a: 2 })).toBe(expected);
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a value changes or array order changes", () => {
    expect(HASH).not.toBe(CHANGED);
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: "1" }));
  });

  it("drops undefined properties and follows JSON for the rest", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(contentHash({ a: 1, b: undefined })).toBe(contentHash({ a: 1 }));
    expect(canonicalJson([1, undefined, null])).toBe("[1,null,null]");
    expect(canonicalJson({ d: new Date("2026-11-30T00:00:00.000Z"), n: Number.NaN })).toBe('{"d":"2026-11-30T00:00:00.000Z","n":null}');
    expect(canonicalJson("文")).toBe('"文"');
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});
