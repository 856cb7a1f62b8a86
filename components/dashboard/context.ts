import { drillDownHref, type DrillDownRegion } from "@/lib/dashboard/drill-down";
import type { Dashboard, RegionSummary } from "@/lib/dashboard/queries";

/** What every section needs to build its links: the year and the region tree of the view. */
export type ViewContext = {
  year: number;
  /** The list behind a figure of a region (of the view's year unless another is given). */
  href: (figure: string, region: RegionSummary, year?: number) => string;
  /** The dashboard of a child region. */
  regionHref: (region: RegionSummary) => string;
  /** What a drill-down link needs of a region (for tables that build their links themselves). */
  drillRegion: (region: RegionSummary) => DrillDownRegion;
};

export function viewContext(dashboard: Dashboard): ViewContext {
  const townshipOf = (region: RegionSummary): string | null => {
    if (region.level === "TOWNSHIP") return region.code;
    if (region.level !== "VILLAGE") return null;
    if (dashboard.region.level === "TOWNSHIP") return dashboard.region.code;
    return dashboard.breadcrumb.find((entry) => entry.level === "TOWNSHIP")?.code ?? null;
  };
  const drillRegion = (region: RegionSummary): DrillDownRegion => ({ level: region.level, code: region.code, townshipCode: townshipOf(region) });
  return {
    year: dashboard.year,
    href: (figure, region, year = dashboard.year) => drillDownHref(figure, year, drillRegion(region)),
    regionHref: (region) => `/dashboard?region=${region.code}&year=${dashboard.year}`,
    drillRegion,
  };
}
