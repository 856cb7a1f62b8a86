import type { Metadata } from "next";
import Link from "next/link";
import { VerdictBadge } from "@/components/inspections/sampling/verdict-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PrintButton } from "@/components/ui/print-button";
import { inputClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/page-guard";
import { APPROVAL_BASIS, type Fraction, type Rate } from "@/lib/inspections/rates";
import { loadRates, type RegionRates } from "@/lib/inspections/rates/queries";
import { RATE_MEASURE_LABEL, type RateMeasure, type RatePart } from "@/lib/inspections/rates/rules";

export const metadata: Metadata = { title: "三率一度" };

const approx = (value: Fraction) => (Number(value.numerator) / Number(value.denominator)).toFixed(1);

/** A figure that opens the list behind it (plain anchors: a table of them should not prefetch). */
function Figure({ href, children }: { href: string | null; children: React.ReactNode }) {
  return href ? (
    <a href={href} className="text-brand-700 underline">
      {children}
    </a>
  ) : (
    <>{children}</>
  );
}

function drillHref(roundId: string, measure: RateMeasure, part: RatePart, township: string | null) {
  const query = new URLSearchParams({ round: roundId, measure, part, ...(township ? { township } : {}) });
  return `/inspections/rates/households?${query.toString()}`;
}

type Verdicted = RegionRates["wrongExit"]["verdict"];

/** A rate with its verdict, numerator / denominator (each opening its list) and 95 % interval. `testIds` only in the table. */
function RateFigure({
  roundId,
  row,
  measure,
  rate,
  verdict,
  testIds,
}: {
  roundId: string;
  row: RegionRates;
  measure: RateMeasure;
  rate: Rate;
  verdict: Verdicted;
  testIds?: boolean;
}) {
  // On the phone cards (no test ids) the figures are tap targets of their own.
  const linkClass = testIds ? "text-brand-700 underline" : "inline-flex min-h-11 min-w-11 items-center justify-center text-sm text-brand-700 underline";
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-base font-semibold">{rate.text}</span>
        <VerdictBadge verdict={verdict} />
      </div>
      <div className="mt-1 text-xs text-slate-600">
        <a href={drillHref(roundId, measure, "numerator", row.code)} className={linkClass} data-testid={testIds ? "numerator" : undefined}>
          {rate.numerator}
        </a>
        {" / "}
        <a href={drillHref(roundId, measure, "denominator", row.code)} className={linkClass} data-testid={testIds ? "denominator" : undefined}>
          {rate.denominator}
        </a>{" "}
        户
      </div>
      <div className="text-xs text-slate-600">95% 区间：{rate.interval ? rate.interval.text : "—"}</div>
    </>
  );
}

function CompositeFigure({ roundId, row }: { roundId: string; row: RegionRates }) {
  const { composite } = row;
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-base font-semibold">{composite.result.text}</span>
        {/* Without the population figures there is nothing to judge (the text says why). */}
        {composite.result.kind === "value" || composite.result.kind === "noSample" ? <VerdictBadge verdict={composite.verdict} /> : null}
      </div>
      <div className="mt-1 text-xs text-slate-600">
        {composite.result.kind === "value" ? (
          <>
            （未脱贫 <Figure href={composite.remainingHref}>{composite.remainingPoorPeople} 人</Figure> + 错退估计{" "}
            {approx(composite.result.estimate.wrongExitPeople)} 人 + 漏评估计 {approx(composite.result.estimate.missedPeople)} 人）÷ 农村户籍人口{" "}
            <Figure href={composite.dashboardHref}>{composite.ruralPopulation} 人</Figure>
          </>
        ) : composite.result.kind === "noSample" ? (
          "有总体但尚无核查结果"
        ) : (
          <>
            未脱贫 <Figure href={composite.remainingHref}>{composite.remainingPoorPeople} 人</Figure>；农村户籍人口{" "}
            <Figure href={composite.dashboardHref}>{composite.ruralPopulation} 人</Figure>
          </>
        )}
      </div>
      <div className="text-xs text-slate-600">
        抽查中错退 <Figure href={drillHref(roundId, "wrongExit", "numerator", row.code)}>{row.wrongExit.rate.numerator} 户</Figure>（{composite.wrongExitPeople}{" "}
        人）、漏评 <Figure href={drillHref(roundId, "missed", "numerator", row.code)}>{row.missed.rate.numerator} 户</Figure>（{composite.missedPeople} 人）
      </div>
    </>
  );
}

export default async function RatesPage({ searchParams }: { searchParams: Promise<{ round?: string; year?: string }> }) {
  const actor = await requirePage("inspection.read");
  const search = await searchParams;
  const year = /^\d{4}$/.test(search.year ?? "") ? Number(search.year) : undefined;
  const view = await loadRates(actor, { roundId: search.round || undefined, year });
  const { round } = view;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">三率一度</h1>
          <p className="mt-1 text-sm text-slate-600">按抽查轮次的入户核查结果计算（国开办发〔2017〕56号）。每个数字可点开，查看其背后的抽查户。</p>
        </div>
        <div className="no-print flex flex-wrap items-end gap-2">
          {view.years.length ? (
            <form className="flex items-end gap-2" aria-label="选择年度">
              <select name="year" defaultValue={round?.populationYear ?? year} aria-label="脱贫年度" className={`${inputClass} w-36`}>
                {view.years.map((option) => (
                  <option key={option} value={option}>
                    {option}年脱贫户
                  </option>
                ))}
              </select>
              <button className="min-h-11 whitespace-nowrap rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">选年度</button>
            </form>
          ) : null}
          {view.rounds.length ? (
            <form className="flex items-end gap-2" aria-label="选择抽查轮次">
              <select name="round" defaultValue={round?.id} aria-label="抽查轮次" className={`${inputClass} w-60 max-w-full`}>
                {view.rounds.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
              <button className="min-h-11 whitespace-nowrap rounded-md bg-slate-800 px-4 text-sm text-white hover:bg-slate-900">查看</button>
            </form>
          ) : null}
          <PrintButton />
        </div>
      </div>

      {!round || !view.total ? (
        <EmptyState>
          还没有已抽取样本的抽查轮次。
          <Link href="/inspections/rounds" className="mt-1 block text-sm text-brand-700 underline">
            前往抽查轮次
          </Link>
        </EmptyState>
      ) : (
        <>
          <p className="text-sm">
            轮次：
            <Link href={`/inspections/rounds/${round.id}`} className="text-brand-700 underline">
              {round.name}
            </Link>
            （{round.populationYear}年脱贫户{round.wholeCounty ? "，全县" : ""}）
          </p>
          <div className="space-y-3 sm:hidden print:hidden" data-testid="rates-cards">
            {[...view.rows, view.total].map((row) => (
              <section
                key={row.code ?? "total"}
                aria-label={row.name}
                className={`rounded-lg border p-3 ${row.code ? "border-slate-200 bg-white" : "border-brand-100 bg-brand-50"}`}
              >
                <h2 className="mb-2 font-semibold">{row.name}</h2>
                <dl className="grid grid-cols-1 gap-3 text-sm">
                  {(["wrongExit", "missed", "approval"] as const).map((measure) => (
                    <div key={measure}>
                      <dt className="text-slate-600">
                        {RATE_MEASURE_LABEL[measure]}（{view.thresholdTexts[measure]}）
                      </dt>
                      <dd>
                        <RateFigure roundId={round.id} row={row} measure={measure} rate={row[measure].rate} verdict={row[measure].verdict} />
                      </dd>
                    </div>
                  ))}
                  <div>
                    <dt className="text-slate-600">综合贫困发生率（{view.thresholdTexts.incidence}）</dt>
                    <dd>
                      <CompositeFigure roundId={round.id} row={row} />
                    </dd>
                  </div>
                </dl>
              </section>
            ))}
          </div>
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block print:block">
            <table className="w-full min-w-[52rem] text-left text-sm" data-testid="rates-table">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2 font-medium">乡镇</th>
                  <th className="px-3 py-2 font-medium">错退率（{view.thresholdTexts.wrongExit}）</th>
                  <th className="px-3 py-2 font-medium">漏评率（{view.thresholdTexts.missed}）</th>
                  <th className="px-3 py-2 font-medium">群众认可度（{view.thresholdTexts.approval}）</th>
                  <th className="px-3 py-2 font-medium">综合贫困发生率（{view.thresholdTexts.incidence}）</th>
                </tr>
              </thead>
              <tbody>
                {[...view.rows, view.total].map((row) => (
                  <tr key={row.code ?? "total"} className={`border-t border-slate-100 ${row.code ? "" : "bg-brand-50 font-medium"}`}>
                    <th scope="row" className="px-3 py-2 text-left align-top font-medium whitespace-nowrap">
                      {row.name}
                    </th>
                    {(["wrongExit", "missed", "approval"] as const).map((measure) => (
                      <td key={measure} className="px-3 py-2 align-top" data-testid={`rate-${measure}-${row.code ?? "total"}`}>
                        <RateFigure roundId={round.id} row={row} measure={measure} rate={row[measure].rate} verdict={row[measure].verdict} testIds />
                      </td>
                    ))}
                    <td className="px-3 py-2 align-top" data-testid={`rate-composite-${row.code ?? "total"}`}>
                      <CompositeFigure roundId={round.id} row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" aria-label="口径说明">
            <h2 className="font-semibold">口径说明</h2>
            <p>错退率 = 核查认定错退的抽查已脱贫户 ÷ 见到农户并核查了退出标准的抽查已脱贫户（未见到、被替换的户不计）。</p>
            <p>漏评率 = 核查认定应纳未纳的抽查未建档户 ÷ 见到农户并核查的抽查未建档户。</p>
            <p>群众认可度 = {APPROVAL_BASIS}：计入分子的回答为“满意”“基本满意”。</p>
            <p>
              综合贫困发生率 = （{round.populationYear}年末未脱贫人口 + 按抽查比例推算到总体的错退人口和漏评人口）÷
              农村户籍人口。未脱贫人口和农村户籍人口取自挂图作战的最近一次统计。
            </p>
            <p>95% 区间为 Wilson 置信区间：样本越少，区间越宽。判定按设置中的标准（县扶贫办可在“系统设置”中修改，西部省份综合贫困发生率可设为 3%）。</p>
          </section>
        </>
      )}
    </div>
  );
}
