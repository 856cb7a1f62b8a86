import Link from "next/link";
import type { FormState } from "@/lib/action-result";
import type { HouseholdHitRow } from "@/lib/data-quality/queries";
import { HitMark } from "./hit-mark";
import { SeverityBadge } from "./severity-badge";

type Action = (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>;

/** The household page's 疑点数据: the household's open hits (with 标为已核实无误 on each 疑点), then those already verified. */
export function HouseholdQualityPanel({
  householdId,
  rows,
  canVerify,
  maxMegabytes,
  verifyAction,
  withdrawAction,
}: {
  householdId: string;
  rows: HouseholdHitRow[];
  canVerify: boolean;
  maxMegabytes: number;
  verifyAction: Action;
  withdrawAction: Action;
}) {
  const open = rows.filter((row) => !row.mark).length;
  const verified = rows.length - open;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="household-quality-title" data-testid="household-quality">
      <details open={open > 0 && open <= 5}>
        <summary className="flex min-h-11 cursor-pointer items-center justify-between gap-2">
          <h2 id="household-quality-title" className="font-semibold">
            疑点数据
          </h2>
          <span className="text-sm text-slate-600">{rows.length === 0 ? "无" : `待处理 ${open} 条${verified ? `，已核实无误 ${verified} 条` : ""}`}</span>
        </summary>
        {rows.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">按疑点数据规则检查，本户没有发现问题。</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {rows.map((row) => (
              <li key={`${row.ruleCode}-${row.memberId ?? "h"}-${row.field}`} className="py-2" data-testid="household-quality-row">
                <div className="flex flex-wrap items-center gap-2">
                  <SeverityBadge severity={row.severity} />
                  <Link href={`/quality?rule=${row.ruleCode}`} className="font-mono text-xs text-brand-700 hover:underline">
                    {row.ruleCode}
                  </Link>
                  <span className="text-slate-600">{row.ruleTitle}</span>
                </div>
                <p className="mt-1">{row.message}</p>
                <HitMark
                  target={{ householdId, ruleCode: row.ruleCode, memberId: row.memberId, field: row.field }}
                  severity={row.severity}
                  mark={row.mark}
                  canVerify={canVerify}
                  maxMegabytes={maxMegabytes}
                  verifyAction={verifyAction}
                  withdrawAction={withdrawAction}
                />
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
