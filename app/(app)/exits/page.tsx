import type { Metadata } from "next";
import Link from "next/link";
import { SheetStatusBadge } from "@/components/exits/sheet-sections";
import { inputClass } from "@/components/ui/styles";
import { Pagination } from "@/components/ui/pagination";
import { RowDetail } from "@/components/ui/table";
import { SearchBox } from "@/components/ui/search-box";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { FigureFilterBanner } from "@/components/dashboard/figure-filter-banner";
import { figureFilterOf } from "@/lib/dashboard/view";
import { findExitQueue } from "@/lib/exits/household/find-exit-queue";
import { findExitSheets } from "@/lib/exits/household/find-exit-sheets";
import { ZExitSheetFilter } from "@/lib/exits/schema";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { searchTextError } from "@/lib/search";
import { CHAIN_STATUS_LABELS } from "@/lib/sign-off/view";

export const metadata: Metadata = { title: "退出核验" };

function Age({ days }: { days: number }) {
  const style = days >= 14 ? "bg-red-50 text-red-700" : days >= 7 ? "bg-amber-50 text-amber-900" : "bg-slate-100 text-slate-700";
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${style}`}>{days === 0 ? "今天" : `已等待 ${days} 天`}</span>;
}

export default async function ExitsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("exit.read");
  const params = await searchParams;
  const filter = ZExitSheetFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [queue, page, regions, figureFilter] = await Promise.all([
    findExitQueue(actor),
    findExitSheets(actor, filter, paging),
    listRegionsInScope(actor),
    figureFilterOf(actor, filter),
  ]);
  const townships = regions.filter((region) => region.level === "TOWNSHIP");
  const villages = regions.filter((region) => region.level === "VILLAGE" && (!filter.township || region.townshipCode === filter.township));
  const searchError = searchTextError(filter.q);
  const keep = {
    q: filter.q,
    status: filter.status,
    year: filter.year?.toString(),
    township: filter.township,
    village: filter.village,
    figure: figureFilter?.figure,
    fy: figureFilter ? String(figureFilter.year) : undefined,
  };
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">脱贫退出核验</h1>
        <form action="/exits/verify" className="flex w-full gap-2 sm:w-auto" role="search" aria-label="核验码查询">
          <input
            name="code"
            placeholder="输入核验码查验纸质核验表"
            aria-label="核验码"
            maxLength={12}
            className={`${inputClass} min-w-0 flex-1 sm:w-56 sm:flex-none`}
          />
          <button className="min-h-11 shrink-0 whitespace-nowrap rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">查验</button>
        </form>
      </div>
      {can(actor, "exit.propose") ? (
        <p className="text-sm text-slate-600">提出脱贫退出：在户档页面打开“入户核验 / 提出退出”，系统按户档当前数据逐项核验两不愁三保障。</p>
      ) : null}

      {can(actor, "exit.act") ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="pending-title">
          <h2 id="pending-title" className="mb-3 font-semibold">
            待我审核 <span className="text-sm font-normal text-slate-500">（{queue.pending.length}）</span>
          </h2>
          {queue.pending.length ? (
            <ul className="divide-y divide-slate-100" data-testid="queue-pending">
              {queue.pending.map((row) => (
                <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <div>
                    <Link href={`/exits/${row.id}`} className="font-medium text-brand-700 hover:underline">
                      {row.headName ?? "（无户主）"} 户 · {row.assessmentYear}年度
                    </Link>
                    <p className="text-xs text-slate-500">
                      {row.householdNo} · {row.townshipName}
                      {row.villageName} · 当前环节：{row.stepLabel}
                      {row.note ? ` · ${row.note}` : ""}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <Age days={row.ageDays} />
                    <Link href={`/exits/${row.id}`} className="rounded-md bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
                      {row.actionLabel}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">暂无等待您办理的核验表</p>
          )}
          {queue.pendingCapped ? (
            <p className="mt-2 text-sm text-amber-900" role="note" data-testid="queue-capped">
              办理中的核验表共 {queue.pendingCapped.total} 份，待办清单只查看了最久未办理的 {queue.pendingCapped.examined}{" "}
              份；其余请在下方“核验表”列表中按状态、乡镇、村查找。
            </p>
          ) : null}
        </section>
      ) : null}

      {queue.rejected.length ? (
        <section className="rounded-lg border border-amber-300 bg-amber-50 p-4" aria-labelledby="rejected-title">
          <h2 id="rejected-title" className="mb-3 font-semibold text-amber-900">
            被退回 <span className="text-sm font-normal">（{queue.rejected.length}）</span>
          </h2>
          <ul className="divide-y divide-amber-200" data-testid="queue-rejected">
            {queue.rejected.map((row) => (
              <li key={row.id} className="py-2 text-sm">
                <Link href={`/exits/${row.id}`} className="font-medium text-brand-700 hover:underline">
                  {row.headName ?? "（无户主）"} 户 · {row.assessmentYear}年度
                </Link>
                <p className="text-amber-900">
                  退回理由：{row.reason}（{row.rejectedBy}
                  {row.rejectedAt ? `，${formatDateTime(row.rejectedAt)}` : ""}）
                </p>
              </li>
            ))}
          </ul>
          {queue.rejectedCapped ? (
            <p className="mt-2 text-sm text-amber-900" role="note">
              被退回的核验表共 {queue.rejectedCapped.total} 份，这里列出最近的 {queue.rejectedCapped.shown} 份；其余请在下方列表中选择状态“已退回”查看。
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="space-y-3" aria-labelledby="list-title">
        <h2 id="list-title" className="font-semibold">
          核验表
        </h2>
        {figureFilter ? <FigureFilterBanner filter={figureFilter} total={page.total} unit="份" path="/exits" keep={keep} /> : null}
        <form id="list-filter" role="search" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
          <SearchBox defaultValue={filter.q} placeholder="户主姓名 / 户编号 / 核验码" label="搜索核验表" error={searchError} className="col-span-2" />
          <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className={inputClass}>
            <option value="">全部状态</option>
            {Object.entries(CHAIN_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <input
            name="year"
            defaultValue={filter.year ?? ""}
            placeholder="评估年度"
            aria-label="评估年度"
            inputMode="numeric"
            maxLength={4}
            className={inputClass}
          />
          {townships.length > 1 ? (
            <select name="township" defaultValue={filter.township ?? ""} aria-label="乡镇" className={inputClass}>
              <option value="">全部乡镇</option>
              {townships.map((township) => (
                <option key={township.code} value={township.code}>
                  {township.name}
                </option>
              ))}
            </select>
          ) : null}
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
            <Link href="/exits" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
              重置
            </Link>
          </div>
        </form>
        {searchError ? null : page.rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">没有符合条件的核验表</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" aria-label="核验表列表">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">户主</th>
                  <th className="col-secondary px-3 py-2">户编号</th>
                  <th className="col-secondary px-3 py-2">乡镇 / 村</th>
                  <th className="col-secondary px-3 py-2">年度</th>
                  <th className="col-secondary px-3 py-2">当前环节</th>
                  <th className="px-3 py-2">状态</th>
                  <th className="col-secondary px-3 py-2">核验码</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
                    <td className="px-3 py-1">
                      <Link href={`/exits/${row.id}`} className="key-link font-medium">
                        {row.headName ?? "（无户主）"}
                      </Link>
                      <RowDetail
                        items={[
                          <span key="no" className="font-mono">
                            {row.householdNo}
                          </span>,
                          `${row.townshipName} / ${row.villageName}`,
                          `${row.assessmentYear} 年度`,
                          row.currentStepLabel,
                        ]}
                      />
                    </td>
                    <td className="col-secondary px-3 py-2 font-mono text-xs">{row.householdNo}</td>
                    <td className="col-secondary cell-name px-3 py-2">
                      {row.townshipName} / {row.villageName}
                    </td>
                    <td className="col-secondary px-3 py-2">{row.assessmentYear}</td>
                    <td className="col-secondary cell-name px-3 py-2">{row.currentStepLabel}</td>
                    <td className="px-3 py-2">
                      <SheetStatusBadge status={row.status} label={row.statusLabel} />
                    </td>
                    <td className="col-secondary px-3 py-2 font-mono text-xs">{row.verificationCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={keep} />
      </section>
    </div>
  );
}
