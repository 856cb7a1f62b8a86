/**
 * Pure helpers that turn the chain rules into what a screen offers one actor: which forms to
 * show on a sheet, whether it belongs in their work queue, and how long it has waited.
 * The server still re-checks every command with checkCanAct; this only decides what to offer.
 */
import { EXIT_STEP, ROLE, type ExitStep } from "@/lib/domain/codes";
import { checkCanAct, earliestNoticeCloseDate, householdExitChain, type ChainAction, type ChainActor, type ChainEvaluation, type ChainState } from "./rules";

/** Whether a 致贫原因 is addressed by a fitting measure, as shown on the sheet. */
export type CoverageView = {
  cause: string;
  causeLabel: string;
  primary: boolean;
  covered: boolean;
  coveredBy: { item: string; categoryLabel: string; statusLabel: string }[];
};

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  return Math.round((end - start) / 86_400_000);
}

export type OfferedActions = {
  /** The step the sheet waits for, or null when every step is done. */
  step: ExitStep | null;
  sign: boolean;
  recordConsent: boolean;
  startNotice: boolean;
  closeNotice: { earliest: string; closable: boolean; unresolved: number } | null;
  manageObjections: boolean;
  reject: boolean;
  /** Why the actor, who holds the right role, cannot move the sheet forward now. */
  blocked: string | null;
};

export const NO_ACTIONS: OfferedActions = {
  step: null,
  sign: false,
  recordConsent: false,
  startNotice: false,
  closeNotice: null,
  manageObjections: false,
  reject: false,
  blocked: null,
};

export function offeredActions(input: {
  state: ChainState;
  evaluation: ChainEvaluation;
  currentContentHash: string;
  actor: ChainActor;
  criteriaMet: boolean;
  today: string;
  noticeMinDays: number;
}): OfferedActions {
  const { state, evaluation, actor } = input;
  const step = evaluation.nextStep;
  if (state.status === "APPROVED" || step === null) return NO_ACTIONS;
  if (actor.role === "HELPER" && !actor.isAssignedHelper) return { ...NO_ACTIONS, step };
  const holds = (action: ChainAction) => householdExitChain.rolesFor(step, action)?.includes(actor.role) ?? false;
  const offered: OfferedActions = { ...NO_ACTIONS, step };

  if (holds("SIGN")) {
    const check = checkCanAct({ ...input, currentContentHash: input.currentContentHash, step, action: "SIGN" });
    if (check.ok) offered.sign = true;
    else offered.blocked = check.message;
  }
  if (holds("RECORD_CONSENT")) {
    if (input.criteriaMet) offered.recordConsent = true;
    else offered.blocked = "该户两不愁三保障尚未全部达标，不能继续退出程序";
  }
  const notice = state.notice;
  const noticeOpen = notice !== null && notice.closedOn === null;
  if (step === "PUBLIC_NOTICE") {
    if (holds("START_NOTICE") && !noticeOpen) {
      if (input.criteriaMet) offered.startNotice = true;
      else offered.blocked = "该户两不愁三保障尚未全部达标，不能继续退出程序";
    }
    if (noticeOpen && (holds("CLOSE_NOTICE") || holds("START_NOTICE"))) offered.manageObjections = true;
    if (noticeOpen && holds("CLOSE_NOTICE")) {
      const earliest = earliestNoticeCloseDate(notice.postedOn, input.noticeMinDays);
      const unresolved = notice.objections.filter((objection) => !objection.resolved).length;
      offered.closeNotice = { earliest, unresolved, closable: input.today >= earliest && unresolved === 0 };
    }
  }
  offered.reject = holds("REJECT");
  return offered;
}

/** Does the sheet wait for this actor to move it forward (待我审核)? */
export function waitsForActor(offered: OfferedActions): boolean {
  return offered.sign || offered.recordConsent || offered.startNotice || offered.closeNotice !== null;
}

/** What the actor would do next, for the queue: "签署", "登记认可", … */
export function offeredActionLabel(offered: OfferedActions): string {
  if (offered.closeNotice) return offered.closeNotice.closable ? "结束公示" : "公示中";
  if (offered.startNotice) return "发布公示";
  if (offered.recordConsent) return "登记认可";
  if (offered.sign) return offered.step === "PROPOSE" ? "重新提出" : "签署";
  return "";
}

export function stepLabel(step: string | null): string {
  if (!step) return "已完成";
  return (EXIT_STEP.labels as Record<string, string>)[step] ?? step;
}

/** Where a sheet stands, as lists and the printed 扶贫手册 say it: 已审定, 待重新提出 (after a rejection) or the step waiting. */
export function currentStepLabel(status: string, nextStep: string | null): string {
  return status === "APPROVED" ? "已审定" : status === "REJECTED" ? "待重新提出" : stepLabel(nextStep);
}

/** "村干部、驻村工作队" — who moves the sheet forward at this step. */
export function stepActorsLabel(step: ExitStep | null): string {
  if (!step) return "";
  const roles = householdExitChain.actorsOf(step, ["SIGN", "RECORD_CONSENT", "START_NOTICE", "CLOSE_NOTICE"]);
  return roles.map((role) => ROLE.label(role)).join("、");
}
