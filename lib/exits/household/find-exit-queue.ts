import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exitSheetScopeWhere } from "@/lib/auth/scope";
import { chainActorFor } from "./authorize";
import { loadHouseholdLabels } from "./household-labels";
import { daysBetween, offeredActionLabel, offeredActions, stepLabel, waitsForActor } from "./presentation";
import { queueStageFor } from "./rules";
import { SHEET_SELECT, loadSheetContexts, type SheetContext } from "./sheet-context";

/** How many open sheets one queue looks at, least recently changed first (a township has far fewer at a time); the page says when there are more. */
export const QUEUE_CANDIDATES = 300;
/** How many rejected sheets the queue lists, most recent first; the page says when there are more. */
export const QUEUE_REJECTED = 100;

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

/** Narrows the candidates by how far a sheet must have come before this role can move it (rules.ts). */
function candidateWhere(actor: Actor): Prisma.ExitSheetWhereInput | null {
  switch (queueStageFor(actor.role)) {
    case "ANY_OPEN":
      return { status: "IN_PROGRESS" };
    case "NOTICE_POSTED":
      return { status: "IN_PROGRESS", noticePostedOn: { not: null } };
    case "NOTICE_CLOSED":
      return { status: "IN_PROGRESS", noticeClosedOn: { not: null } };
    case null:
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
export type ExitQueue = {
  pending: QueueRow[];
  rejected: RejectedRow[];
  /** Set when there were more open sheets than the queue looks at: how many it looked at, of how many. */
  pendingCapped: { examined: number; total: number } | null;
  /** Set when there are more rejected sheets than listed. */
  rejectedCapped: { shown: number; total: number } | null;
};

export async function findExitQueue(actor: Actor): Promise<ExitQueue> {
  requirePermission(actor, "exit.read");
  if (!can(actor, "exit.act")) return { pending: [], rejected: [], pendingCapped: null, rejectedCapped: null };
  const today = todayString();
  const scope = exitSheetScopeWhere(actor);
  const narrowing = candidateWhere(actor);
  const proposes = can(actor, "exit.propose");
  const candidateFilter = narrowing ? { AND: [scope, narrowing] } : null;
  const rejectedFilter = proposes ? { AND: [scope, { status: "REJECTED" }] } : null;

  const [candidates, rejectedSheets] = await Promise.all([
    candidateFilter ? db.exitSheet.findMany({ where: candidateFilter, orderBy: { updatedAt: "asc" }, take: QUEUE_CANDIDATES, select: SHEET_SELECT }) : [],
    rejectedFilter ? db.exitSheet.findMany({ where: rejectedFilter, orderBy: { rejectedAt: "desc" }, take: QUEUE_REJECTED, select: SHEET_SELECT }) : [],
  ]);
  const [candidateTotal, rejectedTotal] = await Promise.all([
    candidateFilter && candidates.length === QUEUE_CANDIDATES ? db.exitSheet.count({ where: candidateFilter }) : candidates.length,
    rejectedFilter && rejectedSheets.length === QUEUE_REJECTED ? db.exitSheet.count({ where: rejectedFilter }) : rejectedSheets.length,
  ]);
  const contexts = await loadSheetContexts(db, candidates);
  const labels = await loadHouseholdLabels(
    db,
    [...candidates, ...rejectedSheets].map((sheet) => sheet.householdId),
  );

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
  const rejecters = new Map(
    (await db.user.findMany({ where: { id: { in: rejecterIds } }, select: { id: true, displayName: true } })).map((user) => [user.id, user.displayName]),
  );
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
  return {
    pending,
    rejected,
    pendingCapped: candidateTotal > candidates.length ? { examined: candidates.length, total: candidateTotal } : null,
    rejectedCapped: rejectedTotal > rejectedSheets.length ? { shown: rejectedSheets.length, total: rejectedTotal } : null,
  };
}
