import { Chart } from "@/components/dashboard/charts/chart";
import { barOption } from "@/components/dashboard/charts/options";
import { failsFigure } from "@/lib/dashboard/figures";
import { valueOf, type Dashboard } from "@/lib/dashboard/queries";
import { percentText } from "@/lib/dashboard/rules";
import { EXIT_CRITERION_LABELS, type ExitCriterionCode } from "@/lib/exits/household/criteria";
import { REGION_LEVEL } from "@/lib/domain/codes";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";
import { ExportLink, ScrollTable, Section, td, tdNumber, th, thNumber } from "./section";

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
      <ScrollTable label="短板清单">
        <thead className="bg-slate-50">
          <tr>
            <th className={th}>{childLevel ? REGION_LEVEL.label(childLevel) : "范围"}</th>
            {CRITERIA.map((criterion) => (
              <th key={criterion} className={thNumber}>
                {EXIT_CRITERION_LABELS[criterion]}
              </th>
            ))}
            <th className={thNumber}>至少一项</th>
          </tr>
        </thead>
        <tbody>
          {[...children, region].map((row) => (
            <tr key={row.code} className={`border-t border-slate-100 ${row === region ? "bg-slate-50 font-medium" : ""}`}>
              <td className={td}>{row === region ? `合计（${row.name}）` : row.name}</td>
              {CRITERIA.map((criterion) => (
                <td key={criterion} className={tdNumber}>
                  <FigureLink
                    href={context.href(failsFigure(criterion), row)}
                    value={valueOf(row.figures, failsFigure(criterion)).households}
                    label={`${row.name}未达到${EXIT_CRITERION_LABELS[criterion]}`}
                  />
                </td>
              ))}
              <td className={tdNumber}>
                <FigureLink href={context.href("failsAny", row)} value={valueOf(row.figures, "failsAny").households} label={`${row.name}至少一项未达标`} />
                <span className="ml-1 text-xs text-slate-500">
                  {percentText(valueOf(row.figures, "failsAny").households, valueOf(row.figures, "open").households)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Section>
  );
}
