/**
 * The lists behind the monitoring figures of the 挂图作战 page and the shape of the counts (lib/monitoring/figures.ts
 * counts them). No imports: the dashboard's components build their links with it.
 */

/** Where a figure of a region shows its list. */
export type FigureRegion = { level: "COUNTY" | "TOWNSHIP" | "VILLAGE"; code: string; townshipCode: string | null };

function regionParams(region: FigureRegion): Record<string, string> {
  if (region.level === "TOWNSHIP") return { township: region.code };
  if (region.level === "VILLAGE") return { village: region.code };
  return {};
}

export type MonitoringFigureKind = "object" | "warningsOpen" | "warningsOverdue" | "unmatched";

/** The list behind a monitoring figure of a region. */
export function monitoringFigureHref(kind: MonitoringFigureKind, region: FigureRegion, code = ""): string {
  const params = new URLSearchParams(regionParams(region));
  switch (kind) {
    case "object":
      params.set("figure", code);
      return `/monitoring?${params.toString()}`;
    case "warningsOpen":
      params.set("status", "OPEN");
      return `/monitoring/warnings?${params.toString()}`;
    case "warningsOverdue":
      params.set("status", "OPEN");
      params.set("overdue", "1");
      return `/monitoring/warnings?${params.toString()}`;
    case "unmatched":
      return `/monitoring/unmatched${params.size ? `?${params.toString()}` : ""}`;
  }
}

/** One region's monitoring figures: code → count (objects, or 预警 for the two 预警 figures). */
export type MonitoringCounts = Map<string, number>;

export type MonitoringFigures = {
  /** The object figures in the order shown, with their labels. */
  categories: { code: string; label: string }[];
  risks: { code: string; label: string }[];
  selfApplicationDays: number;
  year: number;
  /** By region code: the dashboard region and each of its children. */
  counts: Map<string, MonitoringCounts>;
};

export function countOf(figures: MonitoringFigures, regionCode: string, code: string): number {
  return figures.counts.get(regionCode)?.get(code) ?? 0;
}
