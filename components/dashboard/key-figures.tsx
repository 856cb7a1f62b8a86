import { incidence } from "@/lib/dashboard/rules";
import { valueOf, type RegionSummary } from "@/lib/dashboard/queries";
import type { OverdueFindings } from "@/lib/dashboard/view";
import type { ViewContext } from "./context";
import { FigureLink } from "./figure-link";

/** The headline figures of a region: what a leader reads first, before any chart. */
export function KeyFigures({ region, context, overdueFindings }: { region: RegionSummary; context: ViewContext; overdueFindings: OverdueFindings }) {
  const figure = (code: string) => valueOf(region.figures, code);
  const registered = figure("registered");
  const remaining = figure("remaining");
  const exited = figure("exitedInYear");
  const exitedTotal = figure("exitedTotal");
  const returned = figure("returned");
  const rate = incidence(remaining.people, region.population);
  const tiles = [
    { code: "registered", label: "建档立卡", value: registered },
    { code: "remaining", label: `未脱贫（${context.year}年底）`, value: remaining },
    { code: "exitedInYear", label: `${context.year}年脱贫`, value: exited },
    { code: "exitedTotal", label: "累计脱贫", value: exitedTotal },
    { code: "returned", label: "返贫（当前）", value: returned },
  ];
  return (
    <dl className={`grid grid-cols-2 gap-2 sm:grid-cols-3 ${overdueFindings ? "lg:grid-cols-7" : "lg:grid-cols-6"}`} data-testid="key-figures">
      {tiles.map((tile) => (
        <div key={tile.code} className="rounded-lg border border-slate-200 bg-white p-3 print:border-slate-400" data-testid={`tile-${tile.code}`}>
          <dt className="text-xs text-slate-500">{tile.label}</dt>
          <dd className="mt-1 text-xl font-semibold">
            <FigureLink href={context.href(tile.code, region)} value={tile.value.households} unit="户" label={tile.label} />
          </dd>
          <dd className="text-sm text-slate-600">
            <span className="tabular-nums">{tile.value.people.toLocaleString("zh-CN")}</span> 人
          </dd>
        </div>
      ))}
      <div className="rounded-lg border border-slate-200 bg-white p-3 print:border-slate-400" data-testid="tile-incidence">
        <dt className="text-xs text-slate-500">贫困发生率（{context.year}年）</dt>
        <dd className={`mt-1 font-semibold ${rate.kind === "value" ? "text-xl" : "text-base text-amber-700"}`}>{rate.text}</dd>
        <dd className="text-xs text-slate-500">
          {rate.kind === "value"
            ? `未脱贫 ${remaining.people.toLocaleString("zh-CN")} 人 ÷ 农村户籍 ${region.population.total.toLocaleString("zh-CN")} 人`
            : "乡镇填报各村人口后显示"}
        </dd>
      </div>
      {overdueFindings ? (
        <div className="rounded-lg border border-slate-200 bg-white p-3 print:border-slate-400" data-testid="tile-overdueFindings">
          <dt className="text-xs text-slate-500">督查问题逾期未销号</dt>
          <dd className={`mt-1 text-xl font-semibold ${overdueFindings.count > 0 ? "text-amber-700" : ""}`}>
            <FigureLink href={overdueFindings.href} value={overdueFindings.count} unit="件" label="督查问题逾期未销号" />
          </dd>
          <dd className="text-xs text-slate-500">已过整改期限、尚未销号</dd>
        </div>
      ) : null}
    </dl>
  );
}
