import type { Metadata } from "next";
import Link from "next/link";
import { ImportUploadForm } from "@/components/imports/upload-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { inputClass } from "@/components/ui/styles";
import { formatBytes } from "@/lib/attachments/file-type";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { IMPORT_MAX_BYTES } from "@/lib/imports/file-type";
import { BATCH_STATUS_LABELS, listImportBatches } from "@/lib/imports/queries";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { uploadImportAction } from "./actions";

export const metadata: Metadata = { title: "导入导出（国家系统明细）" };

const STATUS_TONE: Record<string, string> = {
  MERGED: "bg-green-50 text-green-800",
  VALIDATED: "bg-amber-50 text-amber-900",
  REJECTED: "bg-red-50 text-red-800",
  FAILED: "bg-red-50 text-red-800",
  UNDONE: "bg-slate-100 text-slate-700",
};

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("ledger.read");
  const params = await searchParams;
  const paging = ZPageParams.parse(params);
  const mayImport = can(actor, "import.manage");
  const [page, regions] = await Promise.all([mayImport ? listImportBatches(actor, paging) : null, listRegionsInScope(actor)]);
  const villages = regions.filter((region) => region.level === "VILLAGE");
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">导入导出（国家系统贫困人口明细）</h1>
        <p className="mt-1 text-sm text-slate-600">按国家扶贫开发信息系统“贫困人口明细”的格式导入建档立卡数据，或按同一格式导出台账。</p>
      </div>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="export-heading">
        <h2 id="export-heading" className="font-medium">
          导出台账（国家系统格式）
        </h2>
        <p className="text-sm text-slate-600">
          导出{actor.regionName}范围内的在户人员，每人一行。
          {can(actor, "household.viewFullIdNumber") ? "含完整身份证号，导出将记入审计日志。" : "身份证号部分隐藏。"}
        </p>
        <form action="/api/imports/ledger" method="get" className="flex flex-wrap items-end gap-2">
          <select name="village" aria-label="村" className={`${inputClass} w-56`} defaultValue="">
            <option value="">{actor.regionName}全部</option>
            {villages.map((village) => (
              <option key={village.code} value={village.code}>
                {village.name}
              </option>
            ))}
          </select>
          <button className="min-h-11 rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">导出 Excel</button>
        </form>
      </section>

      {mayImport && page ? (
        <>
          <ImportUploadForm
            action={uploadImportAction}
            maxSize={formatBytes(IMPORT_MAX_BYTES)}
            scopeNote={actor.role === "TOWNSHIP_CADRE" ? `您只能导入${actor.regionName}的户。` : ""}
            townships={actor.role === "COUNTY_OFFICE" ? regions.filter((region) => region.level === "TOWNSHIP") : []}
          />
          <section className="space-y-2" aria-labelledby="batches-heading">
            <h2 id="batches-heading" className="font-medium">
              导入批次
            </h2>
            {page.rows.length === 0 ? (
              <EmptyState>还没有导入过文件</EmptyState>
            ) : (
              <ul className="space-y-2" data-testid="batch-list">
                {page.rows.map((batch) => (
                  <li key={batch.id} className="rounded-lg border border-slate-200 bg-white p-4">
                    <div className="flex flex-wrap items-baseline justify-between gap-2">
                      <Link href={`/imports/${batch.id}`} className="break-all font-medium text-brand-700 underline">
                        {batch.fileName}
                      </Link>
                      <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONE[batch.status] ?? "bg-slate-100 text-slate-700"}`}>
                        {BATCH_STATUS_LABELS[batch.status] ?? batch.status}
                      </span>
                    </div>
                    <p className="mt-1 text-sm text-slate-600">
                      {batch.rowsTotal} 行、{batch.householdsTotal} 户（无误 {batch.householdsValid} 户，错误 {batch.issueCount} 处）
                      {batch.status === "MERGED" ? `；已导入 ${batch.householdsMerged} 户 ${batch.membersMerged} 人` : ""}
                    </p>
                    <p className="mt-1 text-xs text-slate-500">
                      {batch.createdByName} 于 {formatDateTime(batch.createdAt)} 上传
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={{}} />
          </section>
        </>
      ) : null}
    </div>
  );
}
