/**
 * The address of the list behind a figure. No imports: the dashboard's tables (client
 * components) build their links with it from the figure code, so each link is not sent twice.
 */
export type DrillDownRegion = { level: "COUNTY" | "TOWNSHIP" | "VILLAGE"; code: string; townshipCode: string | null };

/** Household figures open the household list; exit-sheet figures the exit-sheet list. */
export type DrillDownList = "/households" | "/exits";

export function figureListHref(list: DrillDownList, code: string, year: number, region: DrillDownRegion): string {
  const params = new URLSearchParams({ figure: code, fy: String(year) });
  if (region.level === "TOWNSHIP") params.set("township", region.code);
  if (region.level === "VILLAGE") {
    if (region.townshipCode) params.set("township", region.townshipCode);
    params.set("village", region.code);
  }
  return `${list}?${params.toString()}`;
}
