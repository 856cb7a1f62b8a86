import type { Metadata } from "next";
import Link from "next/link";
import { MarginForm, RiskTypeForm } from "@/components/monitoring/settings-forms";
import { YearlyLineForm } from "@/components/settings/yearly-line-form";
import { ActionForm } from "@/components/ui/action-form";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { currentYear, formatDateTime } from "@/lib/dates";
import { fenToYuanString, formatFen } from "@/lib/income/money";
import { getMonitoringSettingsRow, listMonitoringLines, listRiskTypes } from "@/lib/monitoring/queries";
import { marginCeilingFen } from "@/lib/monitoring/rules";
import { addRiskTypeAction, saveMonitoringLineAction, saveMonitoringSettingsAction, setRiskTypeRetiredAction } from "../actions";

export const metadata: Metadata = { title: "监测线与风险类型" };

export default async function MonitoringSettingsPage() {
  const actor = await requirePage("monitoring.read");
  const manage = can(actor, "monitoring.manage");
  const [lines, setting, riskTypes] = await Promise.all([
    listMonitoringLines(actor),
    getMonitoringSettingsRow(actor),
    listRiskTypes(actor, { includeRetired: true }),
  ]);
  const years = new Set(lines.map((line) => line.year));
  const missing = Array.from({ length: currentYear() - 2021 + 1 }, (_, index) => 2021 + index).filter((year) => !years.has(year));
  const { marginPermille: margin, dropPermille: drop, medicalSharePermille: medicalShare, selfApplicationDays } = setting.settings;
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/monitoring" className="text-brand-700 hover:underline">
          ← 防止返贫监测
        </Link>
      </p>
      <h1 className="text-xl font-semibold">监测线与风险类型</h1>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="lines-title">
        <h2 id="lines-title" className="font-semibold">
          各年度监测线
        </h2>
        <p className="text-sm text-slate-600">
          人均纯收入低于监测线，或高于监测线但在浮动范围内的户，系统列为收入预警。未设置监测线的年度无法按收入筛查，系统如实说明，不会估算。
        </p>
        {missing.length ? (
          <p className="text-sm text-amber-800" data-testid="missing-lines">
            尚未设置监测线：{missing.join("、")} 年（这些年度无法按收入筛查）
          </p>
        ) : null}
        <ul className="divide-y divide-slate-100">
          {lines.map((line) => (
            <li key={line.year} className="py-3">
              <p className="mb-2 text-sm">
                <span className="font-medium">
                  {line.year} 年：{formatFen(line.amountFen)} 元/人·年
                </span>
                <span className="ml-2 text-xs text-slate-500">
                  浮动上限 {formatFen(marginCeilingFen(line.amountFen, margin))} 元 · 更新于 {formatDateTime(line.updatedAt)}
                </span>
              </p>
              {manage ? (
                <details>
                  <summary className="min-h-11 cursor-pointer py-2 text-sm text-brand-700">修改</summary>
                  <YearlyLineForm
                    lineName="监测线"
                    action={saveMonitoringLineAction}
                    line={{ year: line.year, amount: fenToYuanString(line.amountFen), version: line.version }}
                  />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {manage ? (
          <div className="border-t border-slate-200 pt-3">
            <YearlyLineForm lineName="监测线" action={saveMonitoringLineAction} />
          </div>
        ) : null}
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="margin-title">
        <h2 id="margin-title" className="font-semibold">
          预警参数
        </h2>
        <ul className="list-inside list-disc space-y-1 text-sm text-slate-600" data-testid="warning-parameters">
          <li>
            浮动比例 {margin / 10}%：人均纯收入不超过监测线的 {(1000 + margin) / 1000} 倍视为有返贫致贫风险。
          </li>
          <li>
            收入骤降 {drop / 10}%：人均纯收入比上年下降 {drop / 10}% 及以上的户列为收入预警。
          </li>
          <li>
            医疗支出 {medicalShare / 10}%：年度合规自付医疗费用超过家庭纯收入的 {medicalShare / 10}%（纯收入为零或负数时有自付费用即算）列为预警。
          </li>
          <li>农户自主申报须在 {selfApplicationDays} 天内由乡镇核实，超过即在预警清单中标为“已超期”。</li>
        </ul>
        {manage ? (
          <MarginForm
            action={saveMonitoringSettingsAction}
            marginPercent={String(margin / 10)}
            dropPercent={String(drop / 10)}
            medicalSharePercent={String(medicalShare / 10)}
            selfApplicationDays={String(selfApplicationDays)}
            version={setting.version}
          />
        ) : null}
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="types-title">
        <h2 id="types-title" className="font-semibold">
          风险类型
        </h2>
        <ul className="divide-y divide-slate-100 text-sm" data-testid="risk-types">
          {riskTypes.map((type) => (
            <li key={type.code} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className={type.retired ? "text-slate-600 line-through" : ""}>
                {type.label}
                {type.retired ? "（已停用）" : ""}
              </span>
              {manage ? (
                <ActionForm
                  action={setRiskTypeRetiredAction}
                  hidden={{ code: type.code, version: type.version, retired: type.retired ? "false" : "true" }}
                  label={type.retired ? "启用" : "停用"}
                  tone={type.retired ? "plain" : "danger"}
                  confirmText={type.retired ? undefined : `停用“${type.label}”后，新登记的风险不能再选择它。确定停用？`}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {manage ? <RiskTypeForm action={addRiskTypeAction} /> : null}
      </section>
    </div>
  );
}
