import "server-only";
import type { Db, Tx } from "@/lib/db";
import { MEASURE_CATEGORY, MEASURE_STATUS, POVERTY_CAUSE, type MeasureCategory, type MeasureStatus, type PovertyCause } from "@/lib/domain/codes";
import { loadFitMatrix } from "@/lib/measures/fit-matrix";
import { computeCoverage } from "@/lib/measures/rules";
import type { CoverageView } from "./presentation";
import type { HouseholdFacts } from "./sheet-context";

export type HouseholdLabel = {
  id: string;
  householdNo: string;
  headName: string | null;
  townshipName: string;
  villageName: string;
  helperName: string;
  status: string;
  exitYear: number | null;
  version: number;
};

/** Names for lists and sheets: head, township, village, helper. */
export async function loadHouseholdLabels(client: Db | Tx, householdIds: string[]): Promise<Map<string, HouseholdLabel>> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return new Map();
  const rows = await client.household.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      householdNo: true,
      status: true,
      exitYear: true,
      version: true,
      township: { select: { name: true } },
      village: { select: { name: true } },
      helper: { select: { displayName: true } },
      members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true }, take: 1 },
    },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        householdNo: row.householdNo,
        headName: row.members[0]?.name ?? null,
        townshipName: row.township.name,
        villageName: row.village.name,
        helperName: row.helper.displayName,
        status: row.status,
        exitYear: row.exitYear,
        version: row.version,
      },
    ]),
  );
}

/** Whether each 致贫原因 of the household is addressed by a fitting measure (docs/domain.md §5). */
export async function coverageFor(client: Db | Tx, facts: HouseholdFacts): Promise<CoverageView[]> {
  const matrix = await loadFitMatrix(client);
  const causes = [facts.household.primaryCause, ...facts.household.otherCauses] as PovertyCause[];
  const coverage = computeCoverage(
    causes,
    facts.measures.map((measure) => ({
      id: measure.id,
      category: measure.category as MeasureCategory,
      item: measure.item,
      status: measure.status as MeasureStatus,
      addressedCauses: measure.addressedCauses as PovertyCause[],
    })),
    matrix,
  );
  return coverage.map((row) => ({
    cause: row.cause,
    causeLabel: POVERTY_CAUSE.labels[row.cause] ?? row.cause,
    primary: row.cause === facts.household.primaryCause,
    covered: row.covered,
    coveredBy: row.coveredBy.map((measure) => ({
      item: measure.item,
      categoryLabel: MEASURE_CATEGORY.labels[measure.category] ?? measure.category,
      statusLabel: MEASURE_STATUS.labels[measure.status] ?? measure.status,
    })),
  }));
}
