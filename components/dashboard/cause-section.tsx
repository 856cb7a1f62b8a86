import { Chart } from "@/components/dashboard/charts/chart";
import { DASHBOARD_CHARTS, causeRows } from "@/components/dashboard/charts/dashboard-charts";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { causeFigure } from "@/lib/dashboard/figures";
import { valueOf, type Dashboard } from "@/lib/dashboard/queries";
import { formatCount, percentText } from "@/lib/dashboard/rules";
import { POVERTY_CAUSE } from "@/lib/domain/codes";
import type { ViewContext } from "./context";
import { FigureTable } from "./figure-table";
import { ExportLink, Section } from "./section";

/** 致贫原因 shares of the registered households, by households and by people ("因病 947户2112人，占55.9%"). */
export function CauseSection({ dashboard, context, exportHref }: { dashboard: Dashboard; context: ViewContext; exportHref: string }) {
  const { region } = dashboard;
  const registered = valueOf(region.figures, "registered");
  const rows = causeRows(region);
  const causesChart = DASHBOARD_CHARTS.causes(dashboard, context);
  return (
    <Section title="致贫原因构成（主要致贫原因）" id="causes" actions={<ExportLink href={exportHref} />}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">暂无建档立卡户</p>
      ) : (
        <>
          {causesChart ? <Chart name="causes" spec={causesChart} dashboard={dashboard} /> : null}
          <FigureTable
            label="致贫原因构成"
            head="致贫原因"
            year={context.year}
            list={drillDownListOf(rows.map((row) => causeFigure(row.cause)))}
            columns={[{ label: "户数", spoken: "" }, { label: "占户数" }, { label: "人数" }, { label: "占人数" }]}
            rows={rows.map((row) => ({
              key: row.cause,
              name: POVERTY_CAUSE.label(row.cause),
              region: context.drillRegion(region),
              cells: [
                { figure: causeFigure(row.cause), value: row.value.households },
                { text: percentText(row.value.households, registered.households) },
                { text: formatCount(row.value.people) },
                { text: percentText(row.value.people, registered.people) },
              ],
            }))}
          />
        </>
      )}
    </Section>
  );
}
