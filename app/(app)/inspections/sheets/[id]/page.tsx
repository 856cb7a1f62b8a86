import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, ChainSteps, CriteriaList, IncomeCalculation, SheetStatusBadge, SignatureTable } from "@/components/exits/sheet-sections";
import { PastReviews } from "@/components/inspections/reviews/past-reviews";
import { ReviewForm } from "@/components/inspections/reviews/review-form";
import { formatBytes } from "@/lib/attachments/file-type";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { getSheetReview } from "@/lib/inspections/reviews/queries";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { saveReviewAction } from "../actions";

export const metadata: Metadata = { title: "审查核验表" };

export default async function SheetReviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("inspection.read");
  const { view, reviews, visitPhotos, form, cannotReview } = await orNotFound(() => getSheetReview(actor, id));
  const { sheet, household } = view;
  const saved = (await searchParams).saved;
  const savedCount = saved !== undefined && /^\d+$/.test(saved) ? Number(saved) : null;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/inspections" className="hover:underline">
            督查工作台
          </Link>{" "}
          / 审查核验表
        </p>
        <h1 className="text-xl font-semibold">
          {household.headName ?? "（无户主）"} 户 · {sheet.assessmentYear}年度退出核验表 <SheetStatusBadge status={sheet.status} label={sheet.statusLabel} />
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          户编号 <span className="font-mono">{household.householdNo}</span> · {household.townshipName}
          {household.villageName} · 帮扶责任人 {household.helperName} · 第{sheet.round}轮 · 当前内容指纹 <span className="font-mono">{view.hashShort}</span>
        </p>
        <p className="mt-1 flex flex-wrap gap-3 text-sm">
          <Link href={`/exits/${sheet.id}`} className="text-brand-700 underline">
            打开核验表
          </Link>
          <Link href={`/households/${household.id}`} className="text-brand-700 underline">
            查看户档
          </Link>
        </p>
      </div>
      {savedCount !== null ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" role="status" data-testid="review-saved">
          审查已保存{savedCount > 0 ? `，已提出 ${savedCount} 个督查问题` : "，各项均合格"}。
        </p>
      ) : null}
      {view.changedSinceApproval ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          审定后该户档案数据已有变化（审定时内容指纹 <span className="font-mono">{view.approvedHashShort}</span>，当前{" "}
          <span className="font-mono">{view.hashShort}</span>）。
        </p>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          <Card title={`两不愁三保障（${view.allMet ? "全部达标" : "未全部达标"}）`} id="criteria-title">
            <p className="mb-1 text-xs text-slate-500">按户档当前数据计算；年龄按 {view.asOf} 计算。</p>
            <CriteriaList criteria={view.criteria} compact />
          </Card>
          <Card title={`收入核算（${sheet.assessmentYear}年度）`} id="income-title">
            <IncomeCalculation income={view.income} year={sheet.assessmentYear} lineFen={view.povertyLineFen} />
          </Card>
          <Card title="签字及有效性" id="signatures-title">
            <ChainSteps steps={view.chain.steps} />
            <div className="mt-3">
              <SignatureTable signatures={view.signatures} />
            </div>
            <p className="mt-2 text-xs text-slate-500">签字绑定签署时的核验表内容；内容变化后原签字显示为“已失效”。</p>
          </Card>
          <Card title="佐证材料" id="evidence-title">
            <h3 className="mb-1 text-sm font-medium">认可书扫描件、公示照片</h3>
            <FileList
              rows={view.sheetEvidence.map((row) => ({
                id: row.id,
                name: `【${row.category}】${row.originalName}`,
                meta: `${formatBytes(row.sizeBytes)} · ${row.uploaderName} · ${formatDateTime(row.uploadedAt)}${row.current ? "" : " · 上一轮/已失效公示的材料"}`,
              }))}
            />
            {sheet.notice ? (
              <p className="mt-1 text-xs text-slate-600">
                公示：{sheet.notice.postedOn} 张贴{sheet.notice.closedOn ? `，${sheet.notice.closedOn} 结束` : "，公示中"}
              </p>
            ) : null}
            <h3 className="mt-3 mb-1 text-sm font-medium">户档佐证材料</h3>
            <FileList
              rows={view.householdEvidence.map((row) => ({
                id: row.id,
                name: `【${row.category}】${row.originalName}`,
                meta: `${row.uploader.displayName} · ${formatDateTime(row.uploadedAt)}`,
              }))}
            />
            <h3 className="mt-3 mb-1 text-sm font-medium">走访照片</h3>
            <FileList
              rows={visitPhotos.map((row) => ({ id: row.id, name: row.originalName, meta: `${row.uploader.displayName} · ${formatDateTime(row.uploadedAt)}` }))}
            />
          </Card>
        </div>

        <div className="space-y-4">
          <Card title="审查清单" id="checklist-title" className="border-brand-100">
            {cannotReview ? (
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="cannot-review">
                {cannotReview}
              </p>
            ) : (
              <ReviewForm
                action={saveReviewAction}
                sheetId={sheet.id}
                items={form.items}
                categories={form.categories}
                defaults={form.defaults}
                today={view.today}
                defaultUnit={household.townshipName}
              />
            )}
          </Card>
          <Card title={`审查记录（${reviews.length}）`} id="reviews-title">
            <PastReviews reviews={reviews} />
          </Card>
        </div>
      </div>
    </div>
  );
}

function FileList({ rows }: { rows: { id: string; name: string; meta: string }[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">暂无</p>;
  return (
    <ul className="space-y-1 text-sm">
      {rows.map((row) => (
        <li key={row.id} className="break-words">
          <a href={`/api/attachments/${row.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
            {row.name}
          </a>
          <span className="ml-2 text-xs text-slate-500">{row.meta}</span>
        </li>
      ))}
    </ul>
  );
}
