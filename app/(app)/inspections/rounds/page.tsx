import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { listSamplingRounds, samplingRoundYears } from "@/lib/inspections/rounds/queries";
import { ZRoundFilter } from "@/lib/inspections/rounds/schema";
import { ZPageParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "抽查轮次" };

export default async function RoundsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("inspection.read");
  const params = await searchParams;
  const filter = ZRoundFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [page, years] = await Promise.all([listSamplingRounds(actor, filter, paging), samplingRoundYears(actor)]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">抽查轮次</h1>
          <p className="mt-1 text-sm text-slate-600">总体名单在建轮时冻结并公布哈希值，样本由事后公布的公开随机数确定，任何人都可以重新抽取验证。</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href="/inspections/rates"
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:border-brand-600"
          >
            三率一度
          </Link>
          {can(actor, "sampling.manage") ? (
            <Link
              href="/inspections/rounds/new"
              className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
            >
              新建抽查轮次
            </Link>
          ) : null}
        </div>
      </div>
      <form className="flex flex-wrap items-end gap-2" aria-label="筛选">
        <select name="year" defaultValue={filter.year ?? ""} aria-label="脱贫年度" className={`${inputClass} w-36`}>
          <option value="">全部年度</option>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}年脱贫户
            </option>
          ))}
        </select>
        <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className={`${inputClass} w-32`}>
          <option value="">全部状态</option>
          <option value="pending">待抽取</option>
          <option value="drawn">已抽取</option>
        </select>
        <button className="min-h-11 rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">筛选</button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState>{filter.year || filter.status ? "没有符合条件的抽查轮次" : "还没有抽查轮次"}</EmptyState>
      ) : (
        <ul className="space-y-2" data-testid="round-list">
          {page.rows.map((round) => (
            <li key={round.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/inspections/rounds/${round.id}`} className="font-medium text-brand-700 underline">
                  {round.name}
                </Link>
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${round.drawn ? "bg-green-50 text-green-800" : "bg-amber-50 text-amber-900"}`}>
                  {round.drawn ? "已抽取" : "待抽取"}
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {round.populationYear}年脱贫户 {round.exitedCount} 户{round.listedCount ? `、未建档户 ${round.listedCount} 户` : ""}；
                {round.townshipCount ? `${round.townshipCount} 个乡镇` : "全县"}；{round.sizeRule}
              </p>
              <p className="mt-1 text-xs text-slate-500">
                抽中 {round.picks} 户（含替换），已核查 {round.checks} 户 · {round.creatorName} 于 {formatDateTime(round.createdAt)} 建立
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={{ year: filter.year?.toString(), status: filter.status }} />
    </div>
  );
}
