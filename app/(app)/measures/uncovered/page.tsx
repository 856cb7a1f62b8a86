import type { Metadata } from "next";
import { FilterSelect, RegionFilters } from "@/components/ui/filter-select";
import { Pagination } from "@/components/ui/pagination";
import { requirePage } from "@/lib/auth/page-guard";
import { POVERTY_CAUSE, type PovertyCause } from "@/lib/domain/codes";
import { optionsOf } from "@/lib/domain/options";
import { findUncoveredHouseholds, ZUncoveredFilter } from "@/lib/measures/find-uncovered";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { EmptyState } from "@/components/ui/empty-state";
import { HouseholdNoLink, RowDetail } from "@/components/ui/table";
import { householdScope } from "@/lib/auth/scope";

export const metadata: Metadata = { title: "施策不精准清单" };

export default async function UncoveredPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("coverage.read");
  const params = await searchParams;
  const filter = ZUncoveredFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [{ page, summary }, regions] = await Promise.all([findUncoveredHouseholds(actor, filter, paging), listRegionsInScope(actor)]);
  const keep = { township: filter.township, village: filter.village, cause: filter.cause };
  // A 帮扶责任人's scope is their own households: the list says so.
  const mine = householdScope(actor).kind === "assigned";
  const exportQuery = new URLSearchParams(Object.entries(keep).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">施策不精准清单</h1>
        <a href={`/api/exports/uncovered?${exportQuery}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:border-brand-600">
          导出 Excel
        </a>
      </div>
      <p className="text-sm text-slate-600">{mine ? "您帮扶的" : ""}未脱贫户中，仍有致贫原因没有“实施中”或“已完成”且类别适配的帮扶措施的户（因户施策检查）。</p>
      <form role="search" className="grid grid-cols-2 items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <RegionFilters regions={regions} township={filter.township} village={filter.village} />
        <FilterSelect name="cause" label="致贫原因" allLabel="全部原因" options={optionsOf(POVERTY_CAUSE)} value={filter.cause} />
        <button className="min-h-11 rounded-md bg-slate-800 px-4 text-white">查询</button>
      </form>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="uncovered-summary">
        共 <strong>{summary.households}</strong> 户、<strong>{summary.causes}</strong> 项致贫原因未被措施覆盖
        {summary.byVillage.length > 1 ? (
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-slate-600">
            {summary.byVillage.map((row) => (
              <li key={row.villageCode}>
                {row.name} {row.households} 户
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {page.rows.length === 0 ? (
        <EmptyState>没有施策不精准的户</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="施策不精准清单">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">户编号</th>
                <th className="px-3 py-2">户主</th>
                <th className="col-secondary px-3 py-2">乡镇 / 村</th>
                <th className="col-secondary px-3 py-2">帮扶责任人</th>
                <th className="px-3 py-2">未覆盖的致贫原因</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100">
                  <td className="px-3 py-1">
                    <HouseholdNoLink id={row.id} householdNo={row.householdNo} />
                    <RowDetail items={[`${row.townshipName} / ${row.villageName}`, mine ? null : `帮扶：${row.helperName}`]} />
                  </td>
                  <td className="cell-name px-3 py-2">{row.headName ?? "—"}</td>
                  <td className="col-secondary cell-name px-3 py-2">
                    {row.townshipName} / {row.villageName}
                  </td>
                  <td className="col-secondary cell-name px-3 py-2">{row.helperName}</td>
                  <td className="px-3 py-2 text-red-700">{row.uncoveredCauses.map((cause) => POVERTY_CAUSE.label(cause as PovertyCause)).join("、")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={keep} />
    </div>
  );
}
