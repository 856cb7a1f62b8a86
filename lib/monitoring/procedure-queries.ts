import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { shortHash } from "@/lib/sign-off/content-hash";
import { earliestNoticeCloseDate } from "@/lib/sign-off/notice";
import { entryStates, roleLabel, stepRows } from "@/lib/sign-off/view";
import { monitoringChain, MONITORING_OBJECTION_ROLES, CONSENT_UPLOADERS, type MonitoringChainAction } from "./chains";
import { MONITORING_STEP, type MonitoringSheetKind, type MonitoringStep } from "./codes";
import { monitoringObjectScopeWhere } from "./queries";
import { loadMonitoringContext } from "./sheet-context";

/**
 * The procedures of one monitoring object in scope: every sheet (识别纳入, 风险消除, again after 返贫)
 * as history, and the latest one with its chain, entries of every round, objections, scans, the
 * 消除 conditions and what this actor may do on it now (the chain decides; the page only shows).
 */
export async function getMonitoringProcedures(actor: Actor, objectId: string) {
  requirePermission(actor, "monitoring.read");
  if (!/^[0-9a-f-]{36}$/i.test(objectId)) throw notFound("监测对象");
  const object = await db.monitoringObject.findFirst({ where: { AND: [monitoringObjectScopeWhere(actor), { id: objectId }] }, select: { id: true } });
  if (!object) throw notFound("监测对象");
  const sheets = await db.monitoringSheet.findMany({ where: { objectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const history = sheets.map((sheet) => ({
    sheetId: sheet.id,
    kind: sheet.kind as MonitoringSheetKind,
    status: sheet.status,
    round: sheet.round,
    method: sheet.eliminationMethod,
    createdAt: sheet.createdAt,
    completedAt: sheet.status === "APPROVED" ? sheet.updatedAt : null,
    figures: sheet.decisionFigures as { criteria?: { code: string; met: boolean; reason: string }[] } | null,
  }));
  const latest = sheets.at(-1);
  if (!latest) return { history, current: null };
  const context = await loadMonitoringContext(db, actor, latest.id);
  const chain = monitoringChain(context.kind);
  const { evaluation, sheet, state } = context;
  const names = new Map(context.signatures.map((row) => [row.userId, row.userName]));
  const states = entryStates(state.signatures, evaluation, sheet.round);
  const actionsFor = (step: MonitoringStep): MonitoringChainAction[] =>
    (["SIGN", "RECORD", "START_NOTICE", "CLOSE_NOTICE", "REJECT"] as const).filter((action) => {
      if (!can(actor, "monitoring.act") || sheet.status === "APPROVED") return false;
      if (!chain.rolesFor(step, action)?.includes(actor.role)) return false;
      if (action === "START_NOTICE") return !state.notice || state.notice.closedOn !== null;
      if (action === "CLOSE_NOTICE") return state.notice !== null && state.notice.closedOn === null;
      return true;
    });
  const nextStep = evaluation.nextSteps[0] ?? null;
  return {
    history,
    current: {
      sheetId: sheet.id,
      kind: context.kind,
      status: sheet.status,
      round: sheet.round,
      version: sheet.version,
      method: sheet.eliminationMethod,
      rejectedReason: sheet.rejectedReason,
      hashShort: shortHash(context.content.hash),
      steps: stepRows(evaluation, names),
      nextStep,
      nextStepLabel: nextStep ? chain.label(nextStep) : null,
      actions: nextStep ? actionsFor(nextStep) : [],
      criteria: context.content.criteria,
      criteriaMet: context.content.allMet,
      notice: state.notice ? { ...state.notice, earliestClose: earliestNoticeCloseDate(state.notice.postedOn, context.settings.noticeMinDays) } : null,
      noticeMinDays: context.settings.noticeMinDays,
      canHandleObjections: MONITORING_OBJECTION_ROLES.includes(actor.role) && nextStep === "VILLAGE_NOTICE" && state.notice?.closedOn === null,
      canUploadConsent: context.kind === "IDENTIFY" && sheet.status !== "APPROVED" && CONSENT_UPLOADERS.includes(actor.role) && can(actor, "monitoring.act"),
      consent: context.consent.map((row) => ({ ...row, current: row.round === sheet.round })),
      objections: context.objections.filter((row) => row.round === sheet.round),
      entries: context.signatures.map((row, index) => ({
        id: row.id,
        round: row.round,
        stepLabel: chain.label(row.step as MonitoringStep) ?? MONITORING_STEP.labels[row.step as MonitoringStep],
        name: row.userName,
        roleLabel: roleLabel(row.role),
        signedAt: row.signedAt,
        opinion: row.opinion,
        state: states[index] ?? "EARLIER_ROUND",
        hashShort: shortHash(row.contentHash),
      })),
      today: context.today,
      identifiedOn: context.object.identifiedOn ? toDateString(context.object.identifiedOn) : null,
    },
  };
}

export type MonitoringProcedures = Awaited<ReturnType<typeof getMonitoringProcedures>>;
