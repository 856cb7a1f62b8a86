import type { Verdict } from "@/lib/inspections/rates";

const TONE: Record<Verdict, string> = {
  达标: "bg-green-50 text-green-800 border-green-200",
  不达标: "bg-red-50 text-red-700 border-red-200",
  无样本: "bg-slate-100 text-slate-600 border-slate-200",
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${TONE[verdict]}`}>{verdict}</span>;
}
