import { Chart } from "@/components/dashboard/charts/chart";
import { DASHBOARD_CHARTS } from "@/components/dashboard/charts/dashboard-charts";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { ViewContext } from "./context";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { formatCount } from "@/lib/dashboard/rules";
import { FigureTable } from "./figure-table";
import { Section } from "./section";

/** Exits per year: the road so far. Each year opens the households that exited in it. */
export function TrendSection({ dashboard, context }: { dashboard: Dashboard; context: ViewContext }) {
  const { trend, region } = dashboard;
  const trendChart = DASHBOARD_CHARTS.trend(dashboard, context);
  return (
    <Section title="历年脱贫户数" id="trend">
      {trend.length === 0 ? (
        <p className="text-sm text-slate-500">尚无脱贫户</p>
      ) : (
        <>
          {trendChart ? <Chart name="trend" spec={trendChart} dashboard={dashboard} /> : null}
          <FigureTable
            label="历年脱贫户数"
            head="年度"
            year={context.year}
            list={drillDownListOf(["exitedInYear"])}
            columns={[{ label: "脱贫户" }, { label: "脱贫人口" }]}
            rows={trend.map((row) => ({
              key: String(row.year),
              name: `${row.year}年`,
              region: context.drillRegion(region),
              cells: [{ figure: "exitedInYear", year: row.year, value: row.households }, { text: formatCount(row.people) }],
            }))}
          />
        </>
      )}
    </Section>
  );
}
