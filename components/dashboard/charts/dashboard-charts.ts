import { fundFigure, causeFigure, failsFigure } from "@/lib/dashboard/figures";
import { valueOf, type Dashboard, type FigureValue, type RegionSummary } from "@/lib/dashboard/queries";
import { FUNDING_SOURCE, POVERTY_CAUSE, REGION_LEVEL, type FundingSourceCode, type PovertyCause } from "@/lib/domain/codes";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import type { ViewContext } from "../context";
import { barOption, lineOption, pieOption, type ChartLinks, type ChartOption } from "./options";

/** One chart of the dashboard: what it draws, where each element leads, and the size of its server picture. */
export type ChartSpec = { title: string; option: ChartOption; links: ChartLinks; width: number; height: number };

export const EXIT_CRITERIA = Object.keys(EXIT_CRITERION_LABELS) as ExitCriterionCode[];

/** The registered households' main causes, largest first (the chart and the table beside it show the same rows). */
export function causeRows(region: RegionSummary): { cause: PovertyCause; value: FigureValue }[] {
  return POVERTY_CAUSE.codes
    .map((cause) => ({ cause, value: valueOf(region.figures, causeFigure(cause)) }))
    .filter((row) => row.value.households > 0)
    .sort((a, b) => b.value.households - a.value.households);
}

export function fundRows(region: RegionSummary): { source: FundingSourceCode; value: FigureValue }[] {
  return FUNDING_SOURCE.codes.map((source) => ({ source, value: valueOf(region.figures, fundFigure(source)) }));
}

/**
 * The dashboard's charts by name. The page draws them from here, and so does the route that serves
 * each chart's picture (app/(app)/dashboard/charts/[name]/route.ts): one definition, the same picture.
 * null: the view has nothing to draw (the section says so in words).
 */
export const DASHBOARD_CHARTS = {
  regions(dashboard: Dashboard, context: ViewContext): ChartSpec | null {
    const { children, childLevel } = dashboard;
    if (!childLevel || children.length === 0) return null;
    return {
      title: `各${REGION_LEVEL.label(childLevel)}未脱贫户（${context.year}年底），点击进入`,
      option: barOption({
        categories: children.map((child) => child.name),
        series: [{ name: "未脱贫户", values: children.map((child) => valueOf(child.figures, "remaining").households) }],
        unit: "户",
      }),
      links: [children.map((child) => context.regionHref(child))],
      width: 720,
      height: Math.max(260, 28 * children.length + 80),
    };
  },

  trend(dashboard: Dashboard, context: ViewContext): ChartSpec | null {
    const { trend, region } = dashboard;
    if (trend.length === 0) return null;
    return {
      title: "历年脱贫户数，点击查看户",
      option: lineOption({ categories: trend.map((row) => `${row.year}`), series: [{ name: "脱贫户", values: trend.map((row) => row.households) }] }),
      links: [trend.map((row) => context.href("exitedInYear", region, row.year))],
      width: 480,
      height: 240,
    };
  },

  shortfalls(dashboard: Dashboard, context: ViewContext): ChartSpec | null {
    const { region } = dashboard;
    return {
      title: "各项标准未达标户数，点击查看户",
      option: barOption({
        categories: EXIT_CRITERIA.map((criterion) => EXIT_CRITERION_LABELS[criterion]),
        series: [{ name: "未达标户", values: EXIT_CRITERIA.map((criterion) => valueOf(region.figures, failsFigure(criterion)).households) }],
        unit: "户",
        horizontal: true,
      }),
      links: [EXIT_CRITERIA.map((criterion) => context.href(failsFigure(criterion), region))],
      width: 720,
      height: 260,
    };
  },

  causes(dashboard: Dashboard, context: ViewContext): ChartSpec | null {
    const { region } = dashboard;
    const rows = causeRows(region);
    if (rows.length === 0) return null;
    return {
      title: "主要致贫原因户数占比，点击查看户",
      option: pieOption({
        items: rows.map((row) => ({ name: POVERTY_CAUSE.label(row.cause), value: row.value.households })),
        total: valueOf(region.figures, "registered").households,
      }),
      links: [rows.map((row) => context.href(causeFigure(row.cause), region))],
      width: 480,
      height: 300,
    };
  },

  funds(dashboard: Dashboard, context: ViewContext): ChartSpec | null {
    const { region } = dashboard;
    const rows = fundRows(region);
    return {
      title: "各资金来源投入（元），点击查看受益户",
      option: barOption({
        categories: rows.map((row) => FUNDING_SOURCE.label(row.source)),
        // Whole yuan: the chart's labels are counts; the table beside it shows the exact amounts.
        series: [{ name: "资金（元）", values: rows.map((row) => Number(row.value.amountFen / BigInt(100))) }],
        unit: "元",
        horizontal: true,
      }),
      links: [rows.map((row) => context.href(fundFigure(row.source), region))],
      width: 480,
      height: 280,
    };
  },
} satisfies Record<string, (dashboard: Dashboard, context: ViewContext) => ChartSpec | null>;

export type DashboardChartName = keyof typeof DASHBOARD_CHARTS;

export function isDashboardChartName(name: string): name is DashboardChartName {
  return Object.hasOwn(DASHBOARD_CHARTS, name);
}
