/**
 * The household exit sign-off chain (贫困户脱贫退出, docs/domain.md §7), declared on the sign-off kernel
 * (lib/sign-off/rules.ts, which holds the mechanics: order, signatures bound to the content
 * hash, separation of duties, rejection rounds). Pure. What is particular to this chain:
 * - Seven steps, one after another. HOUSEHOLD_CONSENT and PUBLIC_NOTICE are RECORDED: their
 *   entry is written by the user who records the scanned consent form, or who closes the
 *   notice, and does not count for separation of duties.
 * - A recorded step also needs its record: consent needs `consentEvidenceCount > 0`, the notice
 *   needs `notice.closedOn`. `notice` and `consentEvidenceCount` describe the current round;
 *   `startNewRound` clears them.
 * - The notice: posted on a real date (not in the future, not before consent was recorded) with
 *   a photo; closed after the configured days with every objection resolved.
 */
import { EXIT_STEP, type ExitStep, type Role } from "@/lib/domain/codes";
import { PERMISSIONS } from "@/lib/auth/permissions";
import {
  defineSignOffChain,
  refuse,
  type ChainStatus,
  type Signature as KernelSignature,
  type SignOffCheck,
  type SignOffCheckInput,
  type SignOffEvaluation,
  type StepView as KernelStepView,
} from "@/lib/sign-off/rules";
import { addDays, checkNoticeClose, checkNoticeStart, earliestNoticeCloseDate, type Notice } from "@/lib/sign-off/notice";

export type Signature = KernelSignature<ExitStep>;
export type StepView = KernelStepView<ExitStep>;
export type { ChainStatus };

export type ExitNotice = Notice;

export type ChainState = {
  round: number;
  status: ChainStatus;
  signatures: Signature[];
  notice: ExitNotice | null;
  consentEvidenceCount: number;
};

export type ChainAction = "SIGN" | "REJECT" | "RECORD_CONSENT" | "START_NOTICE" | "CLOSE_NOTICE";

export type ChainActor = { userId: string; role: Role; coversHousehold: boolean; isAssignedHelper: boolean };

export type CheckCanActInput = SignOffCheckInput<ExitStep, ChainAction, ChainState, ChainActor> & {
  /** YYYY-MM-DD */
  today: string;
  noticeMinDays: number;
  /** START_NOTICE: when consent was recorded (local date); derived from its entry when absent. */
  previousStepCompletedOn?: string;
  /** START_NOTICE: the date the notice was posted. */
  postedOn?: string;
  /** START_NOTICE: photos of the posted notice attached. */
  noticePhotoCount?: number;
};

export type ChainErrorCode =
  | "WRONG_ORDER"
  | "WRONG_ROLE"
  | "OUT_OF_SCOPE"
  | "ALREADY_SIGNED_OTHER_STEP"
  | "CRITERIA_NOT_MET"
  | "SHEET_CLOSED"
  | "NOTICE_TOO_SHORT"
  | "OBJECTION_UNRESOLVED"
  | "POSTED_DATE_INVALID"
  | "EVIDENCE_REQUIRED"
  | "REASON_REQUIRED";

export type ChainCheck = SignOffCheck<ChainErrorCode>;

/** Households that may start (and go on with) an exit: registered, or returned to poverty. */
export const EXIT_ELIGIBLE_STATUSES: readonly string[] = ["REGISTERED", "RETURNED"];

/** Form fields that show a refusal of these codes (lib/sign-off/refusal.ts). */
export const REFUSAL_FIELDS = { POSTED_DATE_INVALID: "postedOn" } as const;

const VILLAGE_SIDE: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM", "HELPER"];
const NOTICE_POSTERS: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM"];
const NOTICE_CLOSERS: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"];
const CRITERIA_NOT_MET = "该户两不愁三保障尚未全部达标，不能继续退出程序";

export { addDays, earliestNoticeCloseDate };

const step = (code: ExitStep, kind: "signed" | "recorded", roles: Partial<Record<ChainAction, readonly Role[]>>) => ({
  label: EXIT_STEP.label(code),
  kind,
  roles,
});

/** The chain: each step with the roles per action (a HELPER must also be the household's assigned helper). */
export const householdExitChain = defineSignOffChain<ExitStep, ChainAction, ChainState, ChainActor, CheckCanActInput, ChainErrorCode>({
  stages: EXIT_STEP.codes.map((code) => [code]),
  steps: {
    PROPOSE: step("PROPOSE", "signed", { SIGN: PERMISSIONS["exit.propose"] }),
    DEMOCRATIC_REVIEW: step("DEMOCRATIC_REVIEW", "signed", { SIGN: ["VILLAGE_CADRE"], REJECT: ["VILLAGE_CADRE"] }),
    WORK_TEAM_VERIFY: step("WORK_TEAM_VERIFY", "signed", { SIGN: ["WORK_TEAM"], REJECT: ["WORK_TEAM"] }),
    HOUSEHOLD_CONSENT: step("HOUSEHOLD_CONSENT", "recorded", { RECORD_CONSENT: VILLAGE_SIDE, REJECT: VILLAGE_SIDE }),
    PUBLIC_NOTICE: step("PUBLIC_NOTICE", "recorded", { START_NOTICE: NOTICE_POSTERS, CLOSE_NOTICE: NOTICE_CLOSERS, REJECT: NOTICE_CLOSERS }),
    TOWNSHIP_REVIEW: step("TOWNSHIP_REVIEW", "signed", { SIGN: ["TOWNSHIP_CADRE"], REJECT: ["TOWNSHIP_CADRE"] }),
    COUNTY_APPROVAL: step("COUNTY_APPROVAL", "signed", { SIGN: ["COUNTY_OFFICE"], REJECT: ["COUNTY_OFFICE"] }),
  },
  actions: {
    SIGN: { name: "签署" },
    REJECT: { name: "退回" },
    RECORD_CONSENT: { name: "登记贫困户认可", verb: "登记" },
    START_NOTICE: { name: "发布公示", verb: "开始" },
    CLOSE_NOTICE: { name: "结束公示", verb: "结束" },
  },
  messages: { approved: "本核验表已审定，不能再办理", complete: "本核验表各环节均已完成，不能再办理", criteriaNotMet: CRITERIA_NOT_MET },
  recordHolds(state, code) {
    if (code === "HOUSEHOLD_CONSENT") return state.consentEvidenceCount > 0;
    if (code === "PUBLIC_NOTICE") return state.notice?.closedOn != null;
    return true;
  },
  outOfScope(actor) {
    if (actor.role === "HELPER" && !actor.isAssignedHelper) return "您不是该户的帮扶责任人";
    return actor.coversHousehold ? null : "该户不在您的管辖范围内";
  },
  checkAction(input, evaluation) {
    if (input.action === "RECORD_CONSENT") {
      return input.state.consentEvidenceCount > 0 ? { ok: true } : refuse("EVIDENCE_REQUIRED", "请先上传贫困户签字的认可书扫描件");
    }
    if (input.action === "START_NOTICE") return checkStartNotice(input, evaluation);
    if (input.action === "CLOSE_NOTICE") return checkCloseNotice(input);
    return { ok: true };
  },
});

export const EXIT_STEPS: readonly ExitStep[] = householdExitChain.steps;

export type ChainEvaluation = {
  steps: StepView[];
  nextStep: ExitStep | null;
  invalidSignatures: Signature[];
};

export function evaluateChain(state: ChainState, currentContentHash: string): ChainEvaluation {
  const { steps, nextSteps, invalidSignatures } = householdExitChain.evaluate(state, currentContentHash);
  return { steps, nextStep: nextSteps[0] ?? null, invalidSignatures };
}

/** The status to store after an entry was added: APPROVED once every step is valid. */
export const deriveChainStatus = householdExitChain.deriveStatus;

/** After a rejection: back to the proposer in a new round; the round's notice and consent scans no longer count. */
export function startNewRound(state: ChainState): ChainState {
  return { ...householdExitChain.startNewRound(state), notice: null, consentEvidenceCount: 0 };
}

export function checkCanAct(input: CheckCanActInput): ChainCheck {
  return householdExitChain.check(input);
}

function checkStartNotice(input: CheckCanActInput, evaluation: SignOffEvaluation<ExitStep>): ChainCheck {
  const consent = evaluation.steps.find((view) => view.step === "HOUSEHOLD_CONSENT")?.signature;
  const posting = checkNoticeStart({
    notice: input.state.notice,
    postedOn: input.postedOn,
    today: input.today,
    previousStepCompletedOn: input.previousStepCompletedOn ?? consent?.signedAt.slice(0, 10),
    previousStepLabel: EXIT_STEP.label("HOUSEHOLD_CONSENT"),
  });
  if (!posting.ok) return posting;
  if (!input.noticePhotoCount || input.noticePhotoCount < 1) return refuse("EVIDENCE_REQUIRED", "请上传公示张贴照片");
  return { ok: true };
}

function checkCloseNotice(input: CheckCanActInput): ChainCheck {
  return checkNoticeClose(input.state.notice, input.today, input.noticeMinDays);
}

// ---------------------------------------------------------------------------
// Who does what besides the steps themselves (derived from the steps, so they cannot drift)
// ---------------------------------------------------------------------------

/** Who records and resolves objections during the notice: those who post or close it. */
export const OBJECTION_ROLES: readonly Role[] = householdExitChain.actorsOf("PUBLIC_NOTICE", ["START_NOTICE", "CLOSE_NOTICE"]);

/** Who uploads the sheet's own evidence: the consent scan (those who record consent), the notice photo (those who post it). */
export const SHEET_EVIDENCE_UPLOADERS = {
  CONSENT: householdExitChain.actorsOf("HOUSEHOLD_CONSENT", ["RECORD_CONSENT"]),
  NOTICE_PHOTO: householdExitChain.actorsOf("PUBLIC_NOTICE", ["START_NOTICE"]),
} as const;

/** The actions that move a sheet forward (everything but a rejection). */
export const FORWARD_ACTIONS: readonly ChainAction[] = ["SIGN", "RECORD_CONSENT", "START_NOTICE", "CLOSE_NOTICE"];

/**
 * How far an open sheet must have come before this role can move it forward — what the work
 * queue narrows its candidates by. ANY_OPEN: from the start (or the notice posting, which needs
 * no posted notice); NOTICE_POSTED: only closing the notice or later; NOTICE_CLOSED: only after
 * the notice; null: the role moves no step forward.
 */
export function queueStageFor(role: Role): "ANY_OPEN" | "NOTICE_POSTED" | "NOTICE_CLOSED" | null {
  const notice = EXIT_STEPS.indexOf("PUBLIC_NOTICE");
  const first = EXIT_STEPS.findIndex((code) => FORWARD_ACTIONS.some((action) => householdExitChain.rolesFor(code, action)?.includes(role)));
  if (first < 0) return null;
  if (first < notice) return "ANY_OPEN";
  if (first > notice) return "NOTICE_CLOSED";
  return householdExitChain.rolesFor("PUBLIC_NOTICE", "START_NOTICE")?.includes(role) ? "ANY_OPEN" : "NOTICE_POSTED";
}
