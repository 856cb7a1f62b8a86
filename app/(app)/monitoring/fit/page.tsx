import type { Metadata } from "next";
import Link from "next/link";
import { RiskFitForm } from "@/components/monitoring/fit-forms";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/page-guard";
import { MEASURE_CATEGORY } from "@/lib/domain/codes";
import { listRiskFit } from "@/lib/monitoring/fit";
import { saveRiskFitAction } from "./actions";

export const metadata: Metadata = { title: "风险与措施类别匹配" };

export default async function RiskFitPage() {
  const actor = await requirePage("monitoring.read");
  const manage = can(actor, "monitoring.manage");
  const types = await listRiskFit(actor);
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/monitoring" className="text-brand-700 hover:underline">
          ← 防止返贫监测
        </Link>
      </p>
      <h1 className="text-xl font-semibold">风险与措施类别匹配</h1>
      <p className="text-sm text-slate-600">
        每项致贫返贫风险至少要有一项匹配类别的帮扶措施（实施中或已完成）。没有的列入
        <Link href="/monitoring/unmatched" className="mx-1 text-brand-700 hover:underline">
          风险未对应措施
        </Link>
        清单。县扶贫办可按本县情况调整；未调整的风险类型沿用系统默认匹配。
      </p>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="risk-fit">
        {types.map((type) => (
          <li key={type.code} className="space-y-2 p-3">
            <p className="text-sm font-medium text-slate-900">
              {type.label}
              {type.retired ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">已停用</span> : null}
              <span className="ml-2 text-xs font-normal text-slate-500">{type.countySet ? "本县已调整" : "系统默认"}</span>
            </p>
            {manage ? (
              <RiskFitForm action={saveRiskFitAction} type={type} />
            ) : (
              <p className="text-sm text-slate-700">{type.categories.map((category) => MEASURE_CATEGORY.labels[category]).join("、")}</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
