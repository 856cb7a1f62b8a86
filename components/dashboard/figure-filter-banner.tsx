import Link from "next/link";
import { formatTimeOfDay } from "@/lib/dates";
import type { FigureFilter } from "@/lib/dashboard/view";

/**
 * Shown above a list opened from a dashboard figure: what the figure counted, how many, and on
 * which snapshot. The hidden fields keep the figure when the user narrows the list further;
 * `keep` (the list's other filters) makes the link that drops it.
 */
export function FigureFilterBanner({
  filter,
  total,
  unit,
  path,
  keep,
}: {
  filter: FigureFilter;
  total: number;
  unit: string;
  path: string;
  keep: Record<string, string | undefined>;
}) {
  const others = Object.entries(keep).filter((entry): entry is [string, string] => entry[0] !== "figure" && entry[0] !== "fy" && Boolean(entry[1]));
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="figure-filter" role="status">
      <p>
        来自挂图作战：<strong>{filter.caption}</strong>，共 <strong data-testid="figure-filter-total">{total.toLocaleString("zh-CN")}</strong> {unit}
        {filter.refreshedAt ? <span className="text-slate-600">（按 {formatTimeOfDay(filter.refreshedAt)} 汇总的统计口径）</span> : null}
      </p>
      <p className="mt-1 flex flex-wrap gap-3">
        <Link href="/dashboard" className="text-brand-700 hover:underline">
          返回挂图作战
        </Link>
        <Link href={`${path}?${new URLSearchParams(others).toString()}`} className="text-brand-700 hover:underline">
          去掉此统计条件
        </Link>
      </p>
      <input type="hidden" name="figure" value={filter.figure} form="list-filter" />
      <input type="hidden" name="fy" value={filter.year} form="list-filter" />
    </div>
  );
}
