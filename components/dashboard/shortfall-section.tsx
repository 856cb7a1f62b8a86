import { Chart } from "@/components/dashboard/charts/chart";
import { barOption } from "@/components/dashboard/charts/options";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { failsFigure } from "@/lib/dashboard/figures";
import { valueOf, type Dashboard } from "@/lib/dashboard/queries";
import { percentText } from "@/lib/dashboard/rules";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import { REGION_LEVEL } from "@/lib/domain/codes";
import type { ViewContext } from "./context";
import { FigureTable } from "./figure-table";
import { ExportLink, Section } from "./section";

const CRITERIA = Object.keys(EXIT_CRITERION_LABELS) as ExitCriterionCode[];

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
  return (
    <Section title="短板清单（两不愁三保障及收入）" id="shortfalls" wide actions={<ExportLink href={exportHref} />}>
      <p className="mb-2 text-xs text-slate-500">
        当前未脱贫的 {open.toLocaleString("zh-CN")} 户按 {evaluatedYear} 年度退出标准逐户评估（与退出核验表同一规则）；同一户可能有多项未达标。
      </p>
      <Chart
        title="各项标准未达标户数，点击查看户"
        option={barOption({
          categories: CRITERIA.map((criterion) => EXIT_CRITERION_LABELS[criterion]),
          series: [{ name: "未达标户", values: CRITERIA.map((criterion) => valueOf(region.figures, failsFigure(criterion)).households) }],
          unit: "户",
          horizontal: true,
        })}
        links={[CRITERIA.map((criterion) => context.href(failsFigure(criterion), region))]}
        width={720}
        height={260}
      />
      <FigureTable
        label="短板清单"
        head={childLevel ? REGION_LEVEL.label(childLevel) : "范围"}
        year={context.year}
        list={drillDownListOf([...CRITERIA.map(failsFigure), "failsAny"])}
        columns={[
          ...CRITERIA.map((criterion) => ({
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
            ...CRITERIA.map((criterion) => valueOf(row.figures, failsFigure(criterion)).households),
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
