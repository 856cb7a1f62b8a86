import "server-only";
import { currentYear, todayString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import type { PovertyCause } from "@/lib/domain/codes";
import type { Prisma } from "@/lib/generated/prisma/client";
import { EXIT_ELIGIBLE_STATUSES } from "@/lib/exits/household/rules";
import {
  SHEET_SELECT,
  contentEnvironment,
  contentFor,
  loadHouseholdExitData,
  loadSheetContexts,
  type ContentEnvironment,
} from "@/lib/exits/household/sheet-context";
import { recomputeQualityOf } from "@/lib/data-quality/store";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { uncoveredCauses, type FitMatrix, type MeasureForCoverage } from "@/lib/measures/rules";
import type { MeasureStatus, MeasureCategory } from "@/lib/domain/codes";
import { FIGURES, storedYear, type FigureDefinition, type SheetStage } from "./figures";

/**
 * Keeps the dashboard's snapshot (docs/decisions/013-dashboard-indicators.md): recomputes the
 * indicator rows of the households the database triggers marked dirty (all of them when a
 * county-wide input changed or the date moved on), then the per-village rollup of the villages
 * they belong to — in one transaction, so figures and drill-down lists always match.
 *
 * The exit criteria and the coverage come from the very functions the exit sheet and the
 * measures page use (lib/exits, lib/measures/rules.ts); nothing here re-implements a rule.
 */

const BATCH = 1_000;
const FUNDED_STATUSES = ["ACTIVE", "COMPLETED"];
/** Long enough for a full refresh of the largest county (bench/RESULTS.md). */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

export type RefreshResult =
  { kind: "skipped"; reason: "busy" } | { kind: "refreshed"; full: boolean; households: number; villages: number; durationMs: number; refreshedAt: Date };

type DirtyMark = { household_id: string; marked_at: Date };

function lockKey(countyCode: string): string {
  return `indicator_refresh:${countyCode}`;
}

/** Refreshes the county's snapshot now. Another refresh of the same county running → skipped. */
export async function refreshIndicators(countyCode: string, options: { full?: boolean; today?: string } = {}): Promise<RefreshResult> {
  const started = Date.now();
  const today = options.today ?? todayString();
  await db.$executeRaw`INSERT INTO indicator_refresh (county_code) VALUES (${countyCode}) ON CONFLICT (county_code) DO NOTHING`;
  let claimedFull = false;
  try {
    const snapshot = await db.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${lockKey(countyCode)})) AS locked`;
        if (!locked) return null;
        const state = await tx.indicatorRefresh.findUniqueOrThrow({ where: { countyCode } });
        const full = options.full === true || state.fullRequired || state.asOf === null || state.asOf.toISOString().slice(0, 10) !== today;
        if (full && state.fullRequired) {
          // Cleared outside this transaction, so that a settings change made while we run sets it again (its trigger does not wait for us).
          await db.indicatorRefresh.update({ where: { countyCode }, data: { fullRequired: false } });
          claimedFull = true;
        }
        const marks = await tx.$queryRaw<DirtyMark[]>`
          SELECT d.household_id, d.marked_at FROM indicator_dirty d JOIN household h ON h.id = d.household_id WHERE h.county_code = ${countyCode}`;
        const householdIds = full
          ? (await tx.household.findMany({ where: { countyCode }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id)
          : marks.map((mark) => mark.household_id);
        const villages = new Set<string>();
        const environment = await snapshotEnvironment(tx, today);
        for (let index = 0; index < householdIds.length; index += BATCH) {
          const batch = householdIds.slice(index, index + BATCH);
          for (const village of await recomputeHouseholds(tx, batch, environment)) villages.add(village);
        }
        await rebuildRollup(tx, countyCode, full ? null : [...villages], environment.evaluatedYear);
        if (marks.length > 0) {
          await tx.$executeRaw`
            DELETE FROM indicator_dirty d USING unnest(${marks.map((m) => m.household_id)}::uuid[], ${marks.map((m) => m.marked_at)}::timestamptz[]) AS seen(id, marked_at)
            WHERE d.household_id = seen.id AND d.marked_at = seen.marked_at`;
        }
        const refreshedAt = new Date();
        const durationMs = refreshedAt.getTime() - started;
        await tx.indicatorRefresh.update({
          where: { countyCode },
          data: { refreshedAt, asOf: new Date(`${today}T00:00:00Z`), households: householdIds.length, durationMs },
        });
        return {
          result: { kind: "refreshed", full, households: householdIds.length, villages: villages.size, durationMs, refreshedAt } as const,
          householdIds,
          matrix: environment.matrix,
        };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
    );
    if (!snapshot) return { kind: "skipped", reason: "busy" };
    // The data-quality hits of the same households (docs/decisions/015-data-quality.md), after the snapshot has
    // committed, in batches of their own: at county scale the rules take far longer than the snapshot, which must not
    // wait for them or fail with them. Should this stop half-way, a household's hits are recomputed when it next
    // changes, by the next day's full refresh, or by npm run quality:scan.
    await recomputeQualityOf(countyCode, snapshot.householdIds, { full: snapshot.result.full, today, matrix: snapshot.matrix });
    return snapshot.result;
  } catch (error) {
    if (claimedFull) await db.indicatorRefresh.update({ where: { countyCode }, data: { fullRequired: true } }).catch(() => {});
    throw error;
  }
}

type SnapshotEnvironment = ContentEnvironment & { evaluatedYear: number; matrix: FitMatrix; visitOverdueDays: number; today: string };

async function snapshotEnvironment(tx: Tx, today: string): Promise<SnapshotEnvironment> {
  const evaluatedYear = Number(today.slice(0, 4));
  const content = await contentEnvironment(tx, [evaluatedYear]);
  return { ...content, today, evaluatedYear, matrix: await loadFitMatrix(tx), visitOverdueDays: content.settings.visitOverdueDays };
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Recomputes the indicator rows of these households; returns the villages whose rollup must follow (old and new). */
async function recomputeHouseholds(tx: Tx, ids: string[], environment: SnapshotEnvironment): Promise<string[]> {
  if (ids.length === 0) return [];
  const previous = await tx.householdIndicator.findMany({ where: { householdId: { in: ids } }, select: { villageCode: true } });
  const households = await tx.household.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      countyCode: true,
      townshipCode: true,
      villageCode: true,
      status: true,
      identificationYear: true,
      exitYear: true,
      primaryCause: true,
      otherCauses: true,
    },
  });
  const open = households.filter((household) => EXIT_ELIGIBLE_STATUSES.includes(household.status));
  const facts = await loadHouseholdExitData(
    tx,
    open.map((household) => household.id),
  );
  const lastVisits = await tx.visit.groupBy({ by: ["householdId"], where: { householdId: { in: ids } }, _max: { visitedOn: true } });
  const lastVisitOf = new Map(lastVisits.map((row) => [row.householdId, row._max.visitedOn]));
  const funds = await tx.measure.groupBy({
    by: ["householdId", "fundingSource"],
    where: { householdId: { in: ids }, status: { in: FUNDED_STATUSES } },
    _sum: { amountFen: true },
  });
  const returnedIds = households.filter((household) => household.status === "RETURNED").map((household) => household.id);
  const returns = returnedIds.length
    ? await tx.auditEvent.groupBy({
        by: ["entityId"],
        where: { action: "household.returnToPoverty", entityType: "Household", entityId: { in: returnedIds } },
        _max: { occurredAt: true },
      })
    : [];
  const returnedAt = new Map(returns.map((row) => [row.entityId, row._max.occurredAt]));
  const overdueBefore = daysBefore(environment.today, environment.visitOverdueDays);

  const rows = households.map((household) => {
    const householdFacts = facts.get(household.id);
    const lastVisit = lastVisitOf.get(household.id) ?? null;
    let failedCriteria: string[] = [];
    let uncovered: string[] = [];
    if (householdFacts) {
      const content = contentFor(householdFacts, environment.evaluatedYear, environment);
      failedCriteria = content.criteria.filter((criterion) => !criterion.met).map((criterion) => criterion.code);
      const causes = [household.primaryCause, ...household.otherCauses] as PovertyCause[];
      const measures: MeasureForCoverage[] = householdFacts.measures.map((measure) => ({
        id: measure.id,
        item: measure.item,
        category: measure.category as MeasureCategory,
        status: measure.status as MeasureStatus,
        addressedCauses: measure.addressedCauses as PovertyCause[],
      }));
      uncovered = uncoveredCauses(causes, measures, environment.matrix);
    }
    const people = householdFacts ? householdFacts.members.filter((member) => member.status === "PRESENT").length : Number.NaN; // filled below for households out of poverty
    const returned = returnedAt.get(household.id);
    return {
      householdId: household.id,
      countyCode: household.countyCode,
      townshipCode: household.townshipCode,
      villageCode: household.villageCode,
      status: household.status,
      identificationYear: household.identificationYear,
      exitYear: household.exitYear,
      returnedYear: household.status === "RETURNED" ? (returned ? currentYear(returned) : (household.exitYear ?? environment.evaluatedYear)) : null,
      primaryCause: household.primaryCause,
      people,
      evaluatedYear: environment.evaluatedYear,
      failedCriteria,
      uncoveredCauses: uncovered,
      lastVisitOn: lastVisit,
      visitOverdue: lastVisit === null || lastVisit.toISOString().slice(0, 10) < overdueBefore,
    };
  });
  const withoutFacts = rows.filter((row) => Number.isNaN(row.people)).map((row) => row.householdId);
  if (withoutFacts.length > 0) {
    const counts = await tx.member.groupBy({ by: ["householdId"], where: { householdId: { in: withoutFacts }, status: "PRESENT" }, _count: { _all: true } });
    const countOf = new Map(counts.map((row) => [row.householdId, row._count._all]));
    for (const row of rows) if (Number.isNaN(row.people)) row.people = countOf.get(row.householdId) ?? 0;
  }

  await tx.householdIndicator.deleteMany({ where: { householdId: { in: ids } } });
  await tx.householdIndicator.createMany({ data: rows });
  const regionOf = new Map(households.map((household) => [household.id, household]));
  await tx.householdFundIndicator.createMany({
    data: funds
      .filter((row) => (row._sum.amountFen ?? 0) > 0)
      .map((row) => {
        const household = regionOf.get(row.householdId)!;
        return {
          householdId: row.householdId,
          fundingSource: row.fundingSource,
          countyCode: household.countyCode,
          townshipCode: household.townshipCode,
          villageCode: household.villageCode,
          amountFen: BigInt(row._sum.amountFen ?? 0),
        };
      }),
  });
  await recomputeSheets(tx, ids);
  return [...new Set([...previous.map((row) => row.villageCode), ...households.map((household) => household.villageCode)])];
}

/** The stage of every exit sheet of these households, from the sign-off chain's own evaluation. */
async function recomputeSheets(tx: Tx, householdIds: string[]): Promise<void> {
  await tx.exitSheetIndicator.deleteMany({ where: { householdId: { in: householdIds } } });
  const sheets = await tx.exitSheet.findMany({ where: { householdId: { in: householdIds } }, select: SHEET_SELECT });
  if (sheets.length === 0) return;
  const inProgress = sheets.filter((sheet) => sheet.status === "IN_PROGRESS");
  // Without an environment: each sheet is evaluated with the poverty line of its own assessment year.
  const contexts = new Map((await loadSheetContexts(tx, inProgress)).map((context) => [context.sheet.id, context]));
  await tx.exitSheetIndicator.createMany({
    data: sheets.map((sheet) => {
      const stage: SheetStage =
        sheet.status === "APPROVED"
          ? "APPROVED"
          : sheet.status === "REJECTED"
            ? "REJECTED"
            : (contexts.get(sheet.id)?.evaluation.nextStep ?? "COUNTY_APPROVAL");
      return {
        sheetId: sheet.id,
        householdId: sheet.householdId,
        countyCode: sheet.countyCode,
        townshipCode: sheet.townshipCode,
        villageCode: sheet.villageCode,
        assessmentYear: sheet.assessmentYear,
        stage,
      };
    }),
  });
}

/**
 * Recounts every figure of these villages (null: the whole county) from the snapshot, then the
 * sums of their townships and of the county, so that a view reads one row per region it shows.
 */
async function rebuildRollup(tx: Tx, countyCode: string, villageCodes: string[] | null, evaluatedYear: number): Promise<void> {
  if (villageCodes !== null && villageCodes.length === 0) return;
  const villages = await tx.region.findMany({
    where: villageCodes === null ? { countyCode, level: "VILLAGE" } : { code: { in: villageCodes } },
    select: { code: true, townshipCode: true },
  });
  const townshipOf = new Map(villages.map((village) => [village.code, village.townshipCode]));
  const townships = [...new Set(villages.map((village) => village.townshipCode).filter((code): code is string => code !== null))];
  const scope = villageCodes === null ? { countyCode } : { villageCode: { in: villageCodes } };
  await tx.indicatorRollup.deleteMany({
    where:
      villageCodes === null
        ? { countyCode }
        : { OR: [{ regionCode: { in: villageCodes } }, { regionCode: { in: townships } }, { level: "COUNTY", countyCode }] },
  });
  const years = await yearsToCount(tx, countyCode, evaluatedYear);
  const rows: Prisma.IndicatorRollupCreateManyInput[] = [];
  for (const figure of FIGURES) {
    for (const year of figure.yearly ? years : [0]) {
      for (const { villageCode, ...count } of await countByVillage(tx, figure, year, scope)) {
        if (count.households === 0) continue;
        rows.push({
          ...count,
          regionCode: villageCode,
          level: "VILLAGE",
          parentCode: townshipOf.get(villageCode) ?? null,
          year: storedYear(figure, year),
          figure: figure.code,
          countyCode,
        });
      }
    }
  }
  if (rows.length > 0) await tx.indicatorRollup.createMany({ data: rows });
  const countyRegion = `${countyCode}000000`;
  await tx.$executeRaw`
    INSERT INTO indicator_rollup (region_code, level, parent_code, year, figure, county_code, households, people, amount_fen)
    SELECT parent_code, 'TOWNSHIP', ${countyRegion}, year, figure, county_code, sum(households), sum(people), sum(amount_fen)
    FROM indicator_rollup WHERE level = 'VILLAGE' AND county_code = ${countyCode} AND parent_code = ANY(${townships}::char(12)[])
    GROUP BY parent_code, year, figure, county_code`;
  await tx.$executeRaw`
    INSERT INTO indicator_rollup (region_code, level, parent_code, year, figure, county_code, households, people, amount_fen)
    SELECT ${countyRegion}, 'COUNTY', NULL, year, figure, county_code, sum(households), sum(people), sum(amount_fen)
    FROM indicator_rollup WHERE level = 'TOWNSHIP' AND county_code = ${countyCode}
    GROUP BY year, figure, county_code`;
}

type VillageCount = { villageCode: string; households: number; people: number; amountFen: bigint };

/** One figure's count per village: the figure's own filter, grouped. */
export async function countByVillage(
  client: Tx | typeof db,
  figure: FigureDefinition,
  year: number,
  scope: { countyCode: string } | { villageCode: { in: string[] } } | { townshipCode: string } | { villageCode: string },
): Promise<VillageCount[]> {
  switch (figure.source) {
    case "household": {
      const groups = await client.householdIndicator.groupBy({
        by: ["villageCode"],
        where: { AND: [scope, figure.where(year)] },
        _count: { _all: true },
        _sum: { people: true },
      });
      return groups.map((group) => ({ villageCode: group.villageCode, households: group._count._all, people: group._sum.people ?? 0, amountFen: BigInt(0) }));
    }
    case "fund": {
      const groups = await client.householdFundIndicator.groupBy({
        by: ["villageCode"],
        where: { AND: [scope, figure.where(year)] },
        _count: { _all: true },
        _sum: { amountFen: true },
      });
      return groups.map((group) => ({
        villageCode: group.villageCode,
        households: group._count._all,
        people: 0,
        amountFen: group._sum.amountFen ?? BigInt(0),
      }));
    }
    case "sheet": {
      const groups = await client.exitSheetIndicator.groupBy({ by: ["villageCode"], where: { AND: [scope, figure.where(year)] }, _count: { _all: true } });
      return groups.map((group) => ({ villageCode: group.villageCode, households: group._count._all, people: 0, amountFen: BigInt(0) }));
    }
  }
}

/** Every year from the first registration (or sheet) to the current year. */
async function yearsToCount(tx: Tx, countyCode: string, evaluatedYear: number): Promise<number[]> {
  const households = await tx.householdIndicator.aggregate({ where: { countyCode }, _min: { identificationYear: true } });
  const sheets = await tx.exitSheetIndicator.aggregate({ where: { countyCode }, _min: { assessmentYear: true }, _max: { assessmentYear: true } });
  const first = Math.min(households._min.identificationYear ?? evaluatedYear, sheets._min.assessmentYear ?? evaluatedYear);
  const last = Math.max(evaluatedYear, sheets._max.assessmentYear ?? evaluatedYear);
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}
