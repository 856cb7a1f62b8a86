import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { householdScope, householdScopeWhere } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskIdNumber } from "@/lib/members/id-number";
import { COUNT_CAP, skipTake, toPage, type Page, type PageParams } from "@/lib/pagination";
import { QUALITY_RULES, qualityRule } from "./catalogue";
import type { QualityLevel, QualitySeverity } from "./define";
import type { THitFilter, TRuleFilter } from "./schema";

/**
 * The 疑点数据 pages read the stored hits only (docs/decisions/015-data-quality.md), in the
 * actor's household scope: the county-wide roles their county, township and village users their
 * own region.
 */
export function qualityHitScopeWhere(actor: Actor): Prisma.QualityHitWhereInput {
  const scope = householdScope(actor);
  switch (scope.kind) {
    case "county":
      return { countyCode: scope.countyCode };
    case "township":
      return { townshipCode: scope.townshipCode };
    case "village":
      return { villageCode: scope.villageCode };
    case "assigned":
      return { household: { helperId: scope.helperId } };
    case "none":
      return { id: -1n };
  }
}

/** Open hits: not quiet under a 已核实无误 mark (decision 021). Every count and list of open hits applies it. */
export const OPEN: Prisma.QualityHitWhereInput = { verifiedMarkId: null };

export type RuleRow = {
  code: string;
  title: string;
  explanation: string;
  severity: QualitySeverity;
  level: QualityLevel;
  fields: readonly string[];
  hits: number;
  households: number;
};

async function lastRefresh(actor: Actor): Promise<Date | null> {
  const row = await db.indicatorRefresh.findUnique({ where: { countyCode: actor.countyCode }, select: { refreshedAt: true } });
  return row?.refreshedAt ?? null;
}

/** /quality/rules: every rule of the catalogue with its open hits (and households) in the actor's scope. */
export async function listQualityRules(actor: Actor, filter: TRuleFilter, paging: PageParams) {
  requirePermission(actor, "quality.read");
  const scope: Prisma.QualityHitWhereInput = { AND: [qualityHitScopeWhere(actor), OPEN] };
  const [byRule, byRuleHousehold, refreshedAt] = await Promise.all([
    db.qualityHit.groupBy({ by: ["ruleCode"], where: scope, _count: { _all: true } }),
    db.qualityHit.groupBy({ by: ["ruleCode", "householdId"], where: scope }),
    lastRefresh(actor),
  ]);
  const hits = new Map(byRule.map((row) => [row.ruleCode, row._count._all]));
  const households = new Map<string, number>();
  for (const row of byRuleHousehold) households.set(row.ruleCode, (households.get(row.ruleCode) ?? 0) + 1);
  const all: RuleRow[] = QUALITY_RULES.map((rule) => ({
    code: rule.code,
    title: rule.title,
    explanation: rule.explanation,
    severity: rule.severity,
    level: rule.level,
    fields: rule.fields,
    hits: hits.get(rule.code) ?? 0,
    households: households.get(rule.code) ?? 0,
  }));
  const matching = all.filter(
    (rule) => (!filter.severity || rule.severity === filter.severity) && (!filter.level || rule.level === filter.level) && (!filter.open || rule.hits > 0),
  );
  const { skip, take } = skipTake(paging);
  return {
    page: toPage(matching.slice(skip, skip + take), matching.length, paging),
    summary: { rules: all.length, rulesWithHits: all.filter((rule) => rule.hits > 0).length, hits: all.reduce((sum, rule) => sum + rule.hits, 0) },
    refreshedAt,
  };
}

export type HitRow = {
  id: string;
  ruleCode: string;
  ruleTitle: string;
  severity: QualitySeverity;
  message: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  memberName: string | null;
  /** The member's ID number, masked (the export shows it; the page does not). */
  memberIdMasked: string | null;
  townshipName: string;
  villageName: string;
  memberId: string | null;
  field: string;
  /** The 已核实无误 mark the hit is quiet under (null: open). */
  mark: MarkInfo | null;
};

export type MarkInfo = {
  id: string;
  version: number;
  reason: string;
  verifiedBy: string;
  verifiedAt: Date;
  attachmentId: string | null;
};

/** The marks behind these hits (who marked them, why, with which evidence). */
async function marksOf(markIds: (string | null)[]): Promise<Map<string, MarkInfo>> {
  const ids = [...new Set(markIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const marks = await db.qualityMark.findMany({
    where: { id: { in: ids } },
    select: { id: true, version: true, reason: true, createdBy: true, createdAt: true, attachmentId: true },
  });
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: marks.map((mark) => mark.createdBy) } }, select: { id: true, displayName: true } })).map((user) => [
      user.id,
      user.displayName,
    ]),
  );
  return new Map(
    marks.map((mark) => [
      mark.id,
      {
        id: mark.id,
        version: mark.version,
        reason: mark.reason,
        verifiedBy: users.get(mark.createdBy) ?? "",
        verifiedAt: mark.createdAt,
        attachmentId: mark.attachmentId,
      },
    ]),
  );
}

export type RegionCount = { code: string; name: string; hits: number };

/** /quality: the hits in scope, filtered, with their counts per township (or per village inside one township). */
export async function findQualityHits(actor: Actor, filter: THitFilter, paging: PageParams) {
  requirePermission(actor, "quality.read");
  const where: Prisma.QualityHitWhereInput = {
    AND: [
      qualityHitScopeWhere(actor),
      filter.status === "verified" ? { verifiedMarkId: { not: null } } : OPEN,
      filter.severity ? { severity: filter.severity } : {},
      filter.rule ? { ruleCode: filter.rule } : {},
      filter.township ? { townshipCode: filter.township } : {},
      filter.village ? { villageCode: filter.village } : {},
    ],
  };
  const byVillage = Boolean(filter.township || filter.village || actor.townshipCode);
  const [rows, total, groups, refreshedAt] = await Promise.all([
    db.qualityHit.findMany({
      where,
      orderBy: [{ severity: "asc" }, { ruleCode: "asc" }, { householdId: "asc" }, { id: "asc" }],
      ...skipTake(paging),
      select: {
        id: true,
        ruleCode: true,
        severity: true,
        message: true,
        householdId: true,
        townshipCode: true,
        villageCode: true,
        memberId: true,
        field: true,
        verifiedMarkId: true,
        member: { select: { name: true, idNumber: true } },
        household: { select: { householdNo: true, members: { where: { relation: "HEAD", status: "PRESENT" }, select: { name: true }, take: 1 } } },
      },
    }),
    db.qualityHit.count({ where, take: COUNT_CAP + 1 } as Prisma.QualityHitCountArgs),
    byVillage
      ? db.qualityHit.groupBy({ by: ["villageCode"], where, _count: { _all: true } })
      : db.qualityHit.groupBy({ by: ["townshipCode"], where, _count: { _all: true } }),
    lastRefresh(actor),
  ]);
  const codes = [
    ...new Set([
      ...rows.flatMap((row) => [row.townshipCode, row.villageCode]),
      ...groups.map((group) => ("villageCode" in group ? group.villageCode : (group as { townshipCode: string }).townshipCode)),
    ]),
  ];
  const names = new Map(
    (await db.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true } })).map((region) => [region.code, region.name]),
  );
  const marks = await marksOf(rows.map((row) => row.verifiedMarkId));
  const regions: RegionCount[] = groups
    .map((group) => {
      const code = "villageCode" in group ? group.villageCode : (group as { townshipCode: string }).townshipCode;
      return { code, name: names.get(code) ?? code, hits: group._count._all };
    })
    .sort((a, b) => b.hits - a.hits || a.code.localeCompare(b.code));
  const page: Page<HitRow> = toPage(
    rows.map((row) => ({
      id: row.id.toString(),
      ruleCode: row.ruleCode,
      ruleTitle: qualityRule(row.ruleCode)?.title ?? row.ruleCode,
      severity: row.severity as QualitySeverity,
      message: row.message,
      householdId: row.householdId,
      householdNo: row.household.householdNo,
      headName: row.household.members[0]?.name ?? null,
      memberName: row.member?.name ?? null,
      memberIdMasked: row.member ? maskIdNumber(row.member.idNumber) : null,
      townshipName: names.get(row.townshipCode) ?? row.townshipCode,
      villageName: names.get(row.villageCode) ?? row.villageCode,
      memberId: row.memberId,
      field: row.field,
      mark: row.verifiedMarkId ? (marks.get(row.verifiedMarkId) ?? null) : null,
    })),
    Math.min(total, COUNT_CAP),
    paging,
    total > COUNT_CAP,
  );
  return { page, regions, regionLevel: byVillage ? ("VILLAGE" as const) : ("TOWNSHIP" as const), refreshedAt };
}

export type HomeQualityCard = { regionWord: string; hits: number; rules: { code: string; title: string; severity: QualitySeverity; hits: number }[] };

/** The home page's "本村/本乡镇 N 条待处理疑点": the open hits in scope, the worst rules first (错误 before 疑点, then by count); null without quality.read. */
export async function homeQualityCard(actor: Actor, top = 5): Promise<HomeQualityCard | null> {
  if (!can(actor, "quality.read")) return null;
  const byRule = await db.qualityHit.groupBy({
    by: ["ruleCode", "severity"],
    where: { AND: [qualityHitScopeWhere(actor), OPEN] },
    _count: { _all: true },
  });
  const rules = byRule
    .map((row) => ({
      code: row.ruleCode,
      title: qualityRule(row.ruleCode)?.title ?? row.ruleCode,
      severity: row.severity as QualitySeverity,
      hits: row._count._all,
    }))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "ERROR" ? -1 : 1) || b.hits - a.hits || a.code.localeCompare(b.code));
  const regionWord = actor.regionLevel === "VILLAGE" ? "本村" : actor.regionLevel === "TOWNSHIP" ? "本乡镇" : "本县";
  return { regionWord, hits: rules.reduce((sum, rule) => sum + rule.hits, 0), rules: rules.slice(0, top) };
}

export type HouseholdHitRow = {
  ruleCode: string;
  ruleTitle: string;
  severity: QualitySeverity;
  message: string;
  memberId: string | null;
  memberName: string | null;
  field: string;
  mark: MarkInfo | null;
};

/** The household page's 疑点数据 panel: every stored hit of the household, open ones first; null without quality.read. */
export async function householdQualityHits(actor: Actor, householdId: string): Promise<HouseholdHitRow[] | null> {
  if (!can(actor, "quality.read")) return null;
  const household = await db.household.findFirst({ where: { id: householdId, ...householdScopeWhere(actor) }, select: { id: true } });
  if (!household) throw notFound("户档");
  const rows = await db.qualityHit.findMany({
    where: { AND: [qualityHitScopeWhere(actor), { householdId }] },
    orderBy: [{ severity: "asc" }, { ruleCode: "asc" }, { id: "asc" }],
    select: { ruleCode: true, severity: true, message: true, memberId: true, field: true, verifiedMarkId: true, member: { select: { name: true } } },
    take: 200,
  });
  const marks = await marksOf(rows.map((row) => row.verifiedMarkId));
  return rows
    .map((row) => ({
      ruleCode: row.ruleCode,
      ruleTitle: qualityRule(row.ruleCode)?.title ?? row.ruleCode,
      severity: row.severity as QualitySeverity,
      message: row.message,
      memberId: row.memberId,
      memberName: row.member?.name ?? null,
      field: row.field,
      mark: row.verifiedMarkId ? (marks.get(row.verifiedMarkId) ?? null) : null,
    }))
    .sort((a, b) => Number(a.mark !== null) - Number(b.mark !== null));
}
