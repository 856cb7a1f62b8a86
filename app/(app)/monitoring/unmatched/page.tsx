import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/page-guard";
import { MONITORING_CATEGORY, type MonitoringCategory } from "@/lib/monitoring/codes";
import { findUnmatchedRisks } from "@/lib/monitoring/fit";
import { ZUnmatchedFilter } from "@/lib/monitoring/fit-schema";
import { listRiskTypes } from "@/lib/monitoring/queries";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";

export const metadata: Metadata = { title: "风险未对应措施" };

export default async function UnmatchedRisksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("monitoring.read");
  const params = await searchParams;
  const filter = ZUnmatchedFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [page, regions, riskTypes] = await Promise.all([
    findUnmatchedRisks(actor, filter, paging),
    listRegionsInScope(actor),
    listRiskTypes(actor, { includeRetired: true }),
  ]);
  const villages = regions.filter((region) => region.level === "VILLAGE" && (!filter.township || region.townshipCode === filter.township));
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/monitoring" className="text-brand-700 hover:underline">
          ← 防止返贫监测
        </Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">风险未对应措施</h1>
        <Link href="/monitoring/fit" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:bg-slate-50">
          风险与措施类别匹配
        </Link>
      </div>
      <p className="text-sm text-slate-600">监测中的对象，有未消除的风险却没有匹配类别的帮扶措施（实施中或已完成）。按村排列。</p>
      <form role="search" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
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
        <select name="riskType" defaultValue={filter.riskType ?? ""} aria-label="风险类型" className={inputClass}>
          <option value="">全部风险</option>
          {riskTypes.map((type) => (
            <option key={type.code} value={type.code}>
              {type.label}
            </option>
          ))}
        </select>
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button className="min-h-11 flex-1 rounded-md bg-slate-800 px-4 text-white hover:bg-slate-900">查询</button>
          <Link href="/monitoring/unmatched" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
            重置
          </Link>
        </div>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState>没有风险未对应措施的监测对象</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="风险未对应措施">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">村</th>
                <th className="px-3 py-2">户主</th>
                <th className="px-3 py-2">未对应措施的风险</th>
                <th className="hidden px-3 py-2 sm:table-cell">类别</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
                  <td className="whitespace-nowrap px-3 py-2">{row.villageName}</td>
                  <td className="px-3 py-2">
                    <Link href={`/monitoring/${row.id}`} className="font-medium text-brand-700 hover:underline">
                      {row.headName ?? "（无户主）"}
                    </Link>
                    <p className="text-xs text-slate-500">{row.householdNo ?? "未建档立卡"}</p>
                  </td>
                  <td className="px-3 py-2">
                    {row.unmatched.map((risk) => (
                      <span key={risk.riskType} className="mb-1 mr-1 inline-block rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-800">
                        {risk.label}（{risk.foundOn} 发现）
                      </span>
                    ))}
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">{MONITORING_CATEGORY.labels[row.category as MonitoringCategory]}</td>
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
        params={{ township: filter.township, village: filter.village, riskType: filter.riskType }}
      />
    </div>
  );
}
