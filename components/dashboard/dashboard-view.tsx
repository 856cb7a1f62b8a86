import Link from "next/link";
import { PrintButton } from "@/components/ui/print-button";
import { inputClass } from "@/components/ui/styles";
import { formatDateTime, formatTimeOfDay } from "@/lib/dates";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { OverdueFindings } from "@/lib/dashboard/view";
import type { MonitoringFigures } from "@/lib/monitoring/figure-links";
import { REGION_LEVEL } from "@/lib/domain/codes";
import { viewContext } from "./context";
import { CauseSection } from "./cause-section";
import { CoverageSection } from "./coverage-section";
import { KeyFigures } from "./key-figures";
import { MonitoringSection } from "./monitoring-section";
import { RegionTable } from "./region-table";
import { ShortfallSection } from "./shortfall-section";
import { TargetSection } from "./target-section";
import { TrendSection } from "./trend-section";

export type DashboardViewProps = {
  dashboard: Dashboard;
  years: number[];
  /** The year the exit criteria of the 短板清单 were evaluated for (the current year). */
  evaluatedYear: number;
  visitOverdueDays: number;
  /** 督查问题 past their deadline (null: the reader has no finding list). */
  overdueFindings: OverdueFindings;
  /** 防止返贫监测 figures (null: the reader has no monitoring access). */
  monitoring: MonitoringFigures | null;
  printedAt: Date;
  /** Where the year selector submits to ("/dashboard" or "/"). */
  basePath: string;
};

/** 挂图作战: the figures of one region and year, each opening the households behind it. */
export function DashboardView({ dashboard, years, evaluatedYear, visitOverdueDays, overdueFindings, monitoring, printedAt, basePath }: DashboardViewProps) {
  const context = viewContext(dashboard);
  const { region, refresh } = dashboard;
  const exportHref = (table: string) => `/api/exports/dashboard?region=${region.code}&year=${dashboard.year}&table=${table}`;
  return (
    <div className="space-y-4" data-testid="dashboard">
      <header className="space-y-2">
        <nav aria-label="区域层级" className="text-sm text-slate-600">
          <ol className="flex flex-wrap items-center gap-1">
            {dashboard.breadcrumb.map((entry, index) => (
              <li key={entry.code} className="flex items-center gap-1">
                {index > 0 ? <span aria-hidden="true">›</span> : null}
                {entry.code === region.code ? (
                  <span aria-current="page" className="font-medium text-slate-900">
                    {entry.name}
                  </span>
                ) : (
                  <Link href={`/dashboard?region=${entry.code}&year=${dashboard.year}`} prefetch={false} className="text-brand-700 hover:underline">
                    {entry.name}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h1 className="text-xl font-semibold">
            挂图作战 · {region.name}
            <span className="ml-2 text-sm font-normal text-slate-500">{REGION_LEVEL.label(region.level)}</span>
          </h1>
          <div className="no-print flex flex-wrap items-center gap-2">
            <form action={basePath} className="flex items-center gap-2">
              <input type="hidden" name="region" value={region.code} />
              <label htmlFor="dashboard-year" className="whitespace-nowrap text-sm text-slate-600">
                年度
              </label>
              <select id="dashboard-year" name="year" defaultValue={String(dashboard.year)} className={`${inputClass} w-28`}>
                {years.map((year) => (
                  <option key={year} value={year}>
                    {year}年
                  </option>
                ))}
              </select>
              <button className="min-h-10 whitespace-nowrap rounded-md border border-slate-300 bg-white px-3 text-sm hover:border-brand-600">查看</button>
            </form>
            <PrintButton label="打印作战图" />
          </div>
        </div>
        <p className="no-print text-xs text-slate-500" data-testid="refreshed-at">
          {refresh.refreshedAt
            ? `数据更新于 ${formatTimeOfDay(refresh.refreshedAt)}（${refresh.asOf ?? ""}），每分钟汇总一次；点击任一数字可查看对应的户。`
            : "统计数据正在生成，请稍候刷新页面。"}
        </p>
        <p className="hidden text-xs text-slate-700 print:block">
          {region.name}（{REGION_LEVEL.label(region.level)}）{dashboard.year}年 作战图 · 打印于 {formatDateTime(printedAt)} · 数据更新于{" "}
          {refresh.refreshedAt ? formatDateTime(refresh.refreshedAt) : "—"}
        </p>
      </header>
      <KeyFigures region={region} context={context} overdueFindings={overdueFindings} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <TargetSection region={region} context={context} />
        <TrendSection dashboard={dashboard} context={context} />
        <RegionTable dashboard={dashboard} context={context} exportHref={exportHref("regions")} />
        <ShortfallSection dashboard={dashboard} context={context} evaluatedYear={evaluatedYear} exportHref={exportHref("shortfalls")} />
        <CauseSection dashboard={dashboard} context={context} exportHref={exportHref("causes")} />
        <CoverageSection dashboard={dashboard} context={context} visitOverdueDays={visitOverdueDays} exportHref={exportHref("funds")} />
        {monitoring ? <MonitoringSection figures={monitoring} region={region} regions={dashboard.children} childLevel={dashboard.childLevel} /> : null}
      </div>
    </div>
  );
}
