import { CloseNoticeForm, ObjectionForm, RejectForm, ResolveObjectionForm, SheetUploadForm, SignForm } from "@/components/exits/sheet-forms";
import { Card, ChainSteps, CriteriaList, SheetStatusBadge, SignatureTable } from "@/components/exits/sheet-sections";
import { OpenProcedureForm, PostNoticeForm, RecordStepForm } from "@/components/monitoring/procedure-forms";
import { formatDateTime } from "@/lib/dates";
import { ELIMINATION_METHOD, MONITORING_SHEET_KIND, type EliminationMethod } from "@/lib/monitoring/codes";
import type { MonitoringProcedures } from "@/lib/monitoring/procedure-queries";
import { chainStatusLabel } from "@/lib/sign-off/view";
import {
  closeMonitoringNoticeAction,
  openMonitoringSheetAction,
  recordMonitoringObjectionAction,
  recordMonitoringStepAction,
  rejectMonitoringSheetAction,
  resolveMonitoringObjectionAction,
  signMonitoringStepAction,
  startMonitoringNoticeAction,
  uploadMonitoringConsentAction,
} from "../actions";

const RECORD_HINTS: Record<string, string> = {
  DATA_CHECK: "例如：经医保、民政、残联、公安、市场监管等部门比对，无财政供养人员、无车辆、无经营主体",
  ANNOUNCE: "例如：已在县政府网站和村务公开栏公告",
};

/**
 * The monitoring object's procedures: the current 识别纳入 or 风险消除 chain with what this user may
 * do now (decided by the chain on the server), and every earlier procedure as history.
 */
export function ProcedureSection({
  procedures,
  object,
  canOpen,
  maxUploadMegabytes,
}: {
  procedures: MonitoringProcedures;
  object: { id: string; version: number; status: string };
  canOpen: boolean;
  maxUploadMegabytes: number;
}) {
  const { current, history } = procedures;
  const open = current && current.status !== "APPROVED";
  const openKind = object.status === "MONITORED" ? "ELIMINATE" : "IDENTIFY";
  return (
    <>
      {current ? <CurrentProcedure current={current} maxUploadMegabytes={maxUploadMegabytes} /> : null}
      {canOpen && !open ? (
        <Card title={openKind === "IDENTIFY" ? (object.status === "ELIMINATED" ? "再次识别纳入（返贫）" : "识别纳入") : "风险消除"} id="open-procedure">
          <OpenProcedureForm objectId={object.id} version={object.version} kind={openKind} action={openMonitoringSheetAction} />
        </Card>
      ) : null}
      {history.length > 1 || (history.length === 1 && !open) ? (
        <Card title="监测程序记录" id="procedure-history">
          <ol className="space-y-2 text-sm" data-testid="procedure-history">
            {history.map((entry, index) => (
              <li key={entry.sheetId} className="rounded-md border border-slate-100 px-3 py-2">
                <p className="flex flex-wrap items-baseline gap-2">
                  <span className="font-medium">
                    第{index + 1}次 · {MONITORING_SHEET_KIND.labels[entry.kind]}
                    {entry.method ? `（${ELIMINATION_METHOD.labels[entry.method as EliminationMethod]}）` : ""}
                  </span>
                  <SheetStatusBadge status={entry.status} label={chainStatusLabel(entry.status)} />
                </p>
                <p className="text-xs text-slate-600">
                  {formatDateTime(entry.createdAt)} 开始{entry.completedAt ? ` · ${formatDateTime(entry.completedAt)} 完成` : ""}
                </p>
                {entry.figures?.criteria ? (
                  <p className="mt-1 text-xs text-slate-600">消除时：{entry.figures.criteria.map((criterion) => criterion.reason).join("；")}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </>
  );
}

function CurrentProcedure({ current, maxUploadMegabytes }: { current: NonNullable<MonitoringProcedures["current"]>; maxUploadMegabytes: number }) {
  const title = `${MONITORING_SHEET_KIND.labels[current.kind]}程序${current.method ? `（${ELIMINATION_METHOD.labels[current.method as EliminationMethod]}）` : ""}`;
  const step = current.nextStep;
  const label = current.nextStepLabel ?? "";
  const can = (action: string) => current.actions.includes(action as never);
  return (
    <Card title={title} id="procedure">
      <div className="space-y-4">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <SheetStatusBadge status={current.status} label={chainStatusLabel(current.status)} />
          <span className="text-slate-600">
            第{current.round}轮 · 内容指纹 {current.hashShort}
          </span>
        </p>
        {current.status === "REJECTED" && current.rejectedReason ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">退回理由：{current.rejectedReason}</p>
        ) : null}
        <ChainSteps steps={current.steps} label={MONITORING_SHEET_KIND.labels[current.kind]} />
        {current.kind === "ELIMINATE" ? (
          <div>
            <h3 className="mb-2 font-medium">消除条件（每一环节都按当前数据重新核验）</h3>
            <CriteriaList criteria={current.criteria} />
          </div>
        ) : null}
        {current.kind === "IDENTIFY" ? (
          <div className="space-y-2 text-sm">
            <h3 className="font-medium">承诺授权书</h3>
            {current.consent.filter((row) => row.current).length ? (
              <ul className="list-disc pl-5" data-testid="consent">
                {current.consent
                  .filter((row) => row.current)
                  .map((row) => (
                    <li key={row.id}>
                      {row.originalName}（{formatDateTime(row.uploadedAt)}）
                    </li>
                  ))}
              </ul>
            ) : (
              <p className="text-slate-600">本轮尚未上传户主签字的承诺授权书扫描件，入户核实须先上传。</p>
            )}
            {current.canUploadConsent ? (
              <SheetUploadForm
                sheetId={current.sheetId}
                kind="CONSENT"
                label="上传承诺授权书扫描件"
                hint="户主签字的承诺授权书"
                maxMegabytes={maxUploadMegabytes}
                action={uploadMonitoringConsentAction}
              />
            ) : null}
          </div>
        ) : null}
        {current.notice ? (
          <div className="space-y-2 text-sm" data-testid="notice">
            <h3 className="font-medium">公示</h3>
            <p>
              {current.notice.postedOn} 张贴
              {current.notice.closedOn
                ? `，${current.notice.closedOn} 结束`
                : `，最早 ${current.notice.earliestClose} 可结束（不少于 ${current.noticeMinDays} 天）`}
            </p>
            {current.objections.map((objection) => (
              <div key={objection.id} className="rounded-md border border-slate-100 px-3 py-2">
                <p>
                  {objection.raisedOn} 异议：{objection.content}
                </p>
                {objection.resolution ? (
                  <p className="text-slate-600">处理结果：{objection.resolution}</p>
                ) : current.canHandleObjections ? (
                  <ResolveObjectionForm objectionId={objection.id} version={objection.version} action={resolveMonitoringObjectionAction} />
                ) : (
                  <p className="text-amber-900">尚未处理</p>
                )}
              </div>
            ))}
            {current.canHandleObjections ? (
              <details>
                <summary className="min-h-11 cursor-pointer py-2 text-brand-700">登记公示异议</summary>
                <ObjectionForm sheetId={current.sheetId} version={current.version} today={current.today} action={recordMonitoringObjectionAction} />
              </details>
            ) : null}
          </div>
        ) : null}
        {step && current.actions.length ? (
          <div className="space-y-3 rounded-md border border-brand-100 bg-brand-50/40 p-3" data-testid="next-action">
            <h3 className="font-medium">办理：{label}</h3>
            {can("SIGN") ? (
              <SignForm
                sheetId={current.sheetId}
                version={current.version}
                step={step}
                stepLabel={label}
                today={current.today}
                review={false}
                confirmText={`确定签署"${label}"吗？签署后内容如有变更，签字即失效。`}
                buttonLabel={`签署${label}`}
                action={signMonitoringStepAction}
              />
            ) : null}
            {can("RECORD") ? (
              <RecordStepForm
                sheetId={current.sheetId}
                version={current.version}
                step={step}
                stepLabel={label}
                placeholder={RECORD_HINTS[step] ?? ""}
                action={recordMonitoringStepAction}
              />
            ) : null}
            {can("START_NOTICE") ? (
              <PostNoticeForm
                sheetId={current.sheetId}
                version={current.version}
                today={current.today}
                minDays={current.noticeMinDays}
                action={startMonitoringNoticeAction}
              />
            ) : null}
            {can("CLOSE_NOTICE") ? <CloseNoticeForm sheetId={current.sheetId} version={current.version} action={closeMonitoringNoticeAction} /> : null}
            {can("REJECT") ? (
              <details>
                <summary className="min-h-11 cursor-pointer py-2 text-sm text-red-700">退回</summary>
                <RejectForm sheetId={current.sheetId} version={current.version} step={step} target="入户核实" action={rejectMonitoringSheetAction} />
              </details>
            ) : null}
          </div>
        ) : null}
        <div>
          <h3 className="mb-2 font-medium">签字与登记记录</h3>
          <SignatureTable signatures={current.entries} showHash />
        </div>
      </div>
    </Card>
  );
}
