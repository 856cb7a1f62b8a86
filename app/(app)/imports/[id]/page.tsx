import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExistingList } from "@/components/imports/existing-list";
import { MergeForm } from "@/components/imports/merge-form";
import { ImportProgress } from "@/components/imports/progress";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { formatBytes } from "@/lib/attachments/file-type";
import { requirePage } from "@/lib/auth/page-guard";
import { currentYear, formatDateTime } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { getImportBatch, listExistingHouseholds, listImportHouseholds, listImportIssues } from "@/lib/imports/queries";
import { ZPageParams } from "@/lib/pagination";
import { chooseExistingImportAction, mergeImportAction, undoImportAction } from "../actions";

export const metadata: Metadata = { title: "导入批次" };

const LISTS = { INVALID: "未导入的户（有错误）", EXISTING: "已在档案中（跳过或更新）", VALID: "无误的户" } as const;

export default async function ImportBatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requirePage("import.manage");
  const { id } = await params;
  const query = await searchParams;
  const batch = await getImportBatch(actor, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const reading = batch.status === "UPLOADED" || batch.status === "PARSING";
  const checked = !reading && batch.status !== "REJECTED";
  const list = query.list === "EXISTING" || query.list === "VALID" ? query.list : "INVALID";
  const [issues, households, existing] = checked
    ? await Promise.all([
        listImportIssues(actor, batch.id, ZPageParams.parse({ page: query.page })),
        list === "EXISTING" ? null : listImportHouseholds(actor, batch.id, list, ZPageParams.parse({ pageSize: "100" })),
        list === "EXISTING" ? listExistingHouseholds(actor, batch.id, ZPageParams.parse({ page: query.epage, pageSize: "20" })) : null,
      ])
    : [null, null, null];

  return (
    <div className="space-y-5">
      <div>
        <Link href="/imports" className="text-sm text-brand-700 underline">
          ← 导入批次
        </Link>
        <h1 className="mt-1 break-all text-xl font-semibold">{batch.fileName}</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="batch-status">
          {batch.statusLabel}
          {batch.message ? `：${batch.message}` : ""}
        </p>
      </div>

      <dl className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">上传</dt>
          <dd>
            {batch.createdByName} · {formatDateTime(batch.createdAt)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">文件</dt>
          <dd className="break-all">
            {formatBytes(batch.fileSize)} · SHA-256 <span className="font-mono text-xs">{batch.fileSha256}</span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">范围</dt>
          <dd>{batch.townshipName ?? "全县"}</dd>
        </div>
        {batch.mergedAt ? (
          <div>
            <dt className="text-slate-500">导入</dt>
            <dd>
              {batch.mergedByName} · {formatDateTime(batch.mergedAt)}（{batch.mode === "VALID_ONLY" ? "只导入无误的户" : "全部导入"}）
            </dd>
          </div>
        ) : null}
        {batch.undoneAt ? (
          <div>
            <dt className="text-slate-500">撤销</dt>
            <dd>
              {batch.undoneByName} · {formatDateTime(batch.undoneAt)}
            </dd>
          </div>
        ) : null}
      </dl>

      {reading || batch.status === "VALIDATED" ? <ImportProgress rowsRead={batch.rowsRead} rowsExpected={batch.rowsExpected} active={reading} /> : null}

      {checked ? (
        <>
          <section aria-labelledby="totals-heading" className="space-y-2">
            <h2 id="totals-heading" className="font-medium">
              校验结果
            </h2>
            <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="import-totals">
              <Total label="数据行" value={batch.rowsTotal} />
              <Total label="户数" value={batch.householdsTotal} />
              <Total label="无误的户" value={batch.householdsValid} tone="good" />
              <Total label="无误户的人数" value={batch.membersValid} />
              <Total label="有错误的户" value={batch.invalidHouseholds} tone={batch.invalidHouseholds ? "bad" : undefined} />
              <Total label="错误" value={batch.issueCount} tone={batch.issueCount ? "bad" : undefined} />
              <Total label="已在档案中（跳过）" value={batch.householdsExisting} />
              {batch.status === "MERGED" || batch.status === "UNDONE" ? <Total label="已导入户数" value={batch.householdsMerged} tone="good" /> : null}
            </ul>
          </section>

          {batch.issueCount > 0 ? (
            <a
              href={`/api/imports/${batch.id}/report`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:border-brand-600"
              data-testid="error-report"
            >
              下载错误报告（原表各行 + 错误说明列）
            </a>
          ) : null}

          {batch.status === "VALIDATED" || batch.status === "FAILED" ? (
            <MergeForm
              action={mergeImportAction}
              batchId={batch.id}
              valid={batch.householdsValid}
              leftOut={batch.invalidHouseholds}
              existing={batch.householdsExisting}
              updating={batch.householdsToUpdate}
              hasErrors={batch.issueCount > 0}
              defaultYear={currentYear() - 1}
            />
          ) : null}

          {batch.status === "MERGED" ? (
            <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
              <p className="text-sm">
                已导入 {batch.householdsMerged} 户、{batch.membersMerged} 人。
                <Link href="/households" className="text-brand-700 underline">
                  到户档管理查看
                </Link>
              </p>
              <ActionForm
                action={undoImportAction}
                hidden={{ batchId: batch.id }}
                label="撤销本批次导入"
                tone="danger"
                confirmText={`撤销后将删除本批次导入的 ${batch.householdsMerged} 户及其成员、收入（仅当这些户导入后都未被修改）。确定撤销吗？`}
              />
            </section>
          ) : null}

          <section aria-labelledby="issues-heading" className="space-y-2">
            <h2 id="issues-heading" className="font-medium">
              错误明细
            </h2>
            {issues && issues.rows.length > 0 ? (
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="min-w-full text-sm" data-testid="issue-table">
                  <thead className="bg-slate-50 text-left text-slate-600">
                    <tr>
                      <th className="px-3 py-2 font-medium">行号</th>
                      <th className="px-3 py-2 font-medium">列</th>
                      <th className="px-3 py-2 font-medium">说明</th>
                    </tr>
                  </thead>
                  <tbody>
                    {issues.rows.map((issue) => (
                      <tr key={issue.id} className="border-t border-slate-100 align-top">
                        <td className="px-3 py-2 whitespace-nowrap">第 {issue.sheetRow} 行</td>
                        <td className="px-3 py-2 whitespace-nowrap">{issue.column || "（整户）"}</td>
                        <td className="min-w-64 px-3 py-2">{issue.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <EmptyState>没有发现错误</EmptyState>
            )}
            {issues ? <Pagination page={issues.page} pageCount={issues.pageCount} total={issues.total} params={{ list }} /> : null}
          </section>

          <section aria-labelledby="households-heading" className="space-y-2">
            <h2 id="households-heading" className="font-medium">
              按户查看
            </h2>
            <nav className="flex flex-wrap gap-2" aria-label="户清单">
              {(Object.keys(LISTS) as (keyof typeof LISTS)[]).map((key) => (
                <Link
                  key={key}
                  href={`?list=${key}${query.page ? `&page=${query.page}` : ""}`}
                  aria-current={key === list ? "page" : undefined}
                  className={`inline-flex min-h-11 items-center rounded-md border px-3 text-sm ${key === list ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 bg-white"}`}
                >
                  {LISTS[key]}
                </Link>
              ))}
            </nav>
            {existing ? (
              <>
                <p className="text-sm text-slate-600">
                  户编号已在档案中的户默认跳过。下面列出文件与档案逐项的不同；需要以文件为准的，可逐户选择“按文件更新”，在确认导入时与其他户一起写入。
                </p>
                <ExistingList
                  rows={existing.rows}
                  batchId={batch.id}
                  open={batch.status === "VALIDATED" || batch.status === "FAILED"}
                  action={chooseExistingImportAction}
                />
                {existing.pageCount > 1 ? (
                  <nav className="flex flex-wrap items-center gap-2 text-sm" aria-label="已在档案中的户分页">
                    <span className="text-slate-600">
                      共 {existing.total} 户，第 {existing.page} / {existing.pageCount} 页
                    </span>
                    {existing.page > 1 ? (
                      <Link
                        className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3"
                        href={`?list=EXISTING&epage=${existing.page - 1}`}
                      >
                        上一页
                      </Link>
                    ) : null}
                    {existing.page < existing.pageCount ? (
                      <Link
                        className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3"
                        href={`?list=EXISTING&epage=${existing.page + 1}`}
                      >
                        下一页
                      </Link>
                    ) : null}
                  </nav>
                ) : null}
              </>
            ) : households && households.rows.length > 0 ? (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid={`households-${list}`}>
                {households.rows.map((household) => (
                  <li key={household.id} className="flex flex-wrap justify-between gap-2 px-3 py-2">
                    <span className="font-mono">{household.householdNo}</span>
                    <span className="text-slate-600">
                      第 {household.firstRow} 行起，共 {household.rowCount} 行
                      {household.householdId ? (
                        <>
                          {" "}
                          ·{" "}
                          <Link className="text-brand-700 underline" href={`/households/${household.householdId}`}>
                            查看户档
                          </Link>
                        </>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState>没有{LISTS[list]}</EmptyState>
            )}
            {households && households.total > households.rows.length ? (
              <p className="text-sm text-slate-600">
                共 {households.total} 户，此处列出前 {households.rows.length} 户；完整的错误清单请下载错误报告。
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}

function Total({ label, value, tone }: { label: string; value: number; tone?: "good" | "bad" }) {
  const color = tone === "good" ? "text-green-800" : tone === "bad" ? "text-red-700" : "text-slate-900";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3">
      <span className="block text-xs text-slate-500">{label}</span>
      <span className={`text-lg font-semibold ${color}`}>{value.toLocaleString("zh-CN")}</span>
    </li>
  );
}
