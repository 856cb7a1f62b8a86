import type { Metadata } from "next";
import Link from "next/link";
import { FilterField, FilterSelect, RegionFilters } from "@/components/ui/filter-select";
import { HouseholdNoLink, RowDetail } from "@/components/ui/table";
import { inputClass } from "@/components/ui/styles";
import { Pagination } from "@/components/ui/pagination";
import { SearchBox } from "@/components/ui/search-box";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { HOUSEHOLD_ATTRIBUTE, HOUSEHOLD_STATUS, POVERTY_CAUSE } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { findHouseholds } from "@/lib/households/find-households";
import { ZHouseholdFilter } from "@/lib/households/schema";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { searchTextError } from "@/lib/search";
import { EmptyState } from "@/components/ui/empty-state";
import { FigureFilterBanner } from "@/components/dashboard/figure-filter-banner";
import { figureFilterOf } from "@/lib/dashboard/view";
import { QualityFilterBanner } from "@/components/quality/quality-filter-banner";
import { qualityRule } from "@/lib/data-quality/catalogue";

export const metadata: Metadata = { title: "户档管理" };

const STATUS_STYLE: Record<string, string> = {
  REGISTERED: "bg-amber-50 text-amber-800",
  EXITED: "bg-green-50 text-green-800",
  RETURNED: "bg-red-50 text-red-700",
  CANCELLED: "bg-slate-100 text-slate-600",
};

export default async function HouseholdsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("household.read");
  const params = await searchParams;
  const filter = ZHouseholdFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [page, regions, figureFilter] = await Promise.all([findHouseholds(actor, filter, paging), listRegionsInScope(actor), figureFilterOf(actor, filter)]);
  const searchError = searchTextError(filter.q);
  const rule = filter.quality && can(actor, "quality.read") ? qualityRule(filter.quality) : undefined;
  const qualityFilter = rule ? { code: rule.code, title: rule.title } : null;
  const keep = {
    q: filter.q,
    township: filter.township,
    village: filter.village,
    attribute: filter.attribute,
    status: filter.status,
    cause: filter.cause,
    year: filter.year?.toString(),
    figure: figureFilter?.figure,
    fy: figureFilter ? String(figureFilter.year) : undefined,
    quality: qualityFilter?.code,
    sort: filter.sort,
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">户档管理</h1>
        {can(actor, "household.write") ? (
          <Link href="/households/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            新建户档
          </Link>
        ) : null}
      </div>
      {figureFilter ? <FigureFilterBanner filter={figureFilter} total={page.total} unit="户" path="/households" keep={keep} /> : null}
      {qualityFilter ? <QualityFilterBanner code={qualityFilter.code} title={qualityFilter.title} total={page.total} keep={keep} /> : null}
      <form id="list-filter" role="search" className="grid grid-cols-2 items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <SearchBox
          defaultValue={filter.q}
          placeholder="户主姓名（任意部分）/ 身份证号（或后4位以上）/ 户编号"
          label="搜索"
          error={searchError}
          className="col-span-2"
        />
        <RegionFilters regions={regions} township={filter.township} village={filter.village} />
        <FilterSelect name="attribute" label="贫困户属性" allLabel="全部属性" options={optionsOf(HOUSEHOLD_ATTRIBUTE)} value={filter.attribute} />
        <FilterSelect name="status" label="状态" allLabel="全部状态" options={optionsOf(HOUSEHOLD_STATUS)} value={filter.status} />
        <FilterSelect name="cause" label="致贫原因" allLabel="全部致贫原因" options={optionsOf(POVERTY_CAUSE)} value={filter.cause} />
        <FilterField label="识别年度">
          <input name="year" defaultValue={filter.year ?? ""} placeholder="如 2015" inputMode="numeric" maxLength={4} className={inputClass} />
        </FilterField>
        <FilterField label="排序">
          <select name="sort" defaultValue={filter.sort} className={inputClass}>
            <option value="householdNo">按户编号</option>
            <option value="-householdNo">按户编号（倒序）</option>
            <option value="identificationYear">按识别年度</option>
            <option value="-identificationYear">按识别年度（倒序）</option>
            <option value="-updatedAt">最近修改</option>
          </select>
        </FilterField>
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button className="min-h-11 flex-1 rounded-md bg-slate-800 px-4 text-white hover:bg-slate-900">查询</button>
          <Link href="/households" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm">
            重置
          </Link>
        </div>
      </form>
      {searchError ? null : page.rows.length === 0 ? (
        <EmptyState>没有符合条件的户档</EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" aria-label="户档列表">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">户编号</th>
                  <th className="px-3 py-2">户主</th>
                  <th className="hidden px-3 py-2 md:table-cell">身份证号</th>
                  <th className="col-secondary px-3 py-2">乡镇 / 村</th>
                  <th className="hidden px-3 py-2 md:table-cell">人口</th>
                  <th className="hidden px-3 py-2 md:table-cell">属性</th>
                  <th className="hidden px-3 py-2 md:table-cell">主要致贫原因</th>
                  <th className="hidden px-3 py-2 md:table-cell">识别年度</th>
                  <th className="hidden px-3 py-2 md:table-cell">帮扶责任人</th>
                  <th className="px-3 py-2">状态</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((row) => (
                  <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
                    <td className="px-3 py-1">
                      <HouseholdNoLink id={row.id} householdNo={row.householdNo} />
                      <RowDetail
                        items={[`${row.townshipName} / ${row.villageName}`, `${row.memberCount} 人`, row.helperName ? `帮扶：${row.helperName}` : null]}
                      />
                    </td>
                    <td className="cell-name px-3 py-2">
                      <Link href={`/households/${row.id}`} className="hover:underline">
                        {row.headName ?? "（无户主）"}
                      </Link>
                    </td>
                    <td className="hidden px-3 py-2 font-mono text-xs md:table-cell">{row.headIdMasked}</td>
                    <td className="col-secondary cell-name px-3 py-2">
                      {row.townshipName} / {row.villageName}
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">{row.memberCount}</td>
                    <td className="hidden px-3 py-2 md:table-cell">{HOUSEHOLD_ATTRIBUTE.label(row.attribute as never)}</td>
                    <td className="hidden px-3 py-2 md:table-cell">{POVERTY_CAUSE.label(row.primaryCause as never)}</td>
                    <td className="hidden px-3 py-2 md:table-cell">{row.identificationYear}</td>
                    <td className="hidden px-3 py-2 md:table-cell">{row.helperName}</td>
                    <td className="px-3 py-2">
                      <span className={`badge ${STATUS_STYLE[row.status]}`}>{HOUSEHOLD_STATUS.label(row.status as never)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} totalIsAtLeast={page.totalIsAtLeast} params={keep} />
    </div>
  );
}
