import type { Metadata } from "next";
import Link from "next/link";
import { HitMark } from "@/components/quality/hit-mark";
import { SeverityBadge } from "@/components/quality/severity-badge";
import { HouseholdNoLink, RowDetail } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect, RegionFilters } from "@/components/ui/filter-select";
import { Pagination } from "@/components/ui/pagination";
import { requirePage } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import { QUALITY_RULES } from "@/lib/data-quality/catalogue";
import { QUALITY_SEVERITY } from "@/lib/data-quality/define";
import { findQualityHits } from "@/lib/data-quality/queries";
import { ZHitFilter } from "@/lib/data-quality/schema";
import { formatDateTime } from "@/lib/dates";
import { env } from "@/lib/env";
import { ZPageParams } from "@/lib/pagination";
import { listRegionsInScope } from "@/lib/regions/queries";
import { verifyQualityHitAction, withdrawQualityMarkAction } from "./actions";

export const metadata: Metadata = { title: "疑点清单" };

const RULE_OPTIONS = QUALITY_RULES.map((rule) => ({ value: rule.code, label: `${rule.code} ${rule.title}` }));
const SEVERITY_OPTIONS = Object.entries(QUALITY_SEVERITY).map(([value, label]) => ({ value, label }));
const STATUS_OPTIONS = [{ value: "verified", label: "已核实无误" }];

export default async function QualityHitsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePage("quality.read");
  const params = await searchParams;
  const filter = ZHitFilter.parse(params);
  const paging = ZPageParams.parse(params);
  const [{ page, regions, regionLevel, refreshedAt }, regionTree] = await Promise.all([findQualityHits(actor, filter, paging), listRegionsInScope(actor)]);
  const keep = { severity: filter.severity, rule: filter.rule, township: filter.township, village: filter.village, status: filter.status };
  const canVerify = can(actor, "quality.verify");
  const maxMegabytes = Math.floor(env().ATTACHMENT_MAX_BYTES / 1024 / 1024);
  const verified = filter.status === "verified";
  const drill = (code: string) => {
    const query = new URLSearchParams(
      Object.entries({ ...keep, ...(regionLevel === "VILLAGE" ? { village: code } : { township: code, village: undefined }) }).filter(
        (entry): entry is [string, string] => Boolean(entry[1]),
      ),
    );
    return `/quality?${query.toString()}`;
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">疑点清单</h1>
        <div className="flex flex-wrap gap-2">
          <a
            href={`/api/exports/quality?${new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")).toString()}`}
            className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:border-brand-600"
            data-testid="quality-export"
          >
            导出 Excel
          </a>
          <Link href="/quality/rules" className="flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm hover:border-brand-600">
            规则目录
          </Link>
        </div>
      </div>
      <p className="text-sm text-slate-600">
        本辖区户档中按疑点数据规则发现的问题。点户编号进入户档修改，数据改正后疑点在下一次统计更新时自动消除。
        “疑点”经核实确实无误的，可标为“已核实无误”（写明理由，可附佐证材料）：它不再计入待处理疑点，所读取的数据一旦变化即自动重新打开。
        {refreshedAt ? `数据截至 ${formatDateTime(refreshedAt)}。` : ""}
      </p>
      <form role="search" className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5">
        <RegionFilters regions={regionTree} township={filter.township} village={filter.village} />
        <FilterSelect name="rule" label="规则" allLabel="全部规则" options={RULE_OPTIONS} value={filter.rule} />
        <FilterSelect name="severity" label="严重程度" allLabel="全部严重程度" options={SEVERITY_OPTIONS} value={filter.severity} />
        <FilterSelect name="status" label="处理状态" allLabel="待处理" options={STATUS_OPTIONS} value={filter.status} />
        <button className="min-h-11 rounded-md bg-slate-800 px-4 text-white">查询</button>
      </form>
      {filter.rule && page.total > 0 ? (
        <p className="text-sm">
          <Link
            href={`/households?${new URLSearchParams(Object.entries({ quality: filter.rule, township: filter.township, village: filter.village }).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString()}`}
            className="inline-flex min-h-11 items-center text-brand-700 hover:underline"
          >
            在户档管理中查看这些户
          </Link>
        </p>
      ) : null}
      {regions.length > 0 ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label={regionLevel === "VILLAGE" ? "各村疑点数" : "各乡镇疑点数"}>
          <h2 className="mb-2 font-medium">
            {regionLevel === "VILLAGE" ? "各村" : "各乡镇"}
            {verified ? "已核实无误的疑点数" : "待处理疑点数"}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {regions.map((region) => (
              <li key={region.code}>
                <Link href={drill(region.code)} className="inline-flex min-h-11 items-center rounded border border-slate-200 px-3 hover:border-brand-600">
                  {region.name} <strong className="ml-1">{region.hits}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {page.rows.length === 0 ? (
        <EmptyState>{verified ? "没有符合条件的已核实无误疑点" : "没有符合条件的待处理疑点"}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="疑点清单">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">户</th>
                <th className="col-secondary px-3 py-2">乡镇 / 村</th>
                <th className="col-secondary px-3 py-2">规则</th>
                <th className="px-3 py-2">问题</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-1">
                    <HouseholdNoLink id={row.householdId} householdNo={row.householdNo} />
                    <div className="cell-name">户主 {row.headName ?? "—"}</div>
                    <RowDetail items={[row.villageName]} />
                  </td>
                  <td className="col-secondary cell-name px-3 py-2">
                    {row.townshipName} / {row.villageName}
                  </td>
                  <td className="col-secondary min-w-40 px-3 py-2">
                    <SeverityBadge severity={row.severity} /> <span className="font-mono text-xs">{row.ruleCode}</span>
                    <div className="text-xs text-slate-500">{row.ruleTitle}</div>
                  </td>
                  <td className="px-3 py-2 sm:min-w-56">
                    <div className="mb-1 sm:hidden">
                      <SeverityBadge severity={row.severity} /> <span className="font-mono text-xs">{row.ruleCode}</span>{" "}
                      <span className="text-xs text-slate-500">{row.ruleTitle}</span>
                    </div>
                    {row.message}
                    {row.memberName ? <div className="text-xs text-slate-500">成员：{row.memberName}</div> : null}
                    <HitMark
                      target={{ householdId: row.householdId, ruleCode: row.ruleCode, memberId: row.memberId, field: row.field }}
                      severity={row.severity}
                      mark={row.mark}
                      canVerify={canVerify}
                      maxMegabytes={maxMegabytes}
                      verifyAction={verifyQualityHitAction}
                      withdrawAction={withdrawQualityMarkAction}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} totalIsAtLeast={page.totalIsAtLeast} params={keep} />
    </div>
  );
}
