import "server-only";
import { todayString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import { COUNTY_LEVEL_RULES, crossHits, householdHits, qualityRule, type RuleHit } from "./catalogue";
import type { QualityContext } from "./facts";
import { loadCrossFacts, loadQualityContext, loadQualityFacts } from "./load";

/**
 * Keeps the quality_hit table current (docs/decisions/015-data-quality.md). The dashboard refresh
 * job calls recomputeHouseholdQuality for the households its triggers marked dirty and
 * recomputeCrossQuality once per run; quality:scan calls scanCountyQuality.
 */

const CROSS_CODES = COUNTY_LEVEL_RULES.map((rule) => rule.code);
const SCAN_BATCH = 1_000;

type Region = { countyCode: string; townshipCode: string; villageCode: string };

function rows(hits: RuleHit[], regionOf: Map<string, Region>) {
  return hits.flatMap((hit) => {
    const rule = qualityRule(hit.ruleCode);
    const region = regionOf.get(hit.householdId);
    if (!rule || !region) return [];
    return [
      {
        householdId: hit.householdId,
        memberId: hit.memberId,
        ruleCode: hit.ruleCode,
        severity: rule.severity,
        level: rule.level,
        field: hit.field,
        message: hit.message,
        ...region,
      },
    ];
  });
}

/** Replaces the household-level hits of these households. */
export async function recomputeHouseholdQuality(tx: Tx, householdIds: string[], context: QualityContext): Promise<number> {
  if (householdIds.length === 0) return 0;
  const facts = await loadQualityFacts(tx, householdIds);
  const hits = facts.flatMap((one) => householdHits(one, context));
  const regionOf = new Map(facts.map(({ household: { id, countyCode, townshipCode, villageCode } }) => [id, { countyCode, townshipCode, villageCode }]));
  await tx.qualityHit.deleteMany({ where: { householdId: { in: householdIds }, ruleCode: { notIn: CROSS_CODES } } });
  const data = rows(hits, regionOf);
  if (data.length > 0) await tx.qualityHit.createMany({ data });
  return data.length;
}

/** Replaces the cross-household hits of the county (they depend on every household of it). */
export async function recomputeCrossQuality(tx: Tx, countyCode: string, context: QualityContext): Promise<number> {
  const county = await loadCrossFacts(tx, countyCode);
  const hits = crossHits(county, context);
  const hitHouseholds = [...new Set(hits.map((hit) => hit.householdId))];
  const regions = hitHouseholds.length
    ? await tx.household.findMany({ where: { id: { in: hitHouseholds } }, select: { id: true, countyCode: true, townshipCode: true, villageCode: true } })
    : [];
  const regionOf = new Map(regions.map(({ id, ...region }) => [id, region]));
  await tx.qualityHit.deleteMany({ where: { countyCode, ruleCode: { in: CROSS_CODES } } });
  const data = rows(hits, regionOf);
  if (data.length > 0) await tx.qualityHit.createMany({ data });
  return data.length;
}

export function qualityLockKey(countyCode: string): string {
  // The same key as the dashboard refresh: a scan batch and a refresh never write the same rows at once.
  return `indicator_refresh:${countyCode}`;
}

export type ScanProgress = { done: number; total: number; hits: number };

/** A full recompute of the county: every household in batches (each its own transaction under the refresh lock), then the cross-household rules. */
export async function scanCountyQuality(
  countyCode: string,
  options: { today?: string; onProgress?: (progress: ScanProgress) => void } = {},
): Promise<ScanProgress> {
  const today = options.today ?? todayString();
  const ids = (await db.household.findMany({ where: { countyCode }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
  const context = await loadQualityContext(db, today);
  const progress: ScanProgress = { done: 0, total: ids.length, hits: 0 };
  const locked = async <T>(work: (tx: Tx) => Promise<T>) =>
    db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${qualityLockKey(countyCode)}))`;
        return work(tx);
      },
      { timeout: 10 * 60_000, maxWait: 10 * 60_000 },
    );
  for (let index = 0; index < ids.length; index += SCAN_BATCH) {
    const batch = ids.slice(index, index + SCAN_BATCH);
    progress.hits += await locked((tx) => recomputeHouseholdQuality(tx, batch, context));
    progress.done += batch.length;
    options.onProgress?.({ ...progress });
  }
  progress.hits += await locked((tx) => recomputeCrossQuality(tx, countyCode, context));
  options.onProgress?.({ ...progress });
  return progress;
}
