import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STEP_ACTORS } from "./chain";
import { chainActorFor } from "./guards";
import { loadHouseholdLabels } from "./household-labels";
import { daysBetween, offeredActionLabel, offeredActions, stepLabel, waitsForActor } from "./presentation";
import { SHEET_SELECT, loadSheetContexts, sheetScopeWhere, type SheetContext } from "./sheet-context";

/** How many open sheets one queue looks at, oldest first (a township has far fewer at a time). */
const QUEUE_CANDIDATES = 300;

export type QueueRow = {
  id: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  villageName: string;
  townshipName: string;
  assessmentYear: number;
  stepLabel: string;
  actionLabel: string;
  /** YYYY-MM-DD: when the sheet started waiting for this step. */
  waitingSince: string;
  ageDays: number;
  note: string | null;
};

export type RejectedRow = {
  id: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  villageName: string;
  assessmentYear: number;
  reason: string;
  rejectedBy: string;
  rejectedAt: Date | null;
  ageDays: number;
};

/** Narrows the candidates by what the role can possibly act on. */
function candidateWhere(actor: Actor): Prisma.ExitSheetWhereInput | null {
  switch (actor.role) {
    case "HELPER":
    case "VILLAGE_CADRE":
    case "WORK_TEAM":
      return { status: "IN_PROGRESS" };
    case "TOWNSHIP_CADRE":
      return { status: "IN_PROGRESS", noticePostedOn: { not: null } };
    case "COUNTY_OFFICE":
      return { status: "IN_PROGRESS", noticeClosedOn: { not: null } };
    default:
      return null;
  }
}

/** The date the sheet started waiting for its current step: the last valid step, or the notice posting. */
function waitingSince(context: SheetContext): string {
  const { evaluation, chain } = context;
  const notice = chain.state.notice;
  if (evaluation.nextStep === "PUBLIC_NOTICE" && notice && notice.closedOn === null) return notice.postedOn;
  const done = evaluation.steps.filter((view) => view.state === "DONE" && view.signature).at(-1);
  return done?.signature ? todayString(new Date(done.signature.signedAt)) : todayString(chain.roundStartedAt);
}

/**
 * 待我审核: the sheets whose next step this actor may act on, oldest first, with how many days
 * they have waited; 被退回: for those who propose, the sheets sent back, with the reasons.
 */
export async function findExitQueue(actor: Actor): Promise<{ pending: QueueRow[]; rejected: RejectedRow[] }> {
  requirePermission(actor, "exit.read");
  if (!can(actor, "exit.act")) return { pending: [], rejected: [] };
  const today = todayString();
  const scope = sheetScopeWhere(actor);
  const narrowing = candidateWhere(actor);
  const proposes = STEP_ACTORS.PROPOSE.SIGN?.includes(actor.role) ?? false;

  const [candidates, rejectedSheets] = await Promise.all([
    narrowing ? db.exitSheet.findMany({ where: { AND: [scope, narrowing] }, orderBy: { updatedAt: "asc" }, take: QUEUE_CANDIDATES, select: SHEET_SELECT }) : [],
    proposes ? db.exitSheet.findMany({ where: { AND: [scope, { status: "REJECTED" }] }, orderBy: { rejectedAt: "desc" }, take: 100, select: SHEET_SELECT }) : [],
  ]);
  const contexts = await loadSheetContexts(db, candidates);
  const labels = await loadHouseholdLabels(db, [...candidates, ...rejectedSheets].map((sheet) => sheet.householdId));

  const pending: QueueRow[] = [];
  for (const context of contexts) {
    const { sheet, content, chain, evaluation, environment } = context;
    const offered = offeredActions({
      state: chain.state,
      evaluation,
      currentContentHash: content.hash,
      actor: chainActorFor(actor, context),
      criteriaMet: content.allMet,
      today,
      noticeMinDays: environment.settings.noticeMinDays,
    });
    if (!waitsForActor(offered)) continue;
    const label = labels.get(sheet.householdId)!;
    const since = waitingSince(context);
    let note: string | null = null;
    if (offered.closeNotice && !offered.closeNotice.closable) {
      note = offered.closeNotice.unresolved > 0 ? `有 ${offered.closeNotice.unresolved} 条异议未处理` : `公示期未满，${offered.closeNotice.earliest} 起可结束`;
    }
    if (evaluation.invalidSignatures.length > 0) note = [note, "户档数据变化，部分签字已失效"].filter(Boolean).join("；");
    pending.push({
      id: sheet.id,
      householdId: sheet.householdId,
      householdNo: label.householdNo,
      headName: label.headName,
      villageName: label.villageName,
      townshipName: label.townshipName,
      assessmentYear: sheet.assessmentYear,
      stepLabel: stepLabel(evaluation.nextStep),
      actionLabel: offeredActionLabel(offered),
      waitingSince: since,
      ageDays: Math.max(0, daysBetween(since, today)),
      note,
    });
  }
  pending.sort((a, b) => b.ageDays - a.ageDays || a.householdNo.localeCompare(b.householdNo));

  const rejecterIds = [...new Set(rejectedSheets.map((sheet) => sheet.rejectedBy).filter((id): id is string => id !== null))];
  const rejecters = new Map((await db.user.findMany({ where: { id: { in: rejecterIds } }, select: { id: true, displayName: true } })).map((user) => [user.id, user.displayName]));
  const rejected: RejectedRow[] = rejectedSheets.map((sheet) => {
    const label = labels.get(sheet.householdId)!;
    return {
      id: sheet.id,
      householdId: sheet.householdId,
      householdNo: label.householdNo,
      headName: label.headName,
      villageName: label.villageName,
      assessmentYear: sheet.assessmentYear,
      reason: sheet.rejectedReason ?? "",
      rejectedBy: sheet.rejectedBy ? (rejecters.get(sheet.rejectedBy) ?? "") : "",
      rejectedAt: sheet.rejectedAt,
      ageDays: sheet.rejectedAt ? Math.max(0, daysBetween(todayString(sheet.rejectedAt), today)) : 0,
    };
  });
  return { pending, rejected };
}
