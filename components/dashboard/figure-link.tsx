import { formatCount } from "@/lib/dashboard/rules";

/**
 * A figure of the dashboard: always a link to the list of what it counted ("数据能追到户").
 * A plain anchor, not next/link: a dashboard holds some four hundred of them, and as client
 * components each would add to the page's payload and to the phone's hydration work, for a
 * navigation that loads a whole new list anyway (bench/RESULTS.md).
 */
export function FigureLink({ href, value, unit, label, className = "" }: { href: string; value: number; unit?: string; label?: string; className?: string }) {
  return (
    <a href={href} className={className ? `fig-link ${className}` : "fig-link"} aria-label={label ? `${label}：${value}${unit ?? ""}，查看清单` : undefined}>
      {formatCount(value)}
      {unit ? <span className="ml-0.5 text-xs font-normal text-slate-500">{unit}</span> : null}
    </a>
  );
}
