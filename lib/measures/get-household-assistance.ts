import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { toDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import type { MeasureCategory, MeasureStatus, PovertyCause } from "@/lib/domain/codes";
import { householdInScope } from "@/lib/households/access";
import { componentsFromRecord } from "@/lib/income/from-record";
import { computeIncome } from "@/lib/income/rules";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { householdCauses } from "@/lib/measures/household-causes";
import { allowedNextStatuses, computeCoverage, findCatchAllMeasures, fittingCategories } from "@/lib/measures/rules";

/** What the 一户一档 page already loaded within scope (lib/households/get-household-archive.ts), so it is not loaded or computed again. */
type LoadedArchive = {
  household: { id: string; version: number; villageCode: string; helperId: string; primaryCause: string; otherCauses: string[] };
  perCapitaByYear: ReadonlyMap<number, number>;
};

/** The 帮扶 side of one household: measures, 因户施策 coverage, plans, visits, helper history. */
export async function getHouseholdAssistance(actor: Actor, householdId: string, loaded?: LoadedArchive) {
  requirePermission(actor, "household.read");
  const scoped = loaded?.household ?? (await householdInScope(db, actor, householdId));
  const [household, measures, plans, visits, assignments, items, matrix, helpers, incomes, presentCount] = await Promise.all([
    loaded?.household ??
      db.household.findUniqueOrThrow({ where: { id: scoped.id }, select: { primaryCause: true, otherCauses: true, helperId: true, villageCode: true } }),
    db.measure.findMany({
      where: { householdId: scoped.id },
      orderBy: { createdAt: "asc" },
      include: { item: { select: { name: true } }, creator: { select: { displayName: true } } },
    }),
    db.assistancePlan.findMany({ where: { householdId: scoped.id }, orderBy: { year: "desc" } }),
    db.visit.findMany({
      where: { householdId: scoped.id },
      orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
      take: 50,
      include: { visitor: { select: { displayName: true } } },
    }),
    db.helperAssignment.findMany({
      where: { householdId: scoped.id },
      orderBy: { assignedAt: "desc" },
      include: { fromHelper: { select: { displayName: true } }, toHelper: { select: { displayName: true } }, assigner: { select: { displayName: true } } },
    }),
    db.measureItem.findMany({
      where: { retired: false },
      orderBy: [{ category: "asc" }, { sortOrder: "asc" }],
      select: { id: true, name: true, category: true },
    }),
    loadFitMatrix(),
    db.user.findMany({
      where: { role: "HELPER", active: true, regionCode: scoped.villageCode },
      orderBy: { displayName: "asc" },
      select: { id: true, displayName: true },
    }),
    loaded ? [] : db.incomeRecord.findMany({ where: { householdId: scoped.id } }),
    loaded ? 0 : db.member.count({ where: { householdId: scoped.id, status: "PRESENT" } }),
  ]);
  const visitPhotos = await db.attachment.findMany({
    where: { ownerType: "VISIT", ownerId: { in: visits.map((visit) => visit.id) } },
    select: { id: true, ownerId: true, originalName: true },
  });
  const causes = householdCauses(household);
  const forCoverage = measures.map((measure) => ({
    id: measure.id,
    category: measure.category as MeasureCategory,
    item: measure.item.name,
    status: measure.status as MeasureStatus,
    addressedCauses: measure.addressedCauses as PovertyCause[],
  }));
  const perCapitaByYear =
    loaded?.perCapitaByYear ?? new Map(incomes.map((income) => [income.year, computeIncome(componentsFromRecord(income), presentCount).perCapitaFen]));
  return {
    causes,
    fittingCategories: Object.fromEntries(causes.map((cause) => [cause, fittingCategories(matrix, cause)])),
    coverage: computeCoverage(causes, forCoverage, matrix),
    catchAll: findCatchAllMeasures(causes, forCoverage, matrix),
    measures: measures.map((measure) => ({
      id: measure.id,
      version: measure.version,
      item: measure.item.name,
      itemId: measure.itemId,
      category: measure.category,
      addressedCauses: measure.addressedCauses,
      startDate: toDateString(measure.startDate),
      endDate: measure.endDate ? toDateString(measure.endDate) : null,
      amountFen: measure.amountFen,
      fundingSource: measure.fundingSource,
      responsibleUnit: measure.responsibleUnit,
      status: measure.status,
      outcomeFen: measure.outcomeFen,
      nextStatuses: allowedNextStatuses(measure.status as MeasureStatus),
      creatorName: measure.creator.displayName,
    })),
    totalAmountFen: measures.reduce((sum, measure) => sum + measure.amountFen, 0),
    plans: plans.map((plan) => ({ ...plan, actualPerCapitaFen: perCapitaByYear.get(plan.year) ?? null })),
    visits: visits.map((visit) => ({
      id: visit.id,
      visitedOn: toDateString(visit.visitedOn),
      findings: visit.findings,
      actions: visit.actions,
      visitorName: visit.visitor.displayName,
      photos: visitPhotos.filter((photo) => photo.ownerId === visit.id),
    })),
    assignments: assignments.map((row) => ({
      id: row.id,
      from: row.fromHelper?.displayName ?? "—",
      to: row.toHelper.displayName,
      reason: row.reason,
      by: row.assigner.displayName,
      at: row.assignedAt,
    })),
    items,
    helpers: helpers.filter((helper) => helper.id !== household.helperId),
    householdVersion: scoped.version,
    permissions: {
      measure: can(actor, "measure.write"),
      plan: can(actor, "plan.write"),
      visit: can(actor, "visit.write"),
      reassign: can(actor, "helper.reassign"),
    },
  };
}

export type HouseholdAssistance = Awaited<ReturnType<typeof getHouseholdAssistance>>;
