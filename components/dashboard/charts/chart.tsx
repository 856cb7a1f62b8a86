import type { Dashboard } from "@/lib/dashboard/queries";
import { ChartInteractivity } from "./chart-interactivity";
import { chartVersion } from "./chart-version";
import type { ChartSpec, DashboardChartName } from "./dashboard-charts";

type Props = { name: DashboardChartName; spec: ChartSpec; dashboard: Dashboard };

/**
 * A dashboard chart: the server's SVG picture of it (shows before the chart library loads, prints), made
 * interactive by the client island. The page puts the table with the exact numbers beside it.
 */
export function Chart({ name, spec, dashboard }: Props) {
  const { title, option, links, width, height } = spec;
  const version = chartVersion(spec);
  const src = `/dashboard/charts/${name}?region=${dashboard.region.code}&year=${dashboard.year}&v=${version}`;
  return (
    <figure aria-label={title} className="min-w-0">
      <figcaption className="mb-1 text-sm font-medium text-slate-700">{title}</figcaption>
      {/* A new picture remounts the island, so React never rewrites the container under ECharts. */}
      <ChartInteractivity key={version} label={title} src={src} option={option} links={links} width={width} height={height} />
    </figure>
  );
}
