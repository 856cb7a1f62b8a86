import {
  FUNDING_SOURCE,
  MEASURE_CATEGORY,
  MEASURE_STATUS,
  POVERTY_CAUSE,
  type FundingSourceCode,
  type MeasureCategory,
  type MeasureStatus,
  type PovertyCause,
} from "@/lib/domain/codes";
import { formatDateTime } from "@/lib/dates";
import { formatFen } from "@/lib/income/money";
import type { HouseholdAssistance } from "@/lib/measures/get-household-assistance";
import { MeasureForm } from "@/components/measures/measure-form";
import { MeasureStatusForm } from "@/components/measures/measure-status-form";
import { PlanForm, ReassignHelperForm, VisitForm } from "@/components/measures/small-forms";
import type { FormState } from "@/lib/action-result";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

type Props = {
  householdId: string;
  assistance: HouseholdAssistance;
  today: string;
  actions: { addMeasure: Action; changeStatus: Action; savePlan: Action; recordVisit: Action; reassign: Action };
};

const STATUS_STYLE: Record<string, string> = {
  PLANNED: "bg-slate-100 text-slate-700",
  ACTIVE: "bg-blue-50 text-blue-800",
  COMPLETED: "bg-green-50 text-green-800",
  TERMINATED: "bg-red-50 text-red-700",
};

/** The 帮扶 sections of the 一户一档 page: 因户施策 coverage, measures, plans, visits, helper. */
export function AssistancePanel({ householdId, assistance, today, actions }: Props) {
  const { coverage, catchAll, measures, plans, visits, assignments, permissions } = assistance;
  return (
    <>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="coverage-title">
        <h2 id="coverage-title" className="mb-3 font-semibold">
          因户施策：致贫原因与帮扶措施
        </h2>
        <ul className="space-y-2 text-sm" data-testid="coverage">
          {coverage.map((entry) => (
            <li key={entry.cause} className="flex flex-wrap items-center gap-2" data-testid={`coverage-${entry.cause}`}>
              <span className="font-medium">{POVERTY_CAUSE.label(entry.cause)}</span>
              {entry.covered ? (
                <span className="rounded bg-green-50 px-2 py-0.5 text-green-800">
                  已覆盖：{entry.coveredBy.map((measure) => `${measure.item}（${MEASURE_STATUS.label(measure.status as MeasureStatus)}）`).join("、")}
                </span>
              ) : (
                <span className="rounded bg-red-50 px-2 py-0.5 font-medium text-red-700">未覆盖</span>
              )}
            </li>
          ))}
        </ul>
        {catchAll.length ? (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-amber-800">
            {catchAll.map((flag) => (
              <li key={flag.id}>{flag.message}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">帮扶措施</h2>
          <span className="text-sm text-slate-500">合计金额 {formatFen(assistance.totalAmountFen)} 元</span>
        </div>
        {measures.length ? (
          <ul className="divide-y divide-slate-100" aria-label="帮扶措施">
            {measures.map((measure) => (
              <li key={measure.id} className="space-y-1 py-3 text-sm" data-testid="measure">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">
                    {MEASURE_CATEGORY.label(measure.category as MeasureCategory)} · {measure.item}
                  </span>
                  <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[measure.status]}`}>{MEASURE_STATUS.label(measure.status as MeasureStatus)}</span>
                </div>
                <p className="text-slate-600">
                  针对：{measure.addressedCauses.map((cause) => POVERTY_CAUSE.label(cause as PovertyCause)).join("、")} · {measure.startDate}
                  {measure.endDate ? ` 至 ${measure.endDate}` : " 起"} · {formatFen(measure.amountFen)} 元（
                  {FUNDING_SOURCE.label(measure.fundingSource as FundingSourceCode)}） · {measure.responsibleUnit}
                  {measure.outcomeFen !== null ? ` · 增收 ${formatFen(measure.outcomeFen)} 元` : ""}
                </p>
                {permissions.measure ? <MeasureStatusForm action={actions.changeStatus} measure={measure} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">尚无帮扶措施</p>
        )}
        {permissions.measure ? (
          <details className="rounded-md border border-slate-200 p-3" open>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">添加帮扶措施</summary>
            <div className="mt-3">
              <MeasureForm
                action={actions.addMeasure}
                householdId={householdId}
                causes={assistance.causes}
                fittingCategories={assistance.fittingCategories}
                items={assistance.items}
              />
            </div>
          </details>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">脱贫计划</h2>
        {plans.length ? (
          <ul className="space-y-2 text-sm">
            {plans.map((plan) => {
              const reached = plan.actualPerCapitaFen !== null && plan.actualPerCapitaFen >= plan.targetPerCapitaFen;
              const percent = plan.actualPerCapitaFen === null ? null : Math.min(100, Math.floor((plan.actualPerCapitaFen * 100) / plan.targetPerCapitaFen));
              return (
                <li key={plan.id} className="rounded-md border border-slate-200 p-3">
                  <p>
                    <span className="font-medium">{plan.year} 年</span>：目标人均纯收入 {formatFen(plan.targetPerCapitaFen)} 元，计划 {plan.plannedExitYear}{" "}
                    年脱贫
                  </p>
                  <p className="text-slate-600">计划措施：{plan.plannedMeasures}</p>
                  <p className={reached ? "text-green-700" : "text-amber-700"}>
                    进度：
                    {plan.actualPerCapitaFen === null ? "该年度尚未登记收入" : `实际人均纯收入 ${formatFen(plan.actualPerCapitaFen)} 元（达成 ${percent}%）`}
                  </p>
                  {percent !== null ? (
                    <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden>
                      <div className={`h-2 rounded ${reached ? "bg-green-600" : "bg-amber-500"}`} style={{ width: `${percent}%` }} />
                    </div>
                  ) : null}
                  {permissions.plan ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-brand-700">修改</summary>
                      <div className="mt-2">
                        <PlanForm action={actions.savePlan} householdId={householdId} plan={plan} />
                      </div>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">尚未制定脱贫计划</p>
        )}
        {permissions.plan ? (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">制定年度脱贫计划</summary>
            <div className="mt-3">
              <PlanForm action={actions.savePlan} householdId={householdId} />
            </div>
          </details>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">走访记录</h2>
        {visits.length ? (
          <ol className="space-y-2 text-sm" aria-label="走访记录">
            {visits.map((visit) => (
              <li key={visit.id} className="border-l-2 border-slate-200 pl-3">
                <p className="font-medium">
                  {visit.visitedOn} · {visit.visitorName}
                </p>
                <p>发现：{visit.findings}</p>
                {visit.actions ? <p>措施：{visit.actions}</p> : null}
                {visit.photos.length ? (
                  <p className="flex flex-wrap gap-2">
                    {visit.photos.map((photo) => (
                      <a key={photo.id} href={`/api/attachments/${photo.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                        照片：{photo.originalName}
                      </a>
                    ))}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-500">尚无走访记录</p>
        )}
        {permissions.visit ? (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">记录一次走访</summary>
            <div className="mt-3">
              <VisitForm action={actions.recordVisit} householdId={householdId} today={today} />
            </div>
          </details>
        ) : null}
      </section>

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">帮扶责任人变更</h2>
        {assignments.length ? (
          <ul className="space-y-1 text-sm" aria-label="帮扶责任人变更记录">
            {assignments.map((row) => (
              <li key={row.id}>
                {formatDateTime(row.at)}：{row.from} → {row.to}（原因：{row.reason}；经办：{row.by}）
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">自建档以来未更换</p>
        )}
        {permissions.reassign ? (
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">更换帮扶责任人</summary>
            <div className="mt-3">
              <ReassignHelperForm action={actions.reassign} householdId={householdId} version={assistance.householdVersion} helpers={assistance.helpers} />
            </div>
          </details>
        ) : null}
      </section>
    </>
  );
}
