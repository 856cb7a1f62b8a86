import type { Metadata } from "next";
import Link from "next/link";
import { FindingStatusBadge, OverdueBadge } from "@/components/inspections/findings/finding-badges";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, RegionFilters } from "@/components/ui/filter-select";
import { RowDetail } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { SearchBox } from "@/components/ui/search-box";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { FINDING_SOURCE } from "@/lib/domain/codes";
import { findFindings, listFindingCategories } from "@/lib/inspections/findings/queries";
import { FINDING_LIST_STATUS, ZFindingFilter } from "@/lib/inspections/findings/schema";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { searchTextError } from "@/lib/search";

export const metadata: Metadata = { title: "问题清单" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("finding.read");
  const params = await searchParams;
  const filter = ZFindingFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [page, categories, regions] = await Promise.all([findFindings(actor, filter, paging), listFindingCategories(actor), listRegionsInScope(actor)]);
  const searchError = searchTextError(filter.q);
  const keep = {
    q: filter.q,
    status: filter.status,
    category: filter.category,
    source: filter.source,
    township: filter.township,
    village: filter.village,
    overdue: filter.overdue ? "1" : undefined,
  };
  const filtered = Object.values(keep).some(Boolean);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500">
            {can(actor, "inspection.read") ? (
              <>
                <Link href="/inspections" className="hover:underline">
                  督查工作台
                </Link>{" "}
                /{" "}
              </>
            ) : null}
            问题清单
          </p>
          <h1 className="text-xl font-semibold">{filter.overdue ? "逾期未整改问题" : "问题清单（挂单督办）"}</h1>
          <p className="mt-1 text-sm text-slate-600">
            督查发现的问题由问题所在乡镇、村提交整改报告，督查人员销号或退回。超过整改期限仍未销号的问题为逾期问题。
          </p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          <Link
            href={filter.overdue ? "/inspections/findings" : "/inspections/findings?overdue=1"}
            className="flex min-h-11 items-center rounded-md border border-red-300 bg-white px-3 text-red-700 hover:bg-red-50"
          >
            {filter.overdue ? "查看全部问题" : "只看逾期问题"}
          </Link>
          {can(actor, "finding.raise") ? (
            <Link href="/inspections/findings/new" className="flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-white hover:bg-brand-800">
              登记问题
            </Link>
          ) : null}
        </div>
      </div>

      <form role="search" aria-label="筛选问题" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <SearchBox defaultValue={filter.q} placeholder="户编号 / 户主姓名 / 问题描述 / 责任单位" label="搜索问题" error={searchError} className="col-span-2" />
        <FilterSelect
          name="status"
          label="状态"
          allLabel="全部状态"
          options={Object.entries(FINDING_LIST_STATUS).map(([value, label]) => ({ value, label }))}
          value={filter.status}
        />
        <FilterSelect
          name="category"
          label="问题类别"
          allLabel="全部类别"
          options={categories.map((category) => ({ value: category.code, label: category.retired ? `${category.name}（已停用）` : category.name }))}
          value={filter.category}
        />
        <FilterSelect
          name="source"
          label="来源"
          allLabel="全部来源"
          options={FINDING_SOURCE.codes.map((code) => ({ value: code, label: FINDING_SOURCE.labels[code] }))}
          value={filter.source}
        />
        <RegionFilters regions={regions} township={filter.township} village={filter.village} />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue} className="h-5 w-5 accent-brand-700" />
          只看逾期
        </label>
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button className="min-h-11 flex-1 rounded-md bg-slate-800 px-4 text-white hover:bg-slate-900">查询</button>
          <Link href="/inspections/findings" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
            重置
          </Link>
        </div>
      </form>

      {searchError ? null : page.rows.length === 0 ? (
        <EmptyState>{filtered ? "没有符合条件的问题" : "暂无督查问题"}</EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" aria-label="问题清单" data-testid="findings-table">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">问题</th>
                  <th className="col-secondary px-3 py-2">涉及</th>
                  <th className="col-secondary px-3 py-2">责任单位 / 责任人</th>
                  <th className="col-secondary px-3 py-2">整改期限</th>
                  <th className="px-3 py-2">状态</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100 align-top">
                    <td className="px-3 py-1 sm:min-w-56">
                      <Link href={`/inspections/findings/${row.id}`} className="key-link font-medium">
                        {row.categoryName}
                      </Link>
                      <p className="line-clamp-2 text-slate-700">{row.description}</p>
                      <p className="text-xs text-slate-600">{row.sourceLabel}</p>
                      <RowDetail
                        items={[
                          row.targetLabel,
                          [row.responsibleUnit, row.responsiblePerson].filter(Boolean).join(" "),
                          row.deadline ? `期限 ${row.deadline}` : null,
                          row.daysOverdue ? <OverdueBadge key="overdue" days={row.daysOverdue} /> : null,
                        ]}
                      />
                    </td>
                    <td className="col-secondary min-w-40 px-3 py-2">{row.targetLabel}</td>
                    <td className="col-secondary whitespace-nowrap px-3 py-2">
                      {row.responsibleUnit}
                      <span className="block text-xs text-slate-600">{row.responsiblePerson}</span>
                    </td>
                    <td className="col-secondary whitespace-nowrap px-3 py-2">
                      {row.deadline}
                      <span className="block">
                        <OverdueBadge days={row.daysOverdue} />
                      </span>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <FindingStatusBadge status={row.status} returns={row.returns} label={row.statusLabel} />
                      {row.returns > 0 ? <span className="block text-xs text-slate-600">退回 {row.returns} 次</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={keep} />
        </>
      )}
    </div>
  );
}
