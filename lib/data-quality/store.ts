import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { todayString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FitMatrix } from "@/lib/measures/rules";
import { COUNTY_LEVEL_RULES, householdHits, qualityRule, type RuleHit } from "./catalogue";
import type { CrossGroupKind } from "./define";
import type { QualityContext } from "./facts";
import { hitFingerprint, type FingerprintFacts } from "./fingerprint";
import { loadCrossFactsOf, loadCrossGroups, loadQualityContext, loadQualityFacts } from "./load";

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
 * 已核实无误 (docs/decisions/021-quality-verified-marks.md): every active mark of these households (and rules) is compared
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

/** Keys per query of the whole-county cross-household pass: its working set is this many groups at a time. */
const CROSS_KEY_CHUNK = 2_000;

/**
 * The keys of every group of this kind in the county that two or more households share — the only groups any C- rule can
 * hit (each needs at least two households; the limits are at least 1). Read with SQL aggregates, so the county's members
 * are never all in memory. NAME_BIRTH: members whose birth date and name without blanks are shared, keyed as the rules key
 * them (trimmed name | birth date); a coarser match than the rules' only adds groups the rule then finds clean.
 */
async function sharedGroupKeys(tx: Tx, countyCode: string, kind: CrossGroupKind): Promise<string[]> {
  switch (kind) {
    case "ID_NUMBER":
      return (
        await tx.$queryRaw<{ key: string }[]>`
          SELECT upper(id_number) AS key FROM member WHERE county_code = ${countyCode} AND status = 'PRESENT'
          GROUP BY upper(id_number) HAVING count(DISTINCT household_id) > 1`
      ).map((row) => row.key);
    case "NAME_BIRTH": {
      const rows = await tx.$queryRaw<{ name: string; birth: string }[]>`
        SELECT m.name, to_char(m.birth_date, 'YYYY-MM-DD') AS birth FROM member m
        JOIN (
          SELECT birth_date, regexp_replace(name, '[[:space:]]', '', 'g') AS bare FROM member
          WHERE county_code = ${countyCode} AND status = 'PRESENT'
          GROUP BY 1, 2 HAVING count(DISTINCT household_id) > 1
        ) shared ON shared.birth_date = m.birth_date AND shared.bare = regexp_replace(m.name, '[[:space:]]', '', 'g')
        WHERE m.county_code = ${countyCode} AND m.status = 'PRESENT'`;
      return [...new Set(rows.map((row) => `${row.name.trim()}|${row.birth}`))];
    }
    case "PHONE":
      return (
        await tx.$queryRaw<{ key: string }[]>`
          SELECT btrim(phone) AS key FROM household WHERE county_code = ${countyCode} AND btrim(phone) <> ''
          GROUP BY btrim(phone) HAVING count(*) > 1`
      ).map((row) => row.key);
    case "HELPER":
      return (
        await tx.$queryRaw<{ key: string }[]>`
          SELECT helper_id::text AS key FROM household WHERE county_code = ${countyCode} GROUP BY helper_id HAVING count(*) > 1`
      ).map((row) => row.key);
  }
}

/**
 * Replaces the cross-household hits of the county. Per rule: every stored hit goes, then the groups two or more households
 * share are read and checked a chunk at a time (sharedGroupKeys, loadCrossGroups), so the working set is one chunk of
 * groups, not the county's members (bench/RESULTS.md: the whole-county pass was the scan's memory peak).
 */
export async function recomputeCrossQuality(tx: Tx, countyCode: string, context: QualityContext): Promise<number> {
  let written = 0;
  const keysOf = new Map<CrossGroupKind, string[]>();
  for (const rule of COUNTY_LEVEL_RULES) {
    if (!keysOf.has(rule.groupBy)) keysOf.set(rule.groupBy, await sharedGroupKeys(tx, countyCode, rule.groupBy));
    const keys = keysOf.get(rule.groupBy)!;
    await tx.qualityHit.deleteMany({ where: { countyCode, ruleCode: rule.code } });
    // Marks of households in no shared group any more: their hit is gone; compare them with the data all the same.
    const marked = await tx.qualityMark.findMany({ where: { countyCode, ruleCode: rule.code, status: "ACTIVE" }, select: { householdId: true } });
    const seen = new Set<string>();
    for (let index = 0; index < keys.length; index += CROSS_KEY_CHUNK) {
      const chunk = new Set(keys.slice(index, index + CROSS_KEY_CHUNK));
      const groups = await loadCrossGroups(tx, countyCode, rule.groupBy, [...chunk]);
      const hits = rule.check(groups, context).flatMap((hit) => (hit.groupKey && chunk.has(hit.groupKey) ? [{ ...hit, ruleCode: rule.code }] : []));
      const factsOf = new Map(groups.map((one) => [one.household.id, one]));
      for (const id of factsOf.keys()) seen.add(id);
      const quiet = await applyMarks(tx, factsOf, { householdId: { in: [...factsOf.keys()] }, ruleCode: rule.code });
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
    const unseen = [...new Set(marked.map((mark) => mark.householdId))].filter((id) => !seen.has(id));
    if (unseen.length > 0) {
      const facts = await loadCrossFactsOf(tx, unseen);
      await applyMarks(tx, new Map(facts.map((one) => [one.household.id, one])), { householdId: { in: unseen }, ruleCode: rule.code });
    }
  }
  return written;
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
  // By village: a batch of 1 000 households spans one or a few villages (their village sheets are read once per batch).
  const ids = (await db.household.findMany({ where: { countyCode }, select: { id: true }, orderBy: [{ villageCode: "asc" }, { id: "asc" }] })).map(
    (row) => row.id,
  );
  return recomputeQualityOf(countyCode, ids, { full: true, ...options });
}
