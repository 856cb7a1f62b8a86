import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PickStatus } from "@/components/inspections/sampling/pick-status";
import { EmptyState } from "@/components/ui/empty-state";
import { PrintButton } from "@/components/ui/print-button";
import { requirePage } from "@/lib/auth/page-guard";
import { toDateString } from "@/lib/dates";
import { SAMPLE_KIND } from "@/lib/domain/codes";
import { rateHouseholds } from "@/lib/inspections/rates/queries";
import { RATE_MEASURE_LABEL, RATE_MEASURES, RATE_PART_LABEL, RATE_PARTS, type RateMeasure, type RatePart } from "@/lib/inspections/rates/rules";

export const metadata: Metadata = { title: "三率一度：抽查户" };

export default async function RateHouseholdsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("inspection.read");
  const search = await searchParams;
  const measure = search.measure as RateMeasure;
  const part = search.part as RatePart;
  if (!search.round || !RATE_MEASURES.includes(measure) || !RATE_PARTS.includes(part)) notFound();
  const township = search.township && /^\d{12}$/.test(search.township) ? search.township : undefined;
  const result = await rateHouseholds(actor, { roundId: search.round, measure, part, township });
  return (
    <div className="space-y-4">
      <Link href={`/inspections/rates?round=${result.round.id}`} className="no-print text-sm text-brand-700 underline">
        ← 三率一度
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">
            {RATE_MEASURE_LABEL[measure]}的{part === "numerator" ? "分子" : "分母"}：{RATE_PART_LABEL[measure][part]}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {result.round.name} · {result.townshipName ?? "抽查范围合计"} · 共 <span data-testid="drill-count">{result.rows.length}</span> 户
          </p>
        </div>
        <div className="no-print">
          <PrintButton />
        </div>
      </div>
      {result.rows.length === 0 ? (
        <EmptyState>没有符合条件的抽查户</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="drill-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2 font-medium">户</th>
                <th className="px-3 py-2 font-medium">乡镇 / 村</th>
                <th className="px-3 py-2 font-medium">人口</th>
                <th className="px-3 py-2 font-medium">核查日期</th>
                <th className="px-3 py-2 font-medium">核查结果</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={`${row.kind}:${row.entryId}`} className="border-t border-slate-100 align-top" data-testid="drill-row">
                  <td className="px-3 py-2">
                    <Link href={`/inspections/rounds/${result.round.id}/checks/${row.kind}/${row.entryId}`} className="text-brand-700 underline">
                      {row.label}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {SAMPLE_KIND.label(row.kind)} · 第 {row.ordinal} 位
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    {row.townshipName} {row.villageName}
                  </td>
                  <td className="px-3 py-2">{row.people} 人</td>
                  <td className="px-3 py-2 whitespace-nowrap">{row.check ? toDateString(row.check.visitedOn) : "—"}</td>
                  <td className="px-3 py-2">
                    <PickStatus pick={{ kind: row.kind, replacedBy: null, check: row.check }} />
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
