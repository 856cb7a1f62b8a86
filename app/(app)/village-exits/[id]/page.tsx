import { ActivityLog } from "@/components/ui/activity-log";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, ChainSteps, CriteriaList, SheetStatusBadge, SignatureTable } from "@/components/exits/sheet-sections";
import { ConditionsForm, MarkExitedForm, VillageEvidenceForm, VillageNoticeForm, VillageRejectForm, VillageSignForm } from "@/components/exits/village-forms";
import { formatBytes } from "@/lib/attachments/file-type";
import { PrintPageStyle } from "@/components/ui/print-page-style";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime, todayString } from "@/lib/dates";
import { env } from "@/lib/env";
import { getVillageExitSheet } from "@/lib/exits/village/get-village-exit-sheet";
import { VILLAGE_EXIT_STEP_LABELS } from "@/lib/exits/village/rules";
import { VILLAGE_EVIDENCE_CONDITIONS } from "@/lib/exits/village/content";
import { formatFen } from "@/lib/income/money";
import { isUuid, orNotFound } from "@/lib/page-helpers";
import {
  markVillageExitedAction,
  recordVillageNoticeAction,
  rejectVillageSheetAction,
  signVillageStepAction,
  updateVillageConditionsAction,
  uploadVillageEvidenceAction,
} from "../actions";

export const metadata: Metadata = { title: "贫困村退出核验表" };

const SIGN_LABELS: Record<string, string> = {
  TOWNSHIP_PROPOSE: "乡镇提出出列",
  COUNTY_APPROVAL: "县扶贫办审定",
  LEADER_SIGN: "包片县级领导签字",
};

export default async function VillageExitSheetPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const actor = await requirePage("villageExit.read");
  const view = await orNotFound(() => getVillageExitSheet(actor, id));
  const saved = (await searchParams).saved === "created" ? "核验表已建立。请上传佐证材料，然后由乡镇提出出列。" : null;
  const { sheet, offered } = view;
  const maxMegabytes = Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024);
  const conditionOptions = Object.entries(VILLAGE_EVIDENCE_CONDITIONS).map(([value, label]) => ({ value, label }));
  const anything = offered.sign.length > 0 || offered.recordNotice || offered.reject.length > 0 || offered.markExited;
  return (
    <div className="print-doc space-y-4 print:space-y-2 print:text-black">
      <PrintPageStyle
        header={`贫困村退出核验表 · ${sheet.townshipName}${sheet.villageName}`}
        headerRight={`${sheet.assessmentYear}年度 · 内容指纹 ${view.hashShort}`}
      />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="no-print text-sm text-slate-500">
            <Link href="/village-exits" className="hover:underline">
              贫困村退出
            </Link>{" "}
            / 核验表
          </p>
          <h1 className="text-xl font-semibold">
            {sheet.townshipName}
            {sheet.villageName} · {sheet.assessmentYear}年度贫困村退出核验表 <SheetStatusBadge status={sheet.status} label={sheet.statusLabel} />
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            第{sheet.round}轮 · 包片县级领导：{view.responsibleLeaders.length ? view.responsibleLeaders.join("、") : "未指定"} · 内容指纹{" "}
            <span className="font-mono">{view.hashShort}</span>
          </p>
        </div>
        <Link
          href={`/village-exits/${sheet.id}/print`}
          className="no-print inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm hover:border-brand-600"
        >
          打印核验表
        </Link>
      </div>
      {saved ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" role="status">
          {saved}
        </p>
      ) : null}
      {sheet.status === "REJECTED" && sheet.rejectedReason ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
          已退回乡镇：{sheet.rejectedReason}
        </p>
      ) : null}
      {sheet.status === "APPROVED" ? (
        <p className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800" role="status">
          该村已于 {sheet.exitedAt ? formatDateTime(sheet.exitedAt) : ""} 公告出列。
        </p>
      ) : null}

      {sheet.status !== "APPROVED" ? (
        <Card title="当前办理" id="action-title" className="no-print border-brand-100">
          <div className="space-y-4">
            <p className="text-sm">
              待办环节：<span className="font-semibold">{view.chain.nextSteps.join("、") || "各环节均已完成"}</span>
            </p>
            {offered.blocked ? (
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note">
                {offered.blocked}
              </p>
            ) : null}
            {offered.sign.map((step) => (
              <VillageSignForm
                key={step}
                sheetId={sheet.id}
                version={sheet.version}
                step={step}
                label={SIGN_LABELS[step]}
                confirmText={`确定${SIGN_LABELS[step]}吗？`}
                action={signVillageStepAction}
              />
            ))}
            {offered.recordNotice ? (
              <VillageNoticeForm sheetId={sheet.id} version={sheet.version} today={todayString()} action={recordVillageNoticeAction} />
            ) : null}
            {offered.markExited ? (
              <MarkExitedForm sheetId={sheet.id} version={sheet.version} villageName={sheet.villageName} action={markVillageExitedAction} />
            ) : null}
            {offered.markExitedBlocked && !offered.markExited ? (
              <p className="text-sm text-slate-600" data-testid="mark-blocked">
                暂不能公告出列：{offered.markExitedBlocked}
              </p>
            ) : null}
            {offered.reject.length ? (
              <details className="rounded-md border border-red-200 p-3">
                <summary className="cursor-pointer text-sm font-medium text-red-700">退回乡镇（需填写理由）</summary>
                <div className="mt-3">
                  <VillageRejectForm sheetId={sheet.id} version={sheet.version} step={offered.reject[0]} action={rejectVillageSheetAction} />
                </div>
              </details>
            ) : null}
            {!anything && !offered.blocked && !offered.markExitedBlocked ? <p className="text-sm text-slate-500">您不是当前环节的办理人，无需操作。</p> : null}
          </div>
        </Card>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2 print:grid-cols-2 print:gap-3">
        <Card title={`出列条件核验（${view.allMet ? "全部达标" : "未全部达标"}）`} id="criteria-title">
          <p className="mb-1 text-sm">
            剩余贫困人口 {view.remaining} 人 ÷ 农村户籍人口 {view.population ? `${view.population.ruralPopulation} 人` : "（未填写）"} = 贫困发生率{" "}
            <span className="font-medium">{view.criteria[0]?.facts.find((fact) => fact.label === "贫困发生率")?.value ?? "—"}</span>（标准：低于{" "}
            {view.threshold}）
          </p>
          <CriteriaList criteria={view.criteria} />
        </Card>
        <div className="space-y-4">
          <Card title="出列程序" id="chain-title">
            <ChainSteps steps={view.chain.steps} />
            <p className="mt-2 text-xs text-slate-500">
              {VILLAGE_EXIT_STEP_LABELS.COUNTY_APPROVAL}与{VILLAGE_EXIT_STEP_LABELS.LEADER_SIGN}在公示后办理，先后不限；两者都有效后方可公告出列。
            </p>
            {sheet.notice ? (
              <p className="mt-2 text-sm">
                乡镇内公示：{sheet.notice.postedOn} 至 {sheet.notice.endedOn}
              </p>
            ) : null}
          </Card>
          {offered.edit && sheet.status !== "APPROVED" ? (
            <Card title="修改村级条件" id="conditions-title" className="no-print">
              <p className="mb-2 text-xs text-amber-800">修改后核验表内容变化，已有签字将失效，需重新办理。</p>
              <ConditionsForm
                hidden={{ sheetId: sheet.id, version: sheet.version }}
                values={sheet.conditions}
                submitLabel="保存村级条件"
                action={updateVillageConditionsAction}
                targetFen={formatFen(view.targetFen)}
              />
            </Card>
          ) : null}
        </div>
      </div>

      <Card title="签字记录" id="signatures-title">
        <SignatureTable signatures={view.signatures} />
      </Card>

      <Card title="佐证材料" id="evidence-title">
        {view.evidence.length ? (
          <ul className="space-y-1 text-sm" data-testid="village-evidence">
            {view.evidence.map((row) => (
              <li key={row.id}>
                <a href={`/village-exits/evidence/${row.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                  【{row.conditionLabel}】{row.originalName}
                </a>
                <span className="ml-2 text-xs text-slate-500">
                  {formatBytes(row.sizeBytes)} · {row.uploaderName} · {formatDateTime(row.uploadedAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">暂无佐证材料</p>
        )}
        {offered.edit && sheet.status !== "APPROVED" ? (
          <div className="no-print mt-3">
            <VillageEvidenceForm sheetId={sheet.id} conditions={conditionOptions} maxMegabytes={maxMegabytes} action={uploadVillageEvidenceAction} />
          </div>
        ) : null}
      </Card>

      <Card title="办理记录" id="activity-title" className="no-print">
        <ActivityLog entries={view.activity} />
      </Card>
    </div>
  );
}
