import { ActivityLog } from "@/components/ui/activity-log";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  ConsentForm,
  CloseNoticeForm,
  ObjectionForm,
  RejectForm,
  ResolveObjectionForm,
  SheetUploadForm,
  SignForm,
  StartNoticeForm,
} from "@/components/exits/sheet-forms";
import { Card, ChainSteps, CoverageList, CriteriaList, IncomeCalculation, MetBadge, SheetStatusBadge, SignatureTable } from "@/components/exits/sheet-sections";
import { formatBytes } from "@/lib/attachments/file-type";
import { PrintPageStyle } from "@/components/ui/print-page-style";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime, todayString } from "@/lib/dates";
import { env } from "@/lib/env";
import { getExitSheet, type ExitSheetView } from "@/lib/exits/household/get-exit-sheet";
import { stepActorsLabel } from "@/lib/exits/household/presentation";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import {
  closeNoticeAction,
  recordConsentAction,
  recordObjectionAction,
  rejectSheetAction,
  resolveObjectionAction,
  signStepAction,
  startNoticeAction,
  uploadSheetEvidenceAction,
} from "../actions";

export const metadata: Metadata = { title: "脱贫退出核验表" };

const SAVED: Record<string, string> = {
  opened: "已提出脱贫退出，核验表已建立，等待村两委民主评议。",
};

function signButtonLabel(view: ExitSheetView): string {
  const step = view.chain.steps.find((candidate) => candidate.step === view.offered.step);
  if (view.offered.step === "PROPOSE") return "重新提出脱贫退出";
  if (view.offered.step === "COUNTY_APPROVAL") return "审定并公告退出";
  return `签署：${step?.label ?? ""}`;
}

function signConfirm(view: ExitSheetView): string {
  if (view.offered.step === "COUNTY_APPROVAL") return `审定后该户将标记为已脱贫（${view.sheet.assessmentYear}年），确定审定吗？`;
  if (view.offered.step === "PROPOSE") return "确定重新提出脱贫退出吗？";
  return `确定签署"${view.chain.nextStepLabel}"吗？`;
}

function ActionPanel({ view, maxMegabytes }: { view: ExitSheetView; maxMegabytes: number }) {
  const { offered, sheet } = view;
  const consentDone = view.chain.steps.find((step) => step.step === "HOUSEHOLD_CONSENT")?.signature;
  const minNoticeDate = consentDone ? todayString(consentDone.signedAt) : null;
  const consentScans = view.sheetEvidence.filter((row) => row.kind === "CONSENT" && row.current);
  const noticePhotos = view.sheetEvidence.filter((row) => row.kind === "NOTICE_PHOTO" && row.current);
  const anything = offered.sign || offered.recordConsent || offered.startNotice || offered.closeNotice || offered.manageObjections || offered.reject;
  if (sheet.status === "APPROVED") {
    return <p className="text-sm text-green-800">本核验表已由县扶贫办审定，该户已公告退出（{sheet.assessmentYear}年脱贫）。</p>;
  }
  return (
    <div className="space-y-4">
      <p className="text-sm">
        当前环节：<span className="font-semibold">{view.chain.nextStepLabel}</span>
        {view.chain.nextStep ? <span className="text-slate-500">（由{stepActorsLabel(view.chain.nextStep)}办理）</span> : null}
      </p>
      {offered.blocked ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          {offered.blocked}
        </p>
      ) : null}
      {offered.sign ? (
        <SignForm
          sheetId={sheet.id}
          version={sheet.version}
          step={offered.step!}
          stepLabel={view.chain.nextStepLabel}
          today={view.today}
          review={offered.step === "DEMOCRATIC_REVIEW"}
          confirmText={signConfirm(view)}
          buttonLabel={signButtonLabel(view)}
          action={signStepAction}
        />
      ) : null}
      {offered.recordConsent ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">贫困户户主不是系统用户：请上传户主签字（按手印）的认可书扫描件，再登记认可。</p>
          <EvidenceList rows={consentScans} empty="尚未上传本轮的认可书扫描件" />
          <SheetUploadForm
            sheetId={sheet.id}
            kind="CONSENT"
            label="上传认可书扫描件"
            hint="户主签字的贫困户认可书"
            maxMegabytes={maxMegabytes}
            action={uploadSheetEvidenceAction}
          />
          <ConsentForm sheetId={sheet.id} version={sheet.version} action={recordConsentAction} />
        </div>
      ) : null}
      {offered.startNotice ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">请上传张贴在村务公开栏的公示照片，并登记张贴日期。公示期不少于 {sheet.noticeMinDays} 天。</p>
          <EvidenceList rows={noticePhotos} empty="尚未上传公示照片" />
          <SheetUploadForm
            sheetId={sheet.id}
            kind="NOTICE_PHOTO"
            label="上传公示照片"
            hint="村内公示张贴照片"
            maxMegabytes={maxMegabytes}
            action={uploadSheetEvidenceAction}
          />
          <StartNoticeForm sheetId={sheet.id} version={sheet.version} today={view.today} minDate={minNoticeDate} action={startNoticeAction} />
        </div>
      ) : null}
      {offered.closeNotice ? (
        <div className="space-y-2">
          <p className="text-sm" data-testid="notice-status">
            公示于 {sheet.notice?.postedOn} 张贴，最早可于 <span className="font-medium">{offered.closeNotice.earliest}</span> 结束
            {offered.closeNotice.unresolved > 0 ? <span className="font-medium text-red-700">；有 {offered.closeNotice.unresolved} 条异议尚未处理</span> : null}
            。
          </p>
          <CloseNoticeForm sheetId={sheet.id} version={sheet.version} action={closeNoticeAction} />
        </div>
      ) : null}
      {offered.manageObjections ? (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">登记公示期间的异议</summary>
          <div className="mt-3">
            <ObjectionForm sheetId={sheet.id} version={sheet.version} today={view.today} action={recordObjectionAction} />
          </div>
        </details>
      ) : null}
      {offered.reject ? (
        <details className="rounded-md border border-red-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-red-700">退回（需填写理由）</summary>
          <div className="mt-3">
            <RejectForm
              sheetId={sheet.id}
              version={sheet.version}
              step={offered.step!}
              target={`帮扶责任人${view.household.helperName}`}
              action={rejectSheetAction}
            />
          </div>
        </details>
      ) : null}
      {!anything && !offered.blocked ? <p className="text-sm text-slate-500">您不是当前环节的办理人，无需操作。</p> : null}
    </div>
  );
}

function EvidenceList({ rows, empty }: { rows: ExitSheetView["sheetEvidence"]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {rows.map((row) => (
        <li key={row.id} className="flex flex-wrap items-center gap-2">
          <a href={`/api/attachments/${row.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
            【{row.category}】{row.originalName}
          </a>
          <span className="text-xs text-slate-500">
            {formatBytes(row.sizeBytes)} · {row.uploaderName} · {formatDateTime(row.uploadedAt)}
            {row.current ? "" : " · 上一轮/已失效公示的材料"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function ExitSheetPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("exit.read");
  const view = await orNotFound(() => getExitSheet(actor, id));
  const saved = SAVED[(await searchParams).saved ?? ""];
  const { sheet, household } = view;
  const maxMegabytes = Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024);
  return (
    <div className="print-doc space-y-4 print:space-y-2 print:text-black">
      <PrintPageStyle header={`贫困户脱贫退出核验表 · 户编号 ${household.householdNo}`} headerRight={`核验码 ${sheet.verificationCode}`} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="no-print text-sm text-slate-500">
            <Link href="/exits" className="hover:underline">
              退出核验
            </Link>{" "}
            / 核验表
          </p>
          <h1 className="text-xl font-semibold">
            {household.headName ?? "（无户主）"} 户 · {sheet.assessmentYear}年度脱贫退出核验表{" "}
            <SheetStatusBadge status={sheet.status} label={sheet.statusLabel} />
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            户编号 <span className="font-mono">{household.householdNo}</span> · {household.townshipName}
            {household.villageName} · 帮扶责任人 {household.helperName} · 第{sheet.round}轮 · 核验码{" "}
            <span className="font-mono" data-testid="verification-code">
              {sheet.verificationCode}
            </span>
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2 text-sm">
          <Link href={`/exits/${sheet.id}/print`} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:border-brand-600">
            打印核验表
          </Link>
          <Link href={`/households/${household.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:border-brand-600">
            查看户档
          </Link>
        </div>
      </div>
      {saved ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" role="status">
          {saved}
        </p>
      ) : null}
      {sheet.status === "REJECTED" && sheet.rejection ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="rejection">
          已被{sheet.rejection.by}退回{sheet.rejection.at ? `（${formatDateTime(sheet.rejection.at)}）` : ""}：{sheet.rejection.reason}
          。请帮扶责任人补充材料后重新提出。
        </p>
      ) : null}
      {view.changedSinceApproval ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          审定后该户档案数据已有变化：以下按审定时的内容显示签字状态；打印件扫码核验将显示“已过期”。
        </p>
      ) : null}
      {sheet.status !== "APPROVED" && view.signatures.some((row) => row.state === "INVALID") ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="invalidated">
          签署后户档数据发生了变化，相关签字已失效，程序从“{view.chain.nextStepLabel}”重新办理。
        </p>
      ) : null}

      <Card title="当前办理" id="action-title" className="no-print border-brand-100">
        <ActionPanel view={view} maxMegabytes={maxMegabytes} />
      </Card>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-3">
        <Card title={`两不愁三保障核验（${view.allMet ? "全部达标" : "未全部达标"}）`} id="criteria-title">
          <p className="mb-1 text-xs text-slate-500">按户档当前数据计算；年龄按 {view.asOf} 计算。</p>
          <CriteriaList criteria={view.criteria} />
        </Card>
        <div className="space-y-4 print:space-y-2">
          <Card title={`收入核算（${sheet.assessmentYear}年度）`} id="income-title">
            <IncomeCalculation income={view.income} year={sheet.assessmentYear} lineFen={view.povertyLineFen} />
          </Card>
          <Card title="因户施策：致贫原因覆盖情况" id="coverage-title">
            <CoverageList coverage={view.coverage} />
          </Card>
        </div>
      </div>

      <Card title="退出程序" id="chain-title">
        <ChainSteps steps={view.chain.steps} />
        {sheet.review ? (
          <p className="mt-3 text-sm text-slate-600">
            民主评议：{sheet.review.date}，参会 {sheet.review.present} 人，结果：{sheet.review.result}
          </p>
        ) : null}
      </Card>

      <Card title="签字记录" id="signatures-title">
        <SignatureTable signatures={view.signatures} />
        <p className="mt-2 text-xs text-slate-500">
          每个签字绑定签署时的核验表内容（当前内容指纹 <span className="font-mono">{view.hashShort}</span>）；内容变化后，原签字显示为“已失效”。
        </p>
      </Card>

      <Card title="村内公示与异议" id="notice-title">
        {sheet.notice ? (
          <p className="text-sm">
            张贴日期：{sheet.notice.postedOn}
            {sheet.notice.closedOn ? `；结束日期：${sheet.notice.closedOn}` : "；公示中"}
          </p>
        ) : (
          <p className="text-sm text-slate-500">尚未发布公示</p>
        )}
        {view.objections.length ? (
          <ul className="mt-3 space-y-3" aria-label="公示异议">
            {view.objections.map((objection) => (
              <li key={objection.id} className="rounded-md border border-slate-200 p-3 text-sm">
                <p>
                  <span className="text-slate-500">
                    {objection.raisedOn} · 第{objection.round}轮：
                  </span>
                  {objection.content}
                </p>
                {objection.resolution ? (
                  <p className="mt-1 text-green-800">
                    处理结果：{objection.resolution}（{objection.resolverName}，{objection.resolvedAt ? formatDateTime(objection.resolvedAt) : ""}）
                  </p>
                ) : view.offered.manageObjections && objection.round === sheet.round ? (
                  <div className="no-print mt-2">
                    <ResolveObjectionForm objectionId={objection.id} version={objection.version} action={resolveObjectionAction} />
                  </div>
                ) : (
                  <p className="mt-1 font-medium text-red-700">尚未处理</p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <Card title="佐证材料" id="evidence-title">
        <h3 className="mb-1 text-sm font-medium">核验表材料（认可书扫描件、公示照片）</h3>
        <EvidenceList rows={view.sheetEvidence} empty="暂无" />
        <h3 className="mt-3 mb-1 text-sm font-medium">户档佐证材料（计入核验表内容）</h3>
        {view.householdEvidence.length ? (
          <ul className="space-y-1 text-sm">
            {view.householdEvidence.map((row) => (
              <li key={row.id}>
                <a href={`/api/attachments/${row.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                  【{row.category}】{row.originalName}
                </a>
                <span className="ml-2 text-xs text-slate-500">
                  {row.uploader.displayName} · {formatDateTime(row.uploadedAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">暂无</p>
        )}
      </Card>

      <Card title="家庭成员" id="members-title">
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="家庭成员表（可左右滚动）">
          <table className="min-w-full text-sm" aria-label="家庭成员">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="px-2 py-1">姓名</th>
                <th className="px-2 py-1">关系</th>
                <th className="px-2 py-1">身份证号</th>
                <th className="px-2 py-1">性别 / 年龄</th>
                <th className="px-2 py-1">医保</th>
                <th className="px-2 py-1">状态</th>
              </tr>
            </thead>
            <tbody>
              {view.members.map((member) => (
                <tr key={member.id} className={`whitespace-nowrap border-t border-slate-100 ${member.present ? "" : "text-slate-600"}`}>
                  <td className="px-2 py-1">{member.name}</td>
                  <td className="px-2 py-1">{member.relationLabel}</td>
                  <td className="px-2 py-1 font-mono text-xs">{member.idNumberMasked}</td>
                  <td className="px-2 py-1">
                    {member.gender} / {member.ageNote ?? `${member.age ?? "—"} 岁`}
                  </td>
                  <td className="px-2 py-1">
                    <MetBadge met={member.insured} yes="已参保" no="未全部参保" />
                  </td>
                  <td className="px-2 py-1">{member.present ? "在户" : "不在户"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      {/* The audit trail stays on screen; the paper carries the sheet, its signatures and evidence (the 打印核验表 view is the form to sign). */}
      <Card title="办理记录" id="activity-title" className="no-print">
        <ActivityLog entries={view.activity} testId="activity" />
      </Card>
    </div>
  );
}
