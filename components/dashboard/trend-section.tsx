import { Chart } from "@/components/dashboard/charts/chart";
import { lineOption } from "@/components/dashboard/charts/options";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { ViewContext } from "./context";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { formatCount } from "@/lib/dashboard/rules";
import { FigureTable } from "./figure-table";
import { Section } from "./section";

/** Exits per year: the road so far. Each year opens the households that exited in it. */
export function TrendSection({ dashboard, context }: { dashboard: Dashboard; context: ViewContext }) {
  const { trend, region } = dashboard;
  const yearHref = (year: number) => context.href("exitedInYear", region, year);
  return (
    <Section title="历年脱贫户数" id="trend">
      {trend.length === 0 ? (
        <p className="text-sm text-slate-500">尚无脱贫户</p>
      ) : (
        <>
          <Chart
            title="历年脱贫户数，点击查看户"
            option={lineOption({ categories: trend.map((row) => `${row.year}`), series: [{ name: "脱贫户", values: trend.map((row) => row.households) }] })}
            links={[trend.map((row) => yearHref(row.year))]}
            width={480}
            height={240}
          />
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
