import Link from "next/link";
import { barOption } from "@/components/dashboard/charts/options";
import { Chart } from "@/components/dashboard/charts/chart";
import { REGION_LEVEL } from "@/lib/domain/codes";
import { valueOf, type Dashboard, type RegionSummary } from "@/lib/dashboard/queries";
import { incidence } from "@/lib/dashboard/rules";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";
import { ExportLink, ScrollTable, Section, td, tdNumber, th, thNumber } from "./section";

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
  return (
    <Section title={`各${levelLabel}情况`} id="regions" wide actions={<ExportLink href={exportHref} />}>
      {children.length === 0 ? (
        <p className="text-sm text-slate-500">没有下级{levelLabel}</p>
      ) : (
        <>
          <Chart
            title={`各${levelLabel}未脱贫户（${context.year}年底），点击进入`}
            option={barOption({
              categories: children.map((child) => child.name),
              series: [{ name: "未脱贫户", values: children.map((child) => valueOf(child.figures, "remaining").households) }],
              unit: "户",
            })}
            links={[children.map((child) => context.regionHref(child))]}
            width={720}
            height={Math.max(260, 28 * children.length + 80)}
          />
          <ScrollTable label={`各${levelLabel}情况`}>
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>{levelLabel}</th>
                {COLUMNS.map((column) => (
                  <th key={column.code} className={thNumber}>
                    {column.label}
                  </th>
                ))}
                <th className={thNumber}>未脱贫人口</th>
                <th className={thNumber}>贫困发生率</th>
                <th className={thNumber}>当年任务（户）</th>
              </tr>
            </thead>
            <tbody>
              {children.map((child) => (
                <RegionRow key={child.code} child={child} context={context} />
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </Section>
  );
}

function RegionRow({ child, context }: { child: RegionSummary; context: ViewContext }) {
  const rate = incidence(valueOf(child.figures, "remaining").people, child.population);
  return (
    <tr className={`border-t border-slate-100 ${child.highlighted ? "bg-amber-50 print:bg-white" : ""}`} data-testid={`region-row-${child.code}`}>
      <td className={td}>
        <Link href={context.regionHref(child)} prefetch={false} className="font-medium text-brand-700 hover:underline print:text-slate-900">
          {child.name}
        </Link>
        {child.highlighted ? (
          <span className="ml-1 rounded bg-amber-200 px-1 text-xs text-amber-900 print:border print:border-slate-500 print:bg-white">包片</span>
        ) : null}
      </td>
      {COLUMNS.map((column) => (
        <td key={column.code} className={tdNumber}>
          <FigureLink href={context.href(column.code, child)} value={valueOf(child.figures, column.code).households} label={`${child.name}${column.label}`} />
        </td>
      ))}
      <td className={tdNumber}>{valueOf(child.figures, "remaining").people.toLocaleString("zh-CN")}</td>
      <td className={`${tdNumber} ${rate.kind === "value" ? "" : "text-amber-700"}`}>{rate.text}</td>
      <td className={tdNumber}>{child.target ? child.target.households.toLocaleString("zh-CN") : <span className="text-slate-400">未下达</span>}</td>
    </tr>
  );
}
