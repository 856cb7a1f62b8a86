import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { CheckWarningForm, DepartmentListForm, RaiseWarningForm, ScreenIncomeForm } from "@/components/monitoring/warnings-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { currentYear, todayString } from "@/lib/dates";
import { MONITORING_CATEGORY } from "@/lib/monitoring/codes";
import { getMonitoringSettings, listRiskTypes } from "@/lib/monitoring/queries";
import { findWarnings } from "@/lib/monitoring/warnings-queries";
import {
  DEPARTMENT_LABELS,
  WARNING_OUTCOME_LABELS,
  WARNING_SOURCE_LABELS,
  WARNING_STATUS_LABELS,
  warningSourceLabel,
  type WarningOutcome,
} from "@/lib/monitoring/warnings-rules";
import { MANUAL_WARNING_SOURCES } from "@/lib/monitoring/warnings-schema";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { checkWarningAction, raiseWarningAction, screenIncomeWarningsAction, uploadDepartmentListAction } from "./actions";

export const metadata: Metadata = { title: "预警核实" };

const SOURCES: [string, ...string[]] = ["DEPARTMENT", ...Object.keys(WARNING_SOURCE_LABELS)];

const ZFilter = z.object({
  /** Open 预警 by default; ALL shows every status. */
  status: z.enum(["OPEN", "CHECKED", "ALL"]).catch("OPEN"),
  source: z.enum(SOURCES).optional().catch(undefined),
  township: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
  village: z
    .string()
    .regex(/^\d{12}$/)
    .optional()
    .catch(undefined),
  /** 已超期: self-applications past the configured days (open ones only). */
  overdue: z.enum(["1"]).optional().catch(undefined),
});

export default async function WarningsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("monitoring.read");
  const params = await searchParams;
  const filter = ZFilter.parse({ ...params, status: params.status ?? "OPEN" });
  const paging = ZPageParams.parse(params);
  const [page, regions, riskTypes, settings] = await Promise.all([
    findWarnings(actor, { ...filter, status: filter.status === "ALL" ? undefined : filter.status, overdue: filter.overdue === "1" }, paging),
    listRegionsInScope(actor),
    listRiskTypes(actor),
    getMonitoringSettings(),
  ]);
  const villages = regions.filter((region) => region.level === "VILLAGE" && (!filter.township || region.townshipCode === filter.township));
  const canCheck = can(actor, "monitoring.write");
  const categories = MONITORING_CATEGORY.codes.map((code) => ({ value: code, label: MONITORING_CATEGORY.labels[code] }));
  const riskOptions = riskTypes.map((type) => ({ value: type.code, label: type.label }));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">预警核实</h1>
        <Link href="/monitoring" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:bg-slate-50">
          返回监测对象
        </Link>
      </div>
      {can(actor, "monitoring.manage") ? (
        <div className="grid gap-3 lg:grid-cols-2">
          <ScreenIncomeForm action={screenIncomeWarningsAction} defaultYear={currentYear() - 1} />
          <DepartmentListForm action={uploadDepartmentListAction} departments={Object.entries(DEPARTMENT_LABELS).map(([value, label]) => ({ value, label }))} />
        </div>
      ) : null}
      {canCheck ? (
        <RaiseWarningForm
          action={raiseWarningAction}
          sources={MANUAL_WARNING_SOURCES.map((value) => ({ value, label: WARNING_SOURCE_LABELS[value] }))}
          today={todayString()}
        />
      ) : null}
      <p className="text-sm text-slate-600">农户自主申报须在 {settings.selfApplicationDays} 天内核实，超过的标为“已超期”。</p>
      <form role="search" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <select name="status" defaultValue={filter.status} aria-label="核实状态" className={inputClass}>
          <option value="ALL">全部状态</option>
          <option value="OPEN">{WARNING_STATUS_LABELS.OPEN}</option>
          <option value="CHECKED">{WARNING_STATUS_LABELS.CHECKED}</option>
        </select>
        <select name="source" defaultValue={filter.source ?? ""} aria-label="预警来源" className={inputClass}>
          <option value="">全部来源</option>
          {Object.entries(WARNING_SOURCE_LABELS).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
          <option value="DEPARTMENT">部门筛查预警</option>
        </select>
        <select name="overdue" defaultValue={filter.overdue ?? ""} aria-label="是否超期" className={inputClass}>
          <option value="">不限期限</option>
          <option value="1">已超期</option>
        </select>
        {filter.township ? <input type="hidden" name="township" value={filter.township} /> : null}
        {villages.length > 1 ? (
          <select name="village" defaultValue={filter.village ?? ""} aria-label="村" className={inputClass}>
            <option value="">全部村</option>
            {villages.map((village) => (
              <option key={village.code} value={village.code}>
                {village.name}
              </option>
            ))}
          </select>
        ) : null}
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button className="min-h-11 flex-1 rounded-md bg-slate-800 px-4 text-white hover:bg-slate-900">查询</button>
          <Link href="/monitoring/warnings" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
            重置
          </Link>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState>没有符合条件的预警</EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="预警列表">
          {page.rows.map((row) => (
            <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">
                  <Link href={`/households/${row.householdId}`} className="text-brand-700 hover:underline">
                    {row.headName ?? "（无户主）"}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">
                    {row.householdNo} · {row.villageName}
                  </span>
                </p>
                <span className="flex flex-wrap gap-1">
                  {row.overdue ? <span className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">已超期</span> : null}
                  <span className={`rounded px-2 py-0.5 text-xs ${row.status === "OPEN" ? "bg-amber-50 text-amber-900" : "bg-slate-100 text-slate-700"}`}>
                    {row.status === "OPEN" ? `${WARNING_STATUS_LABELS.OPEN} · 已 ${row.ageDays} 天` : WARNING_OUTCOME_LABELS[row.outcome as WarningOutcome]}
                  </span>
                </span>
              </div>
              <p className="mt-1 text-sm">{row.reason}</p>
              <p className="text-xs text-slate-500">
                {warningSourceLabel(row.source)} · 预警日期 {row.raisedOn}
              </p>
              {row.status === "CHECKED" ? (
                <p className="mt-1 text-sm text-slate-700">
                  {row.objectId ? (
                    <Link href={`/monitoring/${row.objectId}`} className="text-brand-700 hover:underline">
                      查看监测对象
                    </Link>
                  ) : null}
                  {row.checkNote ? <span className={row.objectId ? "ml-2" : ""}>说明：{row.checkNote}</span> : null}
                </p>
              ) : canCheck ? (
                <details className="mt-2">
                  <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700">核实</summary>
                  <div className="pt-2">
                    <CheckWarningForm action={checkWarningAction} warningId={row.id} version={row.version} categories={categories} riskTypes={riskOptions} />
                  </div>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        total={page.total}
        params={{ status: filter.status, source: filter.source, township: filter.township, village: filter.village, overdue: filter.overdue }}
      />
    </div>
  );
}
