import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/exits/sheet-sections";
import { FindingStatusBadge, OverdueBadge } from "@/components/inspections/findings/finding-badges";
import { DecideReportForms, FindingReportForm } from "@/components/inspections/findings/finding-forms";
import { ActivityLog } from "@/components/ui/activity-log";
import { formatBytes } from "@/lib/attachments/file-type";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { env } from "@/lib/env";
import { getFinding } from "@/lib/inspections/findings/queries";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import { decideFindingReportAction, submitFindingReportAction } from "../actions";

export const metadata: Metadata = { title: "督查问题" };

const SAVED: Record<string, string> = { raised: "问题已登记，问题所在乡镇、村的干部可在问题清单中看到并提交整改报告。" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function FindingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("finding.read");
  const finding = await orNotFound(() => getFinding(actor, id));
  const saved = SAVED[(await searchParams).saved ?? ""];
  const maxMegabytes = Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/inspections/findings" className="hover:underline">
            问题清单
          </Link>{" "}
          / 督查问题
        </p>
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
          {finding.categoryName}
          <FindingStatusBadge status={finding.status} returns={finding.returns} label={finding.statusLabel} />
          <OverdueBadge days={finding.daysOverdue} />
        </h1>
        <p className="mt-1 text-sm text-slate-600">{finding.targetLabel}</p>
      </div>
      {saved ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" role="status">
          {saved}
        </p>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="问题" id="finding-title">
          <dl className="divide-y divide-slate-100" data-testid="finding-details">
            <Row label="问题描述">
              <span className="whitespace-pre-wrap">{finding.description}</span>
            </Row>
            <Row label="来源">
              {finding.sourceLabel}
              {finding.checklistItemLabel ? `（审查项：${finding.checklistItemLabel}）` : ""}
              {finding.criterionLabel ? `（不符合：${finding.criterionLabel}）` : ""}
            </Row>
            <Row label="涉及">
              {finding.targetLabel}
              <span className="mt-1 flex flex-wrap gap-3">
                {finding.householdId && can(actor, "household.read") ? (
                  <Link href={`/households/${finding.householdId}`} className="text-brand-700 underline">
                    查看户档
                  </Link>
                ) : null}
                {finding.reviewSheetId && can(actor, "inspection.read") ? (
                  <Link href={`/inspections/sheets/${finding.reviewSheetId}`} className="text-brand-700 underline">
                    查看核验表审查
                  </Link>
                ) : null}
              </span>
            </Row>
            <Row label="责任单位">{finding.responsibleUnit}</Row>
            <Row label="责任人">{finding.responsiblePerson}</Row>
            <Row label="整改期限">
              {finding.deadline} {finding.daysOverdue > 0 ? <span className="font-medium text-red-700">（已逾期 {finding.daysOverdue} 天）</span> : null}
            </Row>
            <Row label="提出">
              {finding.raiserName}，{formatDateTime(finding.raisedAt)}
            </Row>
            {finding.closedAt ? (
              <Row label="销号">
                {finding.closerName}，{formatDateTime(finding.closedAt)}
              </Row>
            ) : null}
          </dl>
        </Card>

        <Card title="办理" id="handle-title" className="border-brand-100">
          {finding.status === "CLOSED" ? (
            <p className="text-sm text-green-800">该问题已整改到位并销号。</p>
          ) : finding.canReport ? (
            <div className="space-y-2">
              {finding.returns > 0 ? (
                <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
                  上次整改报告被退回，请按退回理由继续整改后重新提交。
                </p>
              ) : null}
              <FindingReportForm action={submitFindingReportAction} findingId={finding.id} version={finding.version} maxMegabytes={maxMegabytes} />
            </div>
          ) : finding.canDecide ? (
            <div className="space-y-3">
              <p className="text-sm text-slate-700">责任方已提交整改报告（见下方“整改记录”），请核实后销号或退回。</p>
              <DecideReportForms action={decideFindingReportAction} findingId={finding.id} version={finding.version} />
            </div>
          ) : (
            <p className="text-sm text-slate-500">
              {finding.status === "SUBMITTED" ? "已提交整改报告，等待督查人员销号或退回。" : "等待问题所在乡镇、村提交整改报告。"}
            </p>
          )}
        </Card>
      </div>

      <Card title={`整改记录（${finding.reports.length}）`} id="reports-title">
        {finding.reports.length === 0 ? (
          <p className="text-sm text-slate-500">尚未提交整改报告</p>
        ) : (
          <ol className="space-y-3" data-testid="reports">
            {finding.reports.map((report, index) => (
              <li key={report.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="text-xs text-slate-500">
                  第 {index + 1} 次整改报告 · {report.submitterName} · {formatDateTime(report.submittedAt)}
                </p>
                <p className="mt-1 whitespace-pre-wrap">{report.content}</p>
                {report.files.length ? (
                  <ul className="mt-2 space-y-1">
                    {report.files.map((file) => (
                      <li key={file.id}>
                        <a href={`/api/inspection-files/${file.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                          {file.originalName}
                        </a>
                        <span className="ml-2 text-xs text-slate-500">{formatBytes(file.sizeBytes)}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {report.decision ? (
                  <p className={`mt-2 ${report.decision === "ACCEPTED" ? "text-green-800" : "text-amber-900"}`}>
                    {report.decision === "ACCEPTED" ? "已销号" : `已退回：${report.decisionReason ?? ""}`}（{report.deciderName}
                    {report.decidedAt ? `，${formatDateTime(report.decidedAt)}` : ""}）
                  </p>
                ) : (
                  <p className="mt-2 text-blue-800">等待督查人员销号或退回</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>

      <Card title="办理记录" id="history-title">
        <ActivityLog entries={finding.history} testId="finding-history" />
      </Card>
    </div>
  );
}
