/**
 * The household exit sign-off chain (POLICY §5) as guarded transitions. Pure: the data layer
 * loads the state, asks `checkCanAct`, writes, and shows `evaluateChain`.
 *
 * Model decisions:
 * - Every completed step is a `Signature` entry bound to the content hash of the sheet at that
 *   moment, including the two RECORDED steps: HOUSEHOLD_CONSENT (entry written by the user who
 *   records the scanned paper form, with their role) and PUBLIC_NOTICE (entry written by the
 *   user who closes the notice). Recorded entries are not signatures for separation of duties.
 * - A recorded step also needs its record: consent needs `consentEvidenceCount > 0`, the notice
 *   needs `notice.closedOn`. `notice` and `consentEvidenceCount` describe the current round;
 *   `startNewRound` clears them.
 * - Only the latest entry of a step in the current round counts. It is valid when its hash is
 *   the current hash, its record holds, and it was made no earlier than the entry of the step
 *   before it. So once an earlier step is re-signed, every later entry is stale (已失效) and
 *   the chain resumes from the first step that is missing or invalid.
 * - Earlier rounds are history and never count.
 */
import { createHash } from "node:crypto";
import { EXIT_STEP, ROLE, type ExitStep, type Role } from "@/lib/domain/codes";

export type Signature<S extends string = ExitStep> = {
  step: S;
  userId: string;
  role: Role;
  contentHash: string;
  signedAt: string;
  round: number;
};

/** REJECTED: a signer sent the sheet back; a new round waits for the proposer. */
export type ChainStatus = "IN_PROGRESS" | "REJECTED" | "APPROVED";

export type ExitNotice = {
  postedOn: string;
  objections: { resolved: boolean }[];
  closedOn: string | null;
};

export type ChainState = {
  round: number;
  status: ChainStatus;
  signatures: Signature[];
  notice: ExitNotice | null;
  consentEvidenceCount: number;
};

export const EXIT_STEPS: readonly ExitStep[] = EXIT_STEP.codes;
export const SIGNED_STEPS: readonly ExitStep[] = [
  "PROPOSE",
  "DEMOCRATIC_REVIEW",
  "WORK_TEAM_VERIFY",
  "TOWNSHIP_REVIEW",
  "COUNTY_APPROVAL",
];
export const RECORDED_STEPS: readonly ExitStep[] = ["HOUSEHOLD_CONSENT", "PUBLIC_NOTICE"];
export const DEFAULT_NOTICE_MIN_DAYS = 7;

export type StepState = "DONE" | "INVALID" | "PENDING" | "WAITING";
export const STEP_STATE_LABELS: Record<StepState, string> = {
  DONE: "已完成",
  INVALID: "已失效",
  PENDING: "待办理",
  WAITING: "未开始",
};

export type ChainAction = "SIGN" | "REJECT" | "RECORD_CONSENT" | "START_NOTICE" | "CLOSE_NOTICE";

// ---------------------------------------------------------------------------
// Canonical content and its hash
// ---------------------------------------------------------------------------

function serialize(input: unknown): string | undefined {
  let value = input;
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      throw new TypeError("canonicalJson: bigint is not supported; convert it to a string first");
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "string":
    case "boolean":
      return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => serialize(item) ?? "null").join(",")}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .flatMap((key) => {
      const text = serialize(record[key]);
      return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
    });
  return `{${members.join(",")}}`;
}

/**
 * JSON with object keys sorted (recursively), arrays in order, and JSON.stringify's rules
 * otherwise: undefined/functions dropped from objects and written as null in arrays,
 * non-finite numbers as null, toJSON honoured (Dates become ISO strings).
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? "null";
}

/** sha256 hex of the canonical JSON: the same content gives the same hash in any key order. */
export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

// ---------------------------------------------------------------------------
// Dates (YYYY-MM-DD) and instants
// ---------------------------------------------------------------------------

function isCalendarDate(text: string | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(date: string, days: number): string {
  const base = new Date(`${date}T00:00:00Z`);
  base.setUTCDate(base.getUTCDate() + days);
  return base.toISOString().slice(0, 10);
}

/** Posted on the 1st with 7 days → closable on the 8th. */
export function earliestNoticeCloseDate(postedOn: string, minDays: number): string {
  return addDays(postedOn, minDays);
}

/** Orders ISO timestamps; falls back to string order when one does not parse. */
export function compareInstants(a: string, b: string): number {
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  return ta - tb;
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

export type StepView<S extends string = ExitStep> = {
  step: S;
  label: string;
  state: StepState;
  signature?: Signature<S>;
};

export type ChainEvaluation = {
  steps: StepView[];
  nextStep: ExitStep | null;
  invalidSignatures: Signature[];
};

/** The latest entry per step among the signatures of `round` (later array position wins ties). */
export function latestSignatures<S extends string>(
  signatures: readonly Signature<S>[],
  round: number,
): Map<S, Signature<S>> {
  const latest = new Map<S, Signature<S>>();
  for (const signature of signatures) {
    if (signature.round !== round) continue;
    const known = latest.get(signature.step);
    if (!known || compareInstants(signature.signedAt, known.signedAt) >= 0) latest.set(signature.step, signature);
  }
  return latest;
}

function recordHolds(state: ChainState, step: ExitStep): boolean {
  if (step === "HOUSEHOLD_CONSENT") return state.consentEvidenceCount > 0;
  if (step === "PUBLIC_NOTICE") return state.notice?.closedOn != null;
  return true;
}

export function evaluateChain(state: ChainState, currentContentHash: string): ChainEvaluation {
  const latest = latestSignatures(state.signatures, state.round);
  const steps: StepView[] = [];
  const invalidSignatures: Signature[] = [];
  let nextStep: ExitStep | null = null;
  let previousSignedAt: string | null = null;

  for (const step of EXIT_STEPS) {
    const signature = latest.get(step);
    const view: StepView = { step, label: EXIT_STEP.label(step), state: "WAITING", ...(signature ? { signature } : {}) };
    steps.push(view);
    const valid =
      nextStep === null &&
      signature !== undefined &&
      signature.contentHash === currentContentHash &&
      recordHolds(state, step) &&
      (previousSignedAt === null || compareInstants(signature.signedAt, previousSignedAt) >= 0);
    if (valid) {
      view.state = "DONE";
      previousSignedAt = signature.signedAt;
      continue;
    }
    if (signature) {
      view.state = "INVALID";
      invalidSignatures.push(signature);
    } else if (nextStep === null) {
      view.state = "PENDING";
    }
    nextStep ??= step;
  }
  return { steps, nextStep, invalidSignatures };
}

export function isChainComplete(state: ChainState, currentContentHash: string): boolean {
  return evaluateChain(state, currentContentHash).nextStep === null;
}

/** The status to store after an entry was added: APPROVED once every step is valid. */
export function deriveChainStatus(state: ChainState, currentContentHash: string): ChainStatus {
  if (isChainComplete(state, currentContentHash)) return "APPROVED";
  const roundStarted = state.signatures.some((signature) => signature.round === state.round);
  return state.status === "REJECTED" && !roundStarted ? "REJECTED" : "IN_PROGRESS";
}

/** After a rejection: back to the proposer in a new round; earlier entries stay as history. */
export function startNewRound(state: ChainState): ChainState {
  return { ...state, round: state.round + 1, status: "REJECTED", notice: null, consentEvidenceCount: 0 };
}

// ---------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------

const VILLAGE_SIDE: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM", "HELPER"];
const NOTICE_CLOSERS: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"];

/** Roles per step and action; a HELPER must also be the household's assigned helper. */
export const STEP_ACTORS: Record<ExitStep, Partial<Record<ChainAction, readonly Role[]>>> = {
  PROPOSE: { SIGN: ["HELPER", "VILLAGE_CADRE"] },
  DEMOCRATIC_REVIEW: { SIGN: ["VILLAGE_CADRE"], REJECT: ["VILLAGE_CADRE"] },
  WORK_TEAM_VERIFY: { SIGN: ["WORK_TEAM"], REJECT: ["WORK_TEAM"] },
  HOUSEHOLD_CONSENT: { RECORD_CONSENT: VILLAGE_SIDE, REJECT: VILLAGE_SIDE },
  PUBLIC_NOTICE: { START_NOTICE: ["VILLAGE_CADRE", "WORK_TEAM"], CLOSE_NOTICE: NOTICE_CLOSERS, REJECT: NOTICE_CLOSERS },
  TOWNSHIP_REVIEW: { SIGN: ["TOWNSHIP_CADRE"], REJECT: ["TOWNSHIP_CADRE"] },
  COUNTY_APPROVAL: { SIGN: ["COUNTY_OFFICE"], REJECT: ["COUNTY_OFFICE"] },
};

const ACTION_VERBS: Record<ChainAction, string> = {
  SIGN: "签署",
  REJECT: "退回",
  RECORD_CONSENT: "登记",
  START_NOTICE: "开始",
  CLOSE_NOTICE: "结束",
};

const ACTION_NAMES: Record<ChainAction, string> = {
  SIGN: "签署",
  REJECT: "退回",
  RECORD_CONSENT: "登记贫困户认可",
  START_NOTICE: "发布公示",
  CLOSE_NOTICE: "结束公示",
};

export type ChainActor = { userId: string; role: Role; coversHousehold: boolean; isAssignedHelper: boolean };

export type CheckCanActInput = {
  state: ChainState;
  currentContentHash: string;
  step: ExitStep;
  action: ChainAction;
  actor: ChainActor;
  /** YYYY-MM-DD */
  today: string;
  noticeMinDays: number;
  /** evaluateExitCriteria on the current data, re-checked by the server at every step. */
  criteriaMet: boolean;
  /** START_NOTICE: when consent was recorded (local date); derived from its entry when absent. */
  previousStepCompletedOn?: string;
  /** START_NOTICE: the date the notice was posted. */
  postedOn?: string;
  /** START_NOTICE: photos of the posted notice attached. */
  noticePhotoCount?: number;
  /** REJECT: why. */
  reason?: string;
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

export type ChainCheck = { ok: true } | { ok: false; code: ChainErrorCode; message: string };

function quoted(label: string): string {
  return `"${label}"`;
}

function stepName(step: ExitStep): string {
  return quoted(EXIT_STEP.label(step));
}

function refuse(code: ChainErrorCode, message: string): ChainCheck {
  return { ok: false, code, message };
}

const FORWARD_ACTIONS: readonly ChainAction[] = ["SIGN", "RECORD_CONSENT", "START_NOTICE", "CLOSE_NOTICE"];

export function checkCanAct(input: CheckCanActInput): ChainCheck {
  const { state, step, action, actor } = input;
  if (state.status === "APPROVED") return refuse("SHEET_CLOSED", "本核验表已审定，不能再办理");
  const evaluation = evaluateChain(state, input.currentContentHash);
  if (evaluation.nextStep === null) return refuse("SHEET_CLOSED", "本核验表各环节均已完成，不能再办理");

  const roles = STEP_ACTORS[step][action];
  if (!roles) return refuse("WRONG_ORDER", `${stepName(step)}环节不能${ACTION_NAMES[action]}`);
  if (step !== evaluation.nextStep) {
    return refuse("WRONG_ORDER", `当前应进行${stepName(evaluation.nextStep)}，不能${ACTION_VERBS[action]}${stepName(step)}`);
  }
  if (!roles.includes(actor.role)) {
    const who = roles.map((role) => ROLE.label(role)).join("或");
    return refuse("WRONG_ROLE", `${stepName(step)}须由${who}${ACTION_NAMES[action]}，您的角色是${ROLE.label(actor.role)}`);
  }
  if (actor.role === "HELPER" && !actor.isAssignedHelper) {
    return refuse("OUT_OF_SCOPE", "您不是该户的帮扶责任人");
  }
  if (!actor.coversHousehold) return refuse("OUT_OF_SCOPE", "该户不在您的管辖范围内");

  if (action === "REJECT") {
    if (!input.reason?.trim()) return refuse("REASON_REQUIRED", "退回须填写理由");
    return { ok: true };
  }
  if (FORWARD_ACTIONS.includes(action) && !input.criteriaMet) {
    return refuse("CRITERIA_NOT_MET", "该户两不愁三保障尚未全部达标，不能继续退出程序");
  }
  if (action === "SIGN") return checkSeparationOfDuties(state, step, actor.userId);
  if (action === "RECORD_CONSENT") {
    return state.consentEvidenceCount > 0
      ? { ok: true }
      : refuse("EVIDENCE_REQUIRED", "请先上传贫困户签字的认可书扫描件");
  }
  if (action === "START_NOTICE") return checkStartNotice(input, evaluation);
  return checkCloseNotice(input);
}

function checkSeparationOfDuties(state: ChainState, step: ExitStep, userId: string): ChainCheck {
  // Invalidated signatures of this round count too: the person has already acted on the sheet.
  const other = state.signatures.find(
    (signature) =>
      signature.round === state.round &&
      signature.userId === userId &&
      signature.step !== step &&
      SIGNED_STEPS.includes(signature.step),
  );
  if (!other) return { ok: true };
  return refuse(
    "ALREADY_SIGNED_OTHER_STEP",
    `您已签署本核验表的${stepName(other.step)}，同一人只能签署一个环节`,
  );
}

function checkStartNotice(input: CheckCanActInput, evaluation: ChainEvaluation): ChainCheck {
  const { notice } = input.state;
  if (notice && notice.closedOn === null) {
    return refuse("WRONG_ORDER", `公示已于${notice.postedOn}张贴，尚未结束，不能重复发布`);
  }
  const { postedOn, today } = input;
  if (!isCalendarDate(postedOn)) return refuse("POSTED_DATE_INVALID", "请填写有效的公示张贴日期");
  if (postedOn > today) return refuse("POSTED_DATE_INVALID", `公示张贴日期不能晚于今天（${today}）`);
  const consent = evaluation.steps.find((view) => view.step === "HOUSEHOLD_CONSENT")?.signature;
  const previous = input.previousStepCompletedOn ?? consent?.signedAt.slice(0, 10);
  if (previous && postedOn < previous) {
    return refuse(
      "POSTED_DATE_INVALID",
      `公示张贴日期不能早于${stepName("HOUSEHOLD_CONSENT")}的完成日期（${previous}）`,
    );
  }
  if (!input.noticePhotoCount || input.noticePhotoCount < 1) {
    return refuse("EVIDENCE_REQUIRED", "请上传公示张贴照片");
  }
  return { ok: true };
}

function checkCloseNotice(input: CheckCanActInput): ChainCheck {
  const { notice } = input.state;
  if (!notice) return refuse("WRONG_ORDER", "尚未发布公示，不能结束");
  if (notice.closedOn !== null) {
    return refuse("WRONG_ORDER", `该公示已于${notice.closedOn}结束但已失效，请重新发布公示`);
  }
  const earliest = earliestNoticeCloseDate(notice.postedOn, input.noticeMinDays);
  if (input.today < earliest) {
    return refuse("NOTICE_TOO_SHORT", `公示期不足${input.noticeMinDays}天，最早可于${earliest}结束`);
  }
  const unresolved = notice.objections.filter((objection) => !objection.resolved).length;
  if (unresolved > 0) {
    return refuse("OBJECTION_UNRESOLVED", `公示期间有${unresolved}条异议尚未处理完毕，不能结束公示`);
  }
  return { ok: true };
}
