import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { MONITORING_CATEGORY, MONITORING_STATUS, type MonitoringCategory, type MonitoringStatus } from "@/lib/monitoring/codes";
import { objectFigureCaption, objectFigureWhere } from "@/lib/monitoring/figures";
import { findMonitoringObjects, listRiskTypes } from "@/lib/monitoring/queries";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";

export const metadata: Metadata = { title: "防止返贫监测" };

const ZFilter = z.object({
  category: z.enum(MONITORING_CATEGORY.codes).optional().catch(undefined),
  registered: z.enum(["yes", "no"]).optional().catch(undefined),
  /** A 挂图作战 figure (lib/monitoring/figures.ts); an unknown one is ignored. */
  figure: z.string().max(60).optional().catch(undefined),
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
});

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("monitoring.read");
  const params = await searchParams;
  const filter = ZFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const figureWhere = filter.figure ? objectFigureWhere(filter.figure) : null;
  const [page, regions, riskTypes] = await Promise.all([
    findMonitoringObjects(actor, { ...filter, figure: figureWhere ?? undefined }, paging),
    listRegionsInScope(actor),
    listRiskTypes(actor, { includeRetired: true }),
  ]);
  const villages = regions.filter((region) => region.level === "VILLAGE" && (!filter.township || region.townshipCode === filter.township));
  const caption = figureWhere && filter.figure ? objectFigureCaption(filter.figure, new Map(riskTypes.map((type) => [type.code, type.label]))) : null;
  const regionName = regions.find((region) => region.code === (filter.village ?? filter.township))?.name;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">防止返贫动态监测</h1>
        <div className="flex flex-wrap gap-2">
          {can(actor, "monitoring.write") ? (
            <Link href="/monitoring/new" className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
              纳入监测对象
            </Link>
          ) : null}
          <Link href="/monitoring/settings" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:bg-slate-50">
            监测线与风险类型
          </Link>
        </div>
      </div>
      {caption ? (
        <div className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="figure-filter" role="status">
          <p>
            来自挂图作战：
            <strong>
              {regionName ? `${regionName} ` : ""}
              {caption}
            </strong>
            ，共 <strong data-testid="figure-filter-total">{page.total}</strong> 户
          </p>
          <p className="mt-1 flex flex-wrap gap-3">
            <Link href="/dashboard" className="text-brand-700 hover:underline">
              返回挂图作战
            </Link>
            <Link href="/monitoring" className="text-brand-700 hover:underline">
              去掉此统计条件
            </Link>
          </p>
        </div>
      ) : null}
      <form role="search" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        {caption ? <input type="hidden" name="figure" value={filter.figure} /> : null}
        {filter.township ? <input type="hidden" name="township" value={filter.township} /> : null}
        <select name="category" defaultValue={filter.category ?? ""} aria-label="监测对象类别" className={inputClass}>
          <option value="">全部类别</option>
          {MONITORING_CATEGORY.codes.map((code) => (
            <option key={code} value={code}>
              {MONITORING_CATEGORY.labels[code]}
            </option>
          ))}
        </select>
        <select name="registered" defaultValue={filter.registered ?? ""} aria-label="是否建档立卡" className={inputClass}>
          <option value="">建档与未建档</option>
          <option value="yes">已建档立卡</option>
          <option value="no">未建档立卡</option>
        </select>
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
          <Link href="/monitoring" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
            重置
          </Link>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState>没有符合条件的监测对象</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="监测对象列表">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">户主</th>
                <th className="px-3 py-2">类别</th>
                <th className="px-3 py-2">风险</th>
                <th className="hidden px-3 py-2 sm:table-cell">村</th>
                <th className="px-3 py-2">状态</th>
                <th className="hidden px-3 py-2 sm:table-cell">纳入时间</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link href={`/monitoring/${row.id}`} className="font-medium text-brand-700 hover:underline">
                      {row.headName ?? "（无户主）"}
                    </Link>
                    <p className="text-xs text-slate-500">{row.householdNo ?? ""}</p>
                    {row.flag ? <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">{row.flag}</span> : null}
                  </td>
                  <td className="px-3 py-2">{MONITORING_CATEGORY.labels[row.category as MonitoringCategory]}</td>
                  <td className="px-3 py-2">{row.riskLabels.join("、")}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{row.villageName}</td>
                  <td className="px-3 py-2">{MONITORING_STATUS.labels[row.status as MonitoringStatus]}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{formatDateTime(row.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        total={page.total}
        params={{
          category: filter.category,
          registered: filter.registered,
          township: filter.township,
          village: filter.village,
          figure: caption ? filter.figure : undefined,
        }}
      />
    </div>
  );
}
