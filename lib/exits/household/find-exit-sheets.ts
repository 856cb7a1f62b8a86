import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { exitSheetScopeWhere } from "@/lib/auth/scope";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { sheetFigureWhere } from "@/lib/dashboard/drill-down";
import { currentYear } from "@/lib/dates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";
import { escapeLike, searchTextError } from "@/lib/search";
import { loadHouseholdLabels } from "./household-labels";
import { chainStatusLabel } from "@/lib/sign-off/view";
import { currentStepLabel } from "./presentation";
import type { TExitSheetFilter } from "../schema";
import { SHEET_SELECT, loadSheetContexts } from "./sheet-context";
import { normaliseVerificationCode } from "./verification-code";

export type ExitSheetListRow = {
  id: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  townshipName: string;
  villageName: string;
  assessmentYear: number;
  status: string;
  statusLabel: string;
  currentStepLabel: string;
  round: number;
  verificationCode: string;
  updatedAt: Date;
};

function searchWhere(actor: Actor, q: string | undefined): Prisma.ExitSheetWhereInput | null {
  const text = q?.trim();
  if (!text) return null;
  if (searchTextError(text)) return { id: { in: [] } };
  const code = normaliseVerificationCode(text);
  const or: Prisma.ExitSheetWhereInput[] = [
    { household: { householdNo: text } },
    { household: { members: { some: { countyCode: actor.countyCode, relation: "HEAD", status: "PRESENT", name: { startsWith: escapeLike(text) } } } } },
  ];
  if (code) or.push({ verificationCode: code });
  return { OR: or };
}

/** The exit sheets in the actor's scope: searchable by head name, 户编号 or verification code. */
export async function findExitSheets(actor: Actor, filter: TExitSheetFilter, paging: PageParams): Promise<Page<ExitSheetListRow>> {
  requirePermission(actor, "exit.read");
  const and: Prisma.ExitSheetWhereInput[] = [exitSheetScopeWhere(actor)];
  if (filter.status) and.push({ status: filter.status });
  if (filter.year) and.push({ assessmentYear: filter.year });
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  if (filter.figure) and.push(sheetFigureWhere(filter.figure, filter.fy ?? currentYear()));
  const search = searchWhere(actor, filter.q);
  if (search) and.push(search);
  const where = { AND: and };
  const [sheets, total] = await Promise.all([
    db.exitSheet.findMany({ where, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], ...skipTake(paging), select: SHEET_SELECT }),
    db.exitSheet.count({ where }),
  ]);
  const [contexts, labels] = await Promise.all([
    loadSheetContexts(db, sheets),
    loadHouseholdLabels(
      db,
      sheets.map((sheet) => sheet.householdId),
    ),
  ]);
  return toPage(
    contexts.map(({ sheet, evaluation }) => {
      const label = labels.get(sheet.householdId)!;
      return {
        id: sheet.id,
        householdId: sheet.householdId,
        householdNo: label.householdNo,
        headName: label.headName,
        townshipName: label.townshipName,
        villageName: label.villageName,
        assessmentYear: sheet.assessmentYear,
        status: sheet.status,
        statusLabel: chainStatusLabel(sheet.status),
        currentStepLabel: currentStepLabel(sheet.status, evaluation.nextStep),
        round: sheet.round,
        verificationCode: sheet.verificationCode,
        updatedAt: sheet.updatedAt,
      };
    }),
    total,
    paging,
  );
}
