/**
 * The two procedures of 防止返贫动态监测 (docs/domain.md §19), declared on the sign-off kernel
 * (lib/sign-off/rules.ts holds the mechanics: order, content-bound signatures, separation of
 * duties, rejection rounds). Pure. What is particular to them:
 * - 识别纳入: 入户核实 → 信息比对 → 村民主评议 → 村内公示 → 乡镇审核 → 县级审批 → 公告.
 * - 风险消除: 入户核实 → 民主评议 → 公示 → 县级审核批准 → 公告, and the 消除 conditions
 *   (lib/monitoring/rules.ts#eliminationCriteria) are the chain's criteria at every forward step.
 * - 入户核实 of 识别纳入 needs the household's signed 承诺授权书 scan of the current round.
 * - 信息比对 (the county departments' check) and 公告 are RECORDED by the county office, the
 *   notice is recorded by those who post and close it; recorded steps do not count for
 *   separation of duties, signed ones do.
 * - 村内公示 with objections works exactly as on the exit sheet (lib/sign-off/notice.ts).
 */
import type { Role } from "@/lib/domain/codes";
import { MONITORING_STEP, type MonitoringSheetKind, type MonitoringStep } from "@/lib/monitoring/codes";
import { checkNoticeClose, checkNoticeStart, type Notice } from "@/lib/sign-off/notice";
import { defineSignOffChain, refuse, type ChainStatus, type Signature, type SignOffCheckInput, type StepDeclaration } from "@/lib/sign-off/rules";

export type MonitoringSignature = Signature<MonitoringStep>;

export type MonitoringChainState = {
  round: number;
  status: ChainStatus;
  signatures: MonitoringSignature[];
  notice: Notice | null;
  /** 承诺授权书 scans uploaded in the current round. */
  consentCount: number;
};

export type MonitoringChainAction = "SIGN" | "REJECT" | "RECORD" | "START_NOTICE" | "CLOSE_NOTICE";

/** The sheet was loaded within the actor's scope (else NOT_FOUND), so the chain's scope test always passes. */
export type MonitoringChainActor = { userId: string; role: Role };

export type MonitoringCheckInput = SignOffCheckInput<MonitoringStep, MonitoringChainAction, MonitoringChainState, MonitoringChainActor> & {
  /** YYYY-MM-DD */
  today: string;
  noticeMinDays: number;
  /** START_NOTICE */
  postedOn?: string;
};

export type MonitoringRefusalCode = "WRONG_ORDER" | "NOTICE_TOO_SHORT" | "OBJECTION_UNRESOLVED" | "POSTED_DATE_INVALID" | "EVIDENCE_REQUIRED";

const VILLAGE_SIDE: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM"];
const NOTICE_CLOSERS: readonly Role[] = ["VILLAGE_CADRE", "WORK_TEAM", "TOWNSHIP_CADRE"];

type Declared = StepDeclaration<MonitoringChainAction>;
const step = (code: MonitoringStep, kind: Declared["kind"], roles: Declared["roles"], label: string = MONITORING_STEP.label(code)): Declared => ({
  label,
  kind,
  roles,
});

const VISIT = step("VISIT", "signed", { SIGN: VILLAGE_SIDE });
const REVIEW = (label?: string) => step("DEMOCRATIC_REVIEW", "signed", { SIGN: ["VILLAGE_CADRE"], REJECT: ["VILLAGE_CADRE"] }, label);
const NOTICE = (label?: string) =>
  step("VILLAGE_NOTICE", "recorded", { START_NOTICE: VILLAGE_SIDE, CLOSE_NOTICE: NOTICE_CLOSERS, REJECT: NOTICE_CLOSERS }, label);
const COUNTY = (label?: string) => step("COUNTY_APPROVAL", "signed", { SIGN: ["COUNTY_OFFICE"], REJECT: ["COUNTY_OFFICE"] }, label);
const ANNOUNCE = step("ANNOUNCE", "recorded", { RECORD: ["COUNTY_OFFICE"] });
const UNUSED = step("VISIT", "signed", {});

const STAGES: Record<MonitoringSheetKind, MonitoringStep[]> = {
  IDENTIFY: ["VISIT", "DATA_CHECK", "DEMOCRATIC_REVIEW", "VILLAGE_NOTICE", "TOWNSHIP_REVIEW", "COUNTY_APPROVAL", "ANNOUNCE"],
  ELIMINATE: ["VISIT", "DEMOCRATIC_REVIEW", "VILLAGE_NOTICE", "COUNTY_APPROVAL", "ANNOUNCE"],
};

const STEPS: Record<MonitoringSheetKind, Record<MonitoringStep, Declared>> = {
  IDENTIFY: {
    VISIT,
    DATA_CHECK: step("DATA_CHECK", "recorded", { RECORD: ["COUNTY_OFFICE"], REJECT: ["COUNTY_OFFICE"] }),
    DEMOCRATIC_REVIEW: REVIEW(),
    VILLAGE_NOTICE: NOTICE(),
    TOWNSHIP_REVIEW: step("TOWNSHIP_REVIEW", "signed", { SIGN: ["TOWNSHIP_CADRE"], REJECT: ["TOWNSHIP_CADRE"] }),
    COUNTY_APPROVAL: COUNTY(),
    ANNOUNCE,
  },
  ELIMINATE: {
    VISIT,
    DATA_CHECK: UNUSED,
    DEMOCRATIC_REVIEW: REVIEW("民主评议"),
    VILLAGE_NOTICE: NOTICE("公示"),
    TOWNSHIP_REVIEW: UNUSED,
    COUNTY_APPROVAL: COUNTY("县级审核批准"),
    ANNOUNCE,
  },
};

const CRITERIA_NOT_MET: Record<MonitoringSheetKind, string> = {
  IDENTIFY: "该户没有尚未消除的风险，不能识别纳入",
  ELIMINATE: "风险消除条件尚未全部满足，不能继续风险消除程序",
};

function declare(kind: MonitoringSheetKind) {
  const steps = STEPS[kind];
  return defineSignOffChain<MonitoringStep, MonitoringChainAction, MonitoringChainState, MonitoringChainActor, MonitoringCheckInput, MonitoringRefusalCode>({
    stages: STAGES[kind].map((code) => [code]),
    steps,
    actions: {
      SIGN: { name: "签署" },
      REJECT: { name: "退回" },
      RECORD: { name: "登记", verb: "登记" },
      START_NOTICE: { name: "发布公示", verb: "开始" },
      CLOSE_NOTICE: { name: "结束公示", verb: "结束" },
    },
    messages: {
      approved: `本${kind === "IDENTIFY" ? "识别纳入" : "风险消除"}程序已完成，不能再办理`,
      complete: "各环节均已完成，不能再办理",
      criteriaNotMet: CRITERIA_NOT_MET[kind],
      roleVerb: "办理",
    },
    recordHolds(state, code) {
      if (code === "VISIT" && kind === "IDENTIFY") return state.consentCount > 0;
      if (code === "VILLAGE_NOTICE") return state.notice?.closedOn != null;
      return true;
    },
    outOfScope: () => null,
    checkAction(input, evaluation) {
      if (input.action === "SIGN" && input.step === "VISIT" && kind === "IDENTIFY" && input.state.consentCount < 1) {
        return refuse("EVIDENCE_REQUIRED", "请先上传户主签字的承诺授权书扫描件");
      }
      if (input.action === "START_NOTICE") {
        const review = evaluation.steps.find((view) => view.step === "DEMOCRATIC_REVIEW")?.signature;
        return checkNoticeStart({
          notice: input.state.notice,
          postedOn: input.postedOn,
          today: input.today,
          previousStepCompletedOn: review?.signedAt.slice(0, 10),
          previousStepLabel: steps.DEMOCRATIC_REVIEW.label,
        });
      }
      if (input.action === "CLOSE_NOTICE") return checkNoticeClose(input.state.notice, input.today, input.noticeMinDays);
      return { ok: true };
    },
  });
}

export const MONITORING_CHAINS = { IDENTIFY: declare("IDENTIFY"), ELIMINATE: declare("ELIMINATE") } as const;

export function monitoringChain(kind: MonitoringSheetKind) {
  return MONITORING_CHAINS[kind];
}

/** The steps a chain records with RECORD (信息比对, 公告). */
export function recordedSteps(kind: MonitoringSheetKind): MonitoringStep[] {
  const chain = monitoringChain(kind);
  return chain.steps.filter((code) => chain.rolesFor(code, "RECORD"));
}

/** Who records and resolves objections during the notice: those who post or close it. */
export const MONITORING_OBJECTION_ROLES: readonly Role[] = MONITORING_CHAINS.IDENTIFY.actorsOf("VILLAGE_NOTICE", ["START_NOTICE", "CLOSE_NOTICE"]);

/** Who uploads the 承诺授权书 scan: those who sign 入户核实. */
export const CONSENT_UPLOADERS: readonly Role[] = MONITORING_CHAINS.IDENTIFY.actorsOf("VISIT", ["SIGN"]);

/** After a rejection: a new round; the round's notice and consent scans no longer count. */
export function startMonitoringRound(kind: MonitoringSheetKind, state: MonitoringChainState): MonitoringChainState {
  return { ...monitoringChain(kind).startNewRound(state), notice: null, consentCount: 0 };
}
