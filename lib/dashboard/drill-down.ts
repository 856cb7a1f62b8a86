/**
 * The list behind a dashboard figure: the household (or exit-sheet) list filtered by the same
 * definition the figure was counted with (lib/dashboard/figures.ts), on the same snapshot.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { figureByCode, FIGURES, type FigureDefinition } from "./figures";
import { figureListHref, type DrillDownList, type DrillDownRegion } from "./list-href";

export type { DrillDownRegion } from "./list-href";

export const HOUSEHOLD_FIGURE_CODES = FIGURES.filter((figure) => figure.source !== "sheet").map((figure) => figure.code) as [string, ...string[]];
export const SHEET_FIGURE_CODES = FIGURES.filter((figure) => figure.source === "sheet").map((figure) => figure.code) as [string, ...string[]];

export function householdFigureWhere(code: string, year: number): Prisma.HouseholdWhereInput {
  const figure = figureByCode(code);
  switch (figure?.source) {
    case "household":
      return { indicator: { is: figure.where(year) } };
    case "fund":
      return { indicator: { is: { funds: { some: figure.where(year) } } } };
    default:
      throw new RangeError(`不是户的统计口径：${code}`);
  }
}

export function sheetFigureWhere(code: string, year: number): Prisma.ExitSheetWhereInput {
  const figure = figureByCode(code);
  if (figure?.source !== "sheet") throw new RangeError(`不是核验表的统计口径：${code}`);
  return { indicator: { is: figure.where(year) } };
}

/** "2026年 未脱贫户" — the caption of a drill-down list. */
export function figureCaption(code: string, year: number): string | null {
  const figure: FigureDefinition | undefined = figureByCode(code);
  if (!figure) return null;
  return figure.yearly ? `${year}年 ${figure.label}` : `当前 ${figure.label}`;
}

/** Which list a figure opens. */
export function drillDownList(code: string): DrillDownList {
  const figure = figureByCode(code);
  if (!figure) throw new RangeError(`未知的统计口径：${code}`);
  return figure.source === "sheet" ? "/exits" : "/households";
}

/** The URL of the list behind a figure of a region. */
export function drillDownHref(code: string, year: number, region: DrillDownRegion): string {
  return figureListHref(drillDownList(code), code, year, region);
}

/** The one list a table's figures open (a table links to one kind of list). */
export function drillDownListOf(codes: readonly string[]): DrillDownList {
  const lists = new Set(codes.map(drillDownList));
  if (lists.size !== 1) throw new RangeError(`一张表的数字应打开同一种清单：${codes.join(", ")}`);
  return [...lists][0];
}
