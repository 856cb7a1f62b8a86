import type { Metadata } from "next";
import Link from "next/link";
import { CreateRegionForm, MergeVillagesForm } from "@/components/regions/region-forms";
import { RegionRowActions } from "@/components/regions/region-row-actions";
import { VillageGroupsEditor } from "@/components/regions/village-groups";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchBox } from "@/components/ui/search-box";
import { requirePage } from "@/lib/auth/page-guard";
import { findRegionTree, type AdminRegion } from "@/lib/regions/queries";
import { searchTextError, zSearchText } from "@/lib/search";
import {
  createRegionAction,
  createVillageGroupAction,
  mergeVillagesAction,
  moveRegionAction,
  moveVillageGroupAction,
  renameRegionAction,
  renameVillageGroupAction,
  retireRegionAction,
  retireVillageGroupAction,
} from "./actions";

export const metadata: Metadata = { title: "区划管理" };

const rowActions = { rename: renameRegionAction, move: moveRegionAction, retire: retireRegionAction };
const groupActions = { create: createVillageGroupAction, rename: renameVillageGroupAction, move: moveVillageGroupAction, retire: retireVillageGroupAction };

function State({ region, names }: { region: AdminRegion; names: Map<string, string> }) {
  if (!region.retiredAt) return <span className="text-green-700">在用</span>;
  return <span className="text-slate-500">{region.mergedInto ? `已并入${names.get(region.mergedInto) ?? region.mergedInto}` : "已撤销"}</span>;
}

export default async function RegionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("region.manage");
  const params = await searchParams;
  const q = zSearchText.parse(params.q);
  const searchError = searchTextError(q);
  const tree = await findRegionTree(actor, searchError ? undefined : q);
  const names = new Map(tree.townships.flatMap((township) => [township, ...township.villages]).map((region) => [region.code, region.name]));
  return (
    <div className="space-y-4">
      <div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-xl font-semibold">区划管理</h1>
          <div className="flex flex-wrap gap-2">
            <Link
              href="/admin/regions/import"
              className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
            >
              从表格导入
            </Link>
            <a
              href="/admin/regions/export"
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm text-slate-700 hover:border-brand-600"
            >
              导出区划表
            </a>
          </div>
        </div>
        <p className="text-sm text-slate-600">
          {tree.county ? `${tree.county.name}（县级代码 ${tree.county.code.slice(0, 6)}）` : ""}：乡镇、村及其 12
          位统计用区划代码。村不删除，只撤销或合并；撤销的村仍可查看，不能再建档。
        </p>
      </div>
      {tree.county ? (
        <div className="flex flex-wrap items-start justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3">
          <div>
            <p className="font-medium">{tree.county.name}</p>
            <p className="text-sm text-slate-500">县 · {tree.county.code}</p>
          </div>
          <RegionRowActions region={tree.county} actions={rowActions} first last />
        </div>
      ) : null}
      <form className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-[1fr_auto]" role="search">
        <SearchBox defaultValue={q} placeholder="乡镇、村名称或区划代码（前几位）" label="乡镇、村名称或区划代码" error={searchError} />
        <button className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 hover:border-brand-600">查询</button>
      </form>
      {tree.county ? (
        <details className="rounded-lg border border-slate-200 bg-white p-3" open={tree.townships.length === 0}>
          <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-700">新建乡镇</summary>
          <CreateRegionForm action={createRegionAction} level="TOWNSHIP" parentCode={tree.county.code} parentName={tree.county.name} />
        </details>
      ) : null}
      {tree.townships.length === 0 ? (
        <EmptyState>{q ? "没有符合条件的乡镇或村" : "还没有乡镇。请先新建乡镇，再在乡镇下新建村。"}</EmptyState>
      ) : (
        tree.townships.map((township, townshipIndex) => {
          const active = township.villages.filter((village) => !village.retiredAt);
          return (
            <section key={township.code} className="space-y-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={township.name}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 className="text-lg font-semibold">{township.name}</h2>
                  <p className="text-sm text-slate-500">
                    {township.code} · {township.villages.length} 个村 · {township.households} 户
                  </p>
                </div>
                <RegionRowActions region={township} actions={rowActions} first={townshipIndex === 0} last={townshipIndex === tree.townships.length - 1} />
              </div>
              {township.villages.length === 0 ? (
                <EmptyState>该乡镇还没有村</EmptyState>
              ) : (
                <div className="overflow-x-auto">
                  <table className="min-w-full text-sm">
                    <thead className="bg-slate-50 text-left text-slate-600">
                      <tr>
                        <th className="px-3 py-2">村</th>
                        <th className="px-3 py-2">区划代码</th>
                        <th className="px-3 py-2">户数</th>
                        <th className="px-3 py-2">账号</th>
                        <th className="px-3 py-2">自然村/组</th>
                        <th className="px-3 py-2">状态</th>
                        <th className="px-3 py-2">操作</th>
                      </tr>
                    </thead>
                    <tbody>
                      {township.villages.map((village, index) => (
                        <tr key={village.code} className="border-t border-slate-100 align-top">
                          <td className="whitespace-nowrap px-3 py-2 font-medium">{village.name}</td>
                          <td className="whitespace-nowrap px-3 py-2 font-mono">{village.code}</td>
                          <td className="px-3 py-2">{village.households}</td>
                          <td className="px-3 py-2">{village.users}</td>
                          <td className="px-3 py-2">
                            {village.retiredAt ? (
                              village.groups.map((group) => group.name).join("、") || "—"
                            ) : (
                              <VillageGroupsEditor villageCode={village.code} villageName={village.name} groups={village.groups} actions={groupActions} />
                            )}
                          </td>
                          <td className="whitespace-nowrap px-3 py-2">
                            <State region={village} names={names} />
                          </td>
                          <td className="px-3 py-2">
                            {village.retiredAt ? null : (
                              <RegionRowActions region={village} actions={rowActions} first={index === 0} last={index === township.villages.length - 1} />
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <details className="rounded-md border border-slate-200 p-3">
                <summary className="min-h-11 cursor-pointer py-2 text-brand-700">在{township.name}新建村</summary>
                <CreateRegionForm action={createRegionAction} level="VILLAGE" parentCode={township.code} parentName={township.name} />
              </details>
              {active.length >= 2 ? (
                <details className="rounded-md border border-slate-200 p-3">
                  <summary className="min-h-11 cursor-pointer py-2 text-brand-700">合并{township.name}的两个村</summary>
                  <MergeVillagesForm
                    action={mergeVillagesAction}
                    villages={active.map((village) => ({ code: village.code, name: village.name, version: village.version, households: village.households }))}
                  />
                </details>
              ) : null}
            </section>
          );
        })
      )}
    </div>
  );
}
