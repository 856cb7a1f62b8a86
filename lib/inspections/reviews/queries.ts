import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { inspectionScopeWhere } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { REVIEW_CHECKLIST_ITEM, type ReviewChecklistItem } from "@/lib/domain/codes";
import { getExitSheet } from "@/lib/exits/household/get-exit-sheet";
import { loadHouseholdLabels } from "@/lib/exits/household/household-labels";
import { stepLabel } from "@/lib/exits/household/presentation";
import { SHEET_SELECT, loadSheetContexts, type SheetRow } from "@/lib/exits/household/sheet-context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeFindingCategories } from "@/lib/inspections/findings/raise";
import { findingStatusLabel } from "@/lib/inspections/findings/rules";
import { shortHash } from "@/lib/sign-off/content-hash";
import { chainStatusLabel } from "@/lib/sign-off/view";
import { toPage, type Page, type PageParams } from "@/lib/pagination";
import { escapeLike, searchTextError } from "@/lib/search";
import { DEFAULT_CATEGORY, madeOnOldData, signedTheSheet, type ChecklistEntry } from "./rules";
import type { ReviewQueueFilter } from "./schema";

/**
 * The inspectors' workspace: the queue of household exit sheets to review (in progress and approved),
 * and one sheet with its reviews. Read by the county-wide roles (inspection.read).
 */

/** How many reviewed sheets "审查后有变化" examines (each needs its content hash computed), most recently changed first. */
export const CHANGED_CANDIDATES = 600;

function stageWhere(stage: ReviewQueueFilter["stage"]): Prisma.ExitSheetWhereInput | null {
  switch (stage) {
    case "BEFORE_NOTICE":
      return { status: "IN_PROGRESS", noticePostedOn: null };
    case "NOTICE":
      return { status: "IN_PROGRESS", noticePostedOn: { not: null }, noticeClosedOn: null };
    case "AFTER_NOTICE":
      return { status: "IN_PROGRESS", noticeClosedOn: { not: null } };
    case "APPROVED":
      return { status: "APPROVED" };
    default:
      return null;
  }
}

function searchWhere(actor: Actor, q: string | undefined): Prisma.ExitSheetWhereInput | null {
  if (!q) return null;
  if (searchTextError(q)) return { id: { in: [] } };
  return {
    OR: [
      { household: { householdNo: q } },
      { household: { members: { some: { countyCode: actor.countyCode, relation: "HEAD", status: "PRESENT", name: { startsWith: escapeLike(q) } } } } },
    ],
  };
}

export type ReviewQueueRow = {
  id: string;
  householdNo: string;
  headName: string | null;
  townshipName: string;
  villageName: string;
  assessmentYear: number;
  status: string;
  statusLabel: string;
  stepLabel: string;
  reviews: number;
  latest: { reviewedAt: Date; inspectorName: string; failed: number; onOldData: boolean } | null;
};

type LatestReview = { sheetId: string; contentHash: string; reviewedAt: Date; failedItems: string[]; inspector: { displayName: string } };

async function latestReviews(sheetIds: string[]): Promise<{ latest: Map<string, LatestReview>; counts: Map<string, number> }> {
  if (sheetIds.length === 0) return { latest: new Map(), counts: new Map() };
  const [rows, counts] = await Promise.all([
    db.inspectionReview.findMany({
      where: { sheetId: { in: sheetIds } },
      orderBy: [{ sheetId: "asc" }, { reviewedAt: "desc" }],
      distinct: ["sheetId"],
      select: { sheetId: true, contentHash: true, reviewedAt: true, failedItems: true, inspector: { select: { displayName: true } } },
    }),
    db.inspectionReview.groupBy({ by: ["sheetId"], where: { sheetId: { in: sheetIds } }, _count: { _all: true } }),
  ]);
  return { latest: new Map(rows.map((row) => [row.sheetId, row])), counts: new Map(counts.map((row) => [row.sheetId, row._count._all])) };
}

/** The sheets whose latest review was made on other content than the current one, among the most recently changed reviewed sheets. */
async function changedSinceReview(where: Prisma.ExitSheetWhereInput): Promise<{ sheets: SheetRow[]; capped: boolean }> {
  const candidates = await db.exitSheet.findMany({
    where: { AND: [where, { reviews: { some: {} } }] },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: CHANGED_CANDIDATES + 1,
    select: SHEET_SELECT,
  });
  const capped = candidates.length > CHANGED_CANDIDATES;
  const examined = candidates.slice(0, CHANGED_CANDIDATES);
  const { latest } = await latestReviews(examined.map((sheet) => sheet.id));
  const changed: SheetRow[] = [];
  for (let start = 0; start < examined.length; start += 100) {
    const contexts = await loadSheetContexts(db, examined.slice(start, start + 100));
    for (const { sheet, content } of contexts) {
      const review = latest.get(sheet.id);
      if (review && madeOnOldData(review, content.hash)) changed.push(sheet);
    }
  }
  return { sheets: changed, capped };
}

/** The review queue: household exit sheets in progress or approved, filtered, paginated, with their latest review. */
export async function findReviewQueue(actor: Actor, filter: ReviewQueueFilter, paging: PageParams): Promise<Page<ReviewQueueRow> & { changedCapped: boolean }> {
  requirePermission(actor, "inspection.read");
  const and: Prisma.ExitSheetWhereInput[] = [inspectionScopeWhere(actor), { status: { in: ["IN_PROGRESS", "APPROVED"] } }];
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  if (filter.year) and.push({ assessmentYear: filter.year });
  const stage = stageWhere(filter.stage);
  if (stage) and.push(stage);
  const search = searchWhere(actor, filter.q);
  if (search) and.push(search);
  if (filter.reviewed === "NONE") and.push({ reviews: { none: {} } });
  if (filter.reviewed === "DONE") and.push({ reviews: { some: {} } });
  const where = { AND: and };

  let sheets: SheetRow[];
  let total: number;
  let changedCapped = false;
  const skip = (paging.page - 1) * paging.pageSize;
  if (filter.reviewed === "CHANGED") {
    const changed = await changedSinceReview(where);
    sheets = changed.sheets.slice(skip, skip + paging.pageSize);
    total = changed.sheets.length;
    changedCapped = changed.capped;
  } else {
    [sheets, total] = await Promise.all([
      db.exitSheet.findMany({ where, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], skip, take: paging.pageSize, select: SHEET_SELECT }),
      db.exitSheet.count({ where }),
    ]);
  }
  const ids = sheets.map((sheet) => sheet.id);
  const [contexts, labels, reviews] = await Promise.all([
    loadSheetContexts(db, sheets),
    loadHouseholdLabels(
      db,
      sheets.map((sheet) => sheet.householdId),
    ),
    latestReviews(ids),
  ]);
  const rows = contexts.map(({ sheet, evaluation, content }): ReviewQueueRow => {
    const label = labels.get(sheet.householdId)!;
    const latest = reviews.latest.get(sheet.id);
    return {
      id: sheet.id,
      householdNo: label.householdNo,
      headName: label.headName,
      townshipName: label.townshipName,
      villageName: label.villageName,
      assessmentYear: sheet.assessmentYear,
      status: sheet.status,
      statusLabel: chainStatusLabel(sheet.status),
      stepLabel: sheet.status === "APPROVED" ? "已审定" : stepLabel(evaluation.nextStep),
      reviews: reviews.counts.get(sheet.id) ?? 0,
      latest: latest
        ? {
            reviewedAt: latest.reviewedAt,
            inspectorName: latest.inspector.displayName,
            failed: latest.failedItems.length,
            onOldData: madeOnOldData(latest, content.hash),
          }
        : null,
    };
  });
  return { ...toPage(rows, total, paging), changedCapped };
}

/** The years of the sheets in scope, newest first, for the queue's year filter. */
export async function reviewQueueYears(actor: Actor): Promise<number[]> {
  requirePermission(actor, "inspection.read");
  const rows = await db.exitSheet.findMany({ where: inspectionScopeWhere(actor), distinct: ["assessmentYear"], select: { assessmentYear: true } });
  return rows.map((row) => row.assessmentYear).sort((a, b) => b - a);
}

export type ReviewView = {
  id: string;
  reviewedAt: Date;
  inspectorName: string;
  hashShort: string;
  onOldData: boolean;
  sheetRound: number;
  sheetStatusLabel: string;
  note: string | null;
  checklist: (ChecklistEntry & { label: string })[];
  findings: { id: string; categoryName: string; statusLabel: string; checklistItem: string | null }[];
};

/**
 * The review page: the sheet exactly as the exit pages show it (criteria, income, chain, signatures with
 * their validity, evidence), the household's visit photos, every past review of the sheet (marked when
 * made on other content than today's), and what the review form needs.
 */
export async function getSheetReview(actor: Actor, sheetId: string) {
  requirePermission(actor, "inspection.read");
  const view = await getExitSheet(actor, sheetId);
  const [reviews, signers, visitPhotos, categories] = await Promise.all([
    db.inspectionReview.findMany({
      where: { sheetId: view.sheet.id, ...inspectionScopeWhere(actor) },
      orderBy: { reviewedAt: "desc" },
      select: {
        id: true,
        reviewedAt: true,
        contentHash: true,
        sheetRound: true,
        sheetStatus: true,
        checklist: true,
        note: true,
        inspector: { select: { displayName: true } },
        findings: {
          orderBy: { raisedAt: "asc" },
          select: { id: true, status: true, returns: true, checklistItem: true, category: { select: { name: true } } },
        },
      },
    }),
    db.exitSignature.findMany({ where: { sheetId: view.sheet.id }, select: { userId: true } }),
    db.attachment.findMany({
      where: { householdId: view.household.id, ownerType: "VISIT" },
      orderBy: { uploadedAt: "desc" },
      take: 30,
      select: { id: true, originalName: true, uploadedAt: true, uploader: { select: { displayName: true } } },
    }),
    activeFindingCategories(db),
  ]);
  const signed = signedTheSheet(signers, actor.userId);
  const mayReview = can(actor, "inspection.review");
  return {
    view,
    reviews: reviews.map((review): ReviewView => ({
      id: review.id,
      reviewedAt: review.reviewedAt,
      inspectorName: review.inspector.displayName,
      hashShort: shortHash(review.contentHash),
      onOldData: madeOnOldData(review, view.hash),
      sheetRound: review.sheetRound,
      sheetStatusLabel: chainStatusLabel(review.sheetStatus),
      note: review.note,
      checklist: (review.checklist as ChecklistEntry[]).map((entry) => ({
        ...entry,
        label: REVIEW_CHECKLIST_ITEM.labels[entry.item as ReviewChecklistItem] ?? entry.item,
      })),
      findings: review.findings.map((finding) => ({
        id: finding.id,
        categoryName: finding.category.name,
        statusLabel: findingStatusLabel(finding),
        checklistItem: finding.checklistItem,
      })),
    })),
    visitPhotos,
    form: {
      categories,
      defaults: DEFAULT_CATEGORY,
      items: REVIEW_CHECKLIST_ITEM.codes.map((code) => ({ code, label: REVIEW_CHECKLIST_ITEM.labels[code] })),
    },
    /** Why this reader cannot review (null: may review). */
    cannotReview: !mayReview
      ? "只有督查人员可以审查核验表"
      : signed
        ? "您签署过这份核验表，不能审查它（审查人不能是核验表的签字人）"
        : view.sheet.status === "REJECTED"
          ? "这份核验表已被退回，待重新提出后再审查"
          : null,
  };
}

export type SheetReviewPage = Awaited<ReturnType<typeof getSheetReview>>;
