import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { regionCovers } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type { RegionLevel } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import { findTargets } from "./targets";

/**
 * What the 挂图作战 page shows for one region and year: the figures of the region and of each of
 * its child regions, read from the per-village rollup only (never from household or person rows).
 */

export type FigureValue = { households: number; people: number; amountFen: bigint };
/** Figure code → value; figures with nothing to count are absent (read them with `valueOf`). */
export type Figures = Map<string, FigureValue>;

export type Population = { villages: number; reported: number; total: number };
export type Target = { households: number; people: number };

export type RegionSummary = {
  code: string;
  name: string;
  level: RegionLevel;
  figures: Figures;
  population: Population;
  /** A township's or village's own target; for the county, the sum of its townships' (see targetsMissing). */
  target: Target | null;
  /** Children without a target (county: townships). */
  targetsMissing: number;
  /** 包片: one of the signed-in leader's townships. */
  highlighted: boolean;
};

export type Dashboard = {
  year: number;
  region: RegionSummary;
  /** County → its townships; township → its villages; village → none. */
  children: RegionSummary[];
  childLevel: RegionLevel | null;
  breadcrumb: { code: string; name: string; level: RegionLevel }[];
  /** Exits per year (已脱贫 in that year) of the region, from the first year on record. */
  trend: { year: number; households: number; people: number }[];
  refresh: { refreshedAt: Date | null; asOf: string | null; pending: boolean };
};

const ZERO: FigureValue = { households: 0, people: 0, amountFen: BigInt(0) };

export function valueOf(figures: Figures, code: string): FigureValue {
  return figures.get(code) ?? ZERO;
}

type RegionRow = { code: string; name: string; level: string; countyCode: string; townshipCode: string | null; parentCode: string | null };
const REGION_SELECT = { code: true, name: true, level: true, countyCode: true, townshipCode: true, parentCode: true } as const;

/** The region the dashboard opens on: the requested one if the actor's scope covers it, else the actor's own region. */
async function regionInScope(actor: Actor, regionCode: string | undefined): Promise<RegionRow> {
  const code = regionCode ?? actor.regionCode;
  const region = await db.region.findUnique({ where: { code }, select: REGION_SELECT });
  if (!region || region.countyCode !== actor.countyCode || !regionCovers(actor, region)) throw notFound("区域");
  return region;
}

function rollupScope(region: RegionRow) {
  switch (region.level) {
    case "COUNTY":
      return { countyCode: region.countyCode };
    case "TOWNSHIP":
      return { townshipCode: region.code };
    default:
      return { villageCode: region.code };
  }
}

export async function loadDashboard(actor: Actor, options: { regionCode?: string; year: number }): Promise<Dashboard> {
  requirePermission(actor, "dashboard.read");
  const region = await regionInScope(actor, options.regionCode);
  const { year } = options;
  const scope = rollupScope(region);
  const childLevel: RegionLevel | null = region.level === "COUNTY" ? "TOWNSHIP" : region.level === "TOWNSHIP" ? "VILLAGE" : null;
  const childKey = region.level === "COUNTY" ? "townshipCode" : "villageCode";

  const [groups, trendRows, children, villages, populations, targets, refresh, breadcrumb] = await Promise.all([
    db.indicatorRollup.groupBy({
      by: [childKey, "figure"],
      where: { ...scope, year: { in: [year, 0] } },
      _sum: { households: true, people: true, amountFen: true },
    }),
    db.indicatorRollup.groupBy({ by: ["year"], where: { ...scope, figure: "exitedInYear", year: { gt: 0 } }, _sum: { households: true, people: true } }),
    childLevel
      ? db.region.findMany({
          where: childLevel === "TOWNSHIP" ? { parentCode: region.code, level: "TOWNSHIP" } : { parentCode: region.code, level: "VILLAGE" },
          orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
          select: REGION_SELECT,
        })
      : Promise.resolve([] as RegionRow[]),
    db.region.findMany({ where: { ...villageWhere(region) }, select: { code: true, townshipCode: true } }),
    db.villagePopulation.findMany({ where: { year, village: villageWhere(region) }, select: { villageCode: true, ruralPopulation: true } }),
    findTargets(db, region.countyCode, year),
    db.indicatorRefresh.findUnique({ where: { countyCode: region.countyCode } }),
    breadcrumbOf(region),
  ]);

  const byChild = new Map<string, Figures>();
  const total: Figures = new Map();
  for (const group of groups) {
    const child = group[childKey];
    const value: FigureValue = { households: group._sum.households ?? 0, people: group._sum.people ?? 0, amountFen: group._sum.amountFen ?? BigInt(0) };
    if (!byChild.has(child)) byChild.set(child, new Map());
    byChild.get(child)!.set(group.figure, value);
    const sum = total.get(group.figure) ?? ZERO;
    total.set(group.figure, { households: sum.households + value.households, people: sum.people + value.people, amountFen: sum.amountFen + value.amountFen });
  }

  const populationOfVillage = new Map(populations.map((row) => [row.villageCode, row.ruralPopulation]));
  const populationFor = (villageCodes: string[]): Population => ({
    villages: villageCodes.length,
    reported: villageCodes.filter((code) => populationOfVillage.has(code)).length,
    total: villageCodes.reduce((sum, code) => sum + (populationOfVillage.get(code) ?? 0), 0),
  });
  const villagesOf = (child: RegionRow) =>
    child.level === "TOWNSHIP" ? villages.filter((village) => village.townshipCode === child.code).map((village) => village.code) : [child.code];

  const targetOf = (code: string): Target | null => {
    const target = targets.get(code);
    return target ? { households: target.households, people: target.people } : null;
  };
  const leaderTownships = new Set(actor.role === "COUNTY_LEADER" ? actor.leaderTownships : []);
  const summaries = children.map((child): RegionSummary => ({
    code: child.code,
    name: child.name,
    level: child.level as RegionLevel,
    figures: byChild.get(child.code) ?? new Map(),
    population: populationFor(villagesOf(child)),
    target: targetOf(child.code),
    targetsMissing: 0,
    highlighted: leaderTownships.has(child.code),
  }));

  let target = targetOf(region.code);
  let targetsMissing = 0;
  if (region.level === "COUNTY") {
    const townshipTargets = summaries.map((child) => child.target);
    const set = townshipTargets.filter((value): value is Target => value !== null);
    targetsMissing = townshipTargets.length - set.length;
    target = set.length
      ? set.reduce((sum, value) => ({ households: sum.households + value.households, people: sum.people + value.people }), { households: 0, people: 0 })
      : null;
  }

  return {
    year,
    region: {
      code: region.code,
      name: region.name,
      level: region.level as RegionLevel,
      figures: total,
      population: populationFor(villages.map((village) => village.code)),
      target,
      targetsMissing,
      highlighted: leaderTownships.has(region.code),
    },
    children: summaries,
    childLevel,
    breadcrumb,
    trend: continuousYears(trendRows.map((row) => ({ year: row.year, households: row._sum.households ?? 0, people: row._sum.people ?? 0 }))),
    refresh: {
      refreshedAt: refresh?.refreshedAt ?? null,
      asOf: refresh?.asOf ? refresh.asOf.toISOString().slice(0, 10) : null,
      pending: !refresh?.refreshedAt,
    },
  };
}

/** Years without exits between the first and the last are shown as 0, so the trend does not skip them. */
function continuousYears(rows: Dashboard["trend"]): Dashboard["trend"] {
  if (rows.length === 0) return [];
  const byYear = new Map(rows.map((row) => [row.year, row]));
  const years = rows.map((row) => row.year);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  return Array.from({ length: last - first + 1 }, (_, index) => byYear.get(first + index) ?? { year: first + index, households: 0, people: 0 });
}

function villageWhere(region: RegionRow) {
  switch (region.level) {
    case "COUNTY":
      return { countyCode: region.countyCode, level: "VILLAGE" };
    case "TOWNSHIP":
      return { townshipCode: region.code, level: "VILLAGE" };
    default:
      return { code: region.code, level: "VILLAGE" };
  }
}

async function breadcrumbOf(region: RegionRow): Promise<Dashboard["breadcrumb"]> {
  const codes = [`${region.countyCode}000000`, region.townshipCode, region.code].filter(
    (code, index, all): code is string => !!code && all.indexOf(code) === index,
  );
  const rows = await db.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true, level: true } });
  const order: Record<string, number> = { COUNTY: 0, TOWNSHIP: 1, VILLAGE: 2 };
  return rows.map((row) => ({ code: row.code, name: row.name, level: row.level as RegionLevel })).sort((a, b) => order[a.level] - order[b.level]);
}

/** The years the selector offers: from the first registration year on record to the current year. */
export async function dashboardYears(actor: Actor, currentYear: number): Promise<number[]> {
  requirePermission(actor, "dashboard.read");
  const first = await db.indicatorRollup.aggregate({ where: { countyCode: actor.countyCode, year: { gt: 0 } }, _min: { year: true } });
  const from = Math.min(first._min.year ?? currentYear, currentYear);
  return Array.from({ length: currentYear - from + 1 }, (_, index) => currentYear - index);
}

/** When the snapshot behind the figures (and their drill-down lists) was taken; null before the first refresh. */
export async function snapshotTime(actor: Actor): Promise<Date | null> {
  const refresh = await db.indicatorRefresh.findUnique({ where: { countyCode: actor.countyCode }, select: { refreshedAt: true } });
  return refresh?.refreshedAt ?? null;
}
