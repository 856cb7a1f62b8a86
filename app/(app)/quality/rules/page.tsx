import type { Metadata } from "next";
import Link from "next/link";
import { SeverityBadge } from "@/components/quality/severity-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/filter-select";
import { Pagination } from "@/components/ui/pagination";
import { requirePage } from "@/lib/auth/page-guard";
import { QUALITY_LEVEL, QUALITY_SEVERITY } from "@/lib/data-quality/define";
import { listQualityRules } from "@/lib/data-quality/queries";
import { ZRuleFilter } from "@/lib/data-quality/schema";
import { formatDateTime } from "@/lib/dates";
import { ZPageParams } from "@/lib/pagination";

export const metadata: Metadata = { title: "疑点数据规则" };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export default async function QualityRulesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("quality.read");
  const params = await searchParams;
  const filter = ZRuleFilter.parse(params);
  const paging = ZPageParams.parse({ pageSize: 50, ...params });
  const { page, summary, refreshedAt } = await listQualityRules(actor, filter, paging);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">疑点数据规则</h1>
        <Link href="/quality" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:border-brand-600">
          查看疑点清单
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        系统按以下 {summary.rules} 条规则持续检查户档数据。“错误”必须改正，“疑点”须核实。本辖区有 <strong>{summary.rulesWithHits}</strong> 条规则发现疑点，共{" "}
        <strong data-testid="quality-total">{summary.hits}</strong> 条待处理。
        {refreshedAt ? `数据截至 ${formatDateTime(refreshedAt)}。` : "统计尚未生成，请稍候刷新。"}
      </p>
      <form role="search" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4">
        <FilterSelect name="severity" label="严重程度" allLabel="全部严重程度" options={options(QUALITY_SEVERITY)} value={filter.severity} />
        <FilterSelect name="level" label="检查层级" allLabel="全部层级" options={options(QUALITY_LEVEL)} value={filter.level} />
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="open" value="1" defaultChecked={filter.open === "1"} className="h-5 w-5" />
          只看有疑点的规则
        </label>
        <button className="min-h-11 rounded-md bg-slate-800 px-4 text-white">查询</button>
      </form>
      {page.rows.length === 0 ? (
        <EmptyState>没有符合条件的规则</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="疑点数据规则">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">编号</th>
                <th className="px-3 py-2">规则</th>
                <th className="hidden px-3 py-2 sm:table-cell">严重程度</th>
                <th className="hidden px-3 py-2 sm:table-cell">层级</th>
                <th className="px-3 py-2 text-right">待处理</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((rule) => (
                <tr key={rule.code} className="border-t border-slate-100 align-top" data-rule={rule.code}>
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{rule.code}</td>
                  <td className="px-3 py-2 sm:min-w-56">
                    <div className="font-medium">
                      <span className="sm:hidden">
                        <SeverityBadge severity={rule.severity} />{" "}
                      </span>
                      {rule.title}
                      <span className="text-xs font-normal text-slate-500 sm:hidden">（{QUALITY_LEVEL[rule.level]}）</span>
                    </div>
                    <div className="text-xs text-slate-500">{rule.explanation}</div>
                    <div className="text-xs text-slate-600">检查：{rule.fields.join("、")}</div>
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">
                    <SeverityBadge severity={rule.severity} />
                  </td>
                  <td className="hidden whitespace-nowrap px-3 py-2 sm:table-cell">{QUALITY_LEVEL[rule.level]}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right" data-testid={`hits-${rule.code}`}>
                    {rule.hits > 0 ? (
                      <span className="inline-flex flex-col items-end">
                        <Link href={`/quality?rule=${rule.code}`} className="inline-flex min-h-11 items-center text-brand-700 hover:underline">
                          {rule.hits} 条
                        </Link>
                        <Link href={`/households?quality=${rule.code}`} className="inline-flex min-h-11 items-center text-xs text-brand-700 hover:underline">
                          {rule.households} 户
                        </Link>
                      </span>
                    ) : (
                      <span className="text-slate-600">0</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        total={page.total}
        params={{ severity: filter.severity, level: filter.level, open: filter.open }}
      />
    </div>
  );
}
