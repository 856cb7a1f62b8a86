import { DASHBOARD_CHARTS } from "@/components/dashboard/charts/dashboard-charts";
import { Chart } from "@/components/dashboard/charts/chart";
import { REGION_LEVEL } from "@/lib/domain/codes";
import { valueOf, type Dashboard, type RegionSummary } from "@/lib/dashboard/queries";
import { drillDownListOf } from "@/lib/dashboard/drill-down";
import { formatCount, incidence } from "@/lib/dashboard/rules";
import type { ViewContext } from "./context";
import { FigureTable, type FigureRow } from "./figure-table";
import { ExportLink, Section } from "./section";

const COLUMNS = [
  { code: "registered", label: "建档立卡户" },
  { code: "remaining", label: "未脱贫户" },
  { code: "exitedInYear", label: "当年脱贫户" },
  { code: "returned", label: "返贫户" },
  { code: "uncovered", label: "施策不精准" },
  { code: "visitOverdue", label: "超期未走访" },
] as const;

/** Every township (or village) of the view side by side: the chart to see, the table to read and to click. */
export function RegionTable({ dashboard, context, exportHref }: { dashboard: Dashboard; context: ViewContext; exportHref: string }) {
  const level = dashboard.childLevel;
  if (!level) return null;
  const levelLabel = REGION_LEVEL.label(level);
  const children = dashboard.children;
  const regionsChart = DASHBOARD_CHARTS.regions(dashboard, context);
  return (
    <Section title={`各${levelLabel}情况`} id="regions" wide actions={<ExportLink href={exportHref} />}>
      {children.length === 0 ? (
        <p className="text-sm text-slate-500">没有下级{levelLabel}</p>
      ) : (
        <>
          {regionsChart ? <Chart name="regions" spec={regionsChart} dashboard={dashboard} /> : null}
          <FigureTable
            label={`各${levelLabel}情况`}
            head={levelLabel}
            year={context.year}
            list={drillDownListOf(COLUMNS.map((column) => column.code))}
            columns={[
              ...COLUMNS.map(({ code, label }) => ({ label, figure: code })),
              { label: "未脱贫人口" },
              { label: "贫困发生率" },
              { label: "当年任务（户）" },
            ]}
            rows={children.map((child) => regionRow(child, context))}
          />
        </>
      )}
    </Section>
  );
}

function regionRow(child: RegionSummary, context: ViewContext): FigureRow {
  const rate = incidence(valueOf(child.figures, "remaining").people, child.population);
  return {
    key: child.code,
    name: child.name,
    region: context.drillRegion(child),
    nameHref: context.regionHref(child),
    badge: child.highlighted ? "包片" : undefined,
    tone: child.highlighted ? "highlight" : undefined,
    testId: `region-row-${child.code}`,
    cells: [
      ...COLUMNS.map((column) => valueOf(child.figures, column.code).households),
      { text: formatCount(valueOf(child.figures, "remaining").people) },
      { text: rate.text, muted: rate.kind !== "value" },
      { text: child.target ? formatCount(child.target.households) : "未下达", muted: !child.target },
    ],
  };
}
