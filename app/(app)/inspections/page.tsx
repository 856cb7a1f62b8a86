import type { Metadata } from "next";
import Link from "next/link";
import { SheetStatusBadge } from "@/components/exits/sheet-sections";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, RegionFilters } from "@/components/ui/filter-select";
import { Pagination } from "@/components/ui/pagination";
import { SearchBox } from "@/components/ui/search-box";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { findingSummary } from "@/lib/inspections/findings/queries";
import { CHANGED_CANDIDATES, findReviewQueue, reviewQueueYears } from "@/lib/inspections/reviews/queries";
import { REVIEW_STAGE, ZReviewQueueFilter } from "@/lib/inspections/reviews/schema";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { searchTextError } from "@/lib/search";

export const metadata: Metadata = { title: "督查工作台" };

const REVIEWED = { NONE: "未审查", CHANGED: "审查后有变化", DONE: "已审查" } as const;

function Tile({
  href,
  label,
  value,
  tone = "plain",
  testId,
}: {
  href: string;
  label: string;
  value: number | string;
  tone?: "plain" | "alert";
  testId?: string;
}) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className={`block min-h-11 rounded-lg border bg-white p-3 hover:border-brand-600 ${tone === "alert" ? "border-red-200" : "border-slate-200"}`}
    >
      <span className="block text-sm text-slate-600">{label}</span>
      <span className={`block text-2xl font-semibold ${tone === "alert" ? "text-red-700" : "text-slate-900"}`}>{value}</span>
    </Link>
  );
}

export default async function InspectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("inspection.read");
  const params = await searchParams;
  const filter = ZReviewQueueFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [queue, summary, regions, years] = await Promise.all([
    findReviewQueue(actor, filter, paging),
    findingSummary(actor),
    listRegionsInScope(actor),
    reviewQueueYears(actor),
  ]);
  const searchError = searchTextError(filter.q);
  const keep = {
    q: filter.q,
    township: filter.township,
    village: filter.village,
    year: filter.year?.toString(),
    stage: filter.stage,
    reviewed: filter.reviewed,
  };
  const filtered = Object.values(keep).some(Boolean);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">督查工作台</h1>
        <p className="mt-1 text-sm text-slate-600">审查贫困户退出核验表，组织抽查和入户核查，跟踪问题整改。督查只读户档，只登记自己的审查、核查和问题。</p>
      </div>

      <section aria-label="概况" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Tile href="/inspections/findings?status=NOT_CLOSED" label="未销号问题" value={summary.open} testId="tile-open" />
        <Tile
          href="/inspections/findings?overdue=1"
          label="逾期问题"
          value={summary.overdue}
          tone={summary.overdue > 0 ? "alert" : "plain"}
          testId="tile-overdue"
        />
        <Tile href="/inspections/findings?status=SUBMITTED" label="待销号（已提交整改）" value={summary.submitted} testId="tile-submitted" />
        <div className="grid grid-rows-2 gap-2 text-sm">
          <Link
            href="/inspections/rounds"
            prefetch={false}
            className="flex min-h-11 items-center rounded-lg border border-slate-200 bg-white px-3 text-brand-700 hover:border-brand-600"
          >
            抽查与入户核查 →
          </Link>
          <Link
            href="/inspections/rates"
            prefetch={false}
            className="flex min-h-11 items-center rounded-lg border border-slate-200 bg-white px-3 text-brand-700 hover:border-brand-600"
          >
            三率一度 →
          </Link>
        </div>
      </section>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/inspections/findings" className="text-brand-700 underline">
          问题清单
        </Link>
        {can(actor, "finding.raise") ? (
          <Link href="/inspections/findings/new" className="text-brand-700 underline">
            登记问题
          </Link>
        ) : null}
        {can(actor, "findingCategory.manage") ? (
          <Link href="/inspections/categories" className="text-brand-700 underline">
            问题类别
          </Link>
        ) : null}
      </p>

      <section className="space-y-3" aria-labelledby="queue-title">
        <h2 id="queue-title" className="font-semibold">
          核验表审查
        </h2>
        <form role="search" aria-label="筛选核验表" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
          <SearchBox defaultValue={filter.q} placeholder="户主姓名 / 户编号" label="搜索核验表" error={searchError} className="col-span-2" />
          <FilterSelect
            name="reviewed"
            label="审查情况"
            allLabel="全部审查情况"
            options={Object.entries(REVIEWED).map(([value, label]) => ({ value, label }))}
            value={filter.reviewed}
          />
          <FilterSelect
            name="stage"
            label="环节"
            allLabel="全部环节"
            options={Object.entries(REVIEW_STAGE).map(([value, label]) => ({ value, label }))}
            value={filter.stage}
          />
          <FilterSelect
            name="year"
            label="评估年度"
            allLabel="全部年度"
            options={years.map((year) => ({ value: String(year), label: `${year}年` }))}
            value={filter.year?.toString()}
          />
          <RegionFilters regions={regions} township={filter.township} village={filter.village} />
          <div className="col-span-2 flex gap-2 sm:col-span-1">
            <button className="min-h-11 flex-1 rounded-md bg-slate-800 px-4 text-white hover:bg-slate-900">查询</button>
            <Link href="/inspections" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
              重置
            </Link>
          </div>
        </form>
        {queue.changedCapped ? (
          <p className="text-sm text-amber-900" role="note">
            “审查后有变化”只核对了最近变动的 {CHANGED_CANDIDATES} 份已审查核验表；请按乡镇、村或年度缩小范围。
          </p>
        ) : null}
        {searchError ? null : queue.rows.length === 0 ? (
          <EmptyState>{filtered ? "没有符合条件的核验表" : "暂无办理中或已审定的退出核验表"}</EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="review-queue">
              {queue.rows.map((row) => (
                <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                  <div className="min-w-0">
                    <Link href={`/inspections/sheets/${row.id}`} className="key-link font-medium">
                      {row.headName ?? "（无户主）"} 户 · {row.assessmentYear}年度
                    </Link>{" "}
                    <SheetStatusBadge status={row.status} label={row.statusLabel} />
                    <p className="text-xs text-slate-600">
                      {row.householdNo} · {row.townshipName}
                      {row.villageName} · 环节：{row.stepLabel}
                    </p>
                  </div>
                  <div className="text-right text-xs">
                    {row.latest ? (
                      <>
                        <p className={row.latest.failed ? "text-red-700" : "text-green-800"}>
                          已审查 {row.reviews} 次 · 最近：{row.latest.failed ? `${row.latest.failed} 项不合格` : "全部合格"}
                        </p>
                        <p className="text-slate-500">
                          {row.latest.inspectorName} · {formatDateTime(row.latest.reviewedAt)}
                        </p>
                        {row.latest.onOldData ? <p className="font-medium text-amber-900">审查后户档有变化</p> : null}
                      </>
                    ) : (
                      <span className="badge bg-slate-100 text-slate-700">未审查</span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            <Pagination page={queue.page} pageCount={queue.pageCount} total={queue.total} params={keep} />
          </>
        )}
      </section>
    </div>
  );
}
