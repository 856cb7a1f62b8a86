import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { regionCovers } from "@/lib/auth/scope";
import { db } from "@/lib/db";
import type { RegionLevel } from "@/lib/domain/codes";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { sumTargets, type TargetCounts } from "./rules";
import { findTargetCounts } from "./targets";

/**
 * What the 挂图作战 page shows for one region and year: the figures of the region and of each of
 * its child regions, read from the per-village rollup only (never from household or person rows).
 */

export type FigureValue = { households: number; people: number; amountFen: bigint };
/** Figure code → value; figures with nothing to count are absent (read them with `valueOf`). */
export type Figures = Map<string, FigureValue>;

export type Population = { villages: number; reported: number; total: number };
/** Households and people to exit in the year. */
export type Target = TargetCounts;

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

export async function loadDashboard(actor: Actor, options: { regionCode?: string; year: number }): Promise<Dashboard> {
  requirePermission(actor, "dashboard.read");
  const region = await regionInScope(actor, options.regionCode);
  const { year } = options;
  const childLevel: RegionLevel | null = region.level === "COUNTY" ? "TOWNSHIP" : region.level === "TOWNSHIP" ? "VILLAGE" : null;

  const [refresh, children, populations, targets, breadcrumb] = await Promise.all([
    db.indicatorRefresh.findUnique({ where: { countyCode: region.countyCode } }),
    childLevel
      ? db.region.findMany({ where: { parentCode: region.code, level: childLevel }, orderBy: [{ sortOrder: "asc" }, { code: "asc" }], select: REGION_SELECT })
      : Promise.resolve([] as RegionRow[]),
    populationsByChild(region, year),
    findTargetCounts(db, region.countyCode, year),
    breadcrumbOf(actor, region),
  ]);
  // After the refresh row: figures read later are at least as new as its time (the refresh writes both in one transaction).
  const { byRegion, trendRows } = await snapshotFigures(region.code, year, refresh?.refreshedAt ?? null);

  const noPopulation: Population = { villages: 0, reported: 0, total: 0 };
  const populationOf = (code: string) => populations.get(code) ?? noPopulation;
  const regionPopulation: Population =
    region.level === "VILLAGE"
      ? populationOf(region.code)
      : [...populations.values()].reduce(
          (sum, p) => ({ villages: sum.villages + p.villages, reported: sum.reported + p.reported, total: sum.total + p.total }),
          noPopulation,
        );

  const targetOf = (code: string): Target | null => targets.get(code) ?? null;
  const leaderTownships = new Set(actor.role === "COUNTY_LEADER" ? actor.leaderTownships : []);
  const summaries = children.map((child): RegionSummary => ({
    code: child.code,
    name: child.name,
    level: child.level as RegionLevel,
    figures: byRegion.get(child.code) ?? new Map(),
    population: populationOf(child.code),
    target: targetOf(child.code),
    targetsMissing: 0,
    highlighted: leaderTownships.has(child.code),
  }));

  let target = targetOf(region.code);
  let targetsMissing = 0;
  if (region.level === "COUNTY") {
    // A county's target is the sum of its townships' (the page says how many have none).
    const { missing, ...sum } = sumTargets(summaries.map((child) => child.target));
    targetsMissing = missing;
    target = missing < summaries.length ? sum : null;
  }

  return {
    year,
    region: {
      code: region.code,
      name: region.name,
      level: region.level as RegionLevel,
      figures: byRegion.get(region.code) ?? new Map(),
      population: regionPopulation,
      target,
      targetsMissing,
      highlighted: leaderTownships.has(region.code),
    },
    children: summaries,
    childLevel,
    breadcrumb,
    trend: continuousYears(trendRows),
    refresh: {
      refreshedAt: refresh?.refreshedAt ?? null,
      asOf: refresh?.asOf ? refresh.asOf.toISOString().slice(0, 10) : null,
      pending: !refresh?.refreshedAt,
    },
  };
}

type SnapshotFigures = { byRegion: Map<string, Figures>; trendRows: Dashboard["trend"] };

/**
 * The rollup rows of a region and its children, kept per snapshot. They change only when the refresh job
 * writes a new snapshot (with a new refresh time, in the same transaction), and every reader of a county
 * opens the same views: reading and decoding them again on each request was most of the page's data time
 * (bench/RESULTS.md). The cache key holds the refresh time, so a new snapshot is read at once; the maps
 * are shared between requests and never changed after they are built.
 */
const SNAPSHOT_CACHE_LIMIT = 200;
const snapshotCache = new Map<string, SnapshotFigures>();

async function snapshotFigures(regionCode: string, year: number, refreshedAt: Date | null): Promise<SnapshotFigures> {
  const key = `${regionCode}|${year}|${refreshedAt?.getTime() ?? "none"}`;
  const cached = snapshotCache.get(key);
  if (cached) {
    snapshotCache.delete(key);
    snapshotCache.set(key, cached); // most recently used last
    return cached;
  }
  const [rows, trendRows] = await Promise.all([
    // The region's own row and its children's rows: one per region shown, whatever the county's size.
    db.indicatorRollup.findMany({
      where: { OR: [{ regionCode }, { parentCode: regionCode }], year: { in: [year, 0] } },
      select: { regionCode: true, figure: true, households: true, people: true, amountFen: true },
    }),
    db.indicatorRollup.findMany({
      where: { regionCode, figure: "exitedInYear", year: { gt: 0 } },
      orderBy: { year: "asc" },
      select: { year: true, households: true, people: true },
    }),
  ]);
  const byRegion = new Map<string, Figures>();
  for (const row of rows) {
    if (!byRegion.has(row.regionCode)) byRegion.set(row.regionCode, new Map());
    byRegion.get(row.regionCode)!.set(row.figure, { households: row.households, people: row.people, amountFen: row.amountFen });
  }
  const figures = { byRegion, trendRows };
  // Before the first snapshot there is nothing to keep.
  if (refreshedAt) {
    snapshotCache.set(key, figures);
    if (snapshotCache.size > SNAPSHOT_CACHE_LIMIT) snapshotCache.delete(snapshotCache.keys().next().value!);
  }
  return figures;
}

/** Years without exits between the first and the last are shown as 0, so the trend does not skip them. */
function continuousYears(rows: Dashboard["trend"]): Dashboard["trend"] {
  if (rows.length === 0) return [];
  const byYear = new Map(rows.map((row) => [row.year, row]));
  const years = rows.map((row) => row.year);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  return Array.from({ length: last - first + 1 }, (_, index) => byYear.get(first + index) ?? { year: first + index, households: 0, people: 0 });
}

/** Per child region (per village for a village): its villages, how many entered a population for the year, and the sum. */
async function populationsByChild(region: RegionRow, year: number): Promise<Map<string, Population>> {
  const child = region.level === "COUNTY" ? Prisma.sql`r.township_code` : Prisma.sql`r.code`;
  const within =
    region.level === "COUNTY"
      ? Prisma.sql`r.county_code = ${region.countyCode}`
      : region.level === "TOWNSHIP"
        ? Prisma.sql`r.township_code = ${region.code}`
        : Prisma.sql`r.code = ${region.code}`;
  const rows = await db.$queryRaw<{ child: string; villages: bigint; reported: bigint; total: bigint }[]>`
    SELECT ${child} AS child, count(*) AS villages, count(p.village_code) AS reported, coalesce(sum(p.rural_population), 0) AS total
    FROM region r LEFT JOIN village_population p ON p.village_code = r.code AND p.year = ${year}
    WHERE r.level = 'VILLAGE' AND ${within}
    GROUP BY 1`;
  return new Map(rows.map((row) => [row.child, { villages: Number(row.villages), reported: Number(row.reported), total: Number(row.total) }]));
}

/** The way up from the region, as far as the actor's scope reaches. */
async function breadcrumbOf(actor: Actor, region: RegionRow): Promise<Dashboard["breadcrumb"]> {
  const codes = [`${region.countyCode}000000`, region.townshipCode, region.code].filter(
    (code, index, all): code is string => !!code && all.indexOf(code) === index,
  );
  const found = await db.region.findMany({ where: { code: { in: codes } }, select: REGION_SELECT });
  const rows = found.filter((row) => regionCovers(actor, row));
  const order: Record<string, number> = { COUNTY: 0, TOWNSHIP: 1, VILLAGE: 2 };
  return rows.map((row) => ({ code: row.code, name: row.name, level: row.level as RegionLevel })).sort((a, b) => order[a.level] - order[b.level]);
}

/** The years the selector offers: from the first registration year on record to the current year. */
export async function dashboardYears(actor: Actor, currentYear: number): Promise<number[]> {
  requirePermission(actor, "dashboard.read");
  const first = await db.indicatorRollup.aggregate({ where: { regionCode: `${actor.countyCode}000000`, year: { gt: 0 } }, _min: { year: true } });
  const from = Math.min(first._min.year ?? currentYear, currentYear);
  return Array.from({ length: currentYear - from + 1 }, (_, index) => currentYear - index);
}

/** When the snapshot behind the figures (and their drill-down lists) was taken; null before the first refresh. */
export async function snapshotTime(actor: Actor): Promise<Date | null> {
  const refresh = await db.indicatorRefresh.findUnique({ where: { countyCode: actor.countyCode }, select: { refreshedAt: true } });
  return refresh?.refreshedAt ?? null;
}
