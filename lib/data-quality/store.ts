import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { todayString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FitMatrix } from "@/lib/measures/rules";
import { COUNTY_LEVEL_RULES, crossHits, householdHits, qualityRule, type RuleHit } from "./catalogue";
import type { QualityContext } from "./facts";
import { hitFingerprint, type FingerprintFacts } from "./fingerprint";
import { loadCrossFacts, loadCrossFactsOf, loadCrossGroups, loadQualityContext, loadQualityFacts } from "./load";

/**
 * Keeps the quality_hit table current (docs/decisions/015-data-quality.md). The dashboard refresh
 * job calls recomputeHouseholdQuality for the households its triggers marked dirty and
 * recomputeCrossQuality once per run; quality:scan calls scanCountyQuality.
 */

const CROSS_CODES = COUNTY_LEVEL_RULES.map((rule) => rule.code);
const SCAN_BATCH = 1_000;

type Region = { countyCode: string; townshipCode: string; villageCode: string };

/** A hit's identity across recomputes (rule, household, member, field): what a "已核实无误" mark is stored under. */
export function hitKey(hit: { ruleCode: string; householdId: string; memberId: string | null; field: string }): string {
  return `${hit.ruleCode}|${hit.householdId}|${hit.memberId ?? ""}|${hit.field}`;
}

/**
 * 已核实无误 (docs/decisions/020-quality-verified-marks.md): every active mark of these households (and rules) is compared
 * with the current data. The same hash keeps its hit quiet (returned: hit key → mark id); a different one closes the mark
 * as REOPENED with an audit row (no user: the recompute did it), so the hit is open again from this write on.
 */
export async function applyMarks(tx: Tx, factsOf: ReadonlyMap<string, FingerprintFacts>, where: Prisma.QualityMarkWhereInput): Promise<Map<string, string>> {
  const quiet = new Map<string, string>();
  if (factsOf.size === 0) return quiet;
  const marks = await tx.qualityMark.findMany({
    where: { AND: [where, { status: "ACTIVE" }] },
    select: { id: true, householdId: true, memberId: true, ruleCode: true, field: true, fieldsHash: true, countyCode: true },
  });
  for (const mark of marks) {
    const facts = factsOf.get(mark.householdId);
    const rule = qualityRule(mark.ruleCode);
    if (!facts || !rule) continue;
    const now = hitFingerprint(rule, facts, mark);
    if (now === mark.fieldsHash) {
      quiet.set(hitKey(mark), mark.id);
      continue;
    }
    const { count } = await tx.qualityMark.updateMany({
      where: { id: mark.id, status: "ACTIVE" },
      data: { status: "REOPENED", closedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 1) {
      await recordAudit(tx, null, {
        action: "qualityMark.reopen",
        entityType: "Household",
        entityId: mark.householdId,
        countyCode: mark.countyCode,
        before: { markId: mark.id, ruleCode: mark.ruleCode, status: "已核实无误", fieldsHash: mark.fieldsHash },
        after: { status: "数据已变化，疑点重新打开", fieldsHash: now },
      });
    }
  }
  return quiet;
}

function rows(hits: RuleHit[], regionOf: Map<string, Region>, quiet: ReadonlyMap<string, string> = new Map()) {
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
        groupKey: hit.groupKey ?? null,
        // Only a 疑点 is ever marked (lib/data-quality/marks.ts refuses an 错误).
        verifiedMarkId: rule.severity === "SUSPECT" ? (quiet.get(hitKey(hit)) ?? null) : null,
        ...region,
      },
    ];
  });
}

/** Replaces the household-level hits of these households. */
export async function recomputeHouseholdQuality(tx: Tx, householdIds: string[], context: QualityContext): Promise<number> {
  return (await replaceHouseholdQuality(tx, householdIds, context)).length;
}

export type StoredHit = RuleHit & { verifiedMarkId: string | null };

/** The same, returning the hits written (the on-save check shows the open ones). */
export async function replaceHouseholdQuality(tx: Tx, householdIds: string[], context: QualityContext): Promise<StoredHit[]> {
  if (householdIds.length === 0) return [];
  const facts = await loadQualityFacts(tx, householdIds);
  const hits = facts.flatMap((one) => householdHits(one, context));
  const regionOf = new Map(facts.map(({ household: { id, countyCode, townshipCode, villageCode } }) => [id, { countyCode, townshipCode, villageCode }]));
  const quiet = await applyMarks(tx, new Map(facts.map((one) => [one.household.id, one])), {
    householdId: { in: householdIds },
    ruleCode: { notIn: CROSS_CODES },
  });
  // Hits pointing at a mark must go before a mark can be replaced; the rows below are written fresh.
  await tx.qualityHit.deleteMany({ where: { householdId: { in: householdIds }, ruleCode: { notIn: CROSS_CODES } } });
  const data = rows(hits, regionOf, quiet);
  if (data.length > 0) await tx.qualityHit.createMany({ data });
  return data.map((row) => ({
    householdId: row.householdId,
    memberId: row.memberId,
    field: row.field,
    message: row.message,
    ruleCode: row.ruleCode,
    verifiedMarkId: row.verifiedMarkId,
  }));
}

/** Replaces the cross-household hits of the county (they depend on every household of it). */
export async function recomputeCrossQuality(tx: Tx, countyCode: string, context: QualityContext): Promise<number> {
  const county = await loadCrossFacts(tx, countyCode);
  const hits = crossHits(county, context);
  const regionOf = await regionsOf(
    tx,
    hits.map((hit) => hit.householdId),
  );
  const quiet = await applyMarks(tx, new Map(county.map((one) => [one.household.id, one])), { countyCode, ruleCode: { in: CROSS_CODES } });
  await tx.qualityHit.deleteMany({ where: { countyCode, ruleCode: { in: CROSS_CODES } } });
  const data = rows(hits, regionOf, quiet);
  if (data.length > 0) await tx.qualityHit.createMany({ data });
  return data.length;
}

/** Above this many dirty households the refresh recomputes the county's C- hits whole (a full pass, or a large import). */
export const CROSS_INCREMENTAL_LIMIT = 5_000;

async function regionsOf(tx: Tx, householdIds: string[]): Promise<Map<string, Region>> {
  const ids = [...new Set(householdIds)];
  const regions = ids.length
    ? await tx.household.findMany({ where: { id: { in: ids } }, select: { id: true, countyCode: true, townshipCode: true, villageCode: true } })
    : [];
  return new Map(regions.map(({ id, ...region }) => [id, region]));
}

/**
 * The C- hits after these households changed (decision 017): for each rule, only the groups the households
 * take part in now (their present members' ID numbers, names + birth dates, their phone and helper) and
 * the groups their stored hits were in before the change. Each such group is read whole from the county
 * and its hits replaced; every other group is unchanged, since none of its households changed.
 */
export async function recomputeCrossQualityOf(tx: Tx, countyCode: string, householdIds: string[], context: QualityContext): Promise<number> {
  if (householdIds.length === 0) return 0;
  if (householdIds.length > CROSS_INCREMENTAL_LIMIT) return recomputeCrossQuality(tx, countyCode, context);
  const dirty = await loadCrossFactsOf(tx, householdIds);
  const before = await tx.qualityHit.findMany({
    where: { householdId: { in: householdIds }, ruleCode: { in: CROSS_CODES } },
    select: { ruleCode: true, groupKey: true },
  });
  // Hits stored before the groups were remembered: recompute the county once.
  if (before.some((hit) => hit.groupKey === null)) return recomputeCrossQuality(tx, countyCode, context);
  let written = 0;
  for (const rule of COUNTY_LEVEL_RULES) {
    const keys = new Set(dirty.flatMap((facts) => rule.groupKeys(facts)));
    for (const hit of before) if (hit.ruleCode === rule.code) keys.add(hit.groupKey!);
    if (keys.size === 0) continue;
    const groups = await loadCrossGroups(tx, countyCode, rule.groupBy, [...keys]);
    const hits = rule.check(groups, context).flatMap((hit) => (hit.groupKey && keys.has(hit.groupKey) ? [{ ...hit, ruleCode: rule.code }] : []));
    const factsOf = new Map(groups.map((one) => [one.household.id, one]));
    const quiet = await applyMarks(tx, factsOf, { householdId: { in: [...factsOf.keys()] }, ruleCode: rule.code });
    await tx.qualityHit.deleteMany({ where: { countyCode, ruleCode: rule.code, groupKey: { in: [...keys] } } });
    const data = rows(
      hits,
      await regionsOf(
        tx,
        hits.map((hit) => hit.householdId),
      ),
      quiet,
    );
    if (data.length > 0) await tx.qualityHit.createMany({ data });
    written += data.length;
  }
  return written;
}

export function qualityLockKey(countyCode: string): string {
  // The same key as the dashboard refresh: a scan batch and a refresh never write the same rows at once.
  return `indicator_refresh:${countyCode}`;
}

export type ScanProgress = { done: number; total: number; hits: number };

/**
 * Recomputes the hits of these households in batches, each its own transaction under the refresh lock, then
 * the cross-household rules (the whole county when `full`, else only the groups these households touch).
 * Never inside the dashboard's refresh transaction: at county scale the rules take far longer than the
 * snapshot (bench/RESULTS.md), and the snapshot must not wait for them or fail with them.
 */
export async function recomputeQualityOf(
  countyCode: string,
  householdIds: string[],
  options: { full: boolean; today?: string; matrix?: FitMatrix; onProgress?: (progress: ScanProgress) => void },
): Promise<ScanProgress> {
  const context = await loadQualityContext(db, options.today ?? todayString(), options.matrix);
  const progress: ScanProgress = { done: 0, total: householdIds.length, hits: 0 };
  const locked = async <T>(work: (tx: Tx) => Promise<T>) =>
    db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${qualityLockKey(countyCode)}))`;
        return work(tx);
      },
      { timeout: 10 * 60_000, maxWait: 10 * 60_000 },
    );
  for (let index = 0; index < householdIds.length; index += SCAN_BATCH) {
    const batch = householdIds.slice(index, index + SCAN_BATCH);
    progress.hits += await locked((tx) => recomputeHouseholdQuality(tx, batch, context));
    progress.done += batch.length;
    options.onProgress?.({ ...progress });
  }
  if (options.full) progress.hits += await locked((tx) => recomputeCrossQuality(tx, countyCode, context));
  else if (householdIds.length > 0) progress.hits += await locked((tx) => recomputeCrossQualityOf(tx, countyCode, householdIds, context));
  options.onProgress?.({ ...progress });
  return progress;
}

/** A full recompute of the county (npm run quality:scan): every household, then the cross-household rules. */
export async function scanCountyQuality(
  countyCode: string,
  options: { today?: string; onProgress?: (progress: ScanProgress) => void } = {},
): Promise<ScanProgress> {
  const ids = (await db.household.findMany({ where: { countyCode }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
  return recomputeQualityOf(countyCode, ids, { full: true, ...options });
}
