import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { findingScopeWhere } from "@/lib/auth/scope";
import { auditHistory, type HistoryEntry } from "@/lib/audit/history";
import { fromDateString, toDateString, todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { FINDING_SOURCE, REVIEW_CHECKLIST_ITEM, type FindingSource, type ReviewChecklistItem } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import type { Prisma } from "@/lib/generated/prisma/client";
import { inspectionFilesOf, type InspectionFileRow } from "@/lib/inspections/files";
import { skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";
import { escapeLike, searchTextError } from "@/lib/search";
import { daysOverdue, findingStatusLabel, isInTargetUnit } from "./rules";
import type { FindingFilter } from "./schema";

/**
 * 问题清单: findings in the reader's scope (county roles: the county; 乡镇: their township; 村: their
 * village), with the overdue measure the list, the workspace and the dashboard share.
 */

/** Overdue: the deadline has passed (the deadline day is still in time) and the finding is not closed. */
export function overdueFindingWhere(today: string = todayString()): Prisma.FindingWhereInput {
  return { status: { not: "CLOSED" }, deadline: { lt: fromDateString(today) } };
}

/** A region of the county: a township or a village narrows the findings as the list's township / village filter does; the county does not. */
export type FindingRegion = { level: "COUNTY" | "TOWNSHIP" | "VILLAGE"; code: string };

function regionWhere(region: FindingRegion | undefined): Prisma.FindingWhereInput | null {
  if (!region || region.level === "COUNTY") return null;
  return region.level === "TOWNSHIP" ? { townshipCode: region.code } : { villageCode: region.code };
}

/** How many findings in the actor's scope (and, if given, in one region) are overdue: the count of the list overdueFindingsHref opens. */
export async function countOverdueFindings(actor: Actor, region?: FindingRegion, today: string = todayString()): Promise<number> {
  requirePermission(actor, "finding.read");
  const and: Prisma.FindingWhereInput[] = [findingScopeWhere(actor), overdueFindingWhere(today)];
  const narrowed = regionWhere(region);
  if (narrowed) and.push(narrowed);
  return db.finding.count({ where: { AND: and } });
}

/** The list of a region's overdue findings (what countOverdueFindings counts for it). */
export function overdueFindingsHref(region: FindingRegion): string {
  const params = new URLSearchParams({ overdue: "1" });
  if (region.level === "TOWNSHIP") params.set("township", region.code);
  if (region.level === "VILLAGE") params.set("village", region.code);
  return `/inspections/findings?${params.toString()}`;
}

/** The open (not closed) and overdue counts, and the reports waiting for a decision, in the actor's scope. */
export async function findingSummary(actor: Actor, today: string = todayString()) {
  requirePermission(actor, "finding.read");
  const scope = findingScopeWhere(actor);
  const [open, overdue, submitted] = await Promise.all([
    db.finding.count({ where: { AND: [scope, { status: { not: "CLOSED" } }] } }),
    db.finding.count({ where: { AND: [scope, overdueFindingWhere(today)] } }),
    db.finding.count({ where: { AND: [scope, { status: "SUBMITTED" }] } }),
  ]);
  return { open, overdue, submitted };
}

function statusWhere(status: FindingFilter["status"]): Prisma.FindingWhereInput | null {
  switch (status) {
    case "NOT_CLOSED":
      return { status: { not: "CLOSED" } };
    case "OPEN":
      return { status: "OPEN", returns: 0 };
    case "RETURNED":
      return { status: "OPEN", returns: { gt: 0 } };
    case "SUBMITTED":
      return { status: "SUBMITTED" };
    case "CLOSED":
      return { status: "CLOSED" };
    default:
      return null;
  }
}

function searchWhere(actor: Actor, q: string | undefined): Prisma.FindingWhereInput | null {
  if (!q) return null;
  if (searchTextError(q)) return { id: { in: [] } };
  const pattern = escapeLike(q);
  return {
    OR: [
      { household: { householdNo: q } },
      { household: { members: { some: { countyCode: actor.countyCode, relation: "HEAD", status: "PRESENT", name: { startsWith: pattern } } } } },
      { description: { contains: pattern } },
      { responsibleUnit: { contains: pattern } },
      { responsiblePerson: { startsWith: pattern } },
    ],
  };
}

export type FindingListRow = {
  id: string;
  categoryName: string;
  source: FindingSource;
  sourceLabel: string;
  description: string;
  targetLabel: string;
  householdId: string | null;
  responsibleUnit: string;
  responsiblePerson: string;
  deadline: string;
  status: string;
  statusLabel: string;
  returns: number;
  daysOverdue: number;
  raisedAt: Date;
};

const LIST_SELECT = {
  id: true,
  townshipCode: true,
  villageCode: true,
  householdId: true,
  source: true,
  description: true,
  responsibleUnit: true,
  responsiblePerson: true,
  deadline: true,
  status: true,
  returns: true,
  raisedAt: true,
  category: { select: { name: true } },
  household: { select: { householdNo: true, members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true }, take: 1 } } },
} satisfies Prisma.FindingSelect;

async function regionNames(codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db.region.findMany({ where: { code: { in: unique } }, select: { code: true, name: true } });
  return new Map(rows.map((row) => [row.code, row.name]));
}

function targetLabel(
  row: { townshipCode: string; villageCode: string | null; household: { householdNo: string; members: { name: string }[] } | null },
  names: Map<string, string>,
) {
  const place = `${names.get(row.townshipCode) ?? row.townshipCode}${row.villageCode ? (names.get(row.villageCode) ?? row.villageCode) : ""}`;
  if (row.household) return `${place} · ${row.household.members[0]?.name ?? "（无户主）"}户（${row.household.householdNo}）`;
  return row.villageCode ? `${place}（村）` : `${place}（乡镇）`;
}

/** The 问题清单 page: filtered, searched, paginated; overdue ones first when listing overdue findings. */
export async function findFindings(actor: Actor, filter: FindingFilter, paging: PageParams, today: string = todayString()): Promise<Page<FindingListRow>> {
  requirePermission(actor, "finding.read");
  const and: Prisma.FindingWhereInput[] = [findingScopeWhere(actor)];
  const status = statusWhere(filter.status);
  if (status) and.push(status);
  if (filter.category) and.push({ categoryCode: filter.category });
  if (filter.source) and.push({ source: filter.source });
  if (filter.township) and.push({ townshipCode: filter.township });
  if (filter.village) and.push({ villageCode: filter.village });
  if (filter.overdue) and.push(overdueFindingWhere(today));
  const search = searchWhere(actor, filter.q);
  if (search) and.push(search);
  const where = { AND: and };
  const orderBy: Prisma.FindingOrderByWithRelationInput[] = filter.overdue
    ? [{ deadline: "asc" }, { raisedAt: "asc" }, { id: "asc" }]
    : [{ raisedAt: "desc" }, { id: "asc" }];
  const [rows, total] = await Promise.all([db.finding.findMany({ where, orderBy, ...skipTake(paging), select: LIST_SELECT }), db.finding.count({ where })]);
  const names = await regionNames(rows.flatMap((row) => [row.townshipCode, ...(row.villageCode ? [row.villageCode] : [])]));
  return toPage(
    rows.map((row) => {
      const deadline = toDateString(row.deadline);
      const source = row.source as FindingSource;
      return {
        id: row.id,
        categoryName: row.category.name,
        source,
        sourceLabel: FINDING_SOURCE.labels[source] ?? row.source,
        description: row.description,
        targetLabel: targetLabel(row, names),
        householdId: row.householdId,
        responsibleUnit: row.responsibleUnit,
        responsiblePerson: row.responsiblePerson,
        deadline,
        status: row.status,
        statusLabel: findingStatusLabel(row),
        returns: row.returns,
        daysOverdue: daysOverdue({ status: row.status, deadline }, today),
        raisedAt: row.raisedAt,
      };
    }),
    total,
    paging,
  );
}

export type FindingReportView = {
  id: string;
  content: string;
  submittedAt: Date;
  submitterName: string;
  decision: string | null;
  decisionReason: string | null;
  deciderName: string | null;
  decidedAt: Date | null;
  files: InspectionFileRow[];
};

/** One finding with its target, origin, reports (with their files and decisions), history and what the reader may do. */
export async function getFinding(actor: Actor, findingId: string, today: string = todayString()) {
  requirePermission(actor, "finding.read");
  const finding = await db.finding.findFirst({
    where: { AND: [{ id: findingId }, findingScopeWhere(actor)] },
    select: {
      ...LIST_SELECT,
      countyCode: true,
      categoryCode: true,
      reviewId: true,
      fieldCheckId: true,
      checklistItem: true,
      criterion: true,
      version: true,
      closedAt: true,
      raiser: { select: { displayName: true } },
      closer: { select: { displayName: true } },
      review: { select: { sheetId: true, reviewedAt: true } },
      reports: {
        orderBy: { submittedAt: "asc" },
        select: {
          id: true,
          content: true,
          submittedAt: true,
          decision: true,
          decisionReason: true,
          decidedAt: true,
          submitter: { select: { displayName: true } },
          decider: { select: { displayName: true } },
        },
      },
    },
  });
  if (!finding) throw notFound("督查问题");
  const [names, files, history] = await Promise.all([
    regionNames([finding.townshipCode, ...(finding.villageCode ? [finding.villageCode] : [])]),
    inspectionFilesOf(
      "FINDING_REPORT",
      finding.reports.map((report) => report.id),
    ),
    auditHistory("Finding", finding.id, 100),
  ]);
  const deadline = toDateString(finding.deadline);
  const source = finding.source as FindingSource;
  return {
    id: finding.id,
    version: finding.version,
    categoryName: finding.category.name,
    source,
    sourceLabel: FINDING_SOURCE.labels[source] ?? finding.source,
    checklistItemLabel: finding.checklistItem ? (REVIEW_CHECKLIST_ITEM.labels[finding.checklistItem as ReviewChecklistItem] ?? finding.checklistItem) : null,
    criterionLabel: finding.criterion ? (EXIT_CRITERION_LABELS[finding.criterion as ExitCriterionCode] ?? finding.criterion) : null,
    description: finding.description,
    targetLabel: targetLabel(finding, names),
    householdId: finding.householdId,
    reviewSheetId: finding.review?.sheetId ?? null,
    fieldCheckId: finding.fieldCheckId,
    responsibleUnit: finding.responsibleUnit,
    responsiblePerson: finding.responsiblePerson,
    deadline,
    status: finding.status,
    statusLabel: findingStatusLabel(finding),
    returns: finding.returns,
    daysOverdue: daysOverdue({ status: finding.status, deadline }, today),
    raisedAt: finding.raisedAt,
    raiserName: finding.raiser.displayName,
    closedAt: finding.closedAt,
    closerName: finding.closer?.displayName ?? null,
    reports: finding.reports.map((report): FindingReportView => ({
      id: report.id,
      content: report.content,
      submittedAt: report.submittedAt,
      submitterName: report.submitter.displayName,
      decision: report.decision,
      decisionReason: report.decisionReason,
      deciderName: report.decider?.displayName ?? null,
      decidedAt: report.decidedAt,
      files: files.get(report.id) ?? [],
    })),
    history: history as HistoryEntry[],
    canReport: can(actor, "finding.rectify") && finding.status === "OPEN",
    canDecide: can(actor, "finding.decide") && finding.status === "SUBMITTED" && !isInTargetUnit(actor, finding),
  };
}

export type FindingView = Awaited<ReturnType<typeof getFinding>>;

/** The form of a hand-entered finding: the active categories and the townships and villages of the county. */
export async function getRaiseFindingForm(actor: Actor) {
  requirePermission(actor, "finding.raise");
  const [categories, regions] = await Promise.all([
    db.findingCategory.findMany({ where: { retired: false }, orderBy: { position: "asc" }, select: { code: true, name: true } }),
    db.region.findMany({
      where: { countyCode: actor.countyCode, level: { in: ["TOWNSHIP", "VILLAGE"] } },
      orderBy: [{ townshipCode: "asc" }, { level: "asc" }, { sortOrder: "asc" }, { code: "asc" }],
      select: { code: true, name: true, level: true, townshipCode: true },
    }),
  ]);
  const townshipNames = new Map(regions.filter((region) => region.level === "TOWNSHIP").map((region) => [region.code, region.name]));
  return {
    categories,
    regions: regions.map((region) => ({
      code: region.code,
      label: region.level === "TOWNSHIP" ? `${region.name}（乡镇）` : `${townshipNames.get(region.townshipCode ?? "") ?? ""} · ${region.name}`,
    })),
    today: todayString(),
  };
}

/** All categories for the filters (retired ones too: old findings carry them). */
export async function listFindingCategories(actor: Actor) {
  requirePermission(actor, "finding.read");
  return db.findingCategory.findMany({ orderBy: { position: "asc" }, select: { code: true, name: true, retired: true } });
}
