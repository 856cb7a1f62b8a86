import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { findOverdueVisits } from "@/lib/measures/find-overdue-visits";
import { ZPageParams } from "@/lib/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { HouseholdNoLink, RowDetail } from "@/components/ui/table";
import { householdScope } from "@/lib/auth/scope";

export const metadata: Metadata = { title: "走访提醒" };

export default async function OverdueVisitsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("coverage.read");
  const params = await searchParams;
  const village = params.village && /^\d{12}$/.test(params.village) ? params.village : undefined;
  const { page, days } = await findOverdueVisits(actor, { village }, ZPageParams.parse(params));
  // A 帮扶责任人's scope is their own households: the list says so.
  const mine = householdScope(actor).kind === "assigned";
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">走访提醒</h1>
      <p className="text-sm text-slate-600">
        {mine ? "您帮扶的" : ""}未脱贫户中，超过 {days} 天没有走访记录的户，从未走访的排在最前。
        {can(actor, "settings.manage") ? (
          <>
            天数可在
            <Link href="/settings#visit-days" className="text-brand-700 underline">
              系统设置
            </Link>
            中调整。
          </>
        ) : (
          "天数由县扶贫办在系统设置中确定。"
        )}
      </p>
      {page.rows.length === 0 ? (
        <EmptyState>
          {mine ? "您帮扶的户" : "所有户"}都在 {days} 天内走访过
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="超期未走访的户">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">户编号</th>
                <th className="px-3 py-2">户主</th>
                <th className="col-secondary px-3 py-2">村</th>
                <th className="col-secondary px-3 py-2">帮扶责任人</th>
                <th className="px-3 py-2">最近走访</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100">
                  <td className="px-3 py-1">
                    <HouseholdNoLink id={row.id} householdNo={row.householdNo} />
                    <RowDetail items={[row.villageName, mine ? null : `帮扶：${row.helperName}`]} />
                  </td>
                  <td className="cell-name px-3 py-2">{row.headName ?? "—"}</td>
                  <td className="col-secondary cell-name px-3 py-2">{row.villageName}</td>
                  <td className="col-secondary cell-name px-3 py-2">{row.helperName}</td>
                  <td className="px-3 py-2">
                    {row.lastVisit ? (
                      <>
                        <span className="whitespace-nowrap">{row.lastVisit}</span> <span className="whitespace-nowrap">（{row.daysSince} 天前）</span>
                      </>
                    ) : (
                      <span className="badge bg-red-50 text-red-800">从未走访</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={{ village }} />
    </div>
  );
}
