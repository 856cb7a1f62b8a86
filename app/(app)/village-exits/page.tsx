import type { Metadata } from "next";
import Link from "next/link";
import { SheetStatusBadge } from "@/components/exits/sheet-sections";
import { PopulationForm } from "@/components/exits/village-forms";
import { inputClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { findVillageExits } from "@/lib/exits/village/find-village-exits";
import { saveVillagePopulationAction } from "./actions";

export const metadata: Metadata = { title: "贫困村退出" };

export default async function VillageExitsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requirePage("villageExit.read");
  const { year: yearText } = await searchParams;
  const list = await findVillageExits(actor, yearText);
  const editsPopulation = can(actor, "villagePopulation.write");
  const creates = can(actor, "villageExit.edit");
  const years = Array.from({ length: list.currentYear - 2013 + 1 }, (_, index) => list.currentYear - index);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">贫困村退出（出列）</h1>
          <p className="mt-1 text-sm text-slate-500">贫困发生率 = 剩余贫困人口（在档、返贫户的在户人口）÷ 村农村户籍人口；出列标准：低于 {list.threshold}</p>
        </div>
        <form className="flex items-end gap-2" aria-label="选择年度">
          <select name="year" defaultValue={list.year} aria-label="年度" className={`${inputClass} w-28`}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}年
              </option>
            ))}
          </select>
          <button className="min-h-11 rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">查看</button>
        </form>
      </div>
      {list.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">您的管辖范围内没有村</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="村列表">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">村</th>
                <th className="px-3 py-2">{list.year}年农村户籍人口</th>
                <th className="px-3 py-2">剩余贫困人口</th>
                <th className="px-3 py-2">贫困发生率</th>
                <th className="px-3 py-2">{list.year}年度退出核验表</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.villageCode} className="border-t border-slate-100 align-top" data-testid={`village-${row.villageCode}`}>
                  <td className="whitespace-nowrap px-3 py-2">
                    <span className="font-medium">{row.villageName}</span>
                    <span className="block text-xs text-slate-500">{row.townshipName}</span>
                  </td>
                  <td className="px-3 py-2">
                    {editsPopulation ? (
                      <PopulationForm
                        villageCode={row.villageCode}
                        villageName={row.villageName}
                        year={list.year}
                        value={row.ruralPopulation}
                        version={row.populationVersion}
                        action={saveVillagePopulationAction}
                      />
                    ) : row.ruralPopulation === null ? (
                      <span className="text-slate-500">未填写</span>
                    ) : (
                      `${row.ruralPopulation} 人`
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{row.remaining} 人</td>
                  <td className="px-3 py-2">
                    {row.incidence === null ? (
                      <span className="text-slate-500">—</span>
                    ) : (
                      <span className={row.belowThreshold ? "text-green-800" : "font-medium text-red-700"}>
                        {row.incidence}
                        {row.belowThreshold ? "（达标）" : "（未达标）"}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {row.sheet ? (
                      <Link href={`/village-exits/${row.sheet.id}`} className="inline-flex items-center gap-2 text-brand-700 underline">
                        查看 <SheetStatusBadge status={row.sheet.status} label={row.sheet.statusLabel} />
                      </Link>
                    ) : creates ? (
                      <Link href={`/village-exits/new?village=${row.villageCode}&year=${list.year}`} className="text-brand-700 underline">
                        新建核验表
                      </Link>
                    ) : (
                      <span className="text-slate-500">未建立</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
