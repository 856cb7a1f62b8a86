import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { exitSheetScopeWhere } from "@/lib/auth/scope";
import { toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import { currentStepLabel } from "@/lib/exits/household/presentation";
import { SHEET_SELECT, loadSheetContexts } from "@/lib/exits/household/sheet-context";
import { getHouseholdArchive } from "@/lib/households/get-household-archive";
import { getHouseholdAssistance } from "@/lib/measures/get-household-assistance";
import { chainStatusLabel } from "@/lib/sign-off/view";

/**
 * The printed 扶贫手册 (一户一档) of one household: the archive (household, members, income by year
 * with its calculation), the 帮扶 side (causes and their coverage, measures, plans, visits, helper
 * changes) and where its exit sheets stand. Nothing is computed here: the archive, the assistance
 * query and the sheet contexts are the ones the household page and the exit pages use, so the
 * paper shows the same figures as the screens. The household is loaded within scope first
 * (getHouseholdArchive); out of scope answers exactly like a missing household.
 */
export async function getHouseholdHandbook(actor: Actor, householdId: string) {
  const archive = await getHouseholdArchive(actor, householdId);
  const id = archive.household.id;
  const [assistance, visitTotal, sheets] = await Promise.all([
    getHouseholdAssistance(actor, id, archive),
    db.visit.count({ where: { householdId: id } }),
    can(actor, "exit.read")
      ? db.exitSheet.findMany({ where: { householdId: id, ...exitSheetScopeWhere(actor) }, orderBy: { assessmentYear: "desc" }, select: SHEET_SELECT })
      : Promise.resolve([]),
  ]);
  const contexts = await loadSheetContexts(db, sheets);
  return {
    household: archive.household,
    members: archive.members,
    presentCount: archive.presentCount,
    incomes: archive.incomes,
    attachments: archive.attachments,
    causes: assistance.causes,
    coverage: assistance.coverage,
    catchAll: assistance.catchAll,
    measures: assistance.measures,
    totalAmountFen: assistance.totalAmountFen,
    plans: assistance.plans,
    visits: assistance.visits,
    /** All visits on record; the assistance query returns the latest 50, and the print says so when there are more. */
    visitTotal,
    assignments: assistance.assignments,
    exitSheets: contexts.map(({ sheet, evaluation }) => ({
      id: sheet.id,
      assessmentYear: sheet.assessmentYear,
      status: sheet.status,
      statusLabel: chainStatusLabel(sheet.status),
      currentStepLabel: currentStepLabel(sheet.status, evaluation.nextStep),
      round: sheet.round,
      verificationCode: sheet.verificationCode,
      reviewDate: sheet.reviewDate ? toDateString(sheet.reviewDate) : null,
      noticePostedOn: sheet.noticePostedOn ? toDateString(sheet.noticePostedOn) : null,
      noticeClosedOn: sheet.noticeClosedOn ? toDateString(sheet.noticeClosedOn) : null,
      updatedAt: sheet.updatedAt,
    })),
    /** Whether this actor may see exit sheets at all (every role that reads archives may today). */
    exitVisible: can(actor, "exit.read"),
  };
}

export type HouseholdHandbook = Awaited<ReturnType<typeof getHouseholdHandbook>>;
