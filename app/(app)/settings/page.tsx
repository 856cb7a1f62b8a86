import type { Metadata } from "next";
import { YearlyLineForm } from "@/components/settings/yearly-line-form";
import { RateThresholdsForm } from "@/components/settings/rate-thresholds-form";
import { QualityLimitsForm } from "@/components/settings/quality-limits-form";
import { requirePage } from "@/lib/auth/page-guard";
import { formatDateTime } from "@/lib/dates";
import { fenToYuanString, formatFen } from "@/lib/income/money";
import { VisitDaysForm } from "@/components/settings/visit-days-form";
import { getCountySettings, getQualityLimitsSetting, getRateThresholdsSetting, getVisitOverdueDaysSetting, listPovertyLines } from "@/lib/settings/queries";
import { savePovertyLineAction, saveQualityLimitsAction, saveRateThresholdsAction, saveVisitOverdueDaysAction } from "./actions";

export const metadata: Metadata = { title: "系统设置" };

export default async function SettingsPage() {
  await requirePage("settings.manage");
  const [lines, settings, rateThresholds, qualityLimits, visitDays] = await Promise.all([
    listPovertyLines(),
    getCountySettings(),
    getRateThresholdsSetting(),
    getQualityLimitsSetting(),
    getVisitOverdueDaysSetting(),
  ]);
  const years = new Set(lines.map((line) => line.year));
  const thisYear = new Date().getFullYear();
  const missing = Array.from({ length: thisYear - 2011 + 1 }, (_, index) => 2011 + index).filter((year) => !years.has(year));
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">系统设置</h1>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">各年度贫困线</h2>
        <p className="text-sm text-slate-600">按当年价格计的农村贫困标准（元/人·年）。未设置贫困线的年度无法判断收入是否达标，系统显示“未设置”，不会估算。</p>
        {missing.length ? <p className="text-sm text-amber-700">尚未设置：{missing.join("、")} 年</p> : null}
        <ul className="divide-y divide-slate-100">
          {lines.map((line) => (
            <li key={line.year} className="py-3">
              <p className="mb-2 text-sm">
                <span className="font-medium">
                  {line.year} 年：{formatFen(line.amountFen)} 元
                </span>
                <span className="ml-2 text-xs text-slate-500">更新于 {formatDateTime(line.updatedAt)}</span>
              </p>
              <details>
                <summary className="cursor-pointer text-sm text-brand-700">修改</summary>
                <div className="mt-2">
                  <YearlyLineForm
                    lineName="贫困线"
                    action={savePovertyLineAction}
                    line={{ year: line.year, amount: fenToYuanString(line.amountFen), version: line.version }}
                  />
                </div>
              </details>
            </li>
          ))}
        </ul>
        <div className="border-t border-slate-200 pt-3">
          <YearlyLineForm lineName="贫困线" action={savePovertyLineAction} />
        </div>
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="三率一度标准">
        <h2 className="font-semibold">三率一度标准</h2>
        <p className="text-sm text-slate-600">
          督查的三率一度按此判断是否达标（国开办发〔2017〕56号默认：错退率、漏评率低于 2%，群众认可度不低于 90%，综合贫困发生率低于
          2%；西部省份综合贫困发生率可设为 3%）。
        </p>
        <RateThresholdsForm action={saveRateThresholdsAction} thresholds={rateThresholds.thresholds} version={rateThresholds.version} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="疑点数据阈值">
        <h2 className="font-semibold">疑点数据阈值</h2>
        <p className="text-sm text-slate-600">
          疑点数据规则（/quality/rules）按这些数判断。保存后，各户的疑点在下一次统计更新时按新阈值全部重算。核验表公示天数的规则（X-008）按下方“村内公示最少天数”判断。
        </p>
        <QualityLimitsForm action={saveQualityLimitsAction} limits={qualityLimits.limits} version={qualityLimits.version} />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="走访提醒" id="visit-days">
        <h2 className="font-semibold">走访提醒</h2>
        <p className="text-sm text-slate-600">未脱贫户超过这么多天没有走访记录，就列入“走访提醒”（挂图作战的走访统计在下一次汇总时采用新天数）。</p>
        <VisitDaysForm action={saveVisitOverdueDaysAction} days={visitDays.days} version={visitDays.version} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">其他参数（当前值）</h2>
        <ul className="space-y-1 text-slate-700">
          <li>
            义务教育年龄：{settings.compulsorySchoolAge.from}–{settings.compulsorySchoolAge.to} 周岁
          </li>
          <li>村内公示最少天数：{settings.noticeMinDays} 天</li>
          <li>贫困村退出贫困发生率标准：{settings.villageExitThresholdPermille / 10}%</li>
        </ul>
      </section>
    </div>
  );
}
