import { Chart } from "@/components/dashboard/charts/chart";
import { DASHBOARD_CHARTS, EXIT_CRITERIA } from "@/components/dashboard/charts/dashboard-charts";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { failsFigure } from "@/lib/dashboard/figures";
import { valueOf, type Dashboard } from "@/lib/dashboard/queries";
import { percentText } from "@/lib/dashboard/rules";
import { EXIT_CRITERION_LABELS } from "@/lib/exits/household/criteria";
import { REGION_LEVEL } from "@/lib/domain/codes";
import type { ViewContext } from "./context";
import { FigureTable } from "./figure-table";
import { ExportLink, Section } from "./section";

/**
 * 短板清单: how many not-exited households fail each 两不愁三保障 criterion and the income criterion
 * now, evaluated by the exit sheet's own rule functions — per criterion, and per child region.
 */
export function ShortfallSection({
  dashboard,
  context,
  evaluatedYear,
  exportHref,
}: {
  dashboard: Dashboard;
  context: ViewContext;
  evaluatedYear: number;
  exportHref: string;
}) {
  const { region, children, childLevel } = dashboard;
  const open = valueOf(region.figures, "open").households;
  const shortfallsChart = DASHBOARD_CHARTS.shortfalls(dashboard, context);
  return (
    <Section title="短板清单（两不愁三保障及收入）" id="shortfalls" wide actions={<ExportLink href={exportHref} />}>
      <p className="mb-2 text-xs text-slate-500">
        当前未脱贫的 {open.toLocaleString("zh-CN")} 户按 {evaluatedYear} 年度退出标准逐户评估（与退出核验表同一规则）；同一户可能有多项未达标。
      </p>
      {shortfallsChart ? <Chart name="shortfalls" spec={shortfallsChart} dashboard={dashboard} /> : null}
      <FigureTable
        label="短板清单"
        head={childLevel ? REGION_LEVEL.label(childLevel) : "范围"}
        year={context.year}
        list={drillDownListOf([...EXIT_CRITERIA.map(failsFigure), "failsAny"])}
        columns={[
          ...EXIT_CRITERIA.map((criterion) => ({
            label: EXIT_CRITERION_LABELS[criterion],
            figure: failsFigure(criterion),
            spoken: `未达到${EXIT_CRITERION_LABELS[criterion]}`,
          })),
          { label: "至少一项", figure: "failsAny", spoken: "至少一项未达标" },
        ]}
        rows={[...children, region].map((row) => ({
          key: row.code,
          name: row === region ? `合计（${row.name}）` : row.name,
          region: context.drillRegion(row),
          tone: row === region ? "total" : undefined,
          cells: [
            ...EXIT_CRITERIA.map((criterion) => valueOf(row.figures, failsFigure(criterion)).households),
            {
              value: valueOf(row.figures, "failsAny").households,
              note: percentText(valueOf(row.figures, "failsAny").households, valueOf(row.figures, "open").households),
            },
          ],
        }))}
      />
    </Section>
  );
}
