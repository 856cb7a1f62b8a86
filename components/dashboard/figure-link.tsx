import Link from "next/link";
import { formatCount } from "@/lib/dashboard/rules";

/** A figure of the dashboard: always a link to the list of what it counted ("数据能追到户"). */
export function FigureLink({ href, value, unit, label, className = "" }: { href: string; value: number; unit?: string; label?: string; className?: string }) {
  return (
    <Link
      href={href}
      // A dashboard holds a hundred of these: prefetching every list behind them would load the server for nothing.
      prefetch={false}
      className={`tabular-nums text-brand-700 underline decoration-brand-100 underline-offset-4 hover:decoration-brand-600 print:text-slate-900 print:no-underline ${className}`}
      aria-label={label ? `${label}：${value}${unit ?? ""}，查看清单` : undefined}
    >
      {formatCount(value)}
      {unit ? <span className="ml-0.5 text-xs font-normal text-slate-500">{unit}</span> : null}
    </Link>
  );
}
