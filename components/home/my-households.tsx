import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { HouseholdNoLink, RowDetail } from "@/components/ui/table";
import { HOUSEHOLD_STATUS, POVERTY_CAUSE, type HouseholdStatus, type PovertyCause } from "@/lib/domain/codes";
import type { MyHouseholds } from "@/lib/home/my-households";

/** 我的帮扶户: the helper's households, each with what is due on it. */
export function MyHouseholdsSection({ data }: { data: MyHouseholds }) {
  const { page, totals, visitOverdueDays } = data;
  return (
    <section className="space-y-3" aria-labelledby="my-households-title">
      <h2 id="my-households-title" className="text-base font-semibold text-slate-800">
        我的帮扶户
      </h2>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="my-totals">
        <Total label="帮扶户" value={totals.households} unit="户" />
        <Total label={`超过 ${visitOverdueDays} 天未走访`} value={totals.visitsOverdue} unit="户" href="/visits/overdue" alert />
        <Total label="致贫原因未覆盖" value={totals.uncovered} unit="户" href="/measures/uncovered" alert />
        <Total label="退出核验待我办理" value={totals.exitSteps} unit="份" href="/exits" alert />
      </ul>
      {page.rows.length === 0 ? (
        <EmptyState>您目前没有帮扶户</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="我的帮扶户">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">户编号</th>
                <th className="px-3 py-2">户主</th>
                <th className="col-secondary px-3 py-2">村</th>
                <th className="col-secondary px-3 py-2">最近走访</th>
                <th className="px-3 py-2">待办</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="my-household">
                  <td className="px-3 py-1">
                    <HouseholdNoLink id={row.id} householdNo={row.householdNo} />
                    <RowDetail items={[row.villageName, row.lastVisit ? `走访 ${row.lastVisit}` : "从未走访"]} />
                  </td>
                  <td className="cell-name px-3 py-2">
                    {row.headName ?? "（无户主）"}
                    <div className="mt-1">
                      <span className="badge bg-slate-100 text-slate-700">{HOUSEHOLD_STATUS.label(row.status as HouseholdStatus)}</span>
                    </div>
                  </td>
                  <td className="col-secondary cell-name px-3 py-2">{row.villageName}</td>
                  <td className="col-secondary cell-name px-3 py-2">{row.lastVisit ? `${row.lastVisit}（${row.daysSinceVisit} 天前）` : "从未走访"}</td>
                  <td className="px-3 py-2">
                    <DueList row={row} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} params={{}} />
    </section>
  );
}

function Total({ label, value, unit, href, alert }: { label: string; value: number; unit: string; href?: string; alert?: boolean }) {
  const body = (
    <>
      <span className="block text-xs text-slate-600">{label}</span>
      <span className={`text-xl font-semibold tabular-nums ${alert && value > 0 ? "text-red-700" : "text-slate-900"}`}>{value}</span>
      <span className="ml-1 text-sm text-slate-600">{unit}</span>
    </>
  );
  return (
    <li>
      {href ? (
        <Link href={href} className="block min-h-11 rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600">
          {body}
        </Link>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">{body}</div>
      )}
    </li>
  );
}

function DueList({ row }: { row: MyHouseholds["page"]["rows"][number] }) {
  const items: React.ReactNode[] = [];
  if (row.visitOverdue) items.push(<span className="badge bg-red-50 text-red-800">走访超期</span>);
  if (row.measuresToReport > 0)
    items.push(
      <Link href={`/households/${row.id}#coverage-title`} className="badge bg-amber-50 text-amber-900 underline-offset-2 hover:underline">
        {row.measuresToReport} 项措施待报进展
      </Link>,
    );
  if (row.uncoveredCauses.length > 0)
    items.push(
      <span className="badge bg-amber-50 text-amber-900" title="致贫原因尚无对应措施">
        未覆盖：{row.uncoveredCauses.map((cause) => POVERTY_CAUSE.label(cause as PovertyCause)).join("、")}
      </span>,
    );
  if (row.exit)
    items.push(
      <Link href={`/exits/${row.exit.sheetId}`} className="badge bg-brand-50 text-brand-800 underline-offset-2 hover:underline">
        {row.exit.label}
      </Link>,
    );
  if (items.length === 0) return <span className="text-slate-600">暂无</span>;
  return (
    <ul className="flex flex-wrap gap-1" data-testid="due">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}
