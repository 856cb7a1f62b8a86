import Link from "next/link";
import { formatTimeOfDay } from "@/lib/dates";

/**
 * Shown above a list opened from a dashboard figure: what the figure counted, how many, and on
 * which snapshot. The hidden fields keep the figure when the user narrows the list further.
 */
export function FigureFilterBanner({
  caption,
  total,
  unit,
  refreshedAt,
  figure,
  year,
  clearHref,
}: {
  caption: string;
  total: number;
  unit: string;
  refreshedAt: Date | null;
  figure: string;
  year: number;
  clearHref: string;
}) {
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm" data-testid="figure-filter" role="status">
      <p>
        来自挂图作战：<strong>{caption}</strong>，共 <strong data-testid="figure-filter-total">{total.toLocaleString("zh-CN")}</strong> {unit}
        {refreshedAt ? <span className="text-slate-600">（按 {formatTimeOfDay(refreshedAt)} 汇总的统计口径）</span> : null}
      </p>
      <p className="mt-1 flex flex-wrap gap-3">
        <Link href="/dashboard" className="text-brand-700 hover:underline">
          返回挂图作战
        </Link>
        <Link href={clearHref} className="text-brand-700 hover:underline">
          去掉此统计条件
        </Link>
      </p>
      <input type="hidden" name="figure" value={figure} form="list-filter" />
      <input type="hidden" name="fy" value={year} form="list-filter" />
    </div>
  );
}
