import { Chart } from "@/components/dashboard/charts/chart";
import { DASHBOARD_CHARTS, fundRows } from "@/components/dashboard/charts/dashboard-charts";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { fundFigure } from "@/lib/dashboard/figures";
import { valueOf, type Dashboard } from "@/lib/dashboard/queries";
import { formatFenAsWanYuan, percentText } from "@/lib/dashboard/rules";
import { FUNDING_SOURCE } from "@/lib/domain/codes";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";
import { FigureTable } from "./figure-table";
import { ExportLink, Section } from "./section";

/** 因户施策 and 帮扶责任人 work: causes covered by fitting measures, visits, and the funds behind the measures. */
export function CoverageSection({
  dashboard,
  context,
  visitOverdueDays,
  exportHref,
}: {
  dashboard: Dashboard;
  context: ViewContext;
  visitOverdueDays: number;
  exportHref: string;
}) {
  const { region } = dashboard;
  const open = valueOf(region.figures, "open").households;
  const tiles = [
    { code: "covered", label: "因户施策到位", note: "每项致贫原因都有对应措施" },
    { code: "uncovered", label: "施策不精准", note: "有致贫原因没有对应措施" },
    { code: "visitOverdue", label: "超期未走访", note: `超过 ${visitOverdueDays} 天未走访或从未走访` },
  ];
  const funds = fundRows(region);
  const fundsChart = DASHBOARD_CHARTS.funds(dashboard, context);
  return (
    <Section title="因户施策与帮扶" id="coverage" actions={<ExportLink href={exportHref} />}>
      <dl className="grid grid-cols-3 gap-2">
        {tiles.map((tile) => (
          <div key={tile.code} className="rounded-lg border border-slate-200 p-2 print:border-slate-400">
            <dt className="text-xs text-slate-500">{tile.label}</dt>
            <dd className="text-lg font-semibold">
              <FigureLink href={context.href(tile.code, region)} value={valueOf(region.figures, tile.code).households} unit="户" label={tile.label} />
            </dd>
            <dd className="text-xs text-slate-500">
              占未脱贫户 {percentText(valueOf(region.figures, tile.code).households, open)}；{tile.note}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-sm font-medium text-slate-700">帮扶资金（实施中、已完成的措施，按资金来源）</h3>
      {fundsChart ? <Chart name="funds" spec={fundsChart} dashboard={dashboard} /> : null}
      <FigureTable
        label="帮扶资金"
        head="资金来源"
        year={context.year}
        list={drillDownListOf(funds.map((row) => fundFigure(row.source)))}
        columns={[{ label: "金额" }, { label: "受益户" }]}
        rows={funds.map((row) => ({
          key: row.source,
          name: FUNDING_SOURCE.label(row.source),
          region: context.drillRegion(region),
          cells: [{ text: formatFenAsWanYuan(row.value.amountFen) }, { figure: fundFigure(row.source), value: row.value.households }],
        }))}
      />
    </Section>
  );
}
