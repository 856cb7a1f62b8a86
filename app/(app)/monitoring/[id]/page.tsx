import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddRiskForm } from "@/components/monitoring/object-forms";
import { ResolveRiskForm } from "@/components/monitoring/procedure-forms";
import { env } from "@/lib/env";
import { getMonitoringProcedures } from "@/lib/monitoring/procedure-queries";
import { ProcedureSection } from "./procedure";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime, todayString } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import { MONITORING_CATEGORY, MONITORING_STATUS, RISK_SOURCE, type MonitoringCategory, type MonitoringStatus, type RiskSource } from "@/lib/monitoring/codes";
import { MEASURE_CATEGORY, MEASURE_STATUS, type MeasureCategory, type MeasureStatus } from "@/lib/domain/codes";
import { getObjectRiskFit } from "@/lib/monitoring/fit";
import { getMonitoringObject, listRiskTypes } from "@/lib/monitoring/queries";
import { MAX_RISKS } from "@/lib/monitoring/rules";
import { addMonitoringRiskAction, resolveMonitoringRiskAction } from "../actions";

export const metadata: Metadata = { title: "监测对象" };

export default async function MonitoringObjectPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePage("monitoring.read");
  const { id } = await params;
  const object = await getMonitoringObject(actor, id).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const riskTypes = can(actor, "monitoring.write") ? await listRiskTypes(actor) : [];
  const [procedures, riskFit] = await Promise.all([getMonitoringProcedures(actor, id), getObjectRiskFit(actor, id)]);
  const today = todayString();
  const used = new Set(object.risks.map((risk) => risk.label));
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/monitoring" className="text-brand-700 hover:underline">
          ← 防止返贫监测
        </Link>
      </p>
      <div>
        <h1 className="text-xl font-semibold">{object.headName ?? "（无户主）"} 户</h1>
        <p className="text-sm text-slate-600">
          {MONITORING_CATEGORY.labels[object.category as MonitoringCategory]} · {MONITORING_STATUS.labels[object.status as MonitoringStatus]} ·{" "}
          {object.villageName}
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">基本情况</h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-500">户编号</dt>
          <dd>
            {object.householdId ? (
              <Link href={`/households/${object.householdId}`} className="text-brand-700 hover:underline">
                {object.householdNo}
              </Link>
            ) : (
              "—"
            )}
            {object.flag ? <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">{object.flag}</span> : null}
          </dd>
          <dt className="text-slate-500">户主身份证号</dt>
          <dd>{object.headIdMasked ?? "—"}</dd>
          {object.householdId ? null : (
            <>
              <dt className="text-slate-500">住址</dt>
              <dd>{object.address}</dd>
              <dt className="text-slate-500">家庭人口</dt>
              <dd>{object.people} 人</dd>
            </>
          )}
          <dt className="text-slate-500">纳入时间</dt>
          <dd>{formatDateTime(object.createdAt)}</dd>
          {object.identifiedOn ? (
            <>
              <dt className="text-slate-500">识别纳入日期</dt>
              <dd>{object.identifiedOn}</dd>
            </>
          ) : null}
          {object.eliminatedOn && object.status === "ELIMINATED" ? (
            <>
              <dt className="text-slate-500">风险消除日期</dt>
              <dd>{object.eliminatedOn}</dd>
            </>
          ) : null}
          {object.note ? (
            <>
              <dt className="text-slate-500">备注</dt>
              <dd>{object.note}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="risks-title">
        <h2 id="risks-title" className="mb-2 font-semibold">
          致贫/返贫风险（{object.risks.length}/{MAX_RISKS}）
        </h2>
        <ul className="divide-y divide-slate-100 text-sm" data-testid="risks">
          {object.risks.map((risk) => (
            <li key={risk.id} className="py-2">
              <span className="font-medium">{risk.label}</span>
              <span className="ml-2 text-slate-600">
                {risk.foundOn} 发现 · {RISK_SOURCE.labels[risk.source as RiskSource]}
              </span>
              {risk.resolvedOn ? <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">{risk.resolvedOn} 已消除</span> : null}
              {risk.note ? <p className="text-slate-600">{risk.note}</p> : null}
              {!risk.resolvedOn && object.status === "MONITORED" && can(actor, "monitoring.write") ? (
                <details className="mt-1">
                  <summary className="min-h-11 cursor-pointer py-2 text-brand-700">登记该风险已消除</summary>
                  <ResolveRiskForm
                    objectId={object.id}
                    version={object.version}
                    riskId={risk.id}
                    label={risk.label}
                    today={today}
                    action={resolveMonitoringRiskAction}
                  />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {can(actor, "monitoring.write") && object.risks.length < MAX_RISKS ? (
          <details className="mt-3 border-t border-slate-200 pt-3">
            <summary className="min-h-11 cursor-pointer py-2 text-sm text-brand-700">登记新的风险</summary>
            <AddRiskForm
              action={addMonitoringRiskAction}
              objectId={object.id}
              version={object.version}
              riskTypes={riskTypes.filter((type) => !used.has(type.label)).map((type) => ({ value: type.code, label: type.label }))}
              today={today}
            />
          </details>
        ) : null}
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="risk-measures-title" data-testid="risk-measures">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="risk-measures-title" className="font-semibold">
            帮扶措施与风险对应
          </h2>
          <Link href="/monitoring/fit" className="flex min-h-11 items-center text-brand-700 hover:underline">
            匹配规则
          </Link>
        </div>
        {riskFit.risks.length === 0 ? (
          <p className="text-slate-600">没有未消除的风险。</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {riskFit.risks.map((risk) => (
              <li key={risk.riskType} className="py-2" data-testid={`risk-fit-${risk.riskType}`}>
                <p>
                  <span className="font-medium">{risk.label}</span>
                  {risk.unmatched ? (
                    <span className="ml-2 rounded bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800">未对应措施</span>
                  ) : (
                    <span className="ml-2 rounded bg-green-50 px-1.5 py-0.5 text-xs text-green-800">已有对应措施</span>
                  )}
                </p>
                {risk.measures.length ? (
                  <ul className="mt-1 text-slate-700">
                    {risk.measures.map((measure) => (
                      <li key={measure.id}>
                        {MEASURE_CATEGORY.labels[measure.category as MeasureCategory]} · {measure.name}（
                        {MEASURE_STATUS.labels[measure.status as MeasureStatus]}）
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="mt-1 text-slate-600">
                    需要以下类别之一的措施：{risk.fitCategories.map((category) => MEASURE_CATEGORY.labels[category]).join("、")}
                    {riskFit.hasHousehold ? "" : "（该户未建档立卡，措施需先建档后在一户一档中登记）"}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {riskFit.assistanceKind ? (
          <p className={riskFit.assistanceKind.met ? "text-slate-700" : "text-amber-800"} data-testid="assistance-kind">
            {riskFit.assistanceKind.kind === "COMPREHENSIVE" ? "该户整户无劳动能力，" : "该户有劳动能力，"}应有{riskFit.assistanceKind.label}措施：
            {riskFit.assistanceKind.met ? "已有。" : "尚无，请补充。"}
          </p>
        ) : null}
        {object.householdId ? (
          <p>
            <Link href={`/households/${object.householdId}`} className="text-brand-700 hover:underline">
              在一户一档中查看或登记帮扶措施
            </Link>
          </p>
        ) : null}
      </section>
      <ProcedureSection
        procedures={procedures}
        object={{ id: object.id, version: object.version, status: object.status }}
        canOpen={can(actor, "monitoring.write")}
        maxUploadMegabytes={Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024)}
      />
    </div>
  );
}
