import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { currentYear } from "@/lib/dates";
import { can } from "@/lib/auth/permissions";
import { countOverdueFindings, overdueFindingsHref } from "@/lib/inspections/findings/queries";
import { loadMonitoringFigures, type MonitoringFigures } from "@/lib/monitoring/figures";
import { getCountySettings } from "@/lib/settings/queries";
import { figureCaption } from "./drill-down";
import { dashboardYears, loadDashboard, snapshotTime, type Dashboard } from "./queries";

export const ZDashboardQuery = z.object({
  region: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
  year: z.coerce.number().int().min(2010).max(2100).optional().catch(undefined),
});

/** 督查问题 past their deadline in the region, with the list that shows them (null: the reader has no finding list). */
export type OverdueFindings = { count: number; href: string } | null;

export type DashboardViewData = {
  dashboard: Dashboard;
  years: number[];
  evaluatedYear: number;
  visitOverdueDays: number;
  overdueFindings: OverdueFindings;
  /** 防止返贫监测 figures of the region and its children (null: the reader has no monitoring access). */
  monitoring: MonitoringFigures | null;
  printedAt: Date;
};

type DashboardParams = Record<string, string | string[] | undefined>;

/** The figures of the URL's region and year (default: the actor's region, the current year). */
export function loadDashboardOf(actor: Actor, params: DashboardParams): Promise<Dashboard> {
  const query = ZDashboardQuery.parse(params);
  return loadDashboard(actor, { regionCode: query.region, year: query.year ?? currentYear() });
}

/** Everything the 挂图作战 page shows, for the URL's region and year (default: the actor's region, the current year). */
export async function loadDashboardView(actor: Actor, params: DashboardParams): Promise<DashboardViewData> {
  const thisYear = currentYear();
  const [dashboard, years, settings] = await Promise.all([loadDashboardOf(actor, params), dashboardYears(actor, thisYear), getCountySettings()]);
  // After loadDashboard: the region is in the actor's scope by then.
  const { region } = dashboard;
  const asFigureRegion = (entry: { code: string; level: string }) => ({
    code: entry.code,
    level: entry.level as "COUNTY" | "TOWNSHIP" | "VILLAGE",
    townshipCode: null,
  });
  const [overdueCount, monitoring] = await Promise.all([
    can(actor, "finding.read") ? countOverdueFindings(actor, region) : null,
    loadMonitoringFigures(actor, asFigureRegion(region), dashboard.children.map(asFigureRegion)),
  ]);
  const overdueFindings: OverdueFindings = overdueCount === null ? null : { count: overdueCount, href: overdueFindingsHref(region) };
  return {
    dashboard,
    monitoring,
    years: years.includes(dashboard.year) ? years : [dashboard.year, ...years],
    evaluatedYear: thisYear,
    visitOverdueDays: settings.visitOverdueDays,
    overdueFindings,
    printedAt: new Date(),
  };
}

/** A list opened from a dashboard figure: which figure and year, its caption, and the snapshot it was counted on. */
export type FigureFilter = { figure: string; year: number; caption: string; refreshedAt: Date | null };

export async function figureFilterOf(actor: Actor, filter: { figure?: string; fy?: number }): Promise<FigureFilter | null> {
  if (!filter.figure) return null;
  const year = filter.fy ?? currentYear();
  const caption = figureCaption(filter.figure, year);
  return caption ? { figure: filter.figure, year, caption, refreshedAt: await snapshotTime(actor) } : null;
}
